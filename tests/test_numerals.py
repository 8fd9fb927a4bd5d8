"""api/numerals.py, which serves both the numeral rules (N01, N08) and extraction boundaries."""

from __future__ import annotations

import pytest

from api.numerals import chinese_numeral_values, korean_numeral, korean_numerals


@pytest.mark.parametrize(("word", "value"), [
    ("3구", 3), ("7유", 7), ("24조", 24), ("두", 2), ("네가지", 4), ("두개의", 2), ("세곳", 3), ("하나의", 1),
    ("열", 10), ("밸리와", None), ("세대", None), ("열대", None), ("한대", None), ("하나님", None), ("네트워크", None),
])
def test_korean_numeral_of_a_word(word: str, value: int | None) -> None:
    assert korean_numeral(word) == value


def test_korean_numerals_of_a_form_count_digits_and_native_numerals() -> None:
    assert korean_numerals("3구 3선") == [3, 3]
    assert korean_numerals("두 밸리와 한 단지") == [2, 1]
    assert korean_numerals("매달 하나의 주제") == [1]
    assert korean_numerals("차세대 디지털") == []


@pytest.mark.parametrize(("form", "values"), [
    ("三区三线", [3, 3]), ("两谷一园", [2, 1]), ("十四五", [14, 5]), ("二十条", [20]), ("3个100", [3, 100]), ("双一流", [2, 1]),
])
def test_chinese_numeral_values(form: str, values: list[int]) -> None:
    assert chinese_numeral_values(form) == values
