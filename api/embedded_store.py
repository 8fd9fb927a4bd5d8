"""The embedded default store: a pyoxigraph ``Store`` persisted in ``<data_dir>/oxigraph``.

One process writes it: it holds ``<data_dir>/store.lock`` (``fcntl.flock``, with its pid inside), and a
second process is refused with a message naming the holder and the way to run several workers. Other processes —
the ``/sparql`` workers — read immutable snapshots made by :meth:`EmbeddedStore.snapshot`
(a RocksDB checkpoint: hard links, cheap), so they never read files a writer is changing.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from api.process_lock import FolderInUseError, hold_exclusive
from api.settings import Settings
from api.sparql_text import inject_values
from api.store import (
    DEFAULT_GRAPHS,
    META_GRAPH,
    TERMS_GRAPH,
    Binding,
    as_values,
    from_ox,
    solutions_to_rows,
    to_ox,
    with_version_bump,
)
from api.store_sources import file_quads, source_files, source_hash
from api.vocab import DEFAULT_BASE, TIFA

SNAPSHOTS = "snapshots"
OWNER_LOCK = "store.lock"


def in_use_message(data_dir: Path, pid: str) -> str:
    """Why a second process may not open the embedded store in ``data_dir``, and what to do instead."""
    return (f"data folder {data_dir} is in use by another tifa process (pid {pid}); the embedded store has one "
            "writer: stop that process first (or give this one another --data-dir), and to run several "
            "workers put the graph on a SPARQL server: store = 'remote' with TIFA_QUERY_URL and TIFA_UPDATE_URL "
            "(see the README, Deployment)")


def check_free(settings: Settings) -> None:
    """Raise :class:`FolderInUseError` when another process has the embedded store of ``settings`` open."""
    hold_exclusive(settings.data_dir / OWNER_LOCK, partial(in_use_message, settings.data_dir)).close()


class EmbeddedStore:
    """pyoxigraph store in the data folder; queries see ontology + terms as the default graph."""

    def __init__(self, settings: Settings, read_only: bool = False) -> None:
        self.base = settings.base_uri
        self.settings = settings
        self.path = settings.data_dir / "oxigraph"
        self.path.mkdir(parents=True, exist_ok=True)
        self._owner = None if read_only else hold_exclusive(settings.data_dir / OWNER_LOCK, partial(
            in_use_message, settings.data_dir))
        try:
            self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            if self._owner is not None:
                self._owner.close()
            if "lock" in str(exc).lower():  # RocksDB's own lock: held by an older Store object in this process
                raise FolderInUseError(in_use_message(settings.data_dir, str(os.getpid()))) from exc
            raise
        self._default = [ox.NamedNode(self.base + g) for g in DEFAULT_GRAPHS]
        self._meta = ox.NamedNode(self.base + META_GRAPH)
        self._lock = threading.RLock()  # one writer at a time; snapshots see whole writes
        self._version = self._stored_version()
        self._snapshot: tuple[int, Path] | None = None
        if not read_only:
            shutil.rmtree(settings.data_dir / SNAPSHOTS, ignore_errors=True)

    # -- reads ----------------------------------------------------------------

    def _query(self, query: str, bindings: Mapping[str, Binding] | None) -> object:
        # The same escaped VALUES block as the remote store: pyoxigraph substitutions (SEP-0007)
        # only accept projected variables and one value each.
        return self._store.query(inject_values(query, as_values(bindings)), default_graph=self._default,
                                 named_graphs=self._default)

    def select(self, query: str, bindings: Mapping[str, Binding] | None = None) -> list[dict[str, Node]]:
        """See :meth:`api.store.TermStore.select`."""
        return solutions_to_rows(self._query(query, bindings))  # type: ignore[arg-type]

    def ask(self, query: str, bindings: Mapping[str, Binding] | None = None) -> bool:
        """See :meth:`api.store.TermStore.ask`."""
        return bool(self._query(query, bindings))

    def construct(self, query: str, bindings: Mapping[str, Binding] | None = None) -> Graph:
        """See :meth:`api.store.TermStore.construct`."""
        g = Graph()
        for t in self._query(query, bindings):  # type: ignore[attr-defined]
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return g

    def triple_count(self) -> int:
        """See :meth:`api.store.TermStore.triple_count`."""
        rows = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=self._default)
        return int(next(iter(rows))["n"].value)  # type: ignore[call-overload,index]

    def version(self) -> int:
        """See :meth:`api.store.TermStore.version` (kept in memory: this process is the only writer)."""
        return self._version

    def _stored_version(self) -> int:
        quads = self._store.quads_for_pattern(self._meta, ox.NamedNode(str(TIFA.storeVersion)), None, self._meta)
        return max((int(q.object.value) for q in quads), default=0)

    def _stored_hash(self) -> str | None:
        return self.meta_value(TIFA.sourceHash)

    def meta_value(self, prop: object) -> str | None:
        """See :meth:`api.store.TermStore.meta_value`."""
        quads = self._store.quads_for_pattern(self._meta, ox.NamedNode(str(prop)), None, self._meta)
        return next((q.object.value for q in quads), None)

    # -- writes ---------------------------------------------------------------

    def select_meta(self, query: str, bindings: Mapping[str, Binding] | None = None) -> list[dict[str, Node]]:
        """See :meth:`api.store.TermStore.select_meta`."""
        return solutions_to_rows(self._store.query(  # type: ignore[arg-type]
            inject_values(query, as_values(bindings)), default_graph=[self._meta]))

    def update(self, update: str, changed: Sequence[URIRef] = ()) -> None:
        """See :meth:`api.store.TermStore.update`; the update and the version bump are one transaction."""
        with self._lock:
            self._store.update(with_version_bump(update, self.base, changed))
            self._version = self._stored_version()

    def add_graph(self, graph: Graph, named_graph: str = TERMS_GRAPH) -> None:
        """See :meth:`api.store.TermStore.add_graph`; the triples and the new version are added atomically."""
        ctx = ox.NamedNode(self.base + named_graph)
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ctx) for s, p, o in graph]  # type: ignore[arg-type]
        with self._lock:
            self._set_meta(TIFA.storeVersion, ox.Literal(str(self._version + 1), datatype=ox.NamedNode(
                "http://www.w3.org/2001/XMLSchema#integer")), extra=quads)
            self._version += 1

    def _set_meta(self, prop: object, value: ox.Literal, extra: list[ox.Quad] | None = None) -> None:
        pred = ox.NamedNode(str(prop))
        old = list(self._store.quads_for_pattern(self._meta, pred, None, self._meta))
        self._store.extend([*(extra or []), ox.Quad(self._meta, pred, value, self._meta)])
        for q in old:
            if q.object != value:
                self._store.remove(q)

    def load_sources(self, settings: Settings, force: bool = False) -> bool:
        """See :meth:`api.store.TermStore.load_sources`.

        Uses Oxigraph's bulk loader (files are parsed in Rust, never through rdflib).
        A rebuild replaces the ontology and terms graphs; editor writes not yet
        exported to ``graph/`` (``tifa export --canonical``) are dropped with them.
        """
        files = source_files(settings)
        digest = source_hash(files, self.base, settings.data_dir)
        with self._lock:
            if not force and self._stored_hash() == digest:
                return False
            for g in self._default:
                self._store.remove_graph(g)
            for path, graph in files:
                target = ox.NamedNode(self.base + graph)
                if self.base == DEFAULT_BASE:
                    self._store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=target)
                else:
                    self._store.bulk_extend(file_quads(path, target, self.base))
            self._set_meta(TIFA.sourceHash, ox.Literal(digest))
            # a new id per build, even from the same files: the change log replays on top of every build
            self._set_meta(TIFA.buildId, ox.Literal(uuid.uuid4().hex))
            self._version += 1
            self._set_meta(TIFA.storeVersion, ox.Literal(str(self._version), datatype=ox.NamedNode(
                "http://www.w3.org/2001/XMLSchema#integer")))
            self._store.flush()
        return True

    # -- snapshots for reader processes --------------------------------------

    def snapshot(self) -> Path:
        """A read-only checkpoint of the current version (made once per version) for worker processes."""
        with self._lock:
            if self._snapshot is None or self._snapshot[0] != self._version:
                target = self.settings.data_dir / SNAPSHOTS / f"v{self._version}-{time.time_ns()}"
                target.parent.mkdir(parents=True, exist_ok=True)
                self._store.flush()
                self._store.backup(str(target))
                self._snapshot = (self._version, target)
            return self._snapshot[1]

    def close(self) -> None:
        """See :meth:`api.store.TermStore.close`; another process may open the data folder afterwards."""
        self._store.flush()
        if self._owner is not None:
            self._owner.close()
            self._owner = None
