"""Path traversal in ids, static files and export names (404/400, nothing outside read) and CR/LF in
anything that could reach a response header (no injected header, ever)."""

from __future__ import annotations

import httpx
import pytest

from tests.security.conftest import Target, raw_http

TRAVERSAL = [
    "/term/..%2F..%2Fetc%2Fpasswd", "/term/..%2Fx", "/term/%3Cscript%3E", "/term/a%00b",
    "/api/terms/..%2F..%2Fetc%2Fpasswd", "/api/terms/%2e%2e", "/api/terms/%00", "/api/terms/" + "a" * 300,
    "/api/export/../../x", "/api/export/..%2F..%2Fetc%2Fpasswd", "/static/..%2F..%2Fapi%2Fapp.py",
    "/static/../../api/app.py", "/static/%2e%2e", "/api/queries/..%2F..%2Fetc%2Fpasswd",
    "/browse/topic/..%2F..%2Fetc", "/api/export?format=..%2F..%2Fetc%2Fpasswd",
    "/api/export?format=csv&topic=..%2F..%2Fetc", "/query?example=..%2F..%2Fetc%2Fpasswd",
]


@pytest.mark.parametrize("path", TRAVERSAL)
def test_traversal_is_4xx_and_reads_nothing(target: Target, path: str) -> None:
    # sent raw: an HTTP client would resolve the ../ itself and never send it
    status, _, body = raw_http(target.url, f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept: text/turtle\r\n"
                                           "Connection: close\r\n\r\n".encode())
    assert status in (400, 404, 422), (status, body[:300])
    assert b"root:" not in body and b"create_app" not in body


@pytest.mark.parametrize("name", ['x"\r\nSet-Cookie: a=b/../../etc', "a\x00b", "../../etc/passwd", "x\nX-Evil: 1"])
def test_export_file_name_is_sanitised(target: Target, name: str) -> None:
    r = httpx.get(target.url + "/api/export", params={"format": "ttl", "filename": name}, timeout=120)
    assert r.status_code == 200
    assert "set-cookie" not in r.headers and "x-evil" not in r.headers
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.count('"') == 2
    assert not any(c in disposition for c in "\r\n\x00/")
    if name.startswith('x"'):
        assert disposition == 'attachment; filename="x-Set-Cookie-a-b-..-..-etc.ttl"'


INJECTED = [
    ("If-Match", 'PUT /api/terms/qiyou', '"x"\rX-Evil: 1'),
    ("Accept", "GET /term/qiyou", "text/turtle\rX-Evil: 1"),
    ("Cookie", "GET /", "tifa_lang=en\rX-Evil: 1"),
]


@pytest.mark.parametrize(("header", "request_line", "value"), INJECTED, ids=[h for h, _, _ in INJECTED])
def test_cr_in_a_request_header_is_refused_not_echoed(target: Target, header: str, request_line: str,
                                                      value: str) -> None:
    raw = (f"{request_line} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {target.token}\r\n{header}: {value}\r\n"
           "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}").encode()
    status, headers, _ = raw_http(target.url, raw)
    assert 400 <= status < 500
    assert "x-evil" not in dict(headers)


@pytest.mark.parametrize("query", ["lang=en%0D%0AX-Evil:%201", "lang=%0D%0ASet-Cookie:%20a=b"])
def test_cr_lf_in_the_language_switch_is_not_a_header(target: Target, query: str) -> None:
    r = httpx.get(target.url + "/?" + query, timeout=60)
    assert r.status_code == 200
    assert "x-evil" not in r.headers and "a=b" not in r.headers.get("set-cookie", "")


@pytest.mark.parametrize("slug", ["a\r\nX-Evil: 1", "a%0d%0aX-Evil:1", "../x"])
def test_cr_lf_in_a_slug_never_reaches_location(target: Target, slug: str) -> None:
    body = {"slug": slug, "ko": "가", "zh": "甲", "definition_ko": "정의", "definition_zh": "定义", "topics": ["s01"]}
    r = httpx.post(target.url + "/api/terms", json=body, headers=target.auth(), timeout=60)
    assert r.status_code in (400, 422), r.text
    assert "x-evil" not in r.headers and "location" not in r.headers
