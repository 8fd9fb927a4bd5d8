"""Annotation: every known term in a Korean or Chinese text, with character offsets in the original text.

The text is folded character cluster by character cluster (NFKC, case, whitespace runs to one
space, zero-width characters dropped, traditional → simplified) while remembering where each
folded character came from (quotes and brackets are dropped), so offsets always point into the text as given. An Aho–Corasick
automaton (pyahocorasick) over the folded Korean, Chinese and English forms of every term finds all
occurrences in one pass; the longest win and none overlap. A Hangul or Latin match must start a
word (Korean particles may follow it; Chinese has no word boundaries).
"""

from __future__ import annotations

import pickle
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

import ahocorasick

from api.lookup.index import LookupIndex
from api.lookup.normalize import is_hangul, to_simplified

ANNOTATE_LANGS = ("ko", "ko-reading", "zh-Hans", "zh-Hant", "en")
MIN_PATTERN = 2
# dropped from text and forms alike: format/control characters, quotes and brackets ('7유' = 7유, 비(非)수도 = 비非수도)
_SKIPPED = frozenset(("Cf", "Cc", "Ps", "Pe", "Pi", "Pf"))  # one-character forms would mark every occurrence of a common character


def _continues_cluster(ch: str) -> bool:
    code = ord(ch)
    return unicodedata.combining(ch) != 0 or 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF


def _fold_cluster(cluster: str) -> str:
    """A character cluster folded (NFKC, case), whitespace as " ", skipped characters dropped."""
    folded = unicodedata.normalize("NFKC", cluster).casefold()
    return "".join(" " if ch.isspace() else ch for ch in folded
                   if ch.isspace() or (unicodedata.category(ch) not in _SKIPPED and ch not in "'\"`"))


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """One character folded (texts repeat few distinct characters)."""
    return _fold_cluster(ch)


_SPACE_RUN = re.compile(" {2,}")


def _fold_simple(text: str, folds: dict[str, str]) -> tuple[str, list[int], list[int]]:
    """:func:`fold_text` when every character folds to at most one character (done in C: translate, compress)."""
    keep = text.translate({ord(ch): "\x01" if f else "\x00" for ch, f in folds.items()}).encode("latin-1")
    starts = list(compress(range(len(text)), keep))
    ends = list(map((1).__add__, starts))
    folded = text.translate({ord(ch): f or None for ch, f in folds.items()})
    runs = [m.span() for m in _SPACE_RUN.finditer(folded)]
    for a, b in reversed(runs):  # a whitespace run folds to one space spanning the run
        ends[a] = ends[b - 1]
        del starts[a + 1:b], ends[a + 1:b]
    if runs:
        folded = _SPACE_RUN.sub(" ", folded)
    return folded, starts, ends


def fold_text(text: str) -> tuple[str, list[int], list[int]]:
    """``(folded, starts, ends)``: the folded text and, per folded character, its span in ``text``."""
    distinct = set(text)
    folds = {ch: _fold_char(ch) for ch in distinct}
    if all(len(f) <= 1 for f in folds.values()) and not any(map(_continues_cluster, distinct)):
        joined, starts, ends = _fold_simple(text, folds)
    else:
        joined, starts, ends = _fold_clusters(text)
    simplified = to_simplified(joined)
    if len(simplified) != len(joined):  # a phrase conversion changed the length: convert char by char
        simplified = "".join(to_simplified(ch) for ch in joined)
    return simplified, starts, ends


