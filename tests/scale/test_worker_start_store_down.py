"""A worker (re)starting while the remote store is down serves the kept index instead of failing start-up.

uvicorn stops every worker when one fails to start, so a store outage during a worker restart must not fail it.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from starlette.datastructures import State

from api.lookup.search import Searcher
from api.lookup.store_index import load_or_build
from api.lookup.sync import load_lookup
from api.queries import load_queries
from api.settings import Settings
from api.store import StoreUnavailableError, open_store


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def remote_down(data_dir: Path) -> Settings:
    url = f"http://127.0.0.1:{closed_port()}"
    return Settings.load(data_dir=data_dir, store="remote", query_url=url + "/query", update_url=url + "/update",
                         index_poll_seconds=0)


def test_kept_index_serves_when_the_store_is_down(tmp_path: Path) -> None:
    embedded = Settings.load(data_dir=tmp_path)
    store = open_store(embedded)
    load_or_build(store, embedded, load_queries(embedded.queries_dir))  # what the parent of the workers keeps
    store.close()
    settings = remote_down(tmp_path)
    state = State()
    state.store, state.queries = open_store(settings, load=False), load_queries(settings.queries_dir)
    load_lookup(state, settings)
    assert [h.concept.slug for h in Searcher(state.lookup).search("七有", limit=1)[1]] == ["qiyou"]


def test_without_a_kept_index_the_outage_is_reported(tmp_path: Path) -> None:
    settings = remote_down(tmp_path)
    state = State()
    state.store, state.queries = open_store(settings, load=False), load_queries(settings.queries_dir)
    with pytest.raises(StoreUnavailableError):
        load_lookup(state, settings)
