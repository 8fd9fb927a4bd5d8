"""Keeping a worker's lookup index in step with writes accepted by other processes (issue #10).

Every worker answers lookups from its own in-memory index. Every write to the store bumps
``tifa:storeVersion`` and, in the same update, marks the written terms with that version
(``tifa:changedAtVersion``, :func:`api.store.changed_terms_update`). A background thread per
worker asks the store for its version every ``index_poll_seconds`` (one tiny query); when it
moved, the thread reads which terms changed since the version it holds (``queries/changed_terms.rq``)
and re-reads just those. A new build from ``graph/`` (``tifa:buildId`` changed) reloads the index.
A store that does not answer is logged and asked again at the next tick; lookups keep being served.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping

from rdflib import Literal
from starlette.datastructures import State

from api.lookup.index import LookupIndex
from api.lookup.store_index import load_latest, load_or_build, rebuild, refresh
from api.model import slug_of
from api.queries import NamedQuery
from api.settings import Settings
from api.store import StoreUnavailableError, TermStore
from api.vocab import TIFA, XSD

log = logging.getLogger(__name__)
CHANGED_TERMS = "changed_terms"
REFRESH_CHUNK = 500  # terms re-read per query


class IndexSync:
    """Polls the store's version and brings the index held by ``get``/``put`` up to date.

    Args:
        store: the store (shared with the app).
        settings: for the poll interval and the index's cache folder.
        queries: the named queries (``changed_terms``, ``describe_term``, the index's own).
        get: returns the current index; ``put`` replaces it after a full reload.
        seen: the store version the index holds every write of (read before the index was).
        build: the store build id (``tifa:buildId``) read before the index was.
    """

    def __init__(self, store: TermStore, settings: Settings, queries: Mapping[str, NamedQuery],
                 get: Callable[[], LookupIndex], put: Callable[[LookupIndex], None],
                 seen: int, build: str | None) -> None:
        self.store, self.settings, self.queries = store, settings, queries
        self.get, self.put = get, put
        self.seen = seen  # every write up to this store version is in the index
        self.build = build  # the store build the index was read from
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._failing = False

    def poll(self) -> str:
        """One check: 'same', 'refreshed' (some terms re-read) or 'reloaded' (a new build).

        Raises whatever the store raises (the thread logs it and retries).
        """
        version = self.store.version()
        if version == self.seen:
            return "same"
        build = self.store.meta_value(TIFA.buildId)
        if build != self.build:
            index = rebuild(self.store, self.settings, self.queries)
            self.put(index)
            self.seen, self.build = index.version, build
            log.info("store rebuilt (build %s): lookup index reloaded at version %d", build, index.version)
            return "reloaded"
        rows = self.store.select_meta(self.queries[CHANGED_TERMS].text,
                                      {"since": Literal(self.seen, datatype=XSD.integer)})
        slugs = sorted({s for row in rows if (s := slug_of(str(row.get("term", "")), self.store.base))})
        index = self.get()
        for i in range(0, len(slugs), REFRESH_CHUNK):
            refresh(index, self.store, self.queries, slugs[i:i + REFRESH_CHUNK])
        # Marks and the version commit together, so every write up to `version` was in `rows`.
        self.seen = version
        return "refreshed"

    def _run(self) -> None:
        while not self._stop.wait(self.settings.index_poll_seconds):
            try:
                self.poll()
                if self._failing:
                    log.warning("lookup index sync: store answers again")
                self._failing = False
            except Exception as exc:  # keep serving; the next tick retries
                if not self._failing:
                    log.warning("lookup index sync: cannot read the store (%s); serving the index as it is "
                                "and retrying every %.2fs", exc, self.settings.index_poll_seconds)
                self._failing = True

    def start(self) -> None:
        """Poll in a daemon thread (nothing when ``index_poll_seconds`` is 0)."""
        if self.settings.index_poll_seconds > 0 and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tifa-index-sync", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """End the thread (waits for a poll in progress)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None


def load_lookup(state: State, settings: Settings) -> IndexSync | None:
    """Load the lookup index into ``state.lookup``; on a remote store, start following other processes' writes.

    The embedded store has one writer, this process, whose writes refresh the index directly.
    """
    if settings.store != "remote":
        state.lookup = load_or_build(state.store, settings, state.queries)
        return None
    try:
        build = state.store.meta_value(TIFA.buildId)  # read first: a rebuild after this is noticed by the sync
        state.lookup = load_or_build(state.store, settings, state.queries)
    except (StoreUnavailableError, TimeoutError) as exc:
        # A worker (re)starting while the store is down serves the index its parent kept and catches up once the
        # store answers; failing its start-up would make uvicorn stop every worker.
        kept = load_latest(settings)
        if kept is None:
            raise
        log.warning("store unavailable at start-up (%s); serving the kept lookup index until it answers", exc)
        build, state.lookup = None, kept
    sync = IndexSync(state.store, settings, state.queries, lambda: state.lookup,
                     lambda index: setattr(state, "lookup", index), state.lookup.version, build)
    sync.start()
    return sync
