"""A term's description in the store: read it, hash it (the ETag), and replace it in one update.

A term's *description* is every statement whose subject is the term, one of its
fragment nodes (``{term}#ko``, ``#group-1``, ``#att-…``) or a list cell of its
numeral groups — what ``queries/describe_term.rq`` returns. Writes replace a
description as a whole: one SPARQL Update request deletes the old one, inserts the
new one and records the change's sequence number, so it commits entirely or not at all
(Oxigraph runs an update request as one transaction, embedded or over HTTP).

The update texts live in ``queries/writes/*.ru``; values go in as an escaped ``VALUES``
block (:func:`api.sparql_text.values_block`), never formatted into the text.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from api.model import term_iri
from api.queries import parse_query_file
from api.remote_store import insert_data
from api.sparql_text import tokens, values_block
from api.store import META_GRAPH, TERMS_GRAPH, TermStore, from_ox, to_ox
from api.vocab import TIFA, XSD

WRITES_DIR = "writes"


@lru_cache(maxsize=8)
def _text(queries_dir: Path, name: str) -> str:
    path = queries_dir / WRITES_DIR / name
    if path.suffix == ".rq":
        return parse_query_file(path).text  # parse-checked
    return path.read_text(encoding="utf-8")


def check_write_queries(queries_dir: Path) -> None:
    """Parse every query and update of ``queries/writes`` once, so a broken file fails at start-up.

    Raises:
        ValueError: a file does not parse (its name and the parser's message).
    """
    for path in sorted((queries_dir / WRITES_DIR).iterdir()):
        if path.suffix == ".rq":
            _text(queries_dir, path.name)
        elif path.suffix == ".ru":
            try:
                ox.Store().update(_text(queries_dir, path.name))  # an empty in-memory store: parse check only
            except SyntaxError as exc:
                raise ValueError(f"{path.name}: {exc}") from exc


def bind_update(update: str, values: dict[str, Node]) -> str:
    """``update`` with a ``VALUES`` block at the start of every ``WHERE`` group (one per operation)."""
    return _into_where_groups(update, values_block({k: [v] for k, v in values.items()}))


def _into_where_groups(update: str, text: str) -> str:
    """``text`` put at the start of every operation's ``WHERE`` group (found by tokens: never inside a literal)."""
    toks = tokens(update)
    cuts = [toks[i + 1].start + 1 for i, t in enumerate(toks[:-1])
            if t.keyword == "WHERE" and toks[i + 1].text == "{"]
    if not cuts:
        raise ValueError("update has no WHERE group to bind")
    out, last = [], 0
    for at in cuts:
        out += [update[last:at], f" {text} "]
        last = at
    return "".join(out) + update[last:]


def describe(store: TermStore, queries_dir: Path, iri: URIRef) -> Graph:
    """The description of the term ``iri`` (empty when there is no such term)."""
    return store.construct(_describe_text(queries_dir), {"term": iri})


@lru_cache(maxsize=4)
def _describe_text(queries_dir: Path) -> str:
    return parse_query_file(queries_dir / "describe_term.rq").text


def etag_of(description: Graph) -> str | None:
    """A strong ETag for a description: sha256 of its sorted N-Triples, blank nodes named by content.

    A blank node (a list cell of a numeral group) is named by the hash of what hangs off it, so
    the same description gives the same ETag whatever labels the store gave its blank nodes, and a
    reordered list gives a different one. Returns None for an empty description (no such term).
    """
    if len(description) == 0:
        return None
    names: dict[BNode, str] = {}

    def name(node: Node, depth: int = 0) -> str:
        if not isinstance(node, BNode):
            return node.n3()
        if node not in names:
            if depth > 10_000:
                raise ValueError("blank nodes nested too deep")
            names[node] = ""  # a cycle back to this node contributes nothing
            parts = sorted(f"{p.n3()} {name(o, depth + 1)}" for p, o in description.predicate_objects(node))
            names[node] = "_:h" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]
        return names[node]

    lines = sorted(f"{name(s)} {p.n3()} {name(o)} ." for s, p, o in description)
    return '"' + hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:32] + '"'


