"""Issue #8: where a candidate's Korean form starts and ends, on short texts in the source's style.

No graph here (every candidate is new), so only the text decides the boundaries.
"""

from __future__ import annotations

import pytest

from api.extract.known import KnownTerms
from api.extract.morph import analyse, strip_particles
from api.extract.pipeline import extract

NONE_KNOWN = KnownTerms.from_terms([])


def _one(text: str, kind: str = "parenthetical"):  # noqa: ANN202
    found = [c for c in extract(text, NONE_KNOWN) if c.kind == kind]
    assert len(found) == 1, [(c.kind, c.korean) for c in found]
    return found[0]


@pytest.mark.parametrize(("text", "korean", "chinese"), [
    # quotes: the quote, not the words before it
    ("핵심\xa0구역의 '네\xa0가지\xa0\xa0\xa0밀도(四个密度,\xa0인구,\xa0건축물,\xa0상업,\xa0관광\xa0밀도)'를 낮추고,",
     "네 가지 밀도", "四个密度"),
    # no quotes: the numerals of the Chinese, and the genitive 의 before them, decide
    ("핵심 구역의 네 가지 밀도(四个密度, 인구, 건축물, 상업, 관광 밀도)를 낮추고,", "네 가지 밀도", "四个密度"),
    ("미래 과학시티는 두 밸리와 한 단지(两谷一园, 생명 밸리, 에너지 밸리, 사허교육단지·沙河高教园) 건설을",
     "두 밸리와 한 단지", "两谷一园"),
    ("농산품의 세 가지 제품과 한 가지 마크(三品一标, 무공해 농산품, 녹색 식품, 유기농 농산품, 원산지 표시) 행동을",
     "세 가지 제품과 한 가지 마크", "三品一标"),
    ("도시 계획을 실시하고 3구 3선(三区三线, 도시 공간, 농업 공간, 생태 공간 구역과 각 경계선) 확정 성과를",
     "3구 3선", "三区三线"),
    # a proper name: the word before the bracket, not the clause
    ("새로운 행동 계획을 가동 및 실시하여, 창안가(长安街) 일대를 정비할 것입니다.", "창안가", "长安街"),
    ("핵심 구역 규제 관련 창안가(长安街) 일대를 정비할 것입니다.", "창안가", "长安街"),
])
def test_korean_form_before_a_bracket(text: str, korean: str, chinese: str) -> None:
    cand = _one(text)
    assert (cand.korean, cand.chinese) == (korean, chinese)
    assert text[cand.start:cand.end].replace("\xa0", " ").split() == korean.split()


def test_a_bracket_inside_a_quoted_form_glosses_part_of_it() -> None:
    cand = _one("인민의 민원 업무를 강화하고, 신시대의 '펑차오(枫桥) 경험'을 견지 및 발전시킬 것입니다.")
    assert (cand.korean, cand.chinese, cand.chinese_partial) == ("펑차오 경험", "枫桥", True)


def test_gloss_is_split_into_numeral_groups() -> None:
    cand = _one("'삼성일구(三城一区, 중관춘 과학시티와 화이러우 과학시티, 미래 과학시티, 베이징 이좡 경제기술개발구)' 융합")
    assert cand.groups == [["중관춘 과학시티", "화이러우 과학시티", "미래 과학시티"], ["베이징 이좡 경제기술개발구"]]


def test_gloss_that_does_not_count_out_stays_ungrouped() -> None:
    cand = _one("'3구 3선(三区三线, 도시 공간, 농업 공간, 생태 공간 구역과 각 경계선)' 확정")
    assert cand.groups is None
    assert cand.gloss == ["도시 공간", "농업 공간", "생태 공간 구역과 각 경계선"]


def test_korean_chinese_pairs_in_a_gloss_are_candidates() -> None:
    found = extract("신도시 건설을 추진하여, 평원신도시(平原新城, 팡산·房山, 순이·顺义, 창핑)의 품질을", NONE_KNOWN)
    assert [(c.kind, c.korean, c.chinese) for c in found] == [
        ("parenthetical", "평원신도시", "平原新城"), ("gloss-pair", "팡산", "房山"), ("gloss-pair", "순이", "顺义")]


def test_quoted_slogans_without_chinese() -> None:
    found = extract("'솽젠' 업무 성과를 공고히 하고, 민원을 즉시 처리하는 '매달 하나의 주제'를 심화할 것입니다.", NONE_KNOWN)
    assert [(c.kind, c.korean, c.chinese) for c in found] == [("quoted", "솽젠", None),
                                                              ("quoted", "매달 하나의 주제", None)]


def test_numbered_formulation_without_quotes_loses_its_particle() -> None:
    found = [c.korean for c in extract("당원들은 네 가지 의식을 강화하고 두 개의 확립을 깨달아야 합니다.", NONE_KNOWN)]
    assert found == ["네 가지 의식", "두 개의 확립"]


def test_kiwipiepy_finds_the_particles_at_the_boundaries() -> None:
    # The library, not a hand list, says where a particle starts — and 창안가 keeps its 가.
    assert [strip_particles(w) for w in ("의식을", "구역의", "평원신도시에서", "과학시티는")] == \
        ["의식", "구역", "평원신도시", "과학시티"]
    words = analyse("핵심 구역의 네 가지 밀도")
    assert [w.closes_phrase() for w in words] == [False, True, False, False, False]
