"""Fixtures for issue #9 (exchange formats): stores built from a fixture graph, or from nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.exchange.snapshot import Snapshot, take_snapshot
from api.settings import Settings
from api.store import TermStore, open_store

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "exchange" / "qiyou.ttl"
# shared/ lies beside the checkout (CI, /work/main); a worktree sits one level deeper
TBX_SCHEMA = next((p / "shared" / "standards" / "tbx-basic" for p in ROOT.parents
                   if (p / "shared" / "standards" / "tbx-basic").is_dir()), ROOT.parent / "shared")


def project_copy(dest: Path, graph_files: list[Path]) -> Settings:
    """A project root under ``dest`` with the real ontology and queries and the given graph files."""
    for name in ("ontology", "queries", "shapes"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    (dest / "graph").mkdir(parents=True)
    for path in graph_files:
        shutil.copy(path, dest / "graph" / path.name)
    return Settings(project_root=dest, data_dir=dest / "data")


@pytest.fixture
def fixture_settings(tmp_path: Path) -> Settings:
    """Settings of a project whose graph is the 七有 fixture."""
    return project_copy(tmp_path / "fixture", [FIXTURE])


@pytest.fixture
def fixture_store(fixture_settings: Settings):
    """An embedded store built from the fixture graph."""
    store = open_store(fixture_settings)
    yield store
    store.close()


@pytest.fixture
def empty_settings(tmp_path: Path) -> Settings:
    """Settings of a project with the ontology but no terms."""
    return project_copy(tmp_path / "empty", [])


def snapshot(store: TermStore, settings: Settings) -> Snapshot:
    """A fresh bulk read of ``store``."""
    return take_snapshot(store, settings)


def tbx_schema_dir() -> Path:
    """The TBX-Basic schema files (shared/, not copied: their licence is not stated); skip when absent."""
    if not (TBX_SCHEMA / "TBX-Basic_DCA.sch").exists():
        pytest.skip(f"TBX-Basic schema files not found in {TBX_SCHEMA}")
    return TBX_SCHEMA
