"""Issue #6: ``POST /api/validate`` on a live server (embedded and remote store): reports, 400, 413, 415."""

from __future__ import annotations

import httpx
from rdflib import Graph, Literal

from api.model import Group, Label, Term, to_graph
from api.vocab import SH


def draft(*components: str) -> str:
    """A numbered draft with the given components (Turtle)."""
    term = Term(slug="t-api-draft", status="draft", enumerative=True, topics=["s01"],
                definitions={"ko": "시험.", "zh-Hans": "测试。"},
                groups=[Group(1, len(components), "区", list(components))],
                labels=[Label("시험 두 구역", "ko", preferred=True),
                        Label("试验两区", "zh-Hans", preferred=True, origin="editor", confidence="low")])
    return to_graph(term).serialize(format="turtle")


def post(server: object, body: str | bytes, content_type: str = "text/turtle", **kw: object) -> httpx.Response:
    return httpx.post(f"{server.url}/api/validate", content=body,  # type: ignore[attr-defined]
                      headers={"Content-Type": content_type, **kw.pop("headers", {})}, timeout=60, **kw)


def test_valid_draft_in_context_conforms(live_server: object) -> None:
    r = post(live_server, draft("youyousuoyu", "xueyousuojiao"))
    assert r.status_code == 200
    assert r.json()["conforms"] is True, r.json()


def test_component_missing_from_the_store_is_a_violation(live_server: object) -> None:
    r = post(live_server, draft("youyousuoyu", "no-such-component"))
    assert r.status_code == 200
    body = r.json()
    assert body["conforms"] is False
    assert [(f["rule"], f["severity"], f["term"], f["zh"]) for f in body["findings"]] == [
        ("N06", "Violation", "t-api-draft", "试验两区")]
    assert body["findings"][0]["message_ko"] and body["findings"][0]["message_en"]


def test_turtle_report_by_accept(live_server: object) -> None:
    r = post(live_server, draft("youyousuoyu", "no-such-component"), headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    assert (None, SH.conforms, Literal(False)) in g


def test_json_ld_draft(live_server: object) -> None:
    g = Graph().parse(data=draft("youyousuoyu", "xueyousuojiao"), format="turtle")
    r = post(live_server, g.serialize(format="json-ld"), "application/ld+json")
    assert r.status_code == 200 and r.json()["conforms"] is True


def test_unparsable_input_is_400_with_line_and_column(live_server: object) -> None:
    r = post(live_server, '@prefix ex: <http://ex.org/> .\nex:a ex:p "open .\n')
    assert r.status_code == 400
    assert (r.json()["line"], r.json()["column"]) == (2, 11)


def test_remote_context_is_400(live_server: object) -> None:
    r = post(live_server, '{"@context": "http://127.0.0.1:9/c.jsonld", "@id": "http://ex.org/a"}',
             "application/ld+json")
    assert r.status_code == 400 and "never fetched" in r.json()["message"]


def test_body_over_the_limit_is_413_and_other_media_types_415(live_server: object) -> None:
    assert post(live_server, b"#" * 1_100_000).status_code == 413
    assert post(live_server, b"GIF89a", "image/gif").status_code == 415
