"""Term records are cached per store version: repeated reads skip the store, a write shows at once."""

from __future__ import annotations

from pathlib import Path

from api.embedded_store import EmbeddedStore
from api.queries import load_queries
from api.record_cache import RecordCache
from api.settings import PROJECT_ROOT, Settings
from tests.store.test_stores import make_project

QUERIES = load_queries(PROJECT_ROOT / "queries")


def test_cached_until_a_write_bumps_the_version(tmp_path: Path) -> None:
    settings = Settings(project_root=make_project(tmp_path / "project"), data_dir=tmp_path / "data")
    store = EmbeddedStore(settings)
    store.load_sources(settings)
    cache = RecordCache()
    first = cache.get(store, QUERIES, "qiyou")
    assert first is not None and first.term.definitions["ko"] == "일곱 가지 보장"
    assert cache.get(store, QUERIES, "qiyou") is first  # no second read
    assert cache.get(store, QUERIES, "nosuchterm") is None
    iri = f"<{settings.base_uri}term/qiyou>"
    skos = "http://www.w3.org/2004/02/skos/core#definition"
    store.update(f'DELETE WHERE {{ GRAPH ?g {{ {iri} <{skos}> ?d }} }};'
                 f'INSERT DATA {{ GRAPH <{settings.base_uri}graph/terms> {{ {iri} <{skos}> "바뀐 정의"@ko }} }}')
    after = cache.get(store, QUERIES, "qiyou")
    assert after is not first and after is not None and after.term.definitions["ko"] == "바뀐 정의"
    store.close()


def test_least_recently_used_out(tmp_path: Path) -> None:
    settings = Settings(project_root=make_project(tmp_path / "project"), data_dir=tmp_path / "data")
    store = EmbeddedStore(settings)
    store.load_sources(settings)
    cache = RecordCache(size=2)
    qiyou = cache.get(store, QUERIES, "qiyou")
    cache.get(store, QUERIES, "youyousuoyu")
    cache.get(store, QUERIES, "qiyou")  # used again: stays
    cache.get(store, QUERIES, "xueyousuojiao")  # pushes out youyousuoyu
    assert cache.get(store, QUERIES, "qiyou") is qiyou
    assert len(cache._records) == 2 and "youyousuoyu" not in cache._records
    store.close()
