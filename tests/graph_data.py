"""Shared readers for the graph tests: the source document and the committed graph/ files, loaded once."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from api.model import Term
from api.stats import graph_terms

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("shared") / "seeds" / "000_b282f04b1cfac299.txt"
# The source document lives in shared/ beside the checkout (CI gets a copy there too); a git worktree
# one level further down finds it one level up.
SOURCE = next((p / SEED for p in (ROOT.parent, ROOT.parent.parent) if (p / SEED).is_file()), ROOT.parent / SEED)


def norm_text(s: str) -> str:
    """NFC, NBSP → space, runs of spaces → one: how attestation sentences are stored."""
    return re.sub(r" +", " ", unicodedata.normalize("NFC", s).replace("\xa0", " ")).strip()


def norm_ko(s: str) -> str:
    """Korean form for matching: :func:`norm_text`, then spaces and quotes ignored."""
    return re.sub(r"[\s'\"‘’“”]", "", norm_text(s))


@lru_cache(maxsize=1)
def source_lines() -> tuple[str, ...]:
    """The source document, line by line, normalised with :func:`norm_text`."""
    return tuple(norm_text(line) for line in SOURCE.read_text(encoding="utf-8").split("\n"))


@lru_cache(maxsize=1)
def graph() -> Graph:
    """Every graph/*.ttl file in one rdflib graph."""
    g = Graph()
    for path in sorted((ROOT / "graph").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    """Every term of the committed graph."""
    return tuple(graph_terms(graph()))
