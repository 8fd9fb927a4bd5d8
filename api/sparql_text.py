"""Reading SPARQL text safely: keywords are looked for only outside strings, IRIs and comments.

Used for (1) the ``/sparql`` safety rules — which form a request is, whether it names
``SERVICE`` (an outbound request), whether it declares its own dataset (``FROM``) —
and (2) binding values on both stores: an escaped ``VALUES`` block is inserted at the
start of the query's WHERE group. Values are written by
:func:`sparql_term` (Oxigraph's own N-Triples writer, which validates IRIs and escapes
literals); nothing else ever puts a value into query text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode
from rdflib.term import Node

# Strings, IRIs and comments: blanked out (same length, so offsets stay valid) before looking for keywords.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings first, so their inner quotes stay inside
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'  # an IRI; "<" followed by a space is the less-than operator
    r"|\#[^\n\r]*",
    re.DOTALL,
)
_NOT_BEFORE = set("_:?$@-.")  # a keyword preceded by these is part of a name, variable or language tag
_NOT_AFTER = set("_:-")

QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
_KEYWORDS = QUERY_FORMS + UPDATE_FORMS + ("SERVICE", "FROM", "WHERE")


def strip_opaque(text: str) -> str:
    """``text`` with every string literal, IRI and comment replaced by spaces of the same length."""
    return _OPAQUE.sub(lambda m: " " * len(m.group()), text)


def keywords(stripped: str, wanted: tuple[str, ...] = _KEYWORDS) -> list[tuple[int, str]]:
    """``(offset, KEYWORD)`` of each bare keyword in already-stripped text, in order (case-insensitive)."""
    up = stripped.upper()
    found = []
    for kw in wanted:
        i = up.find(kw)
        while i >= 0:
            before = up[i - 1] if i else " "
            after = up[i + len(kw): i + len(kw) + 1] or " "
            if not (before.isalnum() or before in _NOT_BEFORE) and not (after.isalnum() or after in _NOT_AFTER):
                found.append((i, kw))
            i = up.find(kw, i + 1)
    return sorted(found)


_TOKEN = re.compile(r"(?P<var>[?$]\w+)|(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)|(?P<pname>[\w.\-]*:[\w.\-:%]*)"
                    r"|(?P<word>[^\W\d]\w*)|(?P<number>\d+(?:\.\d*)?)|(?P<punct>\S)")


@dataclass(frozen=True)
class Token:
    """One token outside strings, IRIs and comments: its kind, text and offset in the original text."""

    kind: str
    text: str
    start: int

    @property
    def keyword(self) -> str | None:
        """The upper-cased word, when the token is a bare word (a keyword or function name)."""
        return self.text.upper() if self.kind == "word" else None


def tokens(text: str) -> list[Token]:
    """The tokens of ``text`` that are not inside a string, IRI or comment (those are skipped)."""
    return [Token(m.lastgroup or "punct", m.group(), m.start()) for m in _TOKEN.finditer(strip_opaque(text))]


@dataclass(frozen=True)
class Shape:
    """What the text tells about a request: its form and the features that matter for safety."""

    form: str | None  # SELECT/CONSTRUCT/ASK/DESCRIBE, an update keyword, or None when unrecognisable
    service: bool  # names SERVICE somewhere (federated query: an outbound request)
    has_dataset: bool  # declares FROM / FROM NAMED

    @property
    def is_update(self) -> bool:
        """True for a SPARQL Update request."""
        return self.form in UPDATE_FORMS

    @property
    def is_graph(self) -> bool:
        """True when the result is a graph (CONSTRUCT, DESCRIBE)."""
        return self.form in ("CONSTRUCT", "DESCRIBE")


@lru_cache(maxsize=1024)  # clients repeat their queries; classifying one scans its whole text
def shape(text: str) -> Shape:
    """Classify a query or update request without executing it (strings, IRIs and comments ignored).

    >>> shape('SELECT * WHERE { ?s ?p "SERVICE" }').service
    False
    >>> shape('SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }').service
    True
    """
    found = [kw for _, kw in keywords(strip_opaque(text))]
    form = next((kw for kw in found if kw in QUERY_FORMS or kw in UPDATE_FORMS), None)
    return Shape(form=form, service="SERVICE" in found, has_dataset="FROM" in found)


def sparql_term(term: Node | ox.NamedNode | ox.Literal) -> str:
    """One RDF term written as SPARQL (IRIs validated, literals escaped); blank nodes are refused.

    >>> from rdflib import Literal
    >>> sparql_term(Literal('say "hi"\\n', lang="ko"))
    '"say \\\\"hi\\\\"\\\\n"@ko'
    """
    if isinstance(term, BNode | ox.BlankNode):
        raise ValueError("a blank node cannot be bound as a value")
    if not isinstance(term, ox.NamedNode | ox.Literal):
        from api.store import to_ox

        term = to_ox(term)
    return str(term)


_BRACKETS = re.compile(r"[{}()]")


def _where_brace(stripped: str) -> int:
    """Offset of the ``{`` that opens the outer query's WHERE group."""
    found = keywords(stripped)
    start = next((i for i, kw in found if kw in QUERY_FORMS), None)
    if start is None:
        raise ValueError("not a SPARQL query")
    if stripped[start:start + 9].upper() == "CONSTRUCT":
        # skip the template: the WHERE group follows the WHERE keyword
        where = next((i for i, kw in found if kw == "WHERE" and i > start), -1)
        if where < 0 or not stripped[start + 9:where].strip():
            raise ValueError("the CONSTRUCT WHERE short form cannot take bindings")
        start = where
    parens = 0
    for m in _BRACKETS.finditer(stripped, start):
        c = m.group()
        parens += (c == "(") - (c == ")")
        if c == "{" and parens == 0:
            return m.start()
    raise ValueError("query has no WHERE group")


def _matching_brace(stripped: str, open_at: int) -> int:
    depth = 0
    for m in _BRACKETS.finditer(stripped, open_at):
        depth += (m.group() == "{") - (m.group() == "}")
        if depth == 0:
            return m.start()
    raise ValueError("unbalanced braces")


def values_block(values: Mapping[str, Sequence[Node]]) -> str:
    """A ``VALUES (?a ?b) { (x y) … }`` block: one row per combination of the given values."""
    names = list(values)
    rows: list[list[str]] = [[]]
    for name in names:
        rows = [row + [sparql_term(v)] for row in rows for v in values[name]]
    for name in names:
        if not re.fullmatch(r"\w+", name):
            raise ValueError(f"invalid variable name {name!r}")
    head = " ".join(f"?{n}" for n in names)
    body = " ".join("(" + " ".join(r) + ")" for r in rows)
    return f"VALUES ({head}) {{ {body} }}"


def inject_values(query: str, values: Mapping[str, Sequence[Node]]) -> str:
    """``query`` with a ``VALUES`` block for ``values`` at the start of its WHERE group.

    The block joins with the whole group (filters and optionals see the values), as
    substitution would. A group that is a sub-select is wrapped so the result parses.
    """
    if not values:
        return query
    stripped = strip_opaque(query)
    i = _where_brace(stripped)
    block = values_block(values)
    at = i + 1
    if stripped[at:].lstrip()[:6].upper() == "SELECT":
        end = _matching_brace(stripped, i)
        return query[:at] + f" {block} {{ " + query[at:end] + " } " + query[end:]
    return query[:at] + f" {block} " + query[at:]
