"""The store layer: one small interface over the embedded Oxigraph store or a remote SPARQL 1.1 server.

Every other module talks to the graph through :class:`TermStore`; none imports
pyoxigraph or speaks HTTP to the store. Values are bound with ``bindings``
(pyoxigraph substitutions on the embedded store, an escaped ``VALUES`` block on a
remote one), never pasted into query text.

Graphs: ontology and terms live in the named graphs ``{base}graph/ontology`` and
``{base}graph/terms``; queries see their merge as the default graph. Store state
(source hash, build id, version counter, last applied change) lives in ``{base}graph/meta``, outside the default graph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from api.settings import Settings
from api.sparql_text import values_block
from api.vocab import TIFA

TERMS_GRAPH = "graph/terms"
ONTOLOGY_GRAPH = "graph/ontology"
META_GRAPH = "graph/meta"
DEFAULT_GRAPHS = (ONTOLOGY_GRAPH, TERMS_GRAPH)

#: A binding is one term, or several (then the query runs once per value, as with ``VALUES``).
Binding = Node | Sequence[Node]


class StoreUnavailableError(OSError):
    """The store cannot be reached (remote server down); the service answers 503 and retries later."""


class StoreOutcomeUnknownError(StoreUnavailableError):
    """An update went out but no answer came back (timeout, connection cut): the store may still apply it."""


class TermStore(Protocol):
    """What every part of the service needs from a store."""

    base: str

    def select(self, query: str, bindings: Mapping[str, Binding] | None = None) -> list[dict[str, Node]]:
        """Run a SELECT; rows map variable names (without ``?``) to rdflib terms."""
        ...

    def ask(self, query: str, bindings: Mapping[str, Binding] | None = None) -> bool:
        """Run an ASK."""
        ...

    def construct(self, query: str, bindings: Mapping[str, Binding] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE into an rdflib graph."""
        ...

    def update(self, update: str, changed: Sequence[URIRef] = ()) -> None:
        """Run a SPARQL Update atomically and bump :meth:`version` (internal writers only, never /sparql).

        ``changed``: the terms the update writes; the same request records them with the new version
        (``tifa:changedAtVersion``), so other processes can refresh just those (:func:`changed_terms_update`).
        """
        ...

    def select_meta(self, query: str, bindings: Mapping[str, Binding] | None = None) -> list[dict[str, Node]]:
        """Run a SELECT with the metadata graph as the default graph (store state, never in /sparql)."""
        ...

    def add_graph(self, graph: Graph, named_graph: str = TERMS_GRAPH) -> None:
        """Add every triple of ``graph`` to ``named_graph`` (relative to the base) atomically; bump the version."""
        ...

    def triple_count(self) -> int:
        """Number of triples in the default graph (ontology + terms)."""
        ...

    def version(self) -> int:
        """A counter that grows with every write and rebuild; cheap to call (caches key on it)."""
        ...

    def meta_value(self, prop: URIRef) -> str | None:
        """The value of ``prop`` on the metadata graph (source hash, applied change …), or None."""
        ...

    def load_sources(self, settings: Settings, force: bool = False) -> bool:
        """(Re)build ontology and terms from ``ontology/`` and ``graph/`` when their hash changed; True if rebuilt."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...


# ---------------------------------------------------------------- term conversion

def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """rdflib term -> pyoxigraph term (raises ValueError for an invalid IRI)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r}")


def bcp47_case(tag: str) -> str:
    """A language tag in BCP 47's conventional case (Oxigraph returns tags lower-cased: zh-hans -> zh-Hans)."""
    head, *rest = tag.split("-")
    parts = [head.lower()]
    for sub in rest:
        parts.append(sub.title() if len(sub) == 4 and sub.isalpha() else sub.upper() if len(sub) == 2 else sub.lower())
    return "-".join(parts)