def _fold_clusters(text: str) -> tuple[str, list[int], list[int]]:
    """Fold cluster by cluster (a character with the combining characters or jamo that follow it)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and _continues_cluster(text[j]):
            j += 1
        for ch in _fold_cluster(text[i:j]):
            if ch == " " and out and out[-1] == " ":
                ends[-1] = j  # a whitespace run folds to one space spanning the run
                continue
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


def pattern_of(form: str) -> list[str]:
    """The folded patterns of a form (quotes and brackets dropped by folding); Hangul forms also without spaces."""
    pattern = fold_text(form)[0].strip()
    out = [pattern] if len(pattern) >= MIN_PATTERN else []
    if " " in pattern and any(is_hangul(ch) for ch in pattern):
        out.append(pattern.replace(" ", ""))
    return out


def automaton_of(index: LookupIndex) -> ahocorasick.Automaton:
    """The index's automaton, built when the index changed since the last build."""
    if index.automaton is not None and index.automaton_generation == index.generation:
        return index.automaton  # type: ignore[return-value]
    generation = index.generation
    if index.automaton_file is not None:  # kept in the data folder beside the index
        try:
            with open(index.automaton_file, "rb") as fh:
                kept_generation, kept = pickle.load(fh)  # noqa: S301 - our own file in our data folder
            if kept_generation == generation:
                index.automaton, index.automaton_generation = kept, generation
                return kept
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            pass  # rebuilt below
    entries: dict[str, list[tuple[str, str, str]]] = {}
    for concept in list(index.concepts.values()):
        for form, lang, _ in concept.forms:
            if lang in ANNOTATE_LANGS:
                for pattern in pattern_of(form):
                    bucket = entries.setdefault(pattern, [])
                    if (concept.slug, form, lang) not in bucket:
                        bucket.append((concept.slug, form, lang))
    automaton = ahocorasick.Automaton()
    for pattern, found in entries.items():
        automaton.add_word(pattern, (len(pattern), tuple(found)))
    if len(automaton):
        automaton.make_automaton()
    index.automaton, index.automaton_generation = automaton, generation
    return automaton


@dataclass
class Occurrence:
    """One marked term: its span in the original text, the form it matched and the term."""

    start: int
    end: int
    text: str
    form: str
    lang: str
    slug: str
    alternatives: list[str] = field(default_factory=list)  # other terms with the same form


def _word_char(ch: str) -> bool:
    return is_hangul(ch) or (ch.isascii() and ch.isalnum())


def _starts_word(text: str, folded: str, before: int, start: int, end: int) -> bool:
    """Whether a match ``folded[start:end]`` may start here (``before``: its start in the original text).

    The preceding character is read in the original text, so a bracket or quote before the match
    (dropped in the folded text) counts as a word boundary: 시설(극장 marks 극장.
    """
    first, last = folded[start], folded[end - 1]
    if _word_char(first) and before > 0 and _word_char(text[before - 1]):
        return False
    latin_end = last.isascii() and last.isalnum()
    return not (latin_end and end < len(folded) and folded[end].isascii() and folded[end].isalnum())


def _pick(index: LookupIndex, found: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str, str]]:
    def rank(entry: tuple[str, str, str]) -> tuple[object, ...]:
        concept = index.concepts.get(entry[0])
        return (concept is None or concept.status != "accepted", entry[0])
    return sorted((e for e in found if e[0] in index.concepts), key=rank)


def annotate(index: LookupIndex, text: str) -> list[Occurrence]:
    """Every occurrence of a known term in ``text``, longest first without overlaps, in text order."""
    automaton = automaton_of(index)
    if not len(automaton) or not text:
        return []
    folded, starts, ends = fold_text(text)
    candidates = []
    for end, (length, found) in automaton.iter(folded):
        start = end - length + 1
        if _starts_word(text, folded, starts[start], start, end + 1):
            candidates.append((-length, start, end + 1, found))
    candidates.sort(key=lambda c: (c[0], c[1]))  # longest first, then leftmost
    taken = bytearray(len(folded))
    picked: dict[int, list[tuple[str, str, str]]] = {}  # the automaton's value objects live through the call
    out: list[Occurrence] = []
    for length, start, end, found in candidates:
        if taken.find(1, start, end) >= 0:
            continue
        entries = picked.get(id(found))
        if entries is None:
            entries = picked[id(found)] = _pick(index, found)
        if not entries:
            continue
        taken[start:end] = b"\x01" * -length
        slug, form, lang = entries[0]
        o_start, o_end = starts[start], ends[end - 1]
        out.append(Occurrence(o_start, o_end, text[o_start:o_end], form, lang, slug,
                              [e[0] for e in entries[1:] if e[0] != slug]))
    out.sort(key=lambda o: o.start)
    return out
