"""Issue #9: imports report new / changed / unchanged, refuse bad input row by row, and write only with --apply."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from api.exchange.formats import export
from api.exchange.glossary_read import parse_map, read_delimited, read_xlsx
from api.exchange.planner import plan
from api.exchange.tbx_read import read_tbx
from api.settings import Settings
from api.store import open_store
from tests.exchange.conftest import ROOT, snapshot


def tifa(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    """Run the real CLI on the project at ``settings.project_root``."""
    env = {**os.environ, "TIFA_PROJECT_ROOT": str(settings.project_root)}
    return subprocess.run([sys.executable, "-m", "api.cli", "--data-dir", str(settings.data_dir), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def quads(settings: Settings) -> int:
    store = open_store(settings)
    try:
        return store.triple_count()
    finally:
        store.close()


def stored(settings: Settings):
    """A snapshot of the store; the store object is dropped on return, so its lock is released for the CLI."""
    store = open_store(settings)
    try:
        return snapshot(store, settings)
    finally:
        store.close()


@pytest.fixture
def glossary(fixture_settings) -> str:
    """The fixture exported by the CLI (the CLI opens the store itself: no store is held open here)."""
    out = tifa(fixture_settings, "export", "--format", "csv")
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_csv_edit_reports_changed_new_unchanged_and_applies(glossary: str, fixture_settings, tmp_path) -> None:
    lines = glossary.split("\r\n")
    edited = [ln.replace("일곱 가지 민생 보장 목표.", "일곱 가지 민생 보장 목표(수정).") for ln in lines]
    edited.insert(2, "fang-guan-fu,방관복,sino-korean-reading,,행정 간소화와 권한 이양을 아우르는 개혁.,,,放管服,,,,fàng guǎn fú,放管服,,,s09,draft,formulation,")
    path = tmp_path / "edit.csv"
    path.write_text("\r\n".join(edited), encoding="utf-8")
    before = quads(fixture_settings)

    dry = tifa(fixture_settings, "import", str(path), "--json")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    report = json.loads(dry.stdout)
    states = {t["id"]: t["state"] for t in report["terms"]}
    assert states["qi-you"] == "changed" and states["fang-guan-fu"] == "new"
    assert [s for k, s in states.items() if k not in ("qi-you", "fang-guan-fu")] == ["unchanged"] * (len(states) - 2)
    change = next(t for t in report["terms"] if t["id"] == "qi-you")["changes"]
    assert len(change) == 1 and change[0].startswith("definitions:") and "(수정)" in change[0]
    assert quads(fixture_settings) == before  # dry run wrote nothing

    done = tifa(fixture_settings, "import", str(path), "--apply")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "applied: 2 terms written" in done.stdout
    snap = stored(fixture_settings)
    assert snap.terms["qi-you"].definitions["ko"].endswith("(수정).")
    assert snap.terms["qi-you"].pref_label("ko").origin == "source"  # what CSV cannot hold is kept
    assert snap.terms["fang-guan-fu"].pref("zh-Hans") == "放管服" and snap.terms["fang-guan-fu"].status == "draft"
    again = tifa(fixture_settings, "import", str(path), "--json")
    assert {t["state"] for t in json.loads(again.stdout)["terms"]} == {"unchanged"}


def test_csv_with_wrong_header_is_reported_and_nothing_applied(fixture_settings, tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Korean,Chinese,Definiton\n7유,七有,x\n", encoding="utf-8")
    before = quads(fixture_settings)
    out = tifa(fixture_settings, "import", str(path), "--apply")
    assert out.returncode == 2
    assert "problem: row 1, column 3: unknown column 'Definiton'" in out.stdout
    assert "nothing applied" in out.stdout
    assert quads(fixture_settings) == before


def test_csv_rows_with_problems_are_each_reported() -> None:
    data = ("Korean,Chinese (Simplified),Korean_Rendering,Entry_Status\n"
            "7유,七有,numeric-abbreviation,accepted\n,五性,,\n5성,五性,numeric,final\n").encode()
    problems = [str(p) for p in read_delimited(data, {}).problems]
    assert problems == ["row 3: empty Korean", "row 4: unknown status 'final'", "row 4: unknown rendering type 'numeric'"]


def test_map_option_names_columns() -> None:
    data = "KO term\tZH term\n3구 3선\t三区三线\n".encode()
    assert read_delimited(data, {}).problems
    result = read_delimited(data, parse_map("KO term=korean,ZH term=chinese"))
    assert result.problems == []
    assert result.terms[0].pref("ko") == "3구 3선" and result.terms[0].slug == "san-qu-san-xian"
    with pytest.raises(ValueError, match="bad --map entry"):
        parse_map("KO term=klingon")


def test_tbx_missing_language_section_is_reported(fixture_store, fixture_settings) -> None:
    body = export(snapshot(fixture_store, fixture_settings), "tbx").body
    start = body.index(b'<conceptEntry id="qi-you">')
    zh = body.index(b'<langSec xml:lang="zh-Hans">', start)
    end = body.index(b"</langSec>", zh) + len(b"</langSec>")
    result = read_tbx(body[:zh] + body[end:], fixture_store.base)
    line = body[:start].count(b"\n") + 1
    assert [str(p) for p in result.problems] == [
        f'conceptEntry qi-you (line {line}): missing language section xml:lang="zh-Hans"']


@pytest.mark.parametrize("payload, message", [
    (b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><tbx>&b;</tbx>',
     "DOCTYPE is refused"),
    (b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx>&x;</tbx>', "DOCTYPE"),
    (b"<tbx><unclosed></tbx>", "not well-formed XML"),
])
def test_hostile_or_broken_xml_is_refused(payload: bytes, message: str) -> None:
    result = read_tbx(payload, "https://w3id.org/tifa/")
    assert result.terms == [] and message in str(result.problems[0])


def test_xlsx_with_merged_cells_is_reported_and_nothing_applied(fixture_settings, tmp_path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Korean", "Chinese (Simplified)", "Korean_Def"])
    ws.append(["6온", "六稳", "여섯 가지 안정."])
    ws.append(["6보", "六保", "여섯 가지 보장."])
    ws.merge_cells("C2:C3")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    assert [str(p) for p in read_xlsx(path, {}).problems] == [
        "rows 2-3: merged cells C2:C3: unmerge them, one value per cell"]
    before = quads(fixture_settings)
    out = tifa(fixture_settings, "import", str(path), "--apply")
    assert out.returncode == 2 and "nothing applied" in out.stdout
    assert quads(fixture_settings) == before


def test_xlsx_rows_become_drafts(fixture_store, fixture_settings, tmp_path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ko", "zh", "Korean_Def"])
    ws.append(["7유", "七有", None])
    ws.append(["6온", "六稳", "여섯 가지 안정."])
    path = tmp_path / "ok.xlsx"
    wb.save(path)
    outcomes, problems = plan(read_xlsx(path, {}), snapshot(fixture_store, fixture_settings))
    assert problems == []
    assert [(o.term.slug, o.state) for o in outcomes] == [("qi-you", "unchanged"), ("liu-wen", "new")]