def from_ox(term: object) -> Node:
    """pyoxigraph term -> rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=bcp47_case(term.language))
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"cannot convert {term!r}")


def solutions_to_rows(solutions: ox.QuerySolutions) -> list[dict[str, Node]]:
    """pyoxigraph solutions -> list of ``{var: rdflib term}`` (unbound variables left out)."""
    names = [v.value for v in solutions.variables]
    rows: list[dict[str, Node]] = []
    for sol in solutions:
        row = {}
        for name in names:
            value = sol[name]
            if value is not None:
                row[name] = from_ox(value)
        rows.append(row)
    return rows


def as_values(bindings: Mapping[str, Binding] | None) -> dict[str, list[Node]]:
    """Normalise bindings to ``{name: [terms]}``."""
    out: dict[str, list[Node]] = {}
    for name, value in (bindings or {}).items():
        out[name] = [value] if isinstance(value, Node) else list(value)
    return out


# ---------------------------------------------------------------- metadata graph

def version_bump_update(base: str) -> str:
    """SPARQL Update that increments ``tifa:storeVersion`` in the metadata graph (0 when absent).

    Appended to every write so a write and its version bump are one request.
    """
    meta = f"<{base}{META_GRAPH}>"
    prop = f"<{TIFA.storeVersion}>"
    return (
        f"DELETE {{ GRAPH {meta} {{ {meta} {prop} ?old }} }} "
        f"INSERT {{ GRAPH {meta} {{ {meta} {prop} ?new }} }} "
        f"WHERE {{ OPTIONAL {{ GRAPH {meta} {{ {meta} {prop} ?old }} }} "
        f"BIND(COALESCE(?old, 0) + 1 AS ?new) }}"
    )


def changed_terms_update(base: str, changed: Sequence[URIRef]) -> str:
    """SPARQL Update that records ``changed`` as written at the coming version (``tifa:changedAtVersion``).

    Runs just before :func:`version_bump_update` in the same request, so it computes the same new
    version; each term keeps only its latest mark. The term IRIs go in as an escaped ``VALUES`` block.
    """
    meta = f"<{base}{META_GRAPH}>"
    prop, mark = f"<{TIFA.storeVersion}>", f"<{TIFA.changedAtVersion}>"
    return (
        f"DELETE {{ GRAPH {meta} {{ ?term {mark} ?was }} }} "
        f"INSERT {{ GRAPH {meta} {{ ?term {mark} ?new }} }} "
        f"WHERE {{ {values_block({'term': list(changed)})} "
        f"OPTIONAL {{ GRAPH {meta} {{ {meta} {prop} ?old }} }} "
        f"OPTIONAL {{ GRAPH {meta} {{ ?term {mark} ?was }} }} "
        f"BIND(COALESCE(?old, 0) + 1 AS ?new) }}"
    )


def with_version_bump(update: str, base: str, changed: Sequence[URIRef] = ()) -> str:
    """``update``, the marks of the ``changed`` terms and the version bump, as one SPARQL Update request."""
    parts = [update.rstrip().rstrip(";")]
    if changed:
        parts.append(changed_terms_update(base, changed))
    parts.append(version_bump_update(base))
    return "\n;\n".join(parts)


META_QUERY = (
    "SELECT ?p ?o WHERE { GRAPH ?meta { ?meta ?p ?o } }"
)


# ---------------------------------------------------------------- factory

def open_store(settings: Settings, load: bool = True) -> TermStore:
    """Open the configured store, (re)building it from ``graph/`` and ``ontology/`` when their hash changed."""
    store: TermStore
    if settings.store == "embedded":
        from api.embedded_store import EmbeddedStore

        store = EmbeddedStore(settings)
    elif settings.store == "remote":
        from api.remote_store import RemoteStore

        store = RemoteStore(settings)
    else:
        raise ValueError(f"unknown store {settings.store!r} (expected 'embedded' or 'remote')")
    if load:
        store.load_sources(settings)
    return store
