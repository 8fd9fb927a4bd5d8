"""Safe parsing of untrusted RDF: Turtle, TriG, N-Triples, N-Quads, JSON-LD and RDF/XML.

Every syntax is parsed by Oxigraph's own parsers (strict, and a syntax error
carries its line and column). Two hazards are closed explicitly:

- JSON-LD: rdflib's JSON-LD parser fetches a remote ``@context`` with urllib (an
  outbound request chosen by the uploader); Oxigraph's parser has no document loader
  and refuses remote contexts, so nothing is ever fetched.
- RDF/XML: the document first goes through ``defusedxml``, which refuses DTD entity
  declarations (entity-expansion bombs) and external entities, with no network access.

Named graphs (TriG, N-Quads, JSON-LD) are merged: validation looks at all the triples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pyoxigraph as ox
from defusedxml import DefusedXmlException
from rdflib import Graph

from api.store import from_ox

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
MEDIA_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/trig": "trig",
    "application/n-triples": "nt", "text/plain": "nt", "application/n-quads": "nquads",
    "application/ld+json": "json-ld", "application/json": "json-ld",
    "application/rdf+xml": "xml", "application/xml": "xml", "text/xml": "xml",
}
EXTENSIONS = {
    ".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads",
    ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml",
}


@dataclass
class RdfSyntaxError(ValueError):
    """Input that is not valid RDF in its format: where (line, column, 1-based) and what."""

    message: str
    source: str = "<input>"
    line: int | None = None
    column: int | None = None
    text: str | None = None  # the offending line of the input

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}:{self.column}" if self.line else self.source
        out = f"{where}: {self.message}"
        if self.text is not None:
            out += f"\n    {self.text}"
            if self.column:
                out += "\n    " + " " * (self.column - 1) + "^"
        return out

    def to_json(self) -> dict[str, object]:
        """JSON body of a 400 response."""
        return {"error": "unparsable RDF", "message": self.message, "source": self.source,
                "line": self.line, "column": self.column, "text": self.text}


def format_for(content_type: str | None = None, filename: str | None = None) -> str:
    """The parser name for a media type (parameters ignored) or a file name; Turtle by default.

    Raises:
        ValueError: the media type or extension names no supported RDF syntax.
    """
    if content_type:
        media = content_type.split(";", 1)[0].strip().lower()
        if media in MEDIA_TYPES:
            return MEDIA_TYPES[media]
        raise ValueError(f"unsupported media type {media!r}; use one of {', '.join(sorted(MEDIA_TYPES))}")
    if filename:
        ext = Path(filename).suffix.lower()
        if ext in EXTENSIONS:
            return EXTENSIONS[ext]
        raise ValueError(f"{filename}: unknown RDF file extension; use one of {', '.join(sorted(EXTENSIONS))}")
    return "turtle"


def _line_text(data: bytes, line: int | None) -> str | None:
    if not line:
        return None
    lines = data.decode("utf-8", errors="replace").splitlines()
    return lines[line - 1][:300] if 0 < line <= len(lines) else None


def _position_of(data: bytes, pattern: str) -> tuple[int | None, int | None]:
    text = data.decode("utf-8", errors="replace")
    m = re.search(pattern, text)
    if not m:
        return None, None
    before = text[:m.start()]
    return before.count("\n") + 1, m.start() - (before.rfind("\n") + 1) + 1


def _check_xml(data: bytes, source: str) -> None:
    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        line, col = _position_of(data, r"<!ENTITY|<!DOCTYPE")
        raise RdfSyntaxError(f"XML entities are refused ({type(exc).__name__})", source, line, col,
                             _line_text(data, line)) from exc
    except SafeET.ParseError as exc:
        line, col = exc.position
        raise RdfSyntaxError(f"XML is not well-formed: {exc}", source, line, col + 1, _line_text(data, line)) from exc


def parse_rdf(data: bytes, fmt: str = "turtle", source: str = "<input>", base_iri: str | None = None) -> Graph:
    """Parse ``data`` (``fmt``: a key of :data:`FORMATS`) into an rdflib graph.

    Raises:
        RdfSyntaxError: the input is not valid RDF, or uses a refused feature
            (remote JSON-LD context, XML entities).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}")
    if fmt == "xml":
        _check_xml(data, source)
    g = Graph()
    try:
        for quad in ox.parse(data, format=FORMATS[fmt], base_iri=base_iri):
            g.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    except SyntaxError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        line, col = exc.lineno, exc.offset
        if "remote context" in message.lower() or "LoadDocumentCallback" in message:
            message = "a remote JSON-LD @context is never fetched; inline the context"
            line, col = _position_of(data, r'"@context"|"@import"')
        else:
            message = re.sub(r"^Parser error (at|between) line [^:]*: ", "", message)
        raise RdfSyntaxError(message, source, line, col, _line_text(data, line)) from exc
    return g


def parse_file(path: Path, fmt: str | None = None) -> Graph:
    """Parse one file; the format from ``fmt`` or the file extension."""
    return parse_rdf(path.read_bytes(), fmt or format_for(filename=path.name), source=str(path),
                     base_iri=path.resolve().as_uri())
