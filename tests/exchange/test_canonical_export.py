"""Issue #9 / #6: ``tifa export --canonical`` writes the store back to graph/ in canonical Turtle."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import isomorphic

from api.canonical import canonical_turtle
from api.vocab import DEFAULT_BASE
from tests.exchange.test_import import stored, tifa


def test_canonical_export_keeps_layout_and_adds_new_terms_by_topic(fixture_settings, tmp_path) -> None:
    graph_dir = fixture_settings.graph_dir
    before = (graph_dir / "qiyou.ttl").read_text(encoding="utf-8")
    path = tmp_path / "new.csv"
    path.write_text("Korean,Chinese (Simplified),Korean_Def,Entry_Subject\n방관복,放管服,행정 간소화와 권한 이양 및 규제 결합과 서비스 최적화를 아우르는 개혁.,s09\n", encoding="utf-8")
    assert tifa(fixture_settings, "import", str(path), "--apply").returncode == 0
    snap = stored(fixture_settings)

    out = tifa(fixture_settings, "export", "--canonical")
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in graph_dir.glob("*.ttl")) == ["qiyou.ttl", "s09.ttl"]
    assert (graph_dir / "qiyou.ttl").read_text(encoding="utf-8") == before  # existing terms stay where they were
    new = Graph().parse(graph_dir / "s09.ttl")
    assert (graph_dir / "s09.ttl").read_text(encoding="utf-8") == canonical_turtle(new, DEFAULT_BASE)
    both = Graph().parse(graph_dir / "qiyou.ttl")
    both += new
    assert isomorphic(both, snap.terms_graph)
    assert tifa(fixture_settings, "fmt", "--check", str(graph_dir)).returncode == 0


def test_canonical_export_of_unchanged_store_rewrites_nothing(tmp_path) -> None:
    from tests.exchange.conftest import ROOT, project_copy

    settings = project_copy(tmp_path / "whole", sorted((ROOT / "graph").glob("*.ttl")))
    before = {p.name: p.read_bytes() for p in settings.graph_dir.glob("*.ttl")}
    out = tifa(settings, "export", "--canonical")
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""  # no "written:" lines
    assert {p.name: p.read_bytes() for p in settings.graph_dir.glob("*.ttl")} == before
