"""Issue #4: lookup over the real graph finds each formulation from any form a translator has."""

from __future__ import annotations

import pytest

from api.lookup.search import Searcher

FORMS = {
    "sanqusanxian": ["3구 3선", "3구3선", "三区三线", "三區三線", "sanqusanxian", "sān qū sān xiàn",
                     "san1 qu1 san1 xian4", "삼구삼선", "３구３선"],
    "qiyou": ["7유", "'7유'", "七有", "qiyou", "qī yǒu", "칠유"],
    "wuxing": ["5성", "五性", "wuxing", "wǔ xìng", "오성"],
    "sanchengyiqu": ["삼성일구", "삼성 일구", "三城一区", "三城一區", "sanchengyiqu", "sān chéng yī qū"],
}
CASES = [(slug, form) for slug, forms in FORMS.items() for form in forms]


@pytest.mark.parametrize(("slug", "query"), CASES, ids=[f"{s}-{q}" for s, q in CASES])
def test_found_first_from_every_form(searcher: Searcher, slug: str, query: str) -> None:
    _, hits = searcher.search(query)
    assert hits, f"nothing found for {query!r}"
    assert hits[0].concept.slug == slug, [(h.concept.slug, h.form, h.kind) for h in hits[:3]]
    assert hits[0].kind == "exact"


def test_match_explains_form_language_and_kind(searcher: Searcher) -> None:
    normalized, hits = searcher.search("三區三線")
    assert normalized == "三区三线"
    assert (hits[0].form, hits[0].lang, hits[0].kind, hits[0].score) == ("三区三线", "zh-Hans", "exact", 100)


def test_one_row_per_concept(searcher: Searcher) -> None:
    _, hits = searcher.search("삼구삼선", limit=50)  # both a ko altLabel and the Sino-Korean reading
    slugs = [h.concept.slug for h in hits]
    assert len(slugs) == len(set(slugs))


def test_fuzzy_hangul_on_jamo(searcher: Searcher) -> None:
    _, hits = searcher.search("삼성일고")
    assert (hits[0].concept.slug, hits[0].kind, hits[0].form) == ("sanchengyiqu", "fuzzy", "삼성일구")


def test_fuzzy_one_wrong_chinese_character(searcher: Searcher) -> None:
    _, hits = searcher.search("三区四线")
    assert hits[0].concept.slug == "sanqusanxian" and hits[0].kind == "fuzzy"


def test_substring_inside_unspaced_compound(searcher: Searcher) -> None:
    _, hits = searcher.search("三线", limit=20)
    found = {h.concept.slug: h for h in hits}
    assert found["sanqusanxian"].kind == "substring"


def test_prefix_ranks_above_substring(searcher: Searcher) -> None:
    _, hits = searcher.search("三区", limit=20)
    kinds = [h.kind for h in hits if h.kind != "component"]
    assert kinds == sorted(kinds, key=["exact", "prefix", "substring", "fuzzy"].index)
    assert "sanqusanxian" in {h.concept.slug for h in hits if h.kind == "prefix"}


def test_component_finds_its_parent(searcher: Searcher) -> None:
    _, hits = searcher.search("幼有所育")
    child, parent = hits[0], hits[1]
    assert child.concept.slug == "youyousuoyu"
    assert [(p.slug, p.position, p.of) for p in child.parents] == [("qiyou", 1, 7)]
    assert (parent.concept.slug, parent.kind, parent.via) == ("qiyou", "component", "youyousuoyu")


def test_lang_filter(searcher: Searcher) -> None:
    _, hits = searcher.search("七有", lang="ko")
    assert all(h.lang in ("ko", "ko-reading") for h in hits)
    _, hits = searcher.search("七有", lang="zh")
    assert hits[0].concept.slug == "qiyou"


def test_english_case_insensitive(searcher: Searcher) -> None:
    _, hits = searcher.search("THREE TYPES OF TERRITORIAL SPACE AND THREE LINES")
    assert hits[0].concept.slug == "sanqusanxian" and hits[0].lang == "en"
