"""Term records kept per store version, so repeated views of a term page or record do not query the store.

Every write bumps the store's version (:meth:`api.store.TermStore.version`, cheap), and a new version
empties the cache: a cached record is never older than the store as it was when the request began.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping

from api.queries import NamedQuery
from api.records import TermRecord, load_record
from api.store import TermStore

_MISSING = object()


class RecordCache:
    """At most ``size`` records (None for a slug without a term) of one store version, least recently used out."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._version: int | None = None
        self._records: OrderedDict[str, TermRecord | None] = OrderedDict()
        self._lock = threading.Lock()  # handlers run in a thread pool

    def get(self, store: TermStore, queries: Mapping[str, NamedQuery], slug: str) -> TermRecord | None:
        """:func:`api.records.load_record` of ``slug``, from the cache when the store's version is unchanged.

        The record is shared between requests: callers read it and never change it.
        """
        version = store.version()
        with self._lock:
            if version != self._version:
                self._records.clear()
                self._version = version
            hit = self._records.get(slug, _MISSING)
            if hit is not _MISSING:
                self._records.move_to_end(slug)
                return hit  # type: ignore[return-value]
        record = load_record(store, queries, slug)  # read at ``version`` or later
        with self._lock:
            if self._version == version:  # a later version has emptied the cache: keep nothing read before it
                self._records[slug] = record
                while len(self._records) > self.size:
                    self._records.popitem(last=False)
        return record


def records_of(state: object) -> RecordCache:
    """The app's record cache (``app.state.records``), made on first use."""
    cache = getattr(state, "records", None)
    if cache is None:
        cache = RecordCache()
        state.records = cache  # type: ignore[attr-defined]
    return cache
