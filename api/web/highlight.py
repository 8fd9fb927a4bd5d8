"""Mark a form inside a sentence, as text segments the template wraps in ``<mark>`` (escaped as usual)."""

from __future__ import annotations

import re

Segment = tuple[str, bool]  # (text, is the term)


def _pattern(form: str) -> re.Pattern[str] | None:
    chars = [re.escape(c) for c in form if not c.isspace()]
    # spacing differs between a label and the printed sentence ('3구3선' / '3구 3선')
    return re.compile(r"\s*".join(chars)) if chars else None


def mark(sentence: str, *forms: str) -> list[Segment]:
    """Split ``sentence`` into segments, flagging every occurrence of the first of ``forms`` found in it.

    >>> mark("요구 '7유(七有)'", "7유")
    [("요구 '", False), ('7유', True), ("(七有)'", False)]
    """
    for form in forms:
        pattern = _pattern(form or "")
        if pattern is None or not pattern.search(sentence):
            continue
        out: list[Segment] = []
        pos = 0
        for m in pattern.finditer(sentence):
            if m.start() > pos:
                out.append((sentence[pos:m.start()], False))
            out.append((m.group(0), True))
            pos = m.end()
        if pos < len(sentence):
            out.append((sentence[pos:], False))
        return out
    return [(sentence, False)]


def spans(text: str, hits: list[tuple[int, int]]) -> list[tuple[str, int | None]]:
    """Split ``text`` at non-overlapping ``(start, end)`` hits; each segment carries its hit index or None."""
    out: list[tuple[str, int | None]] = []
    pos = 0
    for i, (start, end) in sorted(enumerate(hits), key=lambda x: x[1]):
        if start < pos:  # overlapping hit: the annotation service should not send these; skip defensively
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], i))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out
