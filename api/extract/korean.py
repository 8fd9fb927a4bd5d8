"""Candidates in Korean text: ``Korean(中文, gloss …)``, ``한글·中文`` gloss pairs, quoted slogans, numbered forms."""

from __future__ import annotations

import re

from api.extract.boundary import QUOTES, closing_quote, korean_start, open_quote
from api.extract.candidate import Candidate, place
from api.extract.document import Document, squeeze
from api.extract.morph import conjunct_splits, strip_particles
from api.numerals import NATIVE_KOREAN, chinese_numeral_values

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# "(" then Chinese: the Chinese runs to the first comma, enumeration mark or bracket.
_PAREN = re.compile(rf"\((\s*[{HAN}][{HAN}0-9+·“”\"]*)([^()\n]*)\)")
# 팡산·房山 inside a gloss; the Korean starts a gloss item (after a comma, a space or the bracket).
_GLOSS_PAIR = re.compile(rf"(?<![^\s,，、(])([\uac00-\ud7a3][\uac00-\ud7a3 ]*?)·([{HAN}]+)")
_QUOTED = re.compile(r"'([^'\n]{1,80})'|‘([^’\n]{1,80})’|“([^”\n]{1,80})”|\"([^\"\n]{1,80})\"")
_TRAILING_GLOSS = re.compile(r"\s*\(([^()]*)\)\s*$")
_NUMBERED = re.compile(
    r"(?<![\uac00-\ud7a30-9])((?:" + "|".join(sorted(NATIVE_KOREAN, key=len, reverse=True)) + r"|[0-9]+)"
    r" ?(?:가지|개의)) ([\uac00-\ud7a3]+)")
_ITEM_SPLIT = re.compile(r"\s*[,，、;；]\s*")


def split_gloss(gloss: str) -> list[str]:
    """Items of a gloss (``, 도시 공간, 농업 공간`` → two items); ``·中文`` tails are dropped from each item."""
    items = [_GLOSS_PAIR.sub(r"\1", item).strip() for item in _ITEM_SPLIT.split(gloss)]
    return [squeeze(item) for item in items if item]


def group_items(chinese: str, items: list[str]) -> list[list[str]] | None:
    """Split gloss items into the numeral groups of ``chinese`` when the counts agree (else None).

    Items joined by 와/과 are split first when that is what makes the count agree:
    ``중관춘 과학시티와 화이러우 과학시티`` is two of 三城一区's three 城.
    """
    numerals = chinese_numeral_values(chinese)
    if not numerals or not items:
        return None
    for candidate in (items, _split_conjuncts(items)):
        if sum(numerals) == len(candidate):
            groups, i = [], 0
            for n in numerals:
                groups.append(candidate[i:i + n])
                i += n
            return groups
    return None


def _split_conjuncts(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        cuts = [0, *conjunct_splits(item), len(item)]
        parts = [item[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False)]
        out += [p[:-1] if i < len(parts) - 1 else p for i, p in enumerate(parts)]  # drop the 와/과
    return [p.strip() for p in out if p.strip()]


def parentheticals(doc: Document) -> list[Candidate]:
    """Every ``Korean(中文 …)`` in the text, and every ``한글·中文`` pair inside its gloss."""
    text, found = doc.text, []
    for m in _PAREN.finditer(text):
        chinese = m.group(1).strip().strip("“”\"")
        gloss = m.group(2).lstrip(" ,，、")
        sentence = doc.sentence_span(m.start()).start
        start = korean_start(text, sentence, m.start(), chinese)
        for pair in _GLOSS_PAIR.finditer(m.group(2)):
            offset = m.start(2) + pair.start(1)
            found.append(place(doc, Candidate(squeeze(pair.group(1)), pair.group(2), "gloss-pair",
                                               offset, offset + len(pair.group(1)))))
        if start is None:
            continue
        korean, end, partial = text[start:m.start()], m.start(), False
        quote = open_quote(text, sentence, m.start())
        close = closing_quote(text, m.end()) if quote is not None else None
        if close is not None and text[m.end():close].strip():
            # '펑차오(枫桥) 경험': the bracket glosses part of a longer quoted form.
            korean, end, partial = korean + text[m.end():close], close, True
        items = split_gloss(gloss)
        found.append(place(doc, Candidate(
            squeeze(korean), chinese, "parenthetical", start, end, chinese_partial=partial,
            quoted=quote is not None, gloss=items, groups=group_items(chinese, items))))
    return found


def quoted(doc: Document) -> list[Candidate]:
    """Every quoted span without Chinese (``'솽젠'``, ``'3가지 100개(… 100개)'`` with its gloss)."""
    found = []
    for m in _QUOTED.finditer(doc.text):
        group = next(i for i in range(1, 5) if m.group(i) is not None)
        content, start = m.group(group), m.start(group)
        if re.search(rf"\(\s*[{HAN}]", content) or not re.search(r"[\uac00-\ud7a3A-Za-z0-9]", content):
            continue  # a parenthetical (found above), or punctuation only
        gloss = _TRAILING_GLOSS.search(content)
        korean = content[:gloss.start()] if gloss else content
        items = split_gloss(gloss.group(1)) if gloss else []
        found.append(place(doc, Candidate(squeeze(korean), None, "quoted", start, start + len(korean.rstrip()),
                                           quoted=True, gloss=items)))
    return found


def numbered(doc: Document, taken: list[tuple[int, int]]) -> list[Candidate]:  # few spans: a scan is fine
    """Unquoted numbered formulations (``네 가지 의식을`` → ``네 가지 의식``) outside the spans in ``taken``."""
    found = []
    for m in _NUMBERED.finditer(doc.text):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
            continue
        if open_quote(doc.text, doc.sentence_span(m.start()).start, m.start()) is not None:
            continue
        noun = strip_particles(m.group(2))
        end = m.start(2) + len(noun)
        found.append(place(doc, Candidate(squeeze(doc.text[m.start():end]), None, "numbered", m.start(), end)))
    return found


def korean_candidates(doc: Document) -> list[Candidate]:
    """All Korean-text candidates, in text order."""
    cands = parentheticals(doc) + quoted(doc)
    cands += numbered(doc, [(c.start, c.end) for c in cands])
    return sorted(cands, key=lambda c: (c.start, c.kind))


__all__ = ["QUOTES", "korean_candidates", "parentheticals", "quoted", "numbered", "split_gloss", "group_items"]
