"""Candidates in Chinese text: known terms (annotation) and unknown numbered or quoted formulations.

Unknown formulations are proposed from their shape: ``N X N Y`` (三区三线, 六稳六保, 三城一区),
``N个 X`` (四个意识, 两个毫不动摇) and short quoted slogans (“放管服”, “双循环”).
"""

from __future__ import annotations

import re

from api.extract.candidate import Candidate, place
from api.extract.document import Document
from api.extract.known import KnownTerms

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_N = "一二三四五六七八九十两双"
# Characters that end an N个X formulation: particles, conjunctions and verbs a slogan is never built on.
_STOP = "的地得和与及并或是在对把被将为了、，。；：！？“”《》（）"
_PATTERNS = (
    re.compile(rf"[{_N}][{HAN}](?<![{_N}])[{_N}][{HAN}]"),  # 三区三线 六稳六保
    re.compile(rf"[{_N}][个项条大][^{_STOP}\s{_N}]{{2,4}}"),  # 四个意识 两个毫不动摇
    re.compile(rf"(?<=[“「『\"'])[{HAN}0-9+]{{2,8}}(?=[”」』\"'])"),  # “放管服”
)
_HAN_RE = re.compile(f"[{HAN}]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")


def is_chinese(text: str) -> bool:
    """True when Han characters outnumber Hangul syllables (a Chinese-language text)."""
    return len(_HAN_RE.findall(text)) > len(_HANGUL_RE.findall(text))


def chinese_candidates(doc: Document, known: KnownTerms) -> list[Candidate]:
    """Known terms and proposed new formulations in a Chinese text, in text order."""
    found: list[Candidate] = []
    for start, end, match in known.chinese_occurrences(doc.text):
        cand = Candidate(None, doc.text[start:end], "chinese-known", start, end)
        cand.status, cand.term, cand.term_chinese, cand.matched = "known", match.slug, match.chinese, match.lang
        found.append(place(doc, cand))
    covered = bytearray(len(doc.text))  # 1 where a candidate already stands
    for c in found:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    for pattern in _PATTERNS:
        for m in pattern.finditer(doc.text):
            if any(covered[m.start():m.end()]):
                continue
            covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            found.append(place(doc, Candidate(None, m.group(), "chinese-pattern", m.start(), m.end(),
                                               quoted=pattern is _PATTERNS[-1])))
    return sorted(found, key=lambda c: c.start)
