"""Validation of an import draft before ``--apply``: the editors' in-context validation when it is there.

``api.validation.validate_addition(store, graph)`` (editors issue) checks a draft
against the current graph. Until that module is on main, the draft alone is run
through pySHACL with the shapes in ``shapes/`` — rules live in the shapes, never here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from rdflib import Graph

from api.settings import Settings
from api.store import TermStore


@dataclass
class DraftCheck:
    """Whether the draft may be applied, and the findings to show the editor."""

    conforms: bool
    findings: list[str] = field(default_factory=list)
    how: str = ""


def check_draft(store: TermStore, draft: Graph, settings: Settings) -> DraftCheck:
    """Validate ``draft`` (new and changed terms) the strongest way available."""
    try:
        validation = importlib.import_module("api.validation")
    except ModuleNotFoundError:
        validation = None
    if validation is not None and hasattr(validation, "validate_addition"):
        report = validation.validate_addition(store, draft)
        findings = [str(r) for r in getattr(report, "results", [])] or ([] if report.conforms else [str(report)])
        return DraftCheck(bool(report.conforms), findings, "api.validation.validate_addition (in context)")
    shapes = sorted(settings.shapes_dir.glob("*.ttl"))
    if not shapes:
        return DraftCheck(True, ["no SHACL shapes in shapes/ yet: the draft was only parsed"], "none available")
    import pyshacl

    sg = Graph()
    for path in shapes:
        sg.parse(path, format="turtle")
    conforms, _g, text = pyshacl.validate(draft, shacl_graph=sg, inference="none", allow_warnings=True)
    return DraftCheck(bool(conforms), [] if conforms else [str(text)], "pySHACL on the draft alone")
