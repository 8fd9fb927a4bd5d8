"""Issue #4: lookup, record, term URI and annotation over HTTP, against a real ``tifa serve``."""

from __future__ import annotations

import json

import httpx
import pytest
from lxml import html
from rdflib import Graph, URIRef

from tests.conftest import LiveServer

QIYOU = "https://w3id.org/tifa/term/qiyou"


def test_lookup_json(live_server: LiveServer) -> None:
    r = httpx.get(live_server.url + "/api/terms", params={"q": "3구3선", "limit": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "3구3선" and body["normalized"] == "3구3선"
    top = body["results"][0]
    assert (top["id"], top["zh_hans"], top["zh_hant"]) == ("sanqusanxian", "三区三线", "三區三線")
    assert top["uri"].endswith("/term/sanqusanxian") and top["definition"]
    assert top["match"] == {"form": "3구 3선", "lang": "ko", "kind": "exact", "score": 100}


def test_lookup_component_brings_parent(live_server: LiveServer) -> None:
    results = httpx.get(live_server.url + "/api/terms", params={"q": "幼有所育"}).json()["results"]
    assert results[0]["parents"][0] | {"uri": None} == {"id": "qiyou", "uri": None, "ko": "7유", "zh_hans": "七有",
                                                       "group": 1, "position": 1, "of": 7}
    assert results[1]["id"] == "qiyou" and results[1]["match"]["kind"] == "component"


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "가" * 201}, {"q": "x", "lang": "fr"},
                                    {"q": "x", "limit": 0}, {"q": "x", "limit": 1000}])
def test_lookup_bad_input_is_400(live_server: LiveServer, params: dict) -> None:
    r = httpx.get(live_server.url + "/api/terms", params=params)
    assert r.status_code == 400 and r.json()["detail"]


def test_record(live_server: LiveServer) -> None:
    body = httpx.get(live_server.url + "/api/terms/qiyou").json()
    assert body["id"] == "qiyou" and body["uri"] == QIYOU
    assert [c["term"]["zh_hans"] for c in body["components"]] == [
        "幼有所育", "学有所教", "劳有所得", "病有所医", "老有所养", "住有所居", "弱有所扶"]
    assert [c["position"] for c in body["components"]] == list(range(1, 8))
    assert {lb["rendering"] for lb in body["labels"] if lb["lang"] == "ko"} >= {"numeric-abbreviation"}
    assert body["attestations"][0]["sentence"] and body["provenance"]["origin"] == "source"
    child = httpx.get(live_server.url + "/api/terms/youyousuoyu").json()
    assert [(p["term"]["slug"], p["position"], p["of"]) for p in child["parents"]] == [("qiyou", 1, 7)]


def test_unknown_record_404_with_suggestions(live_server: LiveServer) -> None:
    r = httpx.get(live_server.url + "/api/terms/qiyo")
    assert r.status_code == 404
    assert "qiyou" in [s["id"] for s in r.json()["suggestions"]]


@pytest.mark.parametrize(("accept", "fmt", "media", "rdf_format"), [
    ("text/turtle", None, "text/turtle", "turtle"),
    ("application/ld+json", None, "application/ld+json", None),
    ("application/n-triples", None, "application/n-triples", "nt"),
    ("application/rdf+xml", None, "application/rdf+xml", "xml"),
    ("text/html", "ttl", "text/turtle", "turtle"),
    ("text/turtle;q=0.5, application/rdf+xml", None, "application/rdf+xml", "xml"),
])
def test_term_uri_negotiation(live_server: LiveServer, accept: str, fmt: str | None, media: str,
                              rdf_format: str | None) -> None:
    r = httpx.get(live_server.url + "/term/qiyou", headers={"Accept": accept},
                  params={"format": fmt} if fmt else None)
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    if rdf_format:
        g = Graph().parse(data=r.text, format=rdf_format)
        assert (URIRef(QIYOU + "#group-1"), None, None) in g  # group nodes are part of the description
        assert len(list(g.objects(URIRef(QIYOU), URIRef("http://www.w3.org/2008/05/skos-xl#prefLabel")))) >= 2
    else:
        assert "qiyou" in json.dumps(r.json())


def test_term_uri_html_and_errors(live_server: LiveServer) -> None:
    r = httpx.get(live_server.url + "/term/qiyou", headers={"Accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html") and "七有" in r.text
    assert httpx.get(live_server.url + "/term/nothere", headers={"Accept": "text/turtle"}).status_code == 404
    assert httpx.get(live_server.url + "/term/qiyou", params={"format": "xls"}).status_code == 400
    assert httpx.get(live_server.url + "/term/qiyou", headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(("path", "expected"), [("/term/qiyo", "qiyou"), ("/term/칠유", "qiyou"),
                                                ("/term/三区三线", "sanqusanxian")],
                         ids=["mistyped-slug", "korean-form", "chinese-form"])
def test_unknown_term_page_404_suggests_terms_with_links(live_server: LiveServer, path: str, expected: str) -> None:
    r = httpx.get(live_server.url + path, headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    root = html.fromstring(r.text)
    assert root.xpath("//p[@role='alert']")  # the "no such term" message stays
    rows = root.xpath("//ul[@class='term-list']/li")
    assert expected in [li.get("data-term") for li in rows]
    row = next(li for li in rows if li.get("data-term") == expected)
    href = row.xpath(".//a[@class='term-link']/@href")[0]
    assert href == f"/term/{expected}"
    assert httpx.get(live_server.url + href, headers={"Accept": "text/html"}).status_code == 200


def test_unknown_term_page_without_close_terms_has_no_suggestion_list(live_server: LiveServer) -> None:
    r = httpx.get(live_server.url + "/term/zzzzzzzzzzzzzzzzzzzz", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert "term-list" not in r.text


def test_annotate(live_server: LiveServer) -> None:
    text = "베이징은 '3구 3선(三区三线)'과 '7유'를 추진한다."
    for kwargs in ({"json": {"text": text}}, {"content": text.encode(), "headers": {"Content-Type": "text/plain"}}):
        r = httpx.post(live_server.url + "/api/annotate", **kwargs)
        assert r.status_code == 200
        occ = r.json()["occurrences"]
        assert [(o["text"], o["id"]) for o in occ] == [("3구 3선", "sanqusanxian"), ("三区三线", "sanqusanxian"),
                                                      ("7유", "qiyou")]
        assert all(text[o["start"]:o["end"]] == o["text"] for o in occ)
        assert {t["id"]: t["count"] for t in r.json()["terms"]} == {"sanqusanxian": 2, "qiyou": 1}


@pytest.mark.parametrize(("content", "ctype", "status"), [
    (b"", "text/plain", 400),
    (b"   ", "text/plain", 400),
    (b"\xff\xfe\x00", "text/plain", 400),
    ("삼성일구\x01".encode(), "text/plain", 400),
    (b'{"text": 3}', "application/json", 400),
    (b'{"text": ', "application/json", 400),
    (b"text", "application/xml", 415),
    (b"x" * 1_000_001, "text/plain", 413),
])
def test_annotate_bad_input(live_server: LiveServer, content: bytes, ctype: str, status: int) -> None:
    r = httpx.post(live_server.url + "/api/annotate", content=content, headers={"Content-Type": ctype})
    assert r.status_code == status
    assert r.json()["detail"]
