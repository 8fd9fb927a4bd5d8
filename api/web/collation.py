"""Index letters and sort keys for the browse pages.

Korean: the index letter is the initial consonant (초성) of the first Hangul syllable, tense consonants
filed under their plain one (ㄲ under ㄱ), and Unicode Hangul order is the collation (it is the
dictionary order of modern syllables). Pinyin: the first letter, sorted alphabetically by the
toneless syllables (ü after u), then by tones 1–4 and neutral.
"""

from __future__ import annotations

import unicodedata

CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
PLAIN = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
KO_INITIALS = tuple(c for c in CHOSEONG if c not in PLAIN)  # the 14 index tabs ㄱ ㄴ ㄷ … ㅎ
OTHER = "#"  # forms that start with a digit or Latin letter (7유, 3구 3선)
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3


def choseong(form: str) -> str:
    """The index tab of a Korean form: the plain initial consonant of its first character.

    >>> choseong("삼성일구"), choseong("까치"), choseong("7유")
    ('ㅅ', 'ㄱ', '#')
    """
    first = unicodedata.normalize("NFC", form.strip())[:1]
    if not first or not _HANGUL_FIRST <= ord(first) <= _HANGUL_LAST:
        return OTHER
    initial = CHOSEONG[(ord(first) - _HANGUL_FIRST) // 588]
    return PLAIN.get(initial, initial)


def korean_key(form: str) -> str:
    """Sort key of a Korean form (NFC code points: Unicode Hangul order)."""
    return unicodedata.normalize("NFC", form)


def _syllable(syl: str) -> tuple[str, int]:
    tone, letters = 5, []
    for ch in unicodedata.normalize("NFD", syl.lower()):
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        elif ch == "\u0308":  # ü sorts after u: u + a character after every letter
            letters.append("{")
        elif ch.isalpha():
            letters.append(ch)
    return "".join(letters), tone


def pinyin_key(pinyin: str) -> tuple[str, tuple[int, ...]]:
    """Sort key of a pinyin form: toneless letters first, then the tones syllable by syllable.

    >>> sorted(["lǜ sè", "lù", "lú", "ān quán"], key=pinyin_key)
    ['ān quán', 'lú', 'lù', 'lǜ sè']
    """
    parts = [_syllable(s) for s in pinyin.split()]
    return "".join(p for p, _ in parts), tuple(t for _, t in parts)


def pinyin_initial(pinyin: str) -> str:
    """The A–Z index letter of a pinyin form.

    >>> pinyin_initial("Ōu zhōu"), pinyin_initial("3")
    ('O', '#')
    """
    letters = _syllable(pinyin.split()[0])[0] if pinyin.split() else ""
    return letters[0].upper() if letters[:1].isascii() and letters[:1].isalpha() else OTHER
