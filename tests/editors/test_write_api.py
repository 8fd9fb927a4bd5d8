"""Issue #6 (Writes): tokens, additions, Violations and Warnings, ETag/If-Match, deprecation, the change log,
size limits and replay — all through real requests to a live server."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.conftest import LiveServer, OxigraphServer
from tests.editors.conftest import BASE, TIFA, Editors, form, tifa_cli

XIN = BASE + "term/xinshidaitifa"


def count_changes(url: str) -> int:
    return len(httpx.get(url + "/api/changes", timeout=30).json()["changes"])


def test_writes_disabled_without_tokens_reads_public(make_server, tmp_path) -> None:
    server = make_server(data_dir=tmp_path / "no-tokens")
    r = httpx.post(server.url + "/api/terms", json=form("a", "가", "甲"), headers={"Authorization": "Bearer x"})
    assert r.status_code == 503
    assert "tifa token add" in r.json()["detail"]
    assert httpx.get(server.url + "/term/qiyou").status_code == 200
    assert httpx.get(server.url + "/api/changes").json()["changes"] == []


def test_authentication(editors, tmp_path) -> None:
    ed = editors("alice", "bob")
    url = ed.url + "/api/terms"
    body = form("xinshidaitifa", "신시대 제법", "新时代提法")
    r = httpx.post(url, json=body)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert httpx.post(url, json=body, headers={"Authorization": "Bearer tifa_wrong"}).status_code == 401
    assert httpx.post(url, json=body, headers={"Authorization": "Basic " + ed.tokens["alice"]}).status_code == 401
    # revoking through the CLI takes effect on the running server
    done = tifa_cli(ed.server.data_dir, "token", "revoke", "bob")
    assert done.returncode == 0
    assert ed.post(body, name="bob").status_code == 401
    assert count_changes(ed.url) == 0
    listed = tifa_cli(ed.server.data_dir, "token", "list").stdout
    assert "alice" in listed and "bob" not in listed
    stored = (ed.server.data_dir / "editor_tokens.json").read_text()
    assert ed.tokens["alice"] not in stored  # only the hash is kept
    assert tifa_cli(ed.server.data_dir, "token", "add", "alice").returncode == 2


def test_valid_addition_is_visible_everywhere(editors) -> None:
    ed = editors()
    r = ed.post(form("xinshidaitifa", "신시대 제법", "新时代提法"))
    assert r.status_code == 201, r.text
    assert r.headers["location"] == "/api/terms/xinshidaitifa"
    etag = r.headers["etag"]
    assert etag.startswith('"') and r.json()["warnings"] == []
    rows = ed.sparql(f"SELECT ?lang ?form WHERE {{ <{XIN}> <http://www.w3.org/2004/02/skos/core#prefLabel> ?form "
                     f"BIND(LANG(?form) AS ?lang) }}")
    forms = {row["form"] for row in rows}
    assert {"신시대 제법", "新时代提法", "新時代提法", "xīn shí dài tí fǎ"} <= forms  # enriched: zh-Hant, pinyin
    prov = ed.sparql(f"SELECT ?who ?created ?modified WHERE {{ <{XIN}> <http://www.w3.org/ns/prov#wasAttributedTo> "
                     f"?who ; <http://purl.org/dc/terms/created> ?created ; <http://purl.org/dc/terms/modified> "
                     f"?modified }}")
    assert prov and prov[0]["who"] == BASE + "editor/alice"
    record = httpx.get(ed.url + "/api/terms/xinshidaitifa")
    assert record.status_code == 200 and record.headers["etag"] == etag
    assert "신시대 제법" in record.text and "新时代提法" in record.text
    found = httpx.get(ed.url + "/api/terms", params={"q": "신시대 제법"}).json()  # the lookup index saw the write
    assert "xinshidaitifa" in json.dumps(found)
    page = httpx.get(ed.url + "/term/xinshidaitifa", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "신시대 제법" in page.text
    changes = httpx.get(ed.url + "/api/changes").json()["changes"]
    assert [(c["op"], c["slug"], c["editor"]) for c in changes] == [("create", "xinshidaitifa", "alice")]
    assert f"<{XIN}>" in changes[0]["ntriples"]
    again = ed.post(form("xinshidaitifa", "다른 형태", "别的"))
    assert again.status_code == 409 and again.headers["etag"] == etag


def test_turtle_addition_and_parse_errors(editors) -> None:
    ed = editors()
    ttl = f"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix tifa: <{TIFA}> .
<lvsejianzhu> a tifa:Term, skos:Concept ;
  skos:notation "lvsejianzhu" ; tifa:status tifa:Accepted ; tifa:kind tifa:Formulation ;
  skos:prefLabel "녹색 건축 시범"@ko, "绿色建筑示范"@zh-Hans ;
  skos:definition "시험 정의"@ko, "测试定义"@zh-Hans .
"""
    headers = {**ed.auth(), "Content-Type": "text/turtle"}
    r = httpx.post(ed.url + "/api/terms", content=ttl.encode(), headers=headers)
    assert r.status_code == 201, r.text
    assert r.json()["iri"] == BASE + "term/lvsejianzhu"
    bad = httpx.post(ed.url + "/api/terms", content=b'@prefix x: <http://x/> .\nx:a x:b "open .\n', headers=headers)
    assert bad.status_code == 400
    assert bad.json()["line"] == 2 and bad.json()["column"] >= 1 and "x:a" in bad.json()["detail"]
    other = ttl + '<http://example.org/else> <http://example.org/p> "x" .\n'
    r = httpx.post(ed.url + "/api/terms", content=other.replace("lvsejianzhu", "qita").encode(), headers=headers)
    assert r.status_code == 400 and "example.org/else" in r.json()["detail"]
    remote_ctx = b'{"@context": "http://example.org/context.jsonld", "@id": "http://x/a"}'
    r = httpx.post(ed.url + "/api/terms", content=remote_ctx, headers={**ed.auth(), "Content-Type": "application/ld+json"})
    assert r.status_code == 400
    assert count_changes(ed.url) == 1


