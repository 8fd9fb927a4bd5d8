"""Issue #8: formulations that are not in the graph are proposed as new, with the right Chinese and boundary."""

from __future__ import annotations

from functools import lru_cache

from api.extract.known import KnownTerms
from api.extract.pipeline import extract
from tests.graph_data import terms

KOREAN = (
    "1. 개혁 심화\n\n"
    "행정 서비스 개혁을 심화하여 '방관복(放管服, 간정방권, 방관결합, 서비스 최적화)' 개혁의 성과를 공고히 하고, "
    "'육온육보(六稳六保)' 임무를 확실히 완수할 것입니다. 국내 대순환을 주체로 하는 "
    "쌍순환(双循环) 새 발전 구도를 구축하고, 핵심 구역의 '네 가지 밀도(四个密度, 인구, 건축물, 상업, 관광 밀도)'를 "
    "낮출 것입니다.\n\n"
    "2. 당 건설\n\n"
    "'두 개의 확립'의 결정적 의미를 깨닫고, '세 가지 엄격 세 가지 충실(三严三实, 엄격한 수신, 엄격한 권력 사용, "
    "엄격한 자율, 충실한 계획, 충실한 창업, 충실한 처신)' 요구를 실천할 것입니다."
)
CHINESE = "深化“放管服”改革，做好六稳六保工作，加快构建“双循环”新发展格局，增强四个意识，坚持两个毫不动摇。"


@lru_cache(maxsize=1)
def _known() -> KnownTerms:
    return KnownTerms.from_terms(terms())


def _summary(text: str) -> list[tuple[str, str | None, str | None, str]]:
    return [(c.status, c.korean, c.chinese, c.term or "") for c in extract(text, _known())]


def test_new_korean_formulations_are_proposed_with_their_chinese() -> None:
    assert _summary(KOREAN) == [
        ("new", "방관복", "放管服", ""),
        ("new", "육온육보", "六稳六保", ""),
        ("new", "쌍순환", "双循环", ""),
        ("known", "네 가지 밀도", "四个密度", "sigemidu"),
        ("known", "두 개의 확립", None, "lianggequeli"),
        ("new", "세 가지 엄격 세 가지 충실", "三严三实", ""),
    ]


def test_new_formulation_gloss_is_grouped_by_its_numerals() -> None:
    cand = [c for c in extract(KOREAN, _known()) if c.chinese == "三严三实"][0]
    assert cand.groups == [["엄격한 수신", "엄격한 권력 사용", "엄격한 자율"],
                           ["충실한 계획", "충실한 창업", "충실한 처신"]]
    assert (cand.section, cand.paragraph) == (2, 4)
    assert cand.sentence.startswith("'두 개의 확립'의 결정적 의미를")


def test_chinese_text_known_terms_and_new_patterns() -> None:
    found = _summary(CHINESE)
    assert found == [
        ("new", None, "放管服", ""),
        ("new", None, "六稳六保", ""),
        ("new", None, "双循环", ""),
        ("known", None, "四个意识", "sigeyishi"),
        ("known", None, "两个毫不动摇", "lianggehaobudongyao"),
    ]
    offsets = [c.offset for c in extract(CHINESE, _known())]
    assert [CHINESE[o:o + 3] for o in offsets] == ["放管服", "六稳六", "双循环", "四个意", "两个毫"]
