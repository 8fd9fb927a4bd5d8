"""Issue #9: exports travel back. TBX and CSV into an empty store give the same terms field by field;
Turtle, N-Triples, JSON-LD and TriG dumps reload to an isomorphic graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from api.exchange.apply import apply_outcomes
from api.exchange.diff import describe, term_diff
from api.exchange.formats import export
from api.exchange.glossary_read import GLOSSARY_FIELDS, read_delimited
from api.exchange.planner import plan
from api.exchange.rdf_dump import parse_jsonld
from api.exchange.tbx_read import TBX_FIELDS, read_tbx
from api.model import Term
from api.settings import Settings
from api.store import open_store
from api.vocab import HANS, HANT, PINYIN
from tests.exchange.conftest import project_copy, snapshot


def _sources(request) -> tuple[Settings, str]:
    return request.getfixturevalue("fixture_settings"), "fixture"


@pytest.fixture(params=["fixture", "graph"])
def source(request, tmp_path: Path):
    """A store over the 七有 fixture, and one over the whole graph/ on main."""
    if request.param == "fixture":
        settings = request.getfixturevalue("fixture_settings")
    else:
        settings = Settings(data_dir=tmp_path / "graph-data")
    store = open_store(settings)
    snap = snapshot(store, settings)
    store.close()
    if not snap.terms:
        pytest.skip("graph/ holds no terms yet")
    return snap


def _import_into_empty(result, tmp_path: Path):
    settings = project_copy(tmp_path / "target", [])
    store = open_store(settings)
    try:
        assert result.problems == []
        outcomes, problems = plan(result, snapshot(store, settings))
        assert problems == []
        assert {o.state for o in outcomes} == {"new"}
        apply_outcomes(store, outcomes, {})
        return snapshot(store, settings)
    finally:
        store.close()


def _compare(expected: dict[str, Term], got: dict[str, Term], fields, project=lambda t: t) -> None:
    assert sorted(got) == sorted(expected)
    report = []
    for slug in sorted(expected):
        diff = term_diff(project(expected[slug]), project(got[slug]), fields)
        report += [f"{slug}: {line}" for line in describe(diff)]
    print("\n".join(report) or "no differences")
    assert report == []


def test_tbx_round_trip(source, tmp_path: Path) -> None:
    body = export(source, "tbx").body
    back = _import_into_empty(read_tbx(body, source.base), tmp_path)
    _compare(source.terms, back.terms, TBX_FIELDS)


CSV_LANGS = {"ko", HANS}
CSV_PREF_ONLY = {HANT, PINYIN, "en"}


def csv_view(term: Term) -> Term:
    """What a glossary row can hold of a term: forms and rendering types (not origin or attestation links)."""
    from dataclasses import replace

    from api.model import Label

    labels = [Label(lb.form, lb.lang, lb.preferred, lb.rendering if lb.lang == "ko" else None)
              for lb in term.labels if lb.lang in CSV_LANGS or (lb.lang in CSV_PREF_ONLY and lb.preferred)]
    labels = [lb if lb.lang == "ko" or not lb.preferred or lb.lang != "ko" else lb for lb in labels]
    return replace(term, labels=labels, definitions={k: v for k, v in term.definitions.items()
                                                     if k in ("ko", HANS, "en")},
                   scope_notes={k: v for k, v in term.scope_notes.items() if k in ("ko", HANS)})


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_glossary_round_trip(source, tmp_path: Path, fmt: str) -> None:
    body = export(source, fmt, bom=True).body
    assert body.startswith("\ufeff".encode())
    back = _import_into_empty(read_delimited(body, {}), tmp_path)
    _compare(source.terms, back.terms, GLOSSARY_FIELDS, csv_view)


@pytest.mark.parametrize("fmt, parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", None)])
def test_dump_reloads_isomorphic(source, fmt: str, parser: str | None) -> None:
    body = export(source, fmt).body
    g = parse_jsonld(body, source.base) if parser is None else Graph().parse(data=body, format=parser)
    assert len(g) == len(source.terms_graph)
    assert isomorphic(g, source.terms_graph)


def test_trig_holds_ontology_and_terms_in_named_graphs(source) -> None:
    ds = Dataset()
    ds.parse(data=export(source, "trig").body, format="trig")
    terms = ds.graph(URIRef(source.base + "graph/terms"))
    onto = ds.graph(URIRef(source.base + "graph/ontology"))
    assert isomorphic(terms, source.terms_graph)
    assert isomorphic(onto, source.ontology_graph)


def test_jsonld_refers_to_published_context_and_never_fetches(fixture_store, fixture_settings) -> None:
    import json

    body = export(snapshot(fixture_store, fixture_settings), "jsonld").body
    assert json.loads(body)["@context"] == fixture_store.base + "context.jsonld"
    hostile = json.dumps({"@context": "http://127.0.0.1:9/evil.jsonld", "@id": "http://x/a", "http://x/p": "v"})
    with pytest.raises(ValueError, match="remote JSON-LD context"):
        parse_jsonld(hostile, fixture_store.base)
