"""The store layer: one small interface over the embedded Oxigraph store (and, later, a remote one).

Every other module talks to the graph through :class:`TermStore`; none imports
pyoxigraph. Values are bound with ``bindings`` (pyoxigraph substitutions on the
embedded store), never pasted into query text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from api.settings import Settings

TERMS_GRAPH = "graph/terms"
ONTOLOGY_GRAPH = "graph/ontology"
STATE_FILE = "store-state.json"


class TermStore(Protocol):
    """What every part of the service needs from a store."""

    base: str

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node]]:
        """Run a SELECT; rows map variable names (without ``?``) to rdflib terms."""
        ...

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK."""
        ...

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE into an rdflib graph."""
        ...

    def update(self, update: str) -> None:
        """Run a SPARQL Update (internal writers only; never reachable from /sparql)."""
        ...

    def add_graph(self, graph: Graph, named_graph: str = TERMS_GRAPH) -> None:
        """Add every triple of ``graph`` to ``named_graph`` (relative to the base) in one transaction."""
        ...

    def triple_count(self) -> int:
        """Number of quads in the store."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...


# ---------------------------------------------------------------- term conversion

def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """rdflib term -> pyoxigraph term."""
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


def from_ox(term: object) -> Node:
    """pyoxigraph term -> rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"cannot convert {term!r}")


# ---------------------------------------------------------------- source files

def source_files(settings: Settings) -> list[Path]:
    """The Turtle files the store is built from: ontology first, then the graph."""
    onto = sorted(settings.ontology_dir.glob("*.ttl"))
    data = sorted(settings.graph_dir.glob("*.ttl"))
    return onto + data


def content_hash(files: Iterable[Path], base: str) -> str:
    """Hash of the base URI and every source file's name and bytes (rebuild trigger)."""
    h = hashlib.sha256(base.encode())
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def rebase(graph: Graph, base: str, default_base: str) -> Graph:
    """Rewrite IRIs under ``default_base`` to ``base`` (deployments with their own base URI)."""
    if base == default_base:
        return graph
    out = Graph()

    def fix(t: Node) -> Node:
        return URIRef(base + str(t)[len(default_base):]) if isinstance(t, URIRef) and str(t).startswith(default_base) else t

    for s, p, o in graph:
        out.add((fix(s), fix(p), fix(o)))
    return out


# ---------------------------------------------------------------- embedded store

class EmbeddedStore:
    """pyoxigraph ``Store`` persisted in ``<data_dir>/oxigraph``; the default graph is the union."""

    def __init__(self, settings: Settings, read_only: bool = False) -> None:
        self.base = settings.base_uri
        self.settings = settings
        path = settings.data_dir / "oxigraph"
        path.mkdir(parents=True, exist_ok=True)
        self._store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for the SPARQL endpoint's serializers only)."""
        return self._store

    def _subs(self, bindings: Mapping[str, Node] | None) -> dict[ox.Variable, object] | None:
        if not bindings:
            return None
        return {ox.Variable(k): to_ox(v) for k, v in bindings.items()}

    def _query(self, query: str, bindings: Mapping[str, Node] | None) -> object:
        return self._store.query(query, substitutions=self._subs(bindings), use_default_graph_as_union=True)

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node]]:
        """See :meth:`TermStore.select`."""
        result = self._query(query, bindings)
        names = [v.value for v in result.variables]  # type: ignore[attr-defined]
        rows: list[dict[str, Node]] = []
        for sol in result:  # type: ignore[attr-defined]
            row = {}
            for name in names:
                value = sol[name]
                if value is not None:
                    row[name] = from_ox(value)
            rows.append(row)
        return rows

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """See :meth:`TermStore.ask`."""
        return bool(self._query(query, bindings))

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """See :meth:`TermStore.construct`."""
        g = Graph()
        for t in self._query(query, bindings):  # type: ignore[attr-defined]
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return g

    def update(self, update: str) -> None:
        """See :meth:`TermStore.update`."""
        self._store.update(update)

    def add_graph(self, graph: Graph, named_graph: str = TERMS_GRAPH) -> None:
        """See :meth:`TermStore.add_graph`."""
        ctx = ox.NamedNode(self.base + named_graph)
        self._store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ctx) for s, p, o in graph)  # type: ignore[arg-type]

    def triple_count(self) -> int:
        """See :meth:`TermStore.triple_count`."""
        return len(self._store)

    def close(self) -> None:
        """See :meth:`TermStore.close`."""
        self._store.flush()

    # -- building from graph/ and ontology/ ------------------------------------------

    def load_sources(self, settings: Settings, force: bool = False) -> bool:
        """(Re)build the store from ``ontology/`` and ``graph/`` when their hash changed.

        Returns True when the store was rebuilt. Accepted editor writes live in the
        store's own graphs and the change log; a rebuild replays nothing it does not
        find in ``graph/`` — run ``tifa export --canonical`` before changing sources.
        """
        files = source_files(settings)
        digest = content_hash(files, self.base)
        state_path = settings.data_dir / STATE_FILE
        state = json.loads(state_path.read_text()) if state_path.exists() else {}
        if not force and state.get("source_hash") == digest and len(self._store):
            return False
        from api.vocab import DEFAULT_BASE

        self._store.clear()
        for path in files:
            g = Graph()
            g.parse(path, format="turtle")
            named = ONTOLOGY_GRAPH if path.parent == settings.ontology_dir else TERMS_GRAPH
            self.add_graph(rebase(g, self.base, DEFAULT_BASE), named)
        self._store.flush()
        state_path.write_text(json.dumps({"source_hash": digest}))
        return True


def open_store(settings: Settings, load: bool = True) -> TermStore:
    """Open the configured store, building the embedded one from sources when needed."""
    if settings.store == "embedded":
        store = EmbeddedStore(settings)
        if load:
            store.load_sources(settings)
        return store
    if settings.store == "remote":
        from api.remote_store import RemoteStore  # added with the remote-store issue

        return RemoteStore(settings)
    raise ValueError(f"unknown store {settings.store!r} (expected 'embedded' or 'remote')")
