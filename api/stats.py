"""Counts that describe the graph (``tifa stats``): terms, numbered formulations, labels, provenance."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph

from api.model import Term, from_graph, term_iris
from api.vocab import DEFAULT_BASE, HANS


@dataclass
class GraphStats:
    """What ``tifa stats`` prints."""

    terms: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    numbered: int = 0  # terms with at least one numeral group
    non_enumerative: int = 0
    components: int = 0  # distinct terms that are a component of some numbered formulation
    labels: Counter[str] = field(default_factory=Counter)  # language tag -> SKOS-XL labels
    derived: int = 0  # labels with origin derived (tifa enrich)
    reviewed: int = 0  # of those, reviewed exceptions that enrich never overwrites
    attestations: int = 0
    chinese: Counter[str] = field(default_factory=Counter)  # "source" | "editor/<confidence>" | "none"
    warnings: int | None = None  # SHACL Warnings, None until validation is available

    def chinese_share(self) -> dict[str, float]:
        """Share of terms per provenance of the Chinese original (``chinese`` keys), in percent."""
        total = sum(self.chinese.values()) or 1
        return {k: 100.0 * v / total for k, v in sorted(self.chinese.items())}


def _chinese_key(term: Term) -> str:
    label = term.pref_label(HANS)
    if label is None:
        return "none"
    if label.origin == "editor":
        return f"editor/{label.confidence or 'unstated'}"
    return label.origin or "unstated"


def collect(terms: list[Term]) -> GraphStats:
    """Count ``terms``."""
    st = GraphStats(terms=len(terms))
    components: set[str] = set()
    for term in terms:
        st.by_kind[term.kind] += 1
        if term.groups:
            st.numbered += 1
            components.update(term.component_slugs)
        if term.enumerative is False:
            st.non_enumerative += 1
        st.labels.update(lb.lang for lb in term.labels)
        st.derived += sum(lb.origin == "derived" for lb in term.labels)
        st.reviewed += sum(lb.origin == "derived" and lb.reviewed for lb in term.labels)
        st.attestations += len(term.attestations)
        st.chinese[_chinese_key(term)] += 1
    st.components = len(components)
    return st


def graph_terms(g: Graph, base: str = DEFAULT_BASE) -> list[Term]:
    """Every term of ``g`` as a :class:`~api.model.Term`."""
    return [from_graph(g, iri, base) for iri in term_iris(g)]


def render(st: GraphStats) -> str:
    """The human-readable report."""
    lines = [
        f"terms                  {st.terms}",
        *(f"  {kind:<20} {n}" for kind, n in sorted(st.by_kind.items())),
        f"numbered formulations  {st.numbered}",
        f"components             {st.components}",
        f"non-enumerative        {st.non_enumerative}",
        f"labels                 {sum(st.labels.values())}",
        *(f"  {lang:<20} {n}" for lang, n in sorted(st.labels.items())),
        f"  derived              {st.derived} (reviewed exceptions: {st.reviewed})",
        f"attestations           {st.attestations}",
        "Chinese original (zh-Hans preferred label)",
        *(f"  {k:<20} {st.chinese[k]:>5}  {share:5.1f}%" for k, share in st.chinese_share().items()),
        f"Warnings               {'n/a' if st.warnings is None else st.warnings}",
    ]
    return "\n".join(lines) + "\n"
