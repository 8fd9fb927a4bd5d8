"""Issue #6, validation in context: an addition is judged against the store, only its own nodes are reported."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from api.embedded_store import EmbeddedStore
from api.model import Group, Label, Term, term_iri, to_graph
from api.settings import PROJECT_ROOT, Settings
from api.validation import validate_addition
from api.validation_context import context_graph, proposed_nodes
from api.vocab import SKOS

BASE = Path(__file__).parent / "shapes" / "valid" / "01-numbered-formulation.ttl"
CYCLE = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/tifa/term/t-zone-b> skos:broader <https://w3id.org/tifa/term/t-liangqu> .
<https://w3id.org/tifa/term/t-liangqu> skos:broader <https://w3id.org/tifa/term/t-zone-a> .
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """An embedded store built from the valid test graph plus two broader links."""
    root = tmp_path_factory.mktemp("ctx")
    (root / "project" / "graph").mkdir(parents=True)
    shutil.copytree(PROJECT_ROOT / "ontology", root / "project" / "ontology")
    shutil.copy(BASE, root / "project" / "graph" / "base.ttl")
    (root / "project" / "graph" / "links.ttl").write_text(CYCLE, encoding="utf-8")
    s = EmbeddedStore(Settings(project_root=root / "project", data_dir=root / "data"))
    s.load_sources(s.settings)
    yield s
    s.close()


def term(slug: str, ko: str, zh: str, **extra: object) -> Term:
    """A complete, valid term apart from what ``extra`` changes."""
    return Term(slug=slug, topics=["s01"], definitions={"ko": "시험용 용어.", "zh-Hans": "测试用术语。"},
                labels=[Label(ko, "ko", preferred=True), Label(zh, "zh-Hans", preferred=True, origin="editor",
                                                              confidence="high")], **extra)  # type: ignore[arg-type]


def rules(report: object) -> set[tuple[str, str]]:
    return {(f.rule, f.term or "") for f in report.findings}  # type: ignore[attr-defined]


def test_a_valid_addition_whose_components_exist_in_the_store_conforms(store: EmbeddedStore) -> None:
    new = term("t-jiayi", "갑을 구역", "甲乙两区", enumerative=True,
               groups=[Group(1, 2, "区", ["t-zone-a", "t-zone-b"])])
    report = validate_addition(store, to_graph(new))
    assert report.findings == [], report.to_text()


def test_duplicate_preferred_label_with_an_existing_term_is_a_warning_naming_both(store: EmbeddedStore) -> None:
    report = validate_addition(store, to_graph(term("t-copy", "갑구", "甲地")))
    assert rules(report) == {("G01", "t-copy")}
    assert report.conforms
    assert "t-zone-a" in report.findings[0].message_en and "t-zone-a" in report.findings[0].message_ko


def test_component_that_exists_nowhere_is_a_violation(store: EmbeddedStore) -> None:
    new = term("t-jiabing", "갑병 구역", "甲丙两区", enumerative=True,
               groups=[Group(1, 2, "区", ["t-zone-a", "t-zone-nowhere"])])
    report = validate_addition(store, to_graph(new))
    assert rules(report) == {("N06", "t-jiabing")}
    assert not report.conforms
    assert report.findings[0].value == str(term_iri("t-zone-nowhere"))


def test_slug_already_taken_is_a_violation_for_additions_only(store: EmbeddedStore) -> None:
    again = to_graph(term("t-zone-a", "갑 지역", "甲地"))
    assert rules(validate_addition(store, again)) == {("G03", "t-zone-a")}
    assert validate_addition(store, again, replace=True).findings == []


def test_broader_cycle_through_existing_terms_is_found(store: EmbeddedStore) -> None:
    g = to_graph(term("t-zone-a", "갑 지역", "甲地"))
    g.add((term_iri("t-zone-a"), SKOS.broader, term_iri("t-zone-b")))
    report = validate_addition(store, g, replace=True)
    assert rules(report) == {("G02", "t-zone-a")}


def test_only_the_proposed_nodes_are_reported_and_the_context_stays_small(store: EmbeddedStore) -> None:
    new = to_graph(term("t-copy", "갑구", "甲地"))
    ctx = context_graph(store, new)
    assert len(ctx) - len(new) <= 5  # the other term's type, notation and label
    assert {str(n).split("#")[0] for n in proposed_nodes(new)} == {str(term_iri("t-copy"))}


def test_statements_the_store_holds_about_a_replaced_term_are_left_out(store: EmbeddedStore) -> None:
    g = Graph()
    g += to_graph(term("t-liangqu", "두 구역", "两区", enumerative=False))
    g.add((term_iri("t-liangqu"), SKOS.broader, term_iri("t-zone-b")))
    ctx = context_graph(store, g)
    assert (term_iri("t-zone-b"), SKOS.broader, term_iri("t-liangqu")) in ctx  # the chain above t-zone-b
    assert (term_iri("t-liangqu"), SKOS.broader, term_iri("t-zone-a")) not in ctx  # the old t-liangqu
    assert rules(validate_addition(store, g, replace=True)) == {("G02", "t-liangqu")}
