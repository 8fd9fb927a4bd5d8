"""The files a store is built from, their content hash, and their quads (parsed by Oxigraph's own parser).

Both stores build from the same quads: ontology files into ``{base}graph/ontology``,
graph files into ``{base}graph/terms``; IRIs under the default base are rewritten to
the configured one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from api.settings import Settings
from api.store import ONTOLOGY_GRAPH, TERMS_GRAPH
from api.vocab import DEFAULT_BASE


def source_files(settings: Settings) -> list[tuple[Path, str]]:
    """``(file, named graph)`` for every Turtle file: the ontology first, then the graph."""
    onto = [(p, ONTOLOGY_GRAPH) for p in sorted(settings.ontology_dir.glob("*.ttl"))]
    data = [(p, TERMS_GRAPH) for p in sorted(settings.graph_dir.glob("*.ttl"))]
    return onto + data


def content_hash(files: Iterable[tuple[Path, str]], base: str) -> str:
    """SHA-256 of the base URI and every source file's graph, name and bytes (the rebuild trigger)."""
    h = hashlib.sha256(base.encode())
    for path, graph in files:
        h.update(graph.encode() + b"\0" + path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


FINGERPRINT_FILE = "sources.json"


def fingerprint(files: Iterable[tuple[Path, str]], base: str) -> list[object]:
    """What the files look like on disk: graph, path, size, inode and modification/change times (ns).

    Any write changes the change time (which no tool sets back) and an atomic replace changes the inode,
    so equal fingerprints mean unchanged files without reading them.
    """
    out: list[object] = [base]
    for path, graph in files:
        st = path.stat()
        out.append([graph, str(path.resolve()), st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns])
    return out


def source_hash(files: list[tuple[Path, str]], base: str, data_dir: Path) -> str:
    """:func:`content_hash` of ``files``, read from ``data_dir`` when their :func:`fingerprint` is unchanged.

    Hashing every source file (622 MB at 100k terms) took most of a restart; the hash is kept beside
    the fingerprint it was computed for and recomputed only when the fingerprint differs.
    """
    kept_file = data_dir / FINGERPRINT_FILE
    current = fingerprint(files, base)
    try:
        kept = json.loads(kept_file.read_text(encoding="utf-8"))
        if kept["fingerprint"] == current:
            return str(kept["hash"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no or unreadable record: hash the files
    digest = content_hash(files, base)
    if fingerprint(files, base) == current:  # not changed while being read
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = kept_file.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps({"fingerprint": current, "hash": digest}), encoding="utf-8")
        os.replace(tmp, kept_file)
    return digest


ONTOLOGY_NS = "https://w3id.org/tifa/ontology"  # the vocabulary keeps its IRIs whatever the data's base


def rebase_term(term: object, base: str, default_base: str = DEFAULT_BASE) -> object:
    """A NamedNode under ``default_base`` moved under ``base`` (ontology IRIs excepted); other terms unchanged."""
    if (isinstance(term, ox.NamedNode) and term.value.startswith(default_base)
            and not term.value.startswith(ONTOLOGY_NS)):
        return ox.NamedNode(base + term.value[len(default_base):])
    return term


def file_quads(path: Path, graph: ox.NamedNode, base: str) -> Iterator[ox.Quad]:
    """The triples of one Turtle file as quads in ``graph``, rebased; SyntaxError names the file and line."""
    try:
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            if base == DEFAULT_BASE:
                yield ox.Quad(t.subject, t.predicate, t.object, graph)
            else:
                yield ox.Quad(rebase_term(t.subject, base), rebase_term(t.predicate, base),  # type: ignore[arg-type]
                              rebase_term(t.object, base), graph)  # type: ignore[arg-type]
    except SyntaxError as exc:
        raise SyntaxError(f"{path}: {exc}") from exc


def source_quads(settings: Settings, base: str) -> Iterator[ox.Quad]:
    """Every quad the store is built from."""
    for path, graph in source_files(settings):
        yield from file_quads(path, ox.NamedNode(base + graph), base)
