"""Parse an RDF request body with Oxigraph's parsers: errors carry line and column, nothing is fetched.

Interim home of RDF parsing for the write API until the shared safe parser of the
validation work (issue #6) lands; :func:`parse_rdf` is the one call site to swap.
JSON-LD is parsed without a document loader, so a remote ``@context`` is an error,
never a request.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from api.store import from_ox

RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


class RdfParseError(ValueError):
    """The body is not valid RDF; ``line`` and ``column`` (1-based) locate the problem."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def parse_rdf(body: bytes, media_type: str, base_iri: str) -> Graph:
    """The triples of ``body`` (quads of TriG merged), relative IRIs resolved against ``base_iri``.

    Raises:
        RdfParseError: a syntax error, with its line and column and the offending text.
    """
    fmt = RDF_TYPES[media_type]
    g = Graph()
    try:
        for q in ox.parse(body, format=fmt, base_iri=base_iri):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    except SyntaxError as exc:
        pos = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], tuple) else (None, None, None)
        line, col = pos[1], pos[2]
        excerpt = ""
        if line:
            lines = body.decode("utf-8", errors="replace").splitlines()
            if 0 < line <= len(lines):
                excerpt = f" — in: {lines[line - 1].strip()[:120]!r}"
        raise RdfParseError(f"{exc.args[0]}{excerpt}", line, col) from exc
    return g
