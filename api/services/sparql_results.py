"""SPARQL result formats and their serialization, with the row cap applied.

Imports nothing but pyoxigraph, because the ``/sparql`` worker processes import it.
Solutions are capped in Python (at most ``max_rows`` are read from the iterator) and
written as SPARQL JSON; other result formats are converted from that JSON by
Oxigraph's own writers, so every format carries exactly the same rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Format:
    """One response format: short name (``?format=``), media type, and whether it carries a graph."""

    name: str
    media_type: str
    graph: bool

    @property
    def ox_format(self) -> ox.RdfFormat | ox.QueryResultsFormat:
        """The pyoxigraph format object."""
        return _OX[self.name]


RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", False),
    Format("xml", "application/sparql-results+xml", False),
    Format("csv", "text/csv", False),
    Format("tsv", "text/tab-separated-values", False),
)
GRAPH_FORMATS = (
    Format("ttl", "text/turtle", True),
    Format("jsonld", "application/ld+json", True),
    Format("nt", "application/n-triples", True),
    Format("rdf", "application/rdf+xml", True),
)
_OX: dict[str, ox.RdfFormat | ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
    "ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES, "rdf": ox.RdfFormat.RDF_XML,
}
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "skosxl": "http://www.w3.org/2008/05/skos-xl#",
    "dct": "http://purl.org/dc/terms/", "tifa": "https://w3id.org/tifa/ontology#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "prov": "http://www.w3.org/ns/prov#",
}


def term_json(term: object) -> dict[str, object]:
    """One RDF term in the SPARQL 1.1 JSON results encoding."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def solutions_json(solutions: ox.QuerySolutions, max_rows: int) -> tuple[bytes, bool]:
    """At most ``max_rows`` solutions as SPARQL JSON; the flag says whether more were cut off."""
    names = [v.value for v in solutions.variables]
    bindings = []
    truncated = False
    for sol in solutions:
        if len(bindings) >= max_rows:
            truncated = True
            break
        row = {}
        for name in names:
            value = sol[name]
            if value is not None:
                row[name] = term_json(value)
        bindings.append(row)
    doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode(), truncated


def serialize(result: object, fmt: Format, max_rows: int) -> tuple[bytes, bool]:
    """Write a pyoxigraph query result (solutions, boolean or triples) in ``fmt``; return (body, truncated).

    Raises:
        ValueError: the format does not fit the result (a graph format for a SELECT, or the reverse).
    """
    if isinstance(result, ox.QueryBoolean):
        if fmt.graph:
            raise ValueError("an ASK result cannot be written as RDF")
        body = json.dumps({"head": {}, "boolean": bool(result)}).encode()
        return (body if fmt.name == "json" else _convert(body, fmt)), False
    if isinstance(result, ox.QuerySolutions):
        if fmt.graph:
            raise ValueError("SELECT results cannot be written as RDF")
        body, truncated = solutions_json(result, max_rows)
        return (body if fmt.name == "json" else _convert(body, fmt)), truncated
    if not fmt.graph:
        raise ValueError("a graph cannot be written as SPARQL results")
    triples, truncated = _take(result, max_rows)  # type: ignore[arg-type]
    kwargs = {"prefixes": PREFIXES} if fmt.name in ("ttl", "rdf") else {}
    return ox.serialize(triples, format=fmt.ox_format, **kwargs) or b"", truncated  # type: ignore[arg-type]


def _take(items: Iterable[ox.Triple], limit: int) -> tuple[list[ox.Triple], bool]:
    out: list[ox.Triple] = []
    for t in items:
        if len(out) >= limit:
            return out, True
        out.append(t)
    return out, False


def _convert(json_body: bytes, fmt: Format) -> bytes:
    parsed = ox.parse_query_results(json_body, ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=fmt.ox_format) or b""  # type: ignore[union-attr,arg-type]
