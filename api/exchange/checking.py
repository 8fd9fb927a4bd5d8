"""Validation of an import draft before ``--apply``: the editors' in-context validation.

An import both adds new terms and replaces existing ones (matched by Chinese form),
so the draft is validated with ``replace=True``: a slug that the draft itself
rewrites is not "taken". Rules live in ``shapes/``, never here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph

from api.settings import Settings
from api.store import TermStore
from api.validation import validate_addition


@dataclass
class DraftCheck:
    """Whether the draft may be applied, and the findings to show the editor."""

    conforms: bool
    findings: list[str] = field(default_factory=list)
    how: str = ""


def check_draft(store: TermStore, draft: Graph, settings: Settings) -> DraftCheck:
    """Validate ``draft`` (new and changed terms) in the context of ``store``."""
    report = validate_addition(store, draft, replace=True, shapes_dir=settings.shapes_dir)
    return DraftCheck(report.conforms, [str(f) for f in report.findings],
                      "api.validation.validate_addition (in context, replacing matched terms)")
