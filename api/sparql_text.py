"""Reading SPARQL text safely: a tokenizer that skips strings, comments and IRIs, and what it tells us.

Used for (1) the ``/sparql`` safety rules — which form a request is, whether it names
``SERVICE`` (an outbound request), whether it declares its own dataset (``FROM``) —
and (2) binding values on stores without native substitution: an escaped ``VALUES``
block is inserted at the start of the query's WHERE group. Values are written by
:func:`sparql_term` (Oxigraph's own N-Triples writer, which validates IRIs and escapes
literals); nothing else ever puts a value into query text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode
from rdflib.term import Node

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
      |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<bnode>_:[\w.\-]+)
  | (?P<pname>(?:[^\W\d_][\w.\-]*)?:(?:[\w\-.:%]|\\.)*)
  | (?P<word>[^\W\d][\w]*)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


@dataclass(frozen=True)
class Token:
    """One lexical token: its kind (a group name of the tokenizer), text and offset."""

    kind: str
    text: str
    start: int

    @property
    def keyword(self) -> str | None:
        """The upper-cased word, when the token is a bare word (a keyword or function name)."""
        return self.text.upper() if self.kind == "word" else None


def tokens(text: str) -> list[Token]:
    """Every token of ``text`` except whitespace and comments."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            out.append(Token(kind, m.group(), m.start()))
    return out


@dataclass(frozen=True)
class Shape:
    """What the tokenizer tells about a request: its form and the features that matter for safety."""

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


def shape(text: str) -> Shape:
    """Classify a query or update request without executing it.

    >>> shape('SELECT * WHERE { ?s ?p "SERVICE" }').service
    False
    >>> shape('SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }').service
    True
    """
    toks = tokens(text)
    words = [t.keyword for t in toks if t.keyword]
    form = next((w for w in words if w in QUERY_FORMS + UPDATE_FORMS), None)
    depth = 0
    has_dataset = False
    for t in toks:
        if t.text == "{":
            depth += 1
        elif t.text == "}":
            depth -= 1
        elif depth == 0 and t.keyword == "FROM":
            has_dataset = True
    return Shape(form=form, service="SERVICE" in words, has_dataset=has_dataset)


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


def _where_brace(toks: list[Token]) -> int:
    """Index of the ``{`` that opens the outer query's WHERE group."""
    start = next((i for i, t in enumerate(toks) if t.keyword in QUERY_FORMS), None)
    if start is None:
        raise ValueError("not a SPARQL query")
    i = start + 1
    if toks[start].keyword == "CONSTRUCT":
        # skip the template: the WHERE group follows the WHERE keyword
        while i < len(toks) and toks[i].keyword != "WHERE":
            i += 1
        if i == len(toks):
            raise ValueError("CONSTRUCT WHERE short form cannot take bindings")
    parens = 0
    for j in range(i, len(toks)):
        t = toks[j]
        parens += (t.text == "(") - (t.text == ")")
        if t.text == "{" and parens == 0:
            return j
    raise ValueError("query has no WHERE group")


def _matching_brace(toks: list[Token], open_index: int) -> int:
    depth = 0
    for j in range(open_index, len(toks)):
        depth += (toks[j].text == "{") - (toks[j].text == "}")
        if depth == 0:
            return j
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
    toks = tokens(query)
    i = _where_brace(toks)
    block = values_block(values)
    at = toks[i].start + 1
    if i + 1 < len(toks) and toks[i + 1].keyword == "SELECT":
        end = toks[_matching_brace(toks, i)].start
        return query[:at] + f" {block} {{ " + query[at:end] + " } " + query[end:]
    return query[:at] + f" {block} " + query[at:]
