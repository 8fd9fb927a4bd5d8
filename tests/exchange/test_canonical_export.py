"""Issue #9 / #6: ``tifa export --canonical`` writes the store back to graph/ in canonical Turtle."""

from __future__ import annotations

import json

import httpx
from rdflib import Graph
from rdflib.compare import isomorphic

from api.canonical import canonical_turtle
from api.changelog import EXPORTED_FILE, log_dir
from api.vocab import DEFAULT_BASE
from tests.editors.conftest import add_token, form
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


def test_canonical_export_marks_the_change_log_so_a_rebuild_does_not_replay(fixture_settings, make_server) -> None:
    settings = fixture_settings
    token = add_token(settings.data_dir, "alice")
    server = make_server(env={"TIFA_PROJECT_ROOT": str(settings.project_root)}, data_dir=settings.data_dir)
    auth = {"Authorization": f"Bearer {token}"}
    for slug, ko, zh in (("fangguanfu", "방관복", "放管服"), ("shuangjian", "쌍감", "双减")):
        r = httpx.post(server.url + "/api/terms", json=form(slug, ko, zh), headers=auth, timeout=60)
        assert r.status_code == 201, r.text
    server.stop()

    out = tifa(settings, "export", "--canonical")
    assert out.returncode == 0, out.stderr
    assert json.loads((log_dir(settings) / EXPORTED_FILE).read_text(encoding="utf-8")) == {"seq": 2}
    written = Graph()
    for path in settings.graph_dir.glob("*.ttl"):
        written.parse(path)
    replay = tifa(settings, "replay")  # rebuild from graph/: both changes are in it, none is replayed
    assert replay.returncode == 0, replay.stderr
    assert "0 change(s) replayed" in replay.stdout and "exported to graph/ up to 2" in replay.stdout
    assert isomorphic(stored(settings).terms_graph, written)
