"""SHACL-SPARQL constraints (``sh:sparql``) run on Oxigraph, one query per shape.

pySHACL runs a SPARQL constraint once per focus node and re-parses the query each
time (about a minute for the 490-term graph); here each constraint runs once, with
its focus nodes bound by an escaped ``VALUES ?this`` block at the start of the
query's WHERE group — the pre-binding of ``$this`` that SHACL specifies. The
shapes keep ``$this`` at the top level of their queries (no sub-SELECT), so the two
are the same; ``tests/shapes`` checks both engines agree on every test graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from api.shapes import Rule, Shapes
from api.sparql_text import inject_values
from api.store import solutions_to_rows, to_ox
from api.validation_report import Result
from api.vocab import RDF, SH

_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")


def targets(shapes_graph: Graph, shape: URIRef, data: Graph) -> set[Node]:
    """The focus nodes of ``shape`` in ``data`` (sh:targetClass, sh:targetNode, sh:targetSubjectsOf/ObjectsOf)."""
    out: set[Node] = set()
    for cls in shapes_graph.objects(shape, SH.targetClass):
        out.update(data.subjects(RDF.type, cls))
    out.update(shapes_graph.objects(shape, SH.targetNode))
    for p in shapes_graph.objects(shape, SH.targetSubjectsOf):
        out.update(data.subjects(p, None))
    for p in shapes_graph.objects(shape, SH.targetObjectsOf):
        out.update(data.objects(None, p))
    return out


def oxigraph_store(data: Graph) -> ox.Store:
    """An in-memory Oxigraph store holding ``data`` in its default graph."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in data)  # type: ignore[arg-type]
    return store


def _prefixes(shapes_graph: Graph, constraint: Node) -> str:
    lines = []
    for holder in shapes_graph.objects(constraint, SH.prefixes):
        for decl in shapes_graph.objects(holder, SH.declare):
            prefix, ns = shapes_graph.value(decl, SH.prefix), shapes_graph.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{ns}>")
    return "\n".join(sorted(set(lines))) + "\n"


def _messages(shapes_graph: Graph, constraint: Node, rule: Rule) -> dict[str, str]:
    own = {(m.language or "").lower(): str(m) for m in shapes_graph.objects(constraint, SH.message)
           if isinstance(m, Literal)}
    return {"ko": own.get("ko", rule.message_ko), "en": own.get("en", rule.message_en)}


def _fill(template: str, row: dict[str, Node]) -> str:
    return _PLACEHOLDER.sub(lambda m: str(row.get(m.group(1), m.group(0))), template)


def run_sparql_rules(shapes: Shapes, data: Graph, focus: Iterable[Node] | None = None,
                     store: ox.Store | None = None) -> list[Result]:
    """Results of every SHACL-SPARQL rule on ``data`` (only for ``focus`` nodes when given)."""
    store = store if store is not None else oxigraph_store(data)
    wanted = set(focus) if focus is not None else None
    results: list[Result] = []
    for rule in shapes.by_mechanism("sparql"):
        nodes = targets(shapes.graph, rule.iri, data)
        if wanted is not None:
            nodes &= wanted
        if not nodes:
            continue
        for constraint in shapes.graph.objects(rule.iri, SH.sparql):
            select = str(shapes.graph.value(constraint, SH.select))
            query = _prefixes(shapes.graph, constraint) + select
            query = inject_values(query, {"this": sorted(nodes, key=str)})
            messages = _messages(shapes.graph, constraint, rule)
            for row in solutions_to_rows(store.query(query)):  # type: ignore[arg-type]
                results.append(Result(
                    shape=rule.iri, focus=row["this"], severity=rule.severity,
                    path=row.get("path"), value=row.get("value"),
                    message_ko=_fill(messages["ko"], row), message_en=_fill(messages["en"], row),
                ))
    return results

