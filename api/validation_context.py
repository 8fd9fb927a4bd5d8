"""Validate an addition in the context of the store: only the proposed nodes and their neighbourhood.

The context graph is the addition plus what the store says about its surroundings,
fetched with named queries (``queries/validation_*.rq``) bound to the addition's
own values, so validating one term against 100,000 touches a handful of rows:

- terms that already use one of the proposed preferred labels (duplicate label, G01);
- the types of every component and linked concept (does it exist anywhere? N06, G04);
- the ``skos:broader`` chain above the proposed broader links (cycle through existing terms, G02);
- whether a proposed term IRI is already taken (G03, for additions).

Statements the store holds *about* the proposed nodes are left out of the context,
so a replacement is judged on its new content alone.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from api.queries import NamedQuery, load_queries
from api.settings import PROJECT_ROOT
from api.shapes import DEFAULT_SHAPES_DIR
from api.store import TermStore
from api.validation_report import Report
from api.vocab import DCTERMS, RDF, SKOS, TIFA

_LINKS = (SKOS.related, SKOS.broader, SKOS.narrower, DCTERMS.isReplacedBy, SKOS.member, RDF.first)


@lru_cache(maxsize=1)
def _queries() -> dict[str, NamedQuery]:
    return load_queries(PROJECT_ROOT / "queries")


def _text(name: str) -> str:
    return _queries()[name].text


def proposed_terms(addition: Graph) -> list[URIRef]:
    """The terms an addition proposes (its ``tifa:Term`` subjects)."""
    return sorted((t for t in addition.subjects(RDF.type, TIFA.Term) if isinstance(t, URIRef)), key=str)


def proposed_nodes(addition: Graph) -> set[Node]:
    """Every node the addition describes: its terms and their label, group and attestation nodes."""
    terms = proposed_terms(addition)
    prefixes = tuple(f"{t}#" for t in terms)
    nodes: set[Node] = set(terms)
    nodes.update(s for s in addition.subjects() if isinstance(s, URIRef) and str(s).startswith(prefixes))
    for t in terms:
        for p in (TIFA.numeralGroup, TIFA.attestation):
            nodes.update(addition.objects(t, p))
    return nodes


def existing_terms(store: TermStore, terms: list[URIRef]) -> set[URIRef]:
    """Those of ``terms`` that the store already holds."""
    if not terms:
        return set()
    rows = store.select(_text("validation_existing_terms"), {"term": terms})
    return {row["term"] for row in rows if isinstance(row.get("term"), URIRef)}  # type: ignore[misc]


def context_graph(store: TermStore, addition: Graph) -> Graph:
    """The addition plus the store's statements about its neighbourhood (never about the proposed nodes)."""
    own = proposed_nodes(addition)
    prefixes = tuple(f"{t}#" for t in proposed_terms(addition))
    labels = sorted({o for t in proposed_terms(addition) for o in addition.objects(t, SKOS.prefLabel)
                     if isinstance(o, Literal)}, key=str)
    linked = sorted({o for p in _LINKS for o in addition.objects(None, p)
                     if isinstance(o, URIRef) and o not in own}, key=str)
    broader = sorted({o for o in addition.objects(None, SKOS.broader) if isinstance(o, URIRef)}, key=str)
    found = Graph()
    if labels:
        found += store.construct(_text("validation_terms_with_labels"), {"label": labels})
    if linked:
        found += store.construct(_text("validation_resource_types"), {"node": linked})
    if broader:
        found += store.construct(_text("validation_broader_closure"), {"start": broader})
    ctx = Graph()
    ctx += addition
    for s, p, o in found:
        if s in own or (isinstance(s, URIRef) and str(s).startswith(prefixes)):
            continue
        ctx.add((s, p, o))
    return ctx


def validate_in_context(store: TermStore, addition: Graph, *, replace: bool = False,
                        shapes_dir: Path = DEFAULT_SHAPES_DIR) -> Report:
    """Validate ``addition`` against the shapes in the context of ``store``.

    Args:
        store: the current graph.
        addition: the proposed terms (with their labels, groups, attestations).
        replace: True when the terms replace existing ones (then a taken slug is expected, not a finding).
        shapes_dir: folder of the shapes.
    """
    from api.validation import validate_graph

    ctx = context_graph(store, addition)
    return validate_graph(ctx, focus=proposed_nodes(addition), store=None if replace else store,
                          shapes_dir=shapes_dir)
