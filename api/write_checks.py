"""Validation of a write in the context of the current graph: the one call the write path makes.

The rules are those of ``shapes/``, applied by :func:`api.validation.validate_addition` to the
proposed description and its neighbourhood in the store; nothing here restates a rule.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from api.queries import parse_query_file
from api.store import TermStore
from api.term_state import WRITES_DIR
from api.validation import validate_addition
from api.validation_report import Finding, Report


def check_write(store: TermStore, iri: URIRef, description: Graph, replace: bool) -> Report:
    """Validate the new ``description`` of the term ``iri`` against the store as it is now.

    ``replace`` says the term exists and this description takes the place of its current one (so its own
    slug and labels are not "taken"). Call it inside the write lock, so the state it checks against is the
    state the write lands on.
    """
    return validate_addition(store, description, replace=replace)


def violations(report: Report) -> list[Finding]:
    """The findings that block a write."""
    return [f for f in report.findings if f.severity == "Violation"]


def warnings(report: Report) -> list[Finding]:
    """The findings a write reports but that do not block it."""
    return [f for f in report.findings if f.severity == "Warning"]


@lru_cache(maxsize=8)
def _query(queries_dir: Path, name: str) -> str:
    return parse_query_file(queries_dir / WRITES_DIR / f"{name}.rq").text


def existing_terms(store: TermStore, queries_dir: Path, iris: list[URIRef]) -> set[URIRef]:
    """Which of ``iris`` are terms of the store (one query)."""
    return {row["t"] for row in store.select(_query(queries_dir, "existing_terms"), {"t": iris})}  # type: ignore[misc]
