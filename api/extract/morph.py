"""Korean morphology for candidate boundaries, through kiwipiepy (a maintained analyser, no hand lists).

Kiwi tags every morpheme with the Sejong tag set: ``J*`` are particles (JKG 의, JKO 을/를,
JKS 이/가, JC 와/과, JKB 에서, JX 은/는 …), ``E*`` verbal endings, ``N*`` nouns, ``SN``
numbers, ``SH`` Han characters. A word ending in a particle or an ending closes the phrase
before it, so a candidate's Korean form never reaches back past it; a trailing particle after
a candidate is stripped; ``JC`` (와/과) joins the items of an enumerated gloss.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

NOUNISH = ("NN", "NR", "NP", "SN", "SL", "SH", "XPN", "XSN", "XR", "MM", "SO", "SW")
"""Tags a word inside a compound noun phrase may be made of (MM: determiners 두/한/네/각)."""

_LOAD_SECONDS: list[float] = []


@lru_cache(maxsize=1)
def kiwi():  # noqa: ANN201 - kiwipiepy's Kiwi has no stubs
    """The analyser, loaded once per process (the model load takes seconds; see ``load_seconds``)."""
    start = time.perf_counter()
    from kiwipiepy import Kiwi

    analyser = Kiwi()
    analyser.tokenize("초기화")  # the first call finishes lazy initialisation
    _LOAD_SECONDS.append(time.perf_counter() - start)
    return analyser


def load_seconds() -> float | None:
    """Seconds the model load took in this process (None before it was loaded)."""
    return _LOAD_SECONDS[0] if _LOAD_SECONDS else None


@dataclass(frozen=True)
class Word:
    """A space-separated word of a clause with its morphemes ``(form, tag)`` as analysed in context."""

    text: str
    start: int  # offset in the clause
    morphemes: tuple[tuple[str, str], ...]

    @property
    def end(self) -> int:
        """Offset just after the word."""
        return self.start + len(self.text)

    def closes_phrase(self) -> bool:
        """True when the word ends a phrase: a final particle other than 와/과, a verbal ending, a verb or adverb.

        A candidate's Korean form starts after such a word (``핵심 구역의 네 가지 밀도`` → ``네 가지 밀도``).
        와/과 is allowed: it joins the parts of one numbered form (``두 밸리와 한 단지``).
        """
        if not self.morphemes:
            return True
        form, tag = self.morphemes[-1]
        if tag.startswith("J"):
            return form not in ("와", "과")
        return tag.startswith(("E", "V", "MAG", "IC", "SP", "SF", "SS"))

    def is_noun_phrase_word(self) -> bool:
        """True when every morpheme is noun-like, so the word may stand inside a compound name."""
        return all(tag.startswith(NOUNISH) for _f, tag in self.morphemes)


@lru_cache(maxsize=8192)
def analyse(clause: str) -> tuple[Word, ...]:
    """The words of ``clause`` (split at spaces), each with the morphemes Kiwi found in context."""
    words: list[Word] = []
    tokens = kiwi().tokenize(clause)
    pos = 0
    for text in clause.split(" "):
        if text:
            end = pos + len(text)
            words.append(Word(text, pos, tuple((t.form, t.tag) for t in tokens if pos <= t.start < end)))
        pos += len(text) + 1
    return tuple(words)


@lru_cache(maxsize=65536)
def tags(word: str) -> tuple[tuple[str, str, int, int], ...]:
    """``(form, tag, start, end)`` of every morpheme of ``word`` (offsets into ``word``)."""
    return tuple((t.form, t.tag, t.start, t.start + t.len) for t in kiwi().tokenize(word))


def particle_start(word: str) -> int:
    """Where the trailing particles of ``word`` begin (``len(word)`` when it has none).

    >>> particle_start("의식을"), particle_start("구역의"), particle_start("풍조")
    (2, 2, 2)
    """
    end = len(word)
    for _form, tag, start, _end in reversed(tags(word)):
        if not tag.startswith("J"):
            break
        end = start
    return end if end > 0 else len(word)


def strip_particles(word: str) -> str:
    """``word`` without its trailing particles (의식을 → 의식)."""
    return word[:particle_start(word)]


def conjunct_splits(text: str) -> list[int]:
    """Offsets in ``text`` right after each 와/과 (JC) that is followed by a space: where items split.

    >>> t = "중관춘 과학시티와 화이러우 과학시티"
    >>> [t[:i] for i in conjunct_splits(t)]
    ['중관춘 과학시티와']
    """
    return [end for _f, tag, _s, end in tags(text) if tag == "JC" and text[end:end + 1] == " "]
