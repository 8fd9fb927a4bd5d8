"""Numerals as boundary evidence: how many a Chinese form holds, and which Korean words carry one.

A numbered formulation's Korean rendering carries as many numerals as its Chinese
(三区三线 → 3구 3선, 两谷一园 → 두 밸리와 한 단지), so walking back from the parenthesis
stops once the Korean has them all.
"""

from __future__ import annotations

import re

_HAN_DIGITS = "一二三四五六七八九十两双"
# 十四 is one numeral; 一 inside a word such as 统一 is not, so a numeral must open the form or follow
# a counted unit (N…N…) — the callers only use the values of forms they already take for formulations.
_ZH_NUMERAL = re.compile(rf"[{_HAN_DIGITS}]+|[0-9]+")
NATIVE_KOREAN = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5, "여섯": 6,
                 "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_VALUES = {"一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KO_LEADING_DIGITS = re.compile(r"^[0-9]+")


def chinese_numerals(zh: str) -> list[int]:
    """Values of the numerals in a Chinese form, in order.

    >>> chinese_numerals("三区三线"), chinese_numerals("两个毫不动摇"), chinese_numerals("三城一区")
    ([3, 3], [2], [3, 1])
    """
    values = []
    for m in _ZH_NUMERAL.finditer(zh):
        run = m.group()
        if run.isdigit():
            values.append(int(run))
        elif "十" in run:
            tens, _, ones = run.partition("十")
            values.append(10 * (_VALUES.get(tens, 1) if tens else 1) + (_VALUES.get(ones, 0) if ones else 0))
        else:
            values.extend(_VALUES[ch] for ch in run)
    return values


def korean_numeral(word: str) -> int | None:
    """The numeral a Korean word carries: leading digits (3구, 7유) or a native numeral (두, 하나의).

    >>> korean_numeral("3구"), korean_numeral("네"), korean_numeral("하나의"), korean_numeral("밸리와")
    (3, 4, 1, None)
    """
    m = _KO_LEADING_DIGITS.match(word)
    if m:
        return int(m.group())
    for native, value in NATIVE_KOREAN.items():
        if word == native or (word.startswith(native) and word[len(native):] in ("의", "개", "개의", "가지")):
            return value
    return None
