"""Issue #5: every named query in queries/ has a case here (data.ttl, bindings.json, expected answer).

SELECT cases compare *sets of rows* (``expected.json``: rows of N-Triples terms); CONSTRUCT
cases compare graphs up to blank-node renaming (``expected.ttl``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from api.embedded_store import EmbeddedStore
from api.queries import load_queries
from api.settings import PROJECT_ROOT, Settings
from api.sparql_text import sparql_term

CASES = Path(__file__).parent
QUERIES = load_queries(PROJECT_ROOT / "queries")


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "data.ttl").exists())


def run_case(name: str, tmp_path: Path) -> object:
    project = tmp_path / "project"
    (project / "graph").mkdir(parents=True)
    shutil.copytree(PROJECT_ROOT / "ontology", project / "ontology")
    shutil.copy(CASES / name / "data.ttl", project / "graph" / "data.ttl")
    store = EmbeddedStore(Settings(project_root=project, data_dir=tmp_path / "data"))
    store.load_sources(store.settings)
    q = QUERIES[name]
    bindings = q.bind(json.loads((CASES / name / "bindings.json").read_text(encoding="utf-8")))
    if q.form in ("CONSTRUCT", "DESCRIBE"):
        return store.construct(q.text, bindings)
    return [{k: sparql_term(v) for k, v in row.items()} for row in store.select(q.text, bindings)]


def as_set(rows: list[dict[str, str]]) -> set[frozenset[tuple[str, str]]]:
    return {frozenset(row.items()) for row in rows}


@pytest.mark.parametrize("name", case_names())
def test_named_query_case(name: str, tmp_path: Path) -> None:
    got = run_case(name, tmp_path)
    if isinstance(got, Graph):
        expected = Graph().parse(CASES / name / "expected.ttl")
        assert isomorphic(got, expected), got.serialize(format="nt")
        return
    expected = json.loads((CASES / name / "expected.json").read_text(encoding="utf-8"))
    assert as_set(got) == as_set(expected)
    assert len(got) == len(expected)


def test_every_named_query_has_a_case() -> None:
    missing = sorted(set(QUERIES) - set(case_names()))
    assert not missing, f"queries without a case under tests/queries/: {missing}"
