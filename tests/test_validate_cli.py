"""Issue #2/#6: ``tifa validate`` — exit status, the three report formats, standalone and in context."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rdflib import Graph, Literal

from api.model import Label, Term, to_graph
from api.vocab import SH

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "shapes" / "invalid"


def draft(related: str) -> str:
    """A draft term (as api.model writes it) whose preferred labels are 七有's, related to ``related``."""
    term = Term(slug="t-draft", status="draft", enumerative=False, topics=["s10"], related=[related],
                definitions={"ko": "시험.", "zh-Hans": "测试。"},
                labels=[Label("7유", "ko", preferred=True), Label("七有", "zh-Hans", preferred=True, origin="source")])
    return to_graph(term).serialize(format="turtle")


def tifa(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run([sys.executable, "-m", "api.cli", *extra, "validate", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_graph_folder_conforms() -> None:
    assert tifa("graph/").returncode == 0


def test_negative_graph_exits_1_and_prints_shape_focus_and_message() -> None:
    out = tifa(str(INVALID / "30-N01-counted-unit-not-in-form.ttl"))
    assert out.returncode == 1
    assert "https://w3id.org/tifa/shapes#Rule-N01-numeral-groups-agree" in out.stdout
    assert "focus: https://w3id.org/tifa/term/t-liangqu" in out.stdout
    assert "선언된 숫자 묶음과 다릅니다" in out.stdout and "disagree with the declared groups" in out.stdout


def test_unparsable_file_exits_2_with_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://ex.org/a> <http://ex.org/p> "x .\n', encoding="utf-8")
    out = tifa(str(bad))
    assert out.returncode == 2
    assert f"{bad}:1:" in out.stderr


def test_missing_file_and_no_argument_exit_2(tmp_path: Path) -> None:
    assert tifa(str(tmp_path / "absent.ttl")).returncode == 2
    assert tifa().returncode == 2


def test_json_and_turtle_reports() -> None:
    path = str(INVALID / "35-N06-component-exists-nowhere.ttl")
    report = json.loads(tifa("--format", "json", path).stdout)
    assert report["conforms"] is False
    assert [(f["rule"], f["term"], f["value"]) for f in report["findings"]] == [
        ("N06", "t-liangqu", "https://w3id.org/tifa/term/t-zone-c")]
    g = Graph().parse(data=tifa("--format", "turtle", path).stdout, format="turtle")
    assert (None, SH.conforms, Literal(False)) in g
    assert len(list(g.subjects(SH.sourceShape, None))) == 1


def test_in_context_finds_what_the_store_knows(tmp_path: Path) -> None:
    path = tmp_path / "draft.ttl"
    path.write_text(draft("wuxing"), encoding="utf-8")
    out = tifa("--in-context", "--format", "json", str(path), data_dir=tmp_path / "data")
    assert out.returncode == 0, out.stderr
    found = {(f["rule"], f["severity"]) for f in json.loads(out.stdout)["findings"]}
    assert ("G01", "Warning") in found  # 七有 and 7유 are 七有's preferred labels
    path.write_text(draft("no-such-term"), encoding="utf-8")
    out = tifa("--in-context", "--format", "json", str(path), data_dir=tmp_path / "data")
    assert out.returncode == 1
    assert ("G04", "https://w3id.org/tifa/term/no-such-term") in {
        (f["rule"], f["value"]) for f in json.loads(out.stdout)["findings"]}
