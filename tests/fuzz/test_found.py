"""What the fuzzer found, one regression test per input class (each was a 500 before the fix)."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.fuzz.conftest import FuzzServer


@pytest.mark.parametrize("since", ["", "²", "·J2鎂ù", "2026-13-01", "12a"])
def test_changes_since_that_is_neither_number_nor_time(fuzz_server: FuzzServer, since: str) -> None:
    """GET /api/changes: an empty or non-ISO ``since`` (and "²", a digit to str.isdigit but not to int)."""
    r = httpx.get(fuzz_server.url + "/api/changes", params={"since": since}, timeout=30)
    assert r.status_code == 400, r.text
    assert "neither a change number nor an ISO 8601 time" in r.json()["detail"]


@pytest.mark.parametrize(("extra", "message"), [
    ({"replaced_by": "\x13\x94"}, "'replaced_by'"),  # became an IRI with control characters
    ({"topics": ["s01", "\x13"]}, "'topics'"),
    ({"definition_ko": "\ud800"}, "lone surrogate"),  # valid JSON, no UTF-8 text: the store refused it
    ({"alt_ko": ["\udfff"]}, "lone surrogate"),
])
def test_term_form_with_text_that_is_no_iri_or_no_utf8(fuzz_server: FuzzServer, extra: dict, message: str) -> None:
    """POST /api/terms: a form whose values cannot become IRIs or UTF-8 gets 400, and no term is added."""
    form = {"slug": "fuzz-regression", "ko": "퍼즈 회귀", "zh": "模糊回归", **extra}
    r = httpx.post(fuzz_server.url + "/api/terms", content=json.dumps(form), timeout=60,  # ASCII: "\\ud800"
                   headers={"Authorization": f"Bearer {fuzz_server.token}", "Content-Type": "application/json"})
    assert r.status_code == 400, r.text
    assert message in r.json()["detail"]
    assert httpx.get(fuzz_server.url + "/api/terms/fuzz-regression", timeout=30).status_code == 404


@pytest.mark.parametrize("path", ["/api/annotate", "/api/extract"])
def test_text_with_a_lone_surrogate(fuzz_server: FuzzServer, path: str) -> None:
    """POST /api/annotate (was 500: the answer could not be encoded) and /api/extract: 400 with the offset."""
    r = httpx.post(fuzz_server.url + path, timeout=60, headers={"Content-Type": "application/json"},
                   content=b'{"text": "\\uc0bc\\uad6c \\ud800 \\u4e09\\u533a"}')
    assert r.status_code == 400, r.text
    assert "lone surrogate (U+D800) at offset 3" in r.text


def test_deprecate_with_a_replacement_that_is_no_slug(fuzz_server: FuzzServer) -> None:
    """DELETE /api/terms/{slug}?replaced_by=<control characters>: was 500 (invalid IRI), now 422; nothing changes."""
    auth = {"Authorization": f"Bearer {fuzz_server.token}"}
    form = {"slug": "fuzz-deprecate", "ko": "퍼즈 폐기", "zh": "模糊废弃", "definition_ko": "시험용 항목",
            "definition_zh": "测试用条目", "topics": ["s04"]}
    created = httpx.post(fuzz_server.url + "/api/terms", json=form, headers=auth, timeout=60)
    assert created.status_code == 201, created.text
    r = httpx.delete(fuzz_server.url + "/api/terms/fuzz-deprecate", params={"replaced_by": "Ë}¿\x07"},
                     headers={**auth, "If-Match": created.headers["ETag"]}, timeout=60)
    assert r.status_code == 422, r.text
    record = httpx.get(fuzz_server.url + "/api/terms/fuzz-deprecate", timeout=30).json()
    assert record["status"] == "accepted"
