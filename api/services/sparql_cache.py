"""A bounded cache of /sparql answers, keyed by the store version, so a repeated query costs no evaluation.

An entry is valid only for the store version it was computed at: any write bumps
the version and every older entry is ignored (and evicted as space is needed).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from api.services.sparql_results import Format


class ResultCache:
    """LRU of ``(version, key) -> (body, media type, truncated)`` holding at most ``max_bytes`` of bodies."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[int, Hashable], tuple[bytes, str, bool]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    @staticmethod
    def key(query: str, fmt: Format, dataset: Hashable, max_rows: int) -> Hashable:
        """The cache key of one request (the version is added by :meth:`get` and :meth:`put`)."""
        return (query, fmt.name, dataset, max_rows)

    def get(self, version: int, key: Hashable) -> tuple[bytes, str, bool] | None:
        """The cached answer for ``key`` at ``version``, if any."""
        if self.max_bytes <= 0:
            return None
        with self._lock:
            hit = self._entries.get((version, key))
            if hit is not None:
                self._entries.move_to_end((version, key))
            return hit

    def put(self, version: int, key: Hashable, value: tuple[bytes, str, bool]) -> None:
        """Remember an answer; bodies over 1/16 of the budget are not kept."""
        size = len(value[0])
        if self.max_bytes <= 0 or size > self.max_bytes // 16:
            return
        with self._lock:
            if (version, key) in self._entries:
                return
            self._entries[(version, key)] = value
            self._size += size
            while self._size > self.max_bytes:
                _, old = self._entries.popitem(last=False)
                self._size -= len(old[0])
