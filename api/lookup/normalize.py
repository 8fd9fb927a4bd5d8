"""Normalisation: every label form and every query is folded to a *match key* before it is compared.

The rules (also in the README's "Lookup and annotation" section):

- Unicode NFKC, which folds full-width and half-width digits, Latin letters and punctuation
  (３구３선 → 3구3선) and composes Hangul (NFC); then case folding (English is case-insensitive).
- Punctuation, spaces, control and format characters are dropped, so Korean spacing, quotes and
  brackets do not matter ('3구3선' = '3구 3선' = "'3구 3선'"). Symbols such as ``+`` stay.
- Han characters are folded to simplified with OpenCC ``t2s`` on both sides, so a traditional
  query finds a simplified form and the other way round.
- Pinyin tone marks are dropped and ü is written ``v`` (sān qū sān xiàn → sanqusanxian); a query
  also tries itself without tone numbers (san1 qu1 san1 xian4 → sanqusanxian).

>>> match_key("３구 ３선")
'3구3선'
>>> match_key("三區三線")
'三区三线'
>>> match_key("sān qū sān xiàn")
'sanqusanxian'
>>> query_keys("san1 qu1 san1 xian4")
['san1qu1san1xian4', 'sanqusanxian']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_DROP_CATEGORIES = frozenset("PZC")  # punctuation, separators, control/format (zero-width …)
_TONE_NUMBER = re.compile(r"(?<=[a-zv])[1-5]")
PINYIN = "zh-Latn-pinyin"


def _latin_fold_table() -> dict[int, str]:
    """Accented Latin letters → base letter (ü and its toned forms → v), for pinyin keys."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        if len(decomposed) > 1 and base.isascii() and base.isalpha():
            table[code] = "v" if base in "uU" and "\u0308" in decomposed else base.lower()
    return table


_LATIN_FOLD = _latin_fold_table()


def is_han(ch: str) -> bool:
    """True for a CJK unified ideograph (the blocks Chinese forms use)."""
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FFFF or \
        0xF900 <= code <= 0xFAFF


def is_hangul(ch: str) -> bool:
    """True for a Hangul syllable or jamo."""
    code = ord(ch)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def to_simplified(text: str) -> str:
    """``text`` with Han characters folded to simplified (OpenCC t2s); other text unchanged."""
    return _T2S.convert(text) if any(is_han(ch) for ch in text) else text


@lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """The match key of a form or query (see the module docstring for the rules)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(ch for ch in folded if unicodedata.category(ch)[0] not in _DROP_CATEGORIES)
    return to_simplified(kept).translate(_LATIN_FOLD)


def form_keys(form: str, lang: str) -> list[str]:
    """Every key a label form is indexed under (pinyin with ü also under ``u``, as many people type it)."""
    key = match_key(form)
    if not key:
        return []
    if lang == PINYIN and "v" in key:
        return [key, key.replace("v", "u")]
    return [key]


def query_keys(query: str) -> list[str]:
    """The keys a query is looked up under: its match key, then without pinyin tone numbers if it has any."""
    key = match_key(query)
    if not key:
        return []
    keys = [key]
    if key.isascii():
        toneless = _TONE_NUMBER.sub("", key)
        if toneless != key and toneless:
            keys.append(toneless)
    return keys


def script(key: str) -> str:
    """``hangul``, ``han`` or ``latin``: which fuzzy rule applies to a key."""
    if any(is_hangul(ch) for ch in key):
        return "hangul"
    if any(is_han(ch) for ch in key):
        return "han"
    return "latin"


def jamo(key: str) -> str:
    """A Hangul key decomposed into conjoining jamo (삼성일구 → 삼성일구), for edit distances."""
    return unicodedata.normalize("NFD", key)


def one_line(text: str | None, width: int = 160) -> str | None:
    """The first line of ``text``, cut at ``width`` characters with an ellipsis."""
    if not text:
        return None
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"
