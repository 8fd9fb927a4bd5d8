"""Named SPARQL queries: ``queries/<name>.rq`` files, loaded and parsed once, run by name.

Each file starts with a grlc-style header::

    #+ summary: Terms whose Chinese original was supplied by an editor
    #+ params: confidence (literal, optional); topic (literal)

``params`` lists ``name (type[: note][, optional])`` separated by ``;`` (``name?: type``
is accepted too). Types: ``iri``; ``literal`` (a plain string); ``literal@ko|zh-Hans``
(a language-tagged string: bound once per listed language unless the request names
one with ``<name>_lang``); ``literal^^xsd:integer`` (a typed literal). Values are
always bound as typed RDF terms (an escaped ``VALUES`` block), never formatted into text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from api.sparql_text import inject_values, shape

_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*)$")
_TYPE = r"(iri|literal)(?:@([\w|-]+)|\^\^xsd:(\w+))?"
_PARAM = re.compile(rf"^(\w+)(\?)?\s*:\s*{_TYPE}$", re.IGNORECASE)  # name?: type
_PARAM_PAREN = re.compile(rf"^(\w+)\s*\(\s*{_TYPE}\s*(?::[^,)]*)?(,\s*optional)?\s*\)$", re.IGNORECASE)
XSD = "http://www.w3.org/2001/XMLSchema#"
_LEXICAL = {  # lexical forms checked before binding, so a bad value is a 400 and not an empty answer
    "integer": r"[+-]?\d+", "positiveInteger": r"\+?0*[1-9]\d*", "nonNegativeInteger": r"\+?\d+",
    "boolean": r"true|false|1|0", "date": r"\d{4}-\d\d-\d\d", "string": r"(?s).*",
}


@dataclass(frozen=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    kind: str  # "iri" | "literal"
    languages: tuple[str, ...] = ()
    datatype: str | None = None  # local name in xsd:
    optional: bool = False

    @property
    def type_text(self) -> str:
        """The type as written in the header."""
        if self.languages:
            return "literal@" + "|".join(self.languages)
        return f"literal^^xsd:{self.datatype}" if self.datatype else self.kind

    def terms(self, value: str, lang: str | None = None) -> list[Node]:
        """The RDF terms ``value`` binds to.

        Raises:
            ValueError: the value does not fit the declared type (message names the parameter).
        """
        if self.kind == "iri":
            try:
                ox.NamedNode(value)
            except ValueError as exc:
                raise ValueError(f"parameter {self.name!r} must be an absolute IRI: {exc}") from exc
            return [URIRef(value)]
        if self.languages:
            if lang is not None and lang not in self.languages:
                raise ValueError(f"{self.name}_lang must be one of {', '.join(self.languages)}")
            return [Literal(value, lang=tag) for tag in ([lang] if lang else self.languages)]
        if self.datatype:
            pattern = _LEXICAL.get(self.datatype)
            if pattern and not re.fullmatch(pattern, value):
                raise ValueError(f"parameter {self.name!r} must be an xsd:{self.datatype}, not {value!r}")
            return [Literal(value, datatype=URIRef(XSD + self.datatype))]
        return [Literal(value)]


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file: its name, header fields and text."""

    name: str
    text: str
    summary: str = ""
    parameters: tuple[Param, ...] = field(default_factory=tuple)
    header: dict[str, str] = field(default_factory=dict)

    @property
    def params(self) -> tuple[str, ...]:
        """Parameter names, in header order."""
        return tuple(p.name for p in self.parameters)

    @property
    def form(self) -> str:
        """SELECT, CONSTRUCT, ASK or DESCRIBE."""
        return shape(self.text).form or "SELECT"

    def bind(self, values: Mapping[str, str]) -> dict[str, list[Node]]:
        """Typed bindings for request values (``{name: value}``, plus ``<name>_lang``).

        Raises:
            ValueError: a required parameter is missing, an unknown one is given, or a value has the wrong type.
        """
        known = set(self.params) | {f"{p.name}_lang" for p in self.parameters if p.languages}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown parameter(s) {', '.join(unknown)}; {self.name} takes "
                             f"{', '.join(self.params) or 'no parameters'}")
        out: dict[str, list[Node]] = {}
        for p in self.parameters:
            value = values.get(p.name)
            if value is None or value == "":
                if not p.optional:
                    raise ValueError(f"missing required parameter {p.name!r} ({p.type_text})")
                continue
            out[p.name] = p.terms(value, values.get(f"{p.name}_lang") or None)
        return out

    def bound_text(self, values: Mapping[str, str]) -> str:
        """The query text with ``values`` bound as an escaped ``VALUES`` block."""
        return inject_values(self.text, self.bind(values))


def parse_params(spec: str) -> tuple[Param, ...]:
    """Parse a ``#+ params:`` value (``name: type; other?: type``)."""
    out = []
    for part in (p.strip() for p in spec.split(";")):
        if not part:
            continue
        m = _PARAM.match(part)
        if m:
            name, optional, kind, langs, datatype = m.groups()
        elif (m := _PARAM_PAREN.match(part)):
            name, kind, langs, datatype, optional = m.groups()
        else:
            raise ValueError(f"bad parameter declaration {part!r} (expected 'name (iri|literal[@langs|^^xsd:type])')")
        out.append(Param(name, kind.lower(), tuple(langs.split("|")) if langs else (), datatype, bool(optional)))
    return tuple(out)


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.rq`` file and its header; raise ValueError if the header or the SPARQL does not parse."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if m:
            header[m.group(1)] = m.group(2).strip()
    try:
        parameters = parse_params(header.get("params", ""))
        ox.Store().query(text)  # parse check against an empty store
    except (SyntaxError, ValueError) as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
    return NamedQuery(name=path.stem, text=text, summary=header.get("summary", ""), parameters=parameters,
                      header=header)


def load_queries(directory: Path) -> dict[str, NamedQuery]:
    """Every ``.rq`` file under ``directory`` by name; a parse error fails here, at start-up."""
    return {q.name: q for q in (parse_query_file(p) for p in sorted(directory.glob("*.rq")))}
