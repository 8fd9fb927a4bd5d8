"""A bulk read of the store for exports: the terms and ontology graphs and every term in them.

One CONSTRUCT per named graph (``queries/export_named_graph.rq``) instead of one
query per term; terms are then read with :func:`api.model.from_graph`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.term import Node

from api.model import Term, from_graph, slug_of, term_iris
from api.queries import parse_query_file
from api.settings import Settings
from api.store import ONTOLOGY_GRAPH, TERMS_GRAPH, TermStore

QUERY_FILE = "export_named_graph.rq"


def named_query_text(settings: Settings, name: str) -> str:
    """The text of ``queries/<name>`` (parsed once for a syntax check)."""
    return parse_query_file(Path(settings.queries_dir) / name).text


@dataclass
class Snapshot:
    """The store's content as exports need it."""

    base: str
    terms_graph: Graph
    ontology_graph: Graph
    terms: dict[str, Term] = field(default_factory=dict)  # slug -> term, in slug order

    def by_owner(self) -> dict[str | None, Graph]:
        """The terms graph split by owning term slug (None: topics, sources and other non-term triples)."""
        owners = _owners(self.terms_graph, self.base)
        parts: dict[str | None, Graph] = {}
        for s, p, o in self.terms_graph:
            slug = owners.get(s) if isinstance(s, BNode) else slug_of(str(s), self.base)
            parts.setdefault(slug if slug in self.terms else None, Graph()).add((s, p, o))
        return parts


def _owners(g: Graph, base: str) -> dict[Node, str]:
    """Blank node -> slug of the term whose triples reach it (RDF lists of numeral groups)."""
    owners: dict[Node, str] = {}
    frontier = [(o, slug_of(str(s), base)) for s, _, o in g if isinstance(o, BNode) and isinstance(s, URIRef)]
    while frontier:
        node, slug = frontier.pop()
        if slug is None or node in owners:
            continue
        owners[node] = slug
        frontier.extend((o, slug) for o in g.objects(node, None) if isinstance(o, BNode))
    return owners


def read_named_graph(store: TermStore, settings: Settings, name: str) -> Graph:
    """Every triple of the named graph ``name`` (relative to the base, e.g. ``graph/terms``)."""
    text = named_query_text(settings, QUERY_FILE)
    return store.construct(text, {"g": URIRef(store.base + name)})


INTEGER_TYPES = {XSD.positiveInteger, XSD.nonNegativeInteger, XSD.negativeInteger, XSD.nonPositiveInteger,
                 XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort,
                 XSD.unsignedByte}


def restore_datatypes(graph: Graph, ontology: Graph) -> Graph:
    """Give back the declared integer subtype (``rdfs:range``) to literals the store returns as xsd:integer.

    Oxigraph stores ``"1"^^xsd:positiveInteger`` as ``"1"^^xsd:integer``; exports and
    ``export --canonical`` must write what ``graph/`` says.
    """
    ranges = {p: r for p, r in ontology.subject_objects(RDFS.range) if r in INTEGER_TYPES}
    for s, p, o in list(graph.triples((None, None, None))):
        if p in ranges and isinstance(o, Literal) and o.datatype == XSD.integer:
            graph.remove((s, p, o))
            graph.add((s, p, Literal(str(o), datatype=ranges[p])))
    return graph


def take_snapshot(store: TermStore, settings: Settings) -> Snapshot:
    """Read the terms and ontology graphs in bulk and every term in them."""
    ontology_graph = read_named_graph(store, settings, ONTOLOGY_GRAPH)
    terms_graph = restore_datatypes(read_named_graph(store, settings, TERMS_GRAPH), ontology_graph)
    snap = Snapshot(store.base, terms_graph, ontology_graph)
    for iri in term_iris(terms_graph):
        term = from_graph(terms_graph, iri, store.base)
        snap.terms[term.slug] = term
    return snap
