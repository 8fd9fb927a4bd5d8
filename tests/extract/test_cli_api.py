"""Issue #8: ``tifa extract`` and ``POST /api/extract`` over the real store and a real server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
from rdflib import Graph

from tests.conftest import ROOT
from tests.extract.test_new_terms import KOREAN


def test_cli_json_and_draft(tmp_path: Path) -> None:
    src = tmp_path / "report-2024.txt"
    src.write_text(KOREAN, encoding="utf-8")
    out = tmp_path / "drafts.ttl"
    proc = subprocess.run(
        [sys.executable, "-m", "api.cli", "--data-dir", str(tmp_path / "data"), "extract", str(src), "--json",
         "--draft", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert {k for k in ("korean", "chinese", "status", "term", "sentence", "offset")} <= set(rows[0])
    by_zh = {r["chinese"]: r for r in rows if r["chinese"]}
    assert by_zh["放管服"]["status"] == "new" and by_zh["放管服"]["term"] is None
    assert (by_zh["四个密度"]["status"], by_zh["四个密度"]["term"]) == ("known", "sigemidu")
    assert KOREAN[by_zh["放管服"]["offset"]:].startswith("방관복(")
    known_without_zh = [r for r in rows if r["chinese"] is None]
    assert [(r["korean"], r["term"]) for r in known_without_zh] == [("두 개의 확립", "lianggequeli")]
    g = Graph().parse(out, format="turtle")
    assert len(g) > 50
    assert "definition (ko)" in proc.stderr


def test_cli_table_and_bad_file(tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_text("국내 대순환을 주체로 하는 '쌍순환(双循环)' 새 발전 구도", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    proc = subprocess.run([sys.executable, "-m", "api.cli", "--data-dir", str(tmp_path / "data"), "extract",
                           str(src)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "쌍순환" in proc.stdout and "new" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "api.cli", "--data-dir", str(tmp_path / "data"), "extract",
                           str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "utf-8" in proc.stderr.lower()


def test_api_extract_text_and_json(live_server) -> None:  # noqa: ANN001
    url = live_server.url + "/api/extract"
    r = httpx.post(url, content=KOREAN.encode(), headers={"content-type": "text/plain; charset=utf-8"}, timeout=120)
    assert r.status_code == 200, r.text
    cands = r.json()["candidates"]
    assert [(c["korean"], c["status"]) for c in cands][:3] == [("방관복", "new"), ("육온육보", "new"),
                                                               ("쌍순환", "new")]
    r = httpx.post(url, json={"text": "深化“放管服”改革，增强四个意识。", "draft": True}, timeout=120)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [(c["chinese"], c["status"], c["term"]) for c in body["candidates"]] == [
        ("放管服", "new", None), ("四个意识", "known", "sigeyishi")]
    assert body["drafts"][0]["needs"][0].startswith("Korean form")
    assert "放管服" in body["turtle"]


def test_api_extract_bad_input_is_4xx(live_server) -> None:  # noqa: ANN001
    url = live_server.url + "/api/extract"
    cases = [
        (b"", "text/plain", 400, "empty"),
        (b"\xff\xfe", "text/plain", 400, "UTF-8"),
        (b"abc\x00def", "text/plain", 400, "control character"),
        (b"{\"text\": 3}", "application/json", 400, "string"),
        (b"{nope", "application/json", 400, "invalid JSON"),
        (b"text", "application/xml", 415, "unsupported"),
        (b"x" * 1_100_000, "text/plain", 413, "limit"),
    ]
    for body, ctype, status, words in cases:
        r = httpx.post(url, content=body, headers={"content-type": ctype}, timeout=60)
        assert r.status_code == status, (ctype, r.text)
        assert words in (r.json().get("error") or r.json()["detail"])  # 413 comes from api.body_limit