def test_violation_is_rejected_and_changes_nothing(editors) -> None:
    ed = editors()
    quads = httpx.get(ed.url + "/health").json()["quads"]
    # a component that exists nowhere, and no Korean definition
    body = form("sanqusanxianer", "삼구삼선 둘", "三区三线二", groups=[{"numeral": 1, "unit": "个",
                                                                      "components": ["nowhere"]}])
    del body["definition_ko"]
    r = ed.post(body)
    assert r.status_code == 422
    report = r.json()["report"]
    assert report["conforms"] is False
    violations = [f for f in report["findings"] if f["severity"] == "Violation"]
    assert any(f["value"] == BASE + "term/nowhere" for f in violations)
    assert any(f["path"] == "http://www.w3.org/2004/02/skos/core#definition" for f in violations)
    assert all(f["message_ko"] and f["message_en"] for f in violations)
    assert httpx.get(ed.url + "/health").json()["quads"] == quads
    assert ed.sparql(f"SELECT ?p WHERE {{ <{BASE}term/sanqusanxianer> ?p ?o }}") == []
    assert count_changes(ed.url) == 0


def test_warnings_are_accepted_and_returned(editors) -> None:
    ed = editors()
    # no Chinese definition, and a preferred Korean form another term has: Warnings, not Violations
    r = ed.post({"slug": "shilaohuaxingaizao", "ko": "노인 친화적 개선", "zh": "适老化新改造", "definition_ko": "다른 뜻"})
    assert r.status_code == 201, r.text
    warnings = r.json()["warnings"]
    assert {w["severity"] for w in warnings} == {"Warning"}
    assert any(w["path"] == "http://www.w3.org/2004/02/skos/core#definition" for w in warnings)
    assert any(w["value"] == "노인 친화적 개선" for w in warnings)


def test_optimistic_concurrency(editors) -> None:
    ed = editors("alice", "bob")
    etag = ed.post(form("xinshidaitifa", "신시대 제법", "新时代提法")).headers["etag"]
    url = ed.url + "/api/terms/xinshidaitifa"
    changed = form("xinshidaitifa", "신시대 제법", "新时代提法", definition_ko="고친 정의")
    assert httpx.put(url, json=changed, headers=ed.auth()).status_code == 428
    assert httpx.put(url, json=changed, headers={**ed.auth(), "If-Match": '"stale"'}).status_code == 412
    assert httpx.get(ed.url + "/api/terms/xinshidaitifa").headers["etag"] == etag
    r = httpx.put(url, json=changed, headers={**ed.auth("bob"), "If-Match": etag})
    assert r.status_code == 200, r.text
    new_etag = r.headers["etag"]
    assert new_etag != etag and httpx.get(ed.url + "/api/terms/xinshidaitifa").headers["etag"] == new_etag
    # alice still holds the old ETag: her PUT must not overwrite bob's change
    lost = httpx.put(url, json=form("xinshidaitifa", "신시대 제법", "新时代提法", definition_ko="앨리스"),
                     headers={**ed.auth(), "If-Match": etag})
    assert lost.status_code == 412 and lost.headers["etag"] == new_etag
    defs = ed.sparql(f"SELECT ?d WHERE {{ <{XIN}> <http://www.w3.org/2004/02/skos/core#definition> ?d "
                     f"FILTER(LANG(?d) = 'ko') }}")
    assert [d["d"] for d in defs] == ["고친 정의"]
    created = ed.sparql(f"SELECT ?who WHERE {{ <{XIN}> <http://www.w3.org/ns/prov#wasAttributedTo> ?who }}")
    assert [c["who"] for c in created] == [BASE + "editor/bob"]
    assert httpx.put(ed.url + "/api/terms/nosuchterm", json=form("nosuchterm", "없음", "无"),
                     headers={**ed.auth(), "If-Match": etag}).status_code == 404
    assert [c["op"] for c in httpx.get(ed.url + "/api/changes").json()["changes"]] == ["create", "replace"]


