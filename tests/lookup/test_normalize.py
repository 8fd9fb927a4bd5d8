"""Issue #4: the normalisation rules every form and query goes through."""

from __future__ import annotations

import pytest

from api.lookup.normalize import form_keys, jamo, match_key, query_keys, script


@pytest.mark.parametrize(("a", "b"), [
    ("3구3선", "3구 3선"), ("'3구 3선'", "3구 3선"), ("３구　３선", "3구 3선"),  # spacing, quotes, full-width
    ("三區三線", "三区三线"), ("「三区三线」", "三区三线"),  # traditional → simplified, brackets
    ("sān qū sān xiàn", "sanqusanxian"), ("Three Zones", "three zones"), ("ＡＢＣ", "abc"),
    ("7\u200b유", "7유"),  # zero-width space
])
def test_forms_that_must_match(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(("a", "b"), [("3구 3선", "3구 4선"), ("三区三线", "三区二线"), ("6+4", "64")])
def test_forms_that_must_not_match(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)


def test_tone_numbers_are_a_query_variant() -> None:
    assert "sanqusanxian" in query_keys("san1 qu1 san1 xian4")
    assert query_keys("3gu 3seon")[0] == "3gu3seon"  # digits before letters are not tones
    assert query_keys("  ''  ") == []


def test_pinyin_u_umlaut_indexed_as_v_and_u() -> None:
    assert form_keys("lǜ sè", "zh-Latn-pinyin") == ["lvse", "luse"]
    assert form_keys("lǜ sè", "en") == ["lvse"]


def test_script_and_jamo() -> None:
    assert [script(k) for k in ("3구3선", "三区三线", "sanqu")] == ["hangul", "han", "latin"]
    assert len(jamo("구")) == 2 and jamo("구")[0] == jamo("고")[0]
