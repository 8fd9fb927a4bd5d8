"""Issue #7: the message catalogues, collation and highlighting helpers behind the pages."""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path

import pytest

from api.web import collation, highlight
from api.web.i18n import CATALOGUE_DIR, UI_LANGS, Ui

TEMPLATES = Path(__file__).resolve().parents[2] / "api" / "templates"


@pytest.mark.parametrize("module", [collation, highlight], ids=lambda m: m.__name__)
def test_doctests(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted and not result.failed


def test_catalogues_have_the_same_keys_and_no_empty_message() -> None:
    keys = {lang: json.loads((CATALOGUE_DIR / f"{lang}.json").read_text(encoding="utf-8")) for lang in UI_LANGS}
    for lang, messages in keys.items():
        assert set(messages) == set(keys["ko"]), f"{lang} differs from ko"
        assert all(v.strip() for v in messages.values()), f"empty message in {lang}"


def test_every_literal_message_key_in_templates_exists() -> None:
    catalogue = json.loads((CATALOGUE_DIR / "ko.json").read_text(encoding="utf-8"))
    used = {m for p in TEMPLATES.rglob("*.html") for m in re.findall(r"\bt\('([\w.\-]+)'\s*[,)]", p.read_text())}
    assert used, "templates use t('…')"
    assert sorted(used - set(catalogue)) == []


def test_message_falls_back_to_korean_then_key() -> None:
    assert Ui("en").t("nav.browse") == "Browse"
    assert Ui("zh").t("count.n_terms", n=3) == "3 条术语"
    assert Ui("en").t("no.such.key") == "no.such.key"


@pytest.mark.parametrize(("form", "tab"), [("삼성일구", "ㅅ"), ("쌍일류", "ㅅ"), ("징진지", "ㅈ"), ("ㄱ자", "#"),
                                           ("3구 3선", "#"), ("Beijing", "#"), ("\u1112\u1161\u11ab", "ㅎ")])
def test_choseong_is_the_plain_initial_of_the_first_syllable(form: str, tab: str) -> None:
    assert collation.choseong(form) == tab  # the last one is 한 in decomposed (NFD) jamo


def test_pinyin_order_is_toneless_first_then_tones() -> None:
    words = ["shì", "shí", "shǐ", "shi", "shī", "sān qū", "sān qǔ", "sān", "lüè", "luò"]
    assert sorted(words, key=collation.pinyin_key) == [
        "luò", "lüè", "sān", "sān qū", "sān qǔ", "shī", "shí", "shǐ", "shì", "shi"]


def test_mark_ignores_spacing_and_marks_every_occurrence() -> None:
    assert highlight.mark("3구3선과 3구 3선", "3구 3선") == [("3구3선", True), ("과 ", False), ("3구 3선", True)]
    assert highlight.mark("없음", "七有", "") == [("없음", False)]


def test_spans_split_text_at_hits() -> None:
    assert highlight.spans("가七有나", [(1, 3)]) == [("가", None), ("七有", 0), ("나", None)]
