"""One entry point for every export format: bytes, media type and a safe file name."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass

from api.exchange.filters import ExportFilter, select
from api.exchange.glossary import write_glossary
from api.exchange.rdf_dump import dump
from api.exchange.snapshot import Snapshot
from api.exchange.tbx_write import write_tbx


@dataclass(frozen=True)
class Format:
    """An export format: its file extension and media type."""

    ext: str
    media_type: str


FORMATS = {
    "tbx": Format("tbx", "application/x-tbx+xml"),
    "csv": Format("csv", "text/csv; charset=utf-8"),
    "tsv": Format("tsv", "text/tab-separated-values; charset=utf-8"),
    "ttl": Format("ttl", "text/turtle; charset=utf-8"),
    "nt": Format("nt", "application/n-triples"),
    "jsonld": Format("jsonld", "application/ld+json"),
    "trig": Format("trig", "application/trig"),
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Export:
    """An export ready to write or send."""

    body: bytes
    media_type: str
    filename: str


def safe_filename(stem: str, ext: str) -> str:
    """``stem.ext`` with only [A-Za-z0-9._-] (no quotes, CR/LF or slashes can reach a header or a path)."""
    clean = _UNSAFE.sub("-", stem).strip(".-")[:80] or "tifa"
    return f"{clean}.{ext}"


def export(snap: Snapshot, fmt: str, flt: ExportFilter | None = None, bom: bool = False,
           gz: bool = False, stem: str | None = None) -> Export:
    """Export the snapshot in ``fmt`` with ``flt``; ``bom`` for CSV/TSV, ``gz`` to gzip the body."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    flt = flt or ExportFilter()
    terms = select(snap.terms, flt)
    if fmt == "tbx":
        body = write_tbx(terms, snap.terms, snap.base, flt)
    elif fmt in ("csv", "tsv"):
        body = write_glossary(terms, "\t" if fmt == "tsv" else ",", bom, flt)
    else:
        body = dump(snap, fmt, None if flt.is_empty else {t.slug for t in terms})
    name = safe_filename(stem or "-".join(p for p in ("tifa", flt.name_part()) if p), FORMATS[fmt].ext)
    if gz:
        # mtime=0: the same export gives the same bytes
        return Export(gzip.compress(body, mtime=0), "application/gzip", name + ".gz")
    return Export(body, FORMATS[fmt].media_type, name)