def test_deprecation_keeps_the_uri(editors) -> None:
    ed = editors()
    etag = ed.post(form("xinshidaitifa", "신시대 제법", "新时代提法")).headers["etag"]
    url = ed.url + "/api/terms/xinshidaitifa"
    missing = httpx.delete(url, headers=ed.auth())  # like PUT: no blind deprecation of a changed term
    assert missing.status_code == 428 and missing.headers["etag"] == etag and "If-Match" in missing.json()["detail"]
    stale = httpx.delete(url, headers={**ed.auth(), "If-Match": '"old"'})
    assert stale.status_code == 412 and stale.headers["etag"] == etag
    assert httpx.get(ed.url + "/api/terms/xinshidaitifa").json()["status"] == "accepted"  # neither changed it
    assert httpx.delete(url, params={"replaced_by": "nowhere"},
                        headers={**ed.auth(), "If-Match": etag}).status_code == 422
    r = httpx.delete(url, params={"replaced_by": "qiyou"}, headers={**ed.auth(), "If-Match": etag})
    assert r.status_code == 200, r.text
    rows = ed.sparql(f"SELECT ?status ?by ?ko WHERE {{ <{XIN}> <{TIFA}status> ?status ; "
                     f"<http://purl.org/dc/terms/isReplacedBy> ?by ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?ko "
                     f"FILTER(LANG(?ko) = 'ko') }}")
    assert rows == [{"status": TIFA + "Deprecated", "by": BASE + "term/qiyou", "ko": "신시대 제법"}]
    assert httpx.get(ed.url + "/term/xinshidaitifa").status_code == 200
    assert httpx.delete(ed.url + "/api/terms/nosuchterm", headers=ed.auth()).status_code == 404


def test_body_size_limit(editors) -> None:
    ed = editors(env={"TIFA_MAX_BODY_BYTES": "2000"})
    r = ed.post(form("kuan", "넓은", "宽", definition_ko="가" * 3000))
    assert r.status_code == 413
    assert count_changes(ed.url) == 0


def test_replay_rebuilds_store_from_graph_and_log(editors) -> None:
    ed = editors()
    assert ed.post(form("xinshidaitifa", "신시대 제법", "新时代提法")).status_code == 201
    before = ed.describe("xinshidaitifa")
    data = ed.server.data_dir
    ed.server.stop()
    done = tifa_cli(data, "replay")
    assert done.returncode == 0, done.stderr
    assert "rebuilt from graph/; 1 change(s) replayed" in done.stdout
    again = LiveServer(data)
    try:
        assert Editors(again).describe("xinshidaitifa") == before
    finally:
        again.stop()


@pytest.mark.remote
def test_writes_on_a_remote_store(editors, tmp_path) -> None:
    oxigraph = OxigraphServer(tmp_path / "oxigraph")
    try:
        ed = editors(env=oxigraph.env())
        etag = ed.post(form("xinshidaitifa", "신시대 제법", "新时代提法")).headers["etag"]
        r = httpx.put(ed.url + "/api/terms/xinshidaitifa", headers={**ed.auth(), "If-Match": etag},
                      json=form("xinshidaitifa", "신시대 제법", "新时代提法", definition_ko="고친 정의"))
        assert r.status_code == 200, r.text
        before = ed.describe("xinshidaitifa")
        assert any("고친 정의" in line for line in before)
        bad = ed.post({"slug": "bad", "ko": "나쁨", "zh": "坏"})  # no Korean definition
        assert bad.status_code == 422
        ed.server.stop(kill=True)
        again = Editors(LiveServer(ed.server.data_dir, env=oxigraph.env()), ed.tokens)
        try:
            assert again.describe("xinshidaitifa") == before
            assert [c["op"] for c in httpx.get(again.url + "/api/changes").json()["changes"]] == ["create", "replace"]
        finally:
            again.server.stop()
    finally:
        oxigraph.stop()
