"""Validate graphs against ``shapes/``: a whole graph (:func:`validate_graph`) or an addition in the
context of the store (:func:`validate_addition`, see :mod:`api.validation_context`).

Three mechanisms, one report: SHACL Core shapes run on pySHACL, SHACL-SPARQL shapes
on Oxigraph (:mod:`api.shacl_sparql`), Python rules in :mod:`api.rules_python`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from api.rules_python import run_python_rules
from api.shacl_sparql import run_sparql_rules
from api.shapes import DEFAULT_SHAPES_DIR, Shapes, shapes
from api.store import TermStore
from api.validation_report import Finding, Report, Result, finding
from api.vocab import SH

__all__ = ["Finding", "Report", "validate_graph", "validate_addition", "count_warnings"]


def _owner(s: Shapes, shape: Node) -> URIRef | None:
    """The rule a (possibly nested, blank) source shape belongs to."""
    if isinstance(shape, URIRef) and shape in s.rules:
        return shape
    if isinstance(shape, BNode):
        for parent in s.graph.subjects(SH.property, shape):
            return _owner(s, parent)
    return None


def run_core_rules(s: Shapes, data: Graph, focus: set[Node] | None = None) -> list[Result]:
    """Results of the SHACL Core rules (pySHACL) on ``data``, for ``focus`` nodes when given."""
    core = [r.iri for r in s.by_mechanism("core")]
    _, report, _ = pyshacl.validate(data, shacl_graph=s.graph, use_shapes=core, allow_warnings=True,
                                    allow_infos=True, advanced=False, inference="none")
    results = []
    for node in report.subjects(SH.sourceShape, None):
        rule_iri = _owner(s, report.value(node, SH.sourceShape))
        focus_node = report.value(node, SH.focusNode)
        if rule_iri is None or (focus is not None and focus_node not in focus):
            continue
        rule = s.rules[rule_iri]
        results.append(Result(shape=rule_iri, focus=focus_node, severity=rule.severity,
                              path=report.value(node, SH.resultPath), value=report.value(node, SH.value),
                              message_ko=rule.message_ko, message_en=rule.message_en))
    return results


def validate_graph(graph: Graph, *, focus: Iterable[Node] | None = None, store: TermStore | None = None,
                   shapes_dir: Path = DEFAULT_SHAPES_DIR) -> Report:
    """Validate ``graph`` against every rule; report only on ``focus`` nodes when given.

    Args:
        graph: the data graph (a whole graph, or an addition plus its context from the store).
        focus: restrict findings to these nodes (the proposed terms and their label, group and
            attestation nodes); None validates every target in ``graph``.
        store: the store, for rules that only apply in context (slug already taken).
        shapes_dir: folder of the shapes (default ``shapes/``).

    Returns:
        A :class:`Report`; ``report.conforms`` is False when any Violation was found.
    """
    s = shapes(shapes_dir)
    wanted = set(focus) if focus is not None else None
    results = run_core_rules(s, graph, wanted)
    results += run_sparql_rules(s, graph, wanted)
    results += run_python_rules(s, graph, wanted, store)
    unique = {(r.shape, r.focus, r.path, r.value, r.message_en): r for r in results}
    return Report(findings=[finding(r, graph) for r in unique.values()])


def validate_addition(store: TermStore, graph: Graph, *, replace: bool = False,
                      shapes_dir: Path = DEFAULT_SHAPES_DIR) -> Report:
    """Validate a proposed addition in the context of ``store`` (see :mod:`api.validation_context`)."""
    from api.validation_context import validate_in_context

    return validate_in_context(store, graph, replace=replace, shapes_dir=shapes_dir)


def count_warnings(paths: list[Path], settings: object = None) -> int:
    """Number of Warnings of the graph files (for ``tifa stats``)."""
    g = Graph()
    for path in paths:
        g.parse(path, format="turtle")
    return validate_graph(g).counts()["Warning"]
