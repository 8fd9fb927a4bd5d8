"""Deeply nested JSON and bytes that are not UTF-8 — in query strings, paths, form fields and bodies — get a
400 that says what was wrong (never a 500, never a silent U+FFFD)."""

from __future__ import annotations

import httpx
import pytest

from tests.security.conftest import Target, assert_refused, raw_http

DEEP = {"array": b"[" * 100_000, "object": b'{"a":' * 100_000}
JSON_ENDPOINTS = [("/api/terms", "application/json", True), ("/api/annotate", "application/json", False),
                  ("/api/extract", "application/json", False), ("/api/validate", "application/ld+json", False)]


@pytest.mark.parametrize("shape", sorted(DEEP))
@pytest.mark.parametrize(("path", "ctype", "auth"), JSON_ENDPOINTS, ids=[p for p, _, _ in JSON_ENDPOINTS])
def test_deeply_nested_json_is_400(target: Target, path: str, ctype: str, auth: bool, shape: str) -> None:
    headers = target.auth(**{"Content-Type": ctype}) if auth else {"Content-Type": ctype}
    r = httpx.post(target.url + path, content=DEEP[shape], headers=headers, timeout=60)
    assert_refused(r, 400)
    assert "nested" in r.text or "stack" in r.text, r.text[:300]  # says why, not just "bad"


@pytest.mark.parametrize("url", ["/api/terms?q=%FF", "/search?q=%C3%28", "/sparql?query=SELECT%FE", "/?lang=%80",
                                 "/term/%FF", "/api/terms/qi%E0%80you", "/browse/topic/%C0%AF"])
def test_invalid_utf8_in_the_url_is_400(target: Target, url: str) -> None:
    status, _, body = raw_http(target.url, f"GET {url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    assert status == 400, body[:300]
    assert b"UTF-8" in body


@pytest.mark.parametrize(("path", "body"), [
    ("/annotate", b"text=%FF%FE"), ("/annotate", b"text=\xff"), ("/validate", b"draft=%C3%28&format=turtle"),
    ("/sparql", b"query=SELECT%FF"), ("/annotate", b"te%FFxt=a"),
])
def test_invalid_utf8_in_a_form_field_is_400(target: Target, path: str, body: bytes) -> None:
    r = httpx.post(target.url + path, content=body, headers={"Content-Type": "application/x-www-form-urlencoded"},
                   timeout=60)
    assert_refused(r, 400, "UTF-8")


@pytest.mark.parametrize(("path", "ctype", "auth"), [
    ("/api/terms", "application/json", True), ("/api/terms", "text/turtle", True),
    ("/api/annotate", "text/plain", False), ("/api/extract", "application/json", False),
    ("/api/validate", "text/turtle", False), ("/sparql", "application/sparql-query", False),
])
def test_invalid_utf8_in_a_body_is_400(target: Target, path: str, ctype: str, auth: bool) -> None:
    body = {"application/json": b'{"text": "\xff\xfe", "slug": "x"}', "text/turtle": b'<urn:a> <urn:b> "\xff" .',
            "text/plain": b"\xc3\x28", "application/sparql-query": b'SELECT * WHERE { ?s ?p "\xff" }'}[ctype]
    headers = target.auth(**{"Content-Type": ctype}) if auth else {"Content-Type": ctype}
    r = httpx.post(target.url + path, content=body, headers=headers, timeout=60)
    assert_refused(r, 400, "UTF-8")
