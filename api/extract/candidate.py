"""A candidate formulation found in a text, with where it was found and what the graph knows of it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from api.extract.document import Document

KINDS = ("parenthetical", "gloss-pair", "quoted", "numbered", "chinese-known", "chinese-pattern")


@dataclass
class Candidate:
    """One candidate; ``start``/``end`` delimit the Korean form (or the Chinese, in Chinese input) in the text.

    ``chinese`` is the Chinese exactly as the text gives it (None when it gives none);
    ``chinese_partial`` says it covers only part of the Korean form ('펑차오(枫桥) 경험').
    ``gloss`` lists the items of the gloss after the Chinese; ``groups`` splits them by the
    numerals of the Chinese when their count agrees (三城一区: [[3 items], [1 item]]).
    """

    korean: str | None
    chinese: str | None
    kind: str
    start: int
    end: int
    chinese_partial: bool = False
    quoted: bool = False
    gloss: list[str] = field(default_factory=list)
    groups: list[list[str]] | None = None
    sentence: str = ""
    paragraph: int = 0
    section: int | None = None
    status: str = "new"  # "known" | "new"
    term: str | None = None  # slug of the known term
    term_chinese: str | None = None  # the known term's preferred zh-Hans form
    matched: str | None = None  # how it was recognised: "zh-Hans", "ko", …

    @property
    def offset(self) -> int:
        """Character offset of the candidate in the text as given."""
        return self.start

    def as_json(self) -> dict[str, object]:
        """The JSON object of ``tifa extract --json`` and ``POST /api/extract``."""
        data = asdict(self)
        data["offset"] = self.start
        return data


def place(doc: Document, cand: Candidate) -> Candidate:
    """Fill the sentence, paragraph and section of ``cand`` from where it starts in ``doc``; return it."""
    cand.sentence = doc.sentence_at(cand.start)
    cand.paragraph = doc.paragraph_at(cand.start)
    cand.section = doc.section_at(cand.start)
    return cand
