"""A term's own RDF for ``/term/{id}``: its description (``describe_term.rq``) in each RDF format.

Turtle, N-Triples and JSON-LD come from the exports' serializer (JSON-LD compacted with tifa's
published context); RDF/XML from rdflib.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Graph

from api.exchange.rdf_dump import dump
from api.exchange.snapshot import Snapshot
from api.model import term_iri
from api.queries import NamedQuery
from api.store import TermStore

#: ``?format=`` value -> media type
MEDIA_TYPES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
               "rdf": "application/rdf+xml", "html": "text/html"}
EXTENSIONS = {"ttl": "ttl", "jsonld": "jsonld", "nt": "nt", "rdf": "rdf"}


def term_graph(store: TermStore, queries: Mapping[str, NamedQuery], slug: str) -> Graph:
    """The description of the term ``slug`` (empty when there is none)."""
    return store.construct(queries["describe_term"].text, {"term": term_iri(slug, store.base)})


def serialize(graph: Graph, base: str, fmt: str) -> bytes:
    """``graph`` as ``ttl``, ``nt``, ``jsonld`` or ``rdf`` (RDF/XML)."""
    if fmt == "rdf":
        graph.bind("skos", "http://www.w3.org/2004/02/skos/core#")
        graph.bind("skosxl", "http://www.w3.org/2008/05/skos-xl#")
        graph.bind("tifa", "https://w3id.org/tifa/ontology#")
        return graph.serialize(format="xml").encode("utf-8")
    return dump(Snapshot(base, graph, Graph()), fmt)


def negotiate(accept: str | None) -> str | None:
    """The ``?format=`` name for an ``Accept`` header (q-values honoured; HTML for browsers and ``*/*``).

    Returns None when the header accepts none of the formats (the caller answers 406).
    """
    if not accept:
        return "html"
    choices: list[tuple[float, int, str]] = []
    for order, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        media = media.lower()
        if media in ("*/*", "text/*", "text/html", "application/xhtml+xml"):
            name = "html"
        else:
            name = next((k for k, v in MEDIA_TYPES.items() if v == media), "")
            if media in ("application/json", "application/*"):
                name = "jsonld"
        if name and q > 0:
            choices.append((-q, order, name))
    return min(choices)[2] if choices else None
