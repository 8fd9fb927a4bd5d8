"""Issue #5: the /sparql executor in-process — cached answers never outlive a write; the cache stays bounded."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from api.embedded_store import EmbeddedStore
from api.services.sparql_cache import ResultCache
from api.services.sparql_results import RESULT_FORMATS
from api.services.sparql_service import Dataset, PoolExecutor, execute
from api.settings import Settings
from api.vocab import SKOS
from tests.store.test_stores import make_project

QUERY = "SELECT ?l WHERE { <https://w3id.org/tifa/term/w> ?p ?l }"


def test_a_write_is_seen_by_the_next_query(tmp_path: Path) -> None:
    settings = Settings(project_root=make_project(tmp_path / "p"), data_dir=tmp_path / "d", sparql_workers=1)
    store = EmbeddedStore(settings)
    store.load_sources(settings)
    executor = PoolExecutor(store, settings)
    try:
        def ask() -> tuple[list[str], bool]:
            # a thread of its own: other tests (Playwright) may leave an event loop running in this one
            with ThreadPoolExecutor(1) as pool:
                answer = pool.submit(asyncio.run, execute(executor, settings, QUERY, Dataset(), None, None)).result()
            return [b["l"]["value"] for b in json.loads(answer.body)["results"]["bindings"]], answer.cached

        assert ask() == ([], False)
        assert ask() == ([], True)
        g = Graph()
        g.add((URIRef("https://w3id.org/tifa/term/w"), SKOS.prefLabel, Literal("写", lang="zh-Hans")))
        store.add_graph(g)
        assert ask() == (["写"], False)  # new version: the worker reads a fresh snapshot
        assert ask() == (["写"], True)
    finally:
        executor.close()


def test_cache_is_bounded_and_versioned() -> None:
    cache = ResultCache(16 * 100)
    fmt = RESULT_FORMATS[0]
    for i in range(40):
        cache.put(1, cache.key(f"q{i}", fmt, Dataset(), 10), (b"x" * 100, "m", False))
    assert cache.get(1, cache.key("q0", fmt, Dataset(), 10)) is None  # evicted
    assert cache.get(1, cache.key("q39", fmt, Dataset(), 10)) is not None
    assert cache.get(2, cache.key("q39", fmt, Dataset(), 10)) is None  # another version
    cache.put(1, cache.key("big", fmt, Dataset(), 10), (b"x" * 101, "m", False))
    assert cache.get(1, cache.key("big", fmt, Dataset(), 10)) is None  # over 1/16 of the budget
