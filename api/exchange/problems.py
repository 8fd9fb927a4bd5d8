"""What an import found: terms read, and problems reported row by row (nothing is applied when there are any)."""

from __future__ import annotations

from dataclasses import dataclass, field

from api.model import Term


@dataclass(frozen=True)
class Problem:
    """One problem in the input: where (``row 3``, ``conceptEntry qi-you, line 12``) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ReadResult:
    """Terms read from a file, the fields that format carries, and its problems."""

    terms: list[Term] = field(default_factory=list)
    fields: frozenset[str] = frozenset()
    problems: list[Problem] = field(default_factory=list)
    # True when the format lists every form of a term (TBX): a stored alternative it lacks is removed.
    # A glossary row may omit alternatives, so there they are only ever added.
    complete_labels: bool = False
