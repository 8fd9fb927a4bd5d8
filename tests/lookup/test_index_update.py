"""Issue #4: the editors' hook (``LookupIndex.update``), the persisted index, and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from api.annotate import annotate
from api.lookup.index import LookupIndex
from api.lookup.search import Searcher
from api.lookup.store_index import cache_path, load_or_build
from api.model import Group, Label, Term
from api.settings import Settings
from api.store import TermStore

ROOT = Path(__file__).resolve().parents[2]


def _term(slug: str, ko: str, zh: str, **kw: object) -> Term:
    return Term(slug=slug, labels=[Label(ko, "ko", True), Label(zh, "zh-Hans", True)], **kw)  # type: ignore[arg-type]


def test_update_adds_replaces_and_links_parents() -> None:
    index = LookupIndex.build([], {})
    index.update(_term("liuwen", "육온", "六稳", groups=[Group(1, 2, "稳", ["wenjiuye", "wenjinrong"])]))
    index.update(_term("wenjiuye", "고용 안정", "稳就业"))
    search = Searcher(index)
    _, hits = search.search("稳就业")
    assert hits[0].concept.slug == "wenjiuye" and [(p.slug, p.position, p.of) for p in hits[0].parents] == [
        ("liuwen", 1, 2)]
    assert [o.slug for o in annotate(index, "六稳을 추진")] == ["liuwen"]
    index.update(_term("liuwen", "육안정", "六稳"))  # replaced: old Korean form gone, groups gone
    assert search.search("육온")[1] == [] or search.search("육온")[1][0].kind == "fuzzy"
    assert search.search("육안정")[1][0].concept.slug == "liuwen"
    assert search.search("稳就业")[1][0].parents == []
    assert [o.slug for o in annotate(index, "육안정을 추진")] == ["liuwen"]  # automaton rebuilt after the write


def test_persisted_index_is_reused(real_store: TermStore, real_settings: Settings, queries: dict) -> None:
    first = load_or_build(real_store, real_settings, queries)
    assert cache_path(real_store, real_settings).exists()

    class NoQueries:  # the same store, but any query fails: a second load must come from the file
        base = real_store.base

        def version(self) -> int:
            return real_store.version()

        def select(self, *args: object, **kwargs: object) -> list:
            raise AssertionError("the persisted index was not used")

    second = load_or_build(NoQueries(), real_settings, queries)  # type: ignore[arg-type]
    assert len(second) == len(first)
    assert Searcher(second).search("三區三線")[1][0].concept.slug == "sanqusanxian"
    assert [o.slug for o in annotate(second, "三区三线")] == ["sanqusanxian"]


def test_cli_lookup_and_annotate(real_settings: Settings, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run = [sys.executable, "-m", "api.cli", "--data-dir", str(data)]
    out = subprocess.run([*run, "lookup", "sanqusanxian", "--json", "--limit", "2"], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert json.loads(out.stdout)["results"][0]["id"] == "sanqusanxian"
    text = tmp_path / "t.txt"
    text.write_text("'7유(七有)'를 추진", encoding="utf-8")
    out = subprocess.run([*run, "annotate", str(text)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "⟦7유⟧{qiyou}" in out.stdout and "⟦七有⟧{qiyou}" in out.stdout
    bad = subprocess.run([*run, "lookup", " "], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2
