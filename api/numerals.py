"""Numerals in policy formulations: read them out of a Chinese form and out of its Korean renderings.

Used by the numeral rules of ``shapes/tifa.ttl`` (N01 numeral groups agree, N08
Korean numerals agree), which SHACL-SPARQL cannot express, and by extraction, where the
numerals of a Chinese form tell how far back its Korean rendering reaches
(三区三线 → 3구 3선, 两谷一园 → 두 밸리와 한 단지). A numeral is a
character run with a value (十四 → 14, 两/双 → 2), and a group's counted unit is
found after the numeral and an optional classifier (三区三线 → (3,区)(3,线),
四个意识 → (4,意识), 三大科学城 → (3,城)).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

HAN_VALUES = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "两": 2, "双": 2}
#: Classifiers that may stand between a numeral and what it counts (四个意识, 三大科学城, 八项规定, 24条).
CLASSIFIERS = "个大项条"
_NUMERAL = re.compile(r"[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九两双]|[0-9]+")

# Sino-Korean readings of the Han numerals (initial-sound variants included: 六 육/륙, 两 양/량).
SINO_KOREAN = {"一": {"일"}, "二": {"이"}, "三": {"삼"}, "四": {"사"}, "五": {"오"}, "六": {"육", "륙"},
               "七": {"칠"}, "八": {"팔"}, "九": {"구"}, "十": {"십"}, "两": {"양", "량"}, "双": {"쌍"}}
NATIVE_KOREAN = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5, "여섯": 6,
                 "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
# what may follow a native numeral in the same word (네가지, 두개의, 세곳, 하나의); not 대, which would read
# 세대 (generation), 열대 (tropics) and 한대 as numerals
_KO_AFTER_NATIVE = ("가지", "개", "곳", "의")
_KO_LEADING_DIGITS = re.compile(r"[0-9]+")
_KO_TOKEN = re.compile(r"[0-9]+|[\uac00-\ud7a3]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")


@dataclass(frozen=True)
class Numeral:
    """A numeral in a Chinese form: its value and its span."""

    value: int
    start: int
    end: int


def _value(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return HAN_VALUES.get(tens, 1) * 10 + HAN_VALUES.get(units, 0)
    return HAN_VALUES[text]


def chinese_numerals(form: str) -> list[Numeral]:
    """Every numeral of a Chinese form, in order.

    >>> [n.value for n in chinese_numerals("三区三线")]
    [3, 3]
    >>> [n.value for n in chinese_numerals("3个100")]
    [3, 100]
    """
    return [Numeral(_value(m.group()), m.start(), m.end()) for m in _NUMERAL.finditer(form)]


def chinese_numeral_values(form: str) -> list[int]:
    """The values of :func:`chinese_numerals`, in order.

    >>> chinese_numeral_values("两个毫不动摇"), chinese_numeral_values("三城一区"), chinese_numeral_values("十四五")
    ([2], [3, 1], [14, 5])
    """
    return [n.value for n in chinese_numerals(form)]


def group_problems(form: str, groups: Sequence[tuple[int, str]]) -> list[str]:
    """How the declared ``(numeral, counted unit)`` groups disagree with the numerals of ``form`` (empty: agree).

    Each group, in order, needs the next numeral of the form to have its value and its
    unit to follow (after an optional classifier); numerals inside a unit belong to it
    (双一流 → (2, 一流)). A numeral left over is one no group declares.

    >>> group_problems("三区三线", [(3, "区"), (3, "线")])
    []
    >>> group_problems("三城一区", [(3, "城")])
    ['一 (1) at position 2 is not a declared group']
    """
    numerals = chinese_numerals(form)
    problems: list[str] = []
    pos = 0
    claimed: list[tuple[int, int]] = []
    for index, (value, unit) in enumerate(groups, start=1):
        nxt = next((n for n in numerals if n.start >= pos), None)
        if nxt is None:
            problems.append(f"group {index} ({value}, {unit}): no numeral left in {form}")
            continue
        if nxt.value != value:
            problems.append(f"group {index} declares {value} but the form has {form[nxt.start:nxt.end]} ({nxt.value})")
        after = nxt.end + (1 if form[nxt.end:nxt.end + 1] in tuple(CLASSIFIERS) else 0)
        at = form.find(unit, after) if unit else after  # a missing unit is rule N04's finding
        if at < 0:
            problems.append(f"group {index}: counted unit {unit!r} does not follow {form[nxt.start:nxt.end]}")
            pos = nxt.end
        else:
            pos = at + len(unit)
        claimed.append((nxt.start, pos))
    for n in numerals:
        if not any(start <= n.start < end for start, end in claimed):
            problems.append(f"{form[n.start:n.end]} ({n.value}) at position {n.start} is not a declared group")
    return problems


def korean_numeral(word: str) -> int | None:
    """The numeral a Korean word carries: leading digits (3구, 7유) or a native numeral (두, 네가지, 하나의).

    >>> korean_numeral("3구"), korean_numeral("네"), korean_numeral("하나의"), korean_numeral("밸리와")
    (3, 4, 1, None)
    """
    m = _KO_LEADING_DIGITS.match(word)
    if m:
        return int(m.group())
    for native, value in NATIVE_KOREAN.items():
        if word == native or word.startswith(tuple(native + after for after in _KO_AFTER_NATIVE)):
            return value
    return None


def korean_numerals(form: str) -> list[int]:
    """Numerals written in a Korean form: Arabic digits and native Korean numerals (네 가지, 두 개의).

    >>> korean_numerals("3구 3선"), korean_numerals("두 밸리와 한 단지"), korean_numerals("네가지 의식")
    ([3, 3], [2, 1], [4])
    """
    return [v for m in _KO_TOKEN.finditer(form) if (v := korean_numeral(m.group())) is not None]


def sino_korean_mismatches(chinese: str, reading: str) -> list[str]:
    """Positions where a Sino-Korean reading does not read a Han numeral as such (七有 → 칠유, not 팔유).

    Only compared when the reading has one Hangul syllable per Han character.

    >>> sino_korean_mismatches("三区三线", "삼구삼선"), sino_korean_mismatches("七有", "팔유")
    ([], ['七 read as 팔'])
    """
    han = _HAN.findall(chinese)
    syllables = _HANGUL.findall(reading)
    if len(han) != len(syllables):
        return []
    return [f"{h} read as {s}" for h, s in zip(han, syllables, strict=True)
            if h in SINO_KOREAN and s not in SINO_KOREAN[h]]