def term_etag(store: TermStore, queries_dir: Path, slug: str) -> str | None:
    """The current ETag of the term ``slug`` (None when there is none): what ``If-Match`` must carry."""
    return etag_of(describe(store, queries_dir, term_iri(slug, store.base)))


def to_ntriples(graph: Graph) -> str:
    """N-Triples of ``graph``, sorted (stable text for the change log)."""
    # Oxigraph's writer, as for the store itself: rdflib's n3() would rewrite lexical forms (…Z → …+00:00)
    lines = sorted(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in graph)
    return "\n".join(lines) + ("\n" if lines else "")


def from_ntriples(text: str) -> Graph:
    """Parse N-Triples written by :func:`to_ntriples`."""
    g = Graph()
    for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return g


#: Added to every operation of a change's update: do nothing when the store holds this change (or a later one) on
#: its current build. A change is sent again after an update that got no answer, and the first request may still
#: land late — after the resend or even after the next change — so applying a change must be a no-op the second time.
UNLESS_APPLIED = (
    f"FILTER NOT EXISTS {{ GRAPH ?meta {{ ?meta <{TIFA.appliedChange}> ?done ; <{TIFA.appliedOn}> ?on ; "
    f"<{TIFA.buildId}> ?on }} FILTER(?done >= ?seq) }}"
)


def replace_update(store: TermStore, queries_dir: Path, iri: URIRef, description: Graph, seq: int) -> str:
    """One SPARQL Update request: drop the term's description, insert ``description``, record ``seq``.

    Every operation is guarded by :data:`UNLESS_APPLIED`, so the request is idempotent and never undoes a later change.
    """
    terms = URIRef(store.base + TERMS_GRAPH)
    meta = URIRef(store.base + META_GRAPH)
    ctx = to_ox(terms)
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ctx) for s, p, o in description]  # type: ignore[arg-type]
    parts = [_text(queries_dir, "delete_term_description.ru")]
    if quads:
        parts.append(insert_data(quads).replace("INSERT DATA {", "INSERT {", 1) + " WHERE { }")
    parts.append(_text(queries_dir, "set_applied_change.ru"))
    return bind_update(_into_where_groups(join_updates(parts), UNLESS_APPLIED),
                       {"term": iri, "g": terms, "meta": meta, "seq": Literal(seq, datatype=XSD.integer)})


_PREFIX_LINE = re.compile(r"^\s*PREFIX\s+[\w-]*:\s*<[^>]*>\s*$", re.IGNORECASE | re.MULTILINE)


def join_updates(parts: list[str]) -> str:
    """Several updates as one request; their ``PREFIX`` lines are hoisted (Oxigraph wants one prologue)."""
    prefixes = dict.fromkeys(m.group(0).strip() for p in parts for m in _PREFIX_LINE.finditer(p))
    bodies = [_PREFIX_LINE.sub("", p).rstrip().rstrip(";") for p in parts]
    return "\n".join(prefixes) + "\n" + " ;\n".join(bodies)


def apply_description(store: TermStore, queries_dir: Path, iri: URIRef, description: Graph, seq: int) -> None:
    """Replace the description of ``iri`` with ``description`` and record change ``seq``, atomically."""
    store.update(replace_update(store, queries_dir, iri, description, seq), changed=[iri])


def applied_state(store: TermStore) -> tuple[int, str | None, str | None]:
    """(last applied change, the store build it was applied on, the current build) from the metadata graph.

    Every (re)build from ``graph/`` gets a new build id, so a change applied before a rebuild is known
    to be gone with it.
    """
    applied = store.meta_value(TIFA.appliedChange)
    return (int(applied) if applied and applied.isdigit() else 0,
            store.meta_value(TIFA.appliedOn), store.meta_value(TIFA.buildId))
