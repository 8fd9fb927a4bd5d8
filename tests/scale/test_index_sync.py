"""Issue #10: a worker's lookup index follows writes made through another process's writer, from the version
marks in the store (``tifa:changedAtVersion``); a rebuild from graph/ reloads it; a store that goes away is
survived and followed again when it returns."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from api import vocab
from api.changelog import ChangeLog, log_dir
from api.lookup.index import LookupIndex
from api.lookup.search import Searcher
from api.lookup.store_index import build_from_store
from api.lookup.sync import CHANGED_TERMS, IndexSync
from api.queries import load_queries
from api.settings import Settings
from api.store import TermStore, open_store
from api.term_writer import TermWriter
from api.write_input import read_draft
from tests.conftest import OxigraphServer
from tests.editors.conftest import BASE, form


def finds(index: LookupIndex, q: str, slug: str) -> bool:
    return any(hit.concept.slug == slug for hit in Searcher(index).search(q)[1])


class Follower:
    """A second process's view: its own index and sync over the same store."""

    def __init__(self, store: TermStore, settings: Settings) -> None:
        self.queries = load_queries(settings.queries_dir)
        build = store.meta_value(vocab.TIFA.buildId)
        self.index = build_from_store(store, self.queries)
        self.sync = IndexSync(store, settings, self.queries, lambda: self.index, self._put, self.index.version, build)
        self.reloads = 0

    def _put(self, index: LookupIndex) -> None:
        self.index, self.reloads = index, self.reloads + 1


def write(store: TermStore, settings: Settings, slug: str, ko: str, zh: str) -> None:
    """Accept a write through a writer that does not know the follower (as another worker would)."""
    writer = TermWriter(store, settings, ChangeLog(log_dir(settings)))
    try:
        draft = read_draft(json.dumps(form(slug, ko, zh)).encode(), "application/json", store.base)
        writer.create(draft, "alice")
    finally:
        writer.close()


def test_written_terms_are_marked_and_followed(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    store = open_store(settings)
    try:
        follower = Follower(store, settings)
        assert follower.sync.poll() == "same"
        before = store.version()
        write(store, settings, "genzong-ceshi", "추종 시험", "跟踪试验")
        marks = store.select_meta(follower.queries[CHANGED_TERMS].text,
                                  {"since": Literal(before, datatype=vocab.XSD.integer)})
        assert marks == [{"term": URIRef(BASE + "term/genzong-ceshi"),
                          "version": Literal(store.version(), datatype=vocab.XSD.integer)}]
        assert not finds(follower.index, "추종 시험", "genzong-ceshi")
        assert follower.sync.poll() == "refreshed"
        assert finds(follower.index, "추종 시험", "genzong-ceshi") and finds(follower.index, "跟踪试验", "genzong-ceshi")
        assert follower.sync.poll() == "same"
        assert follower.reloads == 0

        store.load_sources(settings, force=True)  # a rebuild from graph/: the written term is gone with it
        assert follower.sync.poll() == "reloaded"
        assert follower.reloads == 1
        assert not finds(follower.index, "추종 시험", "genzong-ceshi")
        assert finds(follower.index, "三区三线", "sanqusanxian")
    finally:
        store.close()


def restart(server: OxigraphServer, location: Path) -> subprocess.Popen:
    """Start Oxigraph again on the same port and data (the store comes back)."""
    exe = Path(server.proc.args[0])
    return subprocess.Popen([str(exe), "serve", "--location", str(location), "--bind", f"127.0.0.1:{server.port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.remote
def test_sync_survives_the_store_going_away(tmp_path: Path) -> None:
    location = tmp_path / "oxigraph"
    server = OxigraphServer(location)
    settings = Settings(data_dir=tmp_path / "data", store="remote", query_url=server.query_url,
                        update_url=server.update_url, index_poll_seconds=0.05, store_timeout=5)
    store = open_store(settings)
    follower = Follower(store, settings)
    follower.sync.start()
    again = None
    try:
        server.stop()
        time.sleep(0.3)  # several polls fail meanwhile
        assert follower.sync._thread is not None and follower.sync._thread.is_alive()
        assert finds(follower.index, "三区三线", "sanqusanxian")  # the index is still served
        again = restart(server, location)
        deadline = time.monotonic() + 60
        while True:
            try:
                write(store, settings, "huifu-ceshi", "복구 시험", "恢复试验")
                break
            except OSError:
                assert time.monotonic() < deadline, "Oxigraph did not come back"
                time.sleep(0.2)
        deadline = time.monotonic() + 30
        while not finds(follower.index, "복구 시험", "huifu-ceshi"):
            assert time.monotonic() < deadline, "the sync did not follow the store after it came back"
            time.sleep(0.05)
    finally:
        follower.sync.stop()
        store.close()
        if again is not None:
            again.terminate()
            again.wait(timeout=10)
