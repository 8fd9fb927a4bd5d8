"""Issue #4: the lookup index over the real graph (graph/), built once per session on a real embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.lookup.index import LookupIndex
from api.lookup.search import Searcher
from api.lookup.store_index import build_from_store
from api.queries import load_queries
from api.settings import Settings
from api.store import TermStore, open_store


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("lookup-data"))


@pytest.fixture(scope="session")
def real_store(real_settings: Settings) -> TermStore:
    store = open_store(real_settings)
    yield store
    store.close()


@pytest.fixture(scope="session")
def queries(real_settings: Settings) -> dict:
    return load_queries(real_settings.queries_dir)


@pytest.fixture(scope="session")
def real_index(real_store: TermStore, queries: dict) -> LookupIndex:
    return build_from_store(real_store, queries)


@pytest.fixture(scope="session")
def searcher(real_index: LookupIndex) -> Searcher:
    return Searcher(real_index)


SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_b282f04b1cfac299.txt"
