"""The rules of ``shapes/``: loaded once, described as plain data (id, severity, messages, how each is checked).

A rule is a SHACL shape named ``tifa-sh:Rule-<id>-<what>``. It is checked by one of
three mechanisms, read off the shape itself:

- ``core``: SHACL Core constraints, run by pySHACL;
- ``sparql``: SHACL-SPARQL constraints (``sh:sparql``), run by :mod:`api.shacl_sparql` on Oxigraph;
- ``python``: a ``tifa-sh:PythonRule``, run by :mod:`api.rules_python` under the same rule id.

The README's rule table is generated from here (:func:`rules_table`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef

from api.settings import PROJECT_ROOT
from api.vocab import RDF, SH

TIFA_SH = Namespace("https://w3id.org/tifa/shapes#")
SHAPES_GRAPH_IRI = URIRef("https://w3id.org/tifa/shapes")
DEFAULT_SHAPES_DIR = PROJECT_ROOT / "shapes"
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Rule:
    """One rule (a shape or a Python rule) as the report and the README show it."""

    iri: URIRef
    id: str  # "L01"
    name: str  # "ko-prefLabel-exactly-one"
    severity: str  # "Violation" | "Warning" | "Info"
    message_ko: str
    message_en: str
    mechanism: str  # "core" | "sparql" | "python"
    targets: tuple[str, ...]  # compact target descriptions, e.g. ("tifa:Term",)
    context_only: bool = False


@dataclass(frozen=True)
class Shapes:
    """The shapes graph and its rules by IRI."""

    graph: Graph
    rules: dict[URIRef, Rule]

    def by_mechanism(self, mechanism: str) -> list[Rule]:
        """The rules checked by ``mechanism``, sorted by id."""
        return sorted((r for r in self.rules.values() if r.mechanism == mechanism), key=lambda r: r.id)


def _message(g: Graph, node: URIRef, lang: str) -> str:
    for msg in g.objects(node, SH.message):
        if isinstance(msg, Literal) and (msg.language or "").lower() == lang:
            return str(msg)
    return ""


def _compact(g: Graph, iri: object) -> str:
    try:
        return g.namespace_manager.normalizeUri(iri)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - a target that has no prefix is shown whole
        return str(iri)


def _targets(g: Graph, node: URIRef) -> tuple[str, ...]:
    out = [_compact(g, c) for c in g.objects(node, SH.targetClass)]
    out += [_compact(g, c) for c in g.objects(node, TIFA_SH.target)]
    out += [f"objects of {_compact(g, p)}" for p in g.objects(node, SH.targetObjectsOf)
            if not g.value(node, SH.targetClass)]
    return tuple(sorted(out))


def _rule(g: Graph, node: URIRef) -> Rule:
    local = str(node).rsplit("#", 1)[-1]
    _, rule_id, name = local.split("-", 2)
    if (node, RDF.type, TIFA_SH.PythonRule) in g:
        mechanism = "python"
    elif g.value(node, SH.sparql) is not None:
        mechanism = "sparql"
    else:
        mechanism = "core"
    return Rule(
        iri=node, id=rule_id, name=name,
        severity=SEVERITIES.get(g.value(node, SH.severity), "Violation"),  # type: ignore[arg-type]
        message_ko=_message(g, node, "ko"), message_en=_message(g, node, "en"),
        mechanism=mechanism, targets=_targets(g, node),
        context_only=bool(g.value(node, TIFA_SH.contextOnly)),
    )


def load_shapes(directory: Path = DEFAULT_SHAPES_DIR) -> Shapes:
    """Parse every ``.ttl`` under ``directory`` and describe its ``Rule-*`` shapes."""
    g = Graph()
    for path in sorted(directory.glob("*.ttl")):
        g.parse(path, format="turtle")
    rules = {node: _rule(g, node) for node in set(g.subjects())
             if isinstance(node, URIRef) and str(node).startswith(f"{TIFA_SH}Rule-")}
    return Shapes(graph=g, rules=rules)


@lru_cache(maxsize=4)
def shapes(directory: Path = DEFAULT_SHAPES_DIR) -> Shapes:
    """:func:`load_shapes`, parsed once per process."""
    return load_shapes(directory)


def rules_table(s: Shapes) -> str:
    """The README's rule table (Markdown), generated from the shapes."""
    lines = [
        "| rule | severity | applies to | checked by | message (en) | 메시지 (ko) |",
        "|---|---|---|---|---|---|",
    ]
    for r in sorted(s.rules.values(), key=lambda r: r.id):
        how = {"core": "SHACL Core", "sparql": "SHACL-SPARQL", "python": "Python"}[r.mechanism]
        if r.context_only:
            how += " (in context)"
        lines.append(f"| `{r.id}` {r.name} | {r.severity} | {', '.join(r.targets)} | {how} "
                     f"| {r.message_en.replace('|', '/')} | {r.message_ko.replace('|', '/')} |")
    return "\n".join(lines) + "\n"
