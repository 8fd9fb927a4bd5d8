"""The text being read: character offsets, sentences, paragraphs and numbered sections.

Offsets always point into the text exactly as given. Only one same-length fold is
made before matching (NBSP and other single-character spaces → a plain space), so a
position in the folded text is a position in the original; runs of spaces are
collapsed only in the forms and sentences reported, never in the text searched.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

# A sentence ends at ". ", "? ", "! " or "。" (Korean declaratives end in "다."; Chinese in "。"), or a line end.
_SENTENCE_END = re.compile(r"(?<=[.?!])(?=\s)|(?<=[。！？；])|\n")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# "10. '7유(…" — a numbered section heading at the start of a paragraph.
_SECTION = re.compile(r"(?m)^(\d{1,2})\.[ ]")


def fold_spaces(text: str) -> str:
    """Every Unicode space character (NBSP, ideographic space …) as a plain space, same length."""
    return "".join(" " if ch != "\n" and (ch.isspace() or unicodedata.category(ch) == "Zs") else ch for ch in text)


def squeeze(text: str) -> str:
    """NFC, spaces folded and runs of spaces collapsed, trimmed: how forms and sentences are reported."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", fold_spaces(text))).strip()


@dataclass(frozen=True)
class Span:
    """A stretch of the document: ``text[start:end]``."""

    start: int
    end: int


class Document:
    """A text with its sentence, paragraph and section structure.

    >>> doc = Document("1. 첫 문장입니다. 둘째 문장입니다.\\n\\n2. 셋째.")
    >>> doc.section_at(25), doc.paragraph_at(25)
    (2, 2)
    """

    def __init__(self, text: str) -> None:
        self.original = text
        self.text = fold_spaces(text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]
        return sorted(set(starts))

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(self.text)]

    @cached_property
    def _sections(self) -> list[tuple[int, int]]:
        """(offset, number) of every numbered heading that opens a paragraph."""
        paragraphs = set(self._paragraph_starts)
        return [(m.start(), int(m.group(1))) for m in _SECTION.finditer(self.text) if m.start() in paragraphs]

    def sentence_span(self, offset: int) -> Span:
        """The sentence holding ``offset``."""
        starts = self._sentence_starts
        i = bisect_right(starts, offset) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return Span(starts[i], end)

    def sentence_at(self, offset: int) -> str:
        """The sentence holding ``offset``, squeezed (see :func:`squeeze`)."""
        span = self.sentence_span(offset)
        return squeeze(self.original[span.start:span.end])

    def paragraph_at(self, offset: int) -> int:
        """1-based number of the paragraph (blank-line separated) holding ``offset``."""
        return bisect_right(self._paragraph_starts, offset)

    def section_at(self, offset: int) -> int | None:
        """Number of the numbered section ("2. …") holding ``offset``; None before the first heading."""
        number = None
        for start, no in self._sections:
            if start > offset:
                break
            number = no
        return number
