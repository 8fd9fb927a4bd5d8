"""Where a Korean form that precedes a parenthesis starts.

Evidence, strongest first:

1. an open quote in the same sentence (``'3구 3선(三区三线 …)'``): the form is what the quote holds;
2. the numerals of the Chinese (三区三线 has two): the form reaches back word by word until it
   carries as many Korean numerals (``3구 3선``, ``두 밸리와 한 단지``), never past a word that
   closes a phrase (a particle such as 의/을/는, a verbal ending — found by kiwipiepy);
3. otherwise the last word, extended over preceding bare nouns only while the Korean is still
   shorter (in syllables) than the Chinese it renders.
"""

from __future__ import annotations

import re

from api.extract.morph import Word, analyse
from api.numerals import chinese_numerals, korean_numeral

QUOTES = "'‘’\"“”「」『』"
OPENING = "'‘\"“「『"
# Punctuation that ends the clause a form can belong to.
_CLAUSE_MARKS = re.compile(r"[,;:，；：()（）\n]|[.?!](?=\s)")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def open_quote(text: str, sentence_start: int, pos: int) -> int | None:
    """Offset of the quote left open at ``pos`` in the sentence starting at ``sentence_start``, if any."""
    marks = [i for i in range(sentence_start, pos) if text[i] in QUOTES]
    plain = [i for i in marks if text[i] in "'\""]
    if plain and len(plain) % 2 == 1:
        return plain[-1]
    curly_open = [i for i in marks if text[i] in "‘“「『"]
    curly_close = [i for i in marks if text[i] in "’”」』"]
    if curly_open and (not curly_close or curly_open[-1] > curly_close[-1]):
        return curly_open[-1]
    return None


def closing_quote(text: str, pos: int, limit: int = 24) -> int | None:
    """Offset of the first quote at or after ``pos`` within ``limit`` characters, unless a bracket comes first."""
    for i in range(pos, min(len(text), pos + limit)):
        if text[i] in "()\n":
            return None
        if text[i] in QUOTES:
            return i
    return None


def clause_start(text: str, sentence_start: int, pos: int) -> int:
    """Where the clause holding ``pos`` begins (after the last comma, colon, bracket or sentence end)."""
    start = sentence_start
    for m in _CLAUSE_MARKS.finditer(text, sentence_start, pos):
        start = m.end()
    return start


def _syllables(words: list[Word]) -> int:
    return sum(len(_HANGUL.findall(w.text)) for w in words)


def pick_words(words: tuple[Word, ...], chinese: str) -> list[Word]:
    """The trailing words of a clause that make up the Korean form rendering ``chinese``."""
    if not words:
        return []
    picked = [words[-1]]
    need = len(chinese_numerals(chinese))
    if need:
        count = korean_numeral(words[-1].text) is not None
        i = len(words) - 2
        while count < need and i >= 0 and not words[i].closes_phrase():
            picked.insert(0, words[i])
            count += korean_numeral(words[i].text) is not None
            i -= 1
        if count >= need:
            return picked
        picked = [words[-1]]
    i = len(words) - 2
    while i >= 0 and _syllables(picked) < len(chinese) and words[i].is_noun_phrase_word():
        picked.insert(0, words[i])
        i -= 1
    return picked


def korean_start(text: str, sentence_start: int, paren: int, chinese: str) -> int | None:
    """Offset where the Korean form ending at ``paren`` starts (None when no Hangul precedes the bracket)."""
    quote = open_quote(text, sentence_start, paren)
    if quote is not None:
        return quote + 1
    start = clause_start(text, sentence_start, paren)
    clause = text[start:paren]
    if not clause.strip() or clause.endswith(" "):
        return None  # "비 (非)" or a bracket after punctuation: nothing attached to the bracket
    words = analyse(clause)
    picked = pick_words(words, chinese)
    if not picked:
        return None
    first = start + picked[0].start
    while first < paren and text[first] in QUOTES:
        first += 1
    return first if _HANGUL.search(text[first:paren]) else None
