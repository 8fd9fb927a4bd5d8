"""Extraction end to end: find candidates in a text and decide for each whether the graph knows it."""

from __future__ import annotations

import re

from api.extract.candidate import Candidate
from api.extract.chinese import chinese_candidates, is_chinese
from api.extract.document import Document, squeeze
from api.extract.known import KnownTerms
from api.extract.korean import korean_candidates
from api.extract.morph import strip_particles

_TAIL_WORDS = re.compile(r"[^\s,.;:'\"()]+")
MAX_TAIL_WORDS = 4
_HANGUL_AFTER = re.compile(r"\([^()]*\)[\uac00-\ud7a3]")


def _extend(doc: Document, cand: Candidate, known: KnownTerms, after: int) -> None:
    """A quote may mark part of a longer form: take the following words when the longer form is known.

    '스펀지' 도시 → 스펀지 도시; '6+4' 일체화 종합 관리감독; '제8차 5개년 계획'의 법률 교육 계획 (the
    particle after the quote belongs to the longer form; the one after its last word does not). Likewise a
    bracket that glosses a prefix: 비(非)수도 기능. ``after`` is where the tail starts (after the quote or bracket).
    """
    pos, ends = after, []
    for m in _TAIL_WORDS.finditer(doc.text, pos):
        if len(ends) == MAX_TAIL_WORDS or doc.text[pos:m.start()].strip():
            break  # punctuation between words ends the phrase
        ends.append((m.start(), m.end()))
        pos = m.end()
    for start, end in reversed(ends):
        word = strip_particles(doc.text[start:end])
        tail_end = start + len(word)
        longer = squeeze(cand.korean + doc.text[after:tail_end]) if cand.korean else ""
        hit = known.match(longer, None)
        if hit:
            cand.korean, cand.end = longer, tail_end
            _mark(cand, hit)
            return


def _mark(cand: Candidate, hit: object) -> None:
    cand.status, cand.term = "known", hit.slug  # type: ignore[attr-defined]
    cand.term_chinese, cand.matched = hit.chinese, hit.lang  # type: ignore[attr-defined]


def extract(text: str, known: KnownTerms) -> list[Candidate]:
    """Every candidate formulation of ``text`` (Korean or Chinese), each marked known or new.

    Args:
        text: the text as given (offsets in the result point into it).
        known: the graph's forms (see :class:`~api.extract.known.KnownTerms`).

    Returns:
        Candidates in text order.
    """
    doc = Document(text)
    if is_chinese(doc.text):
        return chinese_candidates(doc, known)
    cands = korean_candidates(doc)
    for cand in cands:
        chinese = None if cand.chinese_partial else cand.chinese
        hit = known.match(cand.korean, chinese)
        if hit:
            _mark(cand, hit)
        elif cand.kind == "quoted":
            _extend(doc, cand, known, cand.end + 1)
        elif cand.kind == "parenthetical" and _HANGUL_AFTER.match(doc.text, cand.end):
            cand.chinese_partial = True  # 비(非)수도: the bracket glosses the first syllable only
            _extend(doc, cand, known, doc.text.index(")", cand.end) + 1)
    return cands
