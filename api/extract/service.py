"""Extraction against the store: the graph's forms (cached per store version), candidates and drafts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from api.extract.candidate import Candidate
from api.extract.draft import Draft, draft_terms
from api.extract.known import KnownTerms
from api.extract.pipeline import extract
from api.settings import Settings
from api.store import TermStore


def known_terms(store: TermStore, settings: Settings) -> KnownTerms:
    """The known-or-new decision over the store's lookup index (loaded from the data folder, or built and kept)."""
    from api.lookup.store_index import load_or_build
    from api.queries import load_queries

    return KnownTerms(load_or_build(store, settings, load_queries(settings.queries_dir)))


def source_id(name: str) -> str:
    """A source id for attestations from a file name (``report-2024.txt`` → ``report-2024``)."""
    stem = Path(name).stem.lower()
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "text"


@dataclass
class Extraction:
    """What one text gave: its candidates and the drafts of the new ones."""

    source: str
    candidates: list[Candidate] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)


def extract_texts(texts: list[tuple[str, str]], known: KnownTerms) -> list[Extraction]:
    """Candidates and drafts for each ``(name, text)``; draft slugs are unique across all of them."""
    taken = set(known.slugs)
    out = []
    for name, text in texts:
        source = source_id(name)
        cands = extract(text, known)
        out.append(Extraction(source, cands, draft_terms(cands, taken, source)))
    return out
