"""Is a candidate already in the graph? The one place extraction asks.

Matching is exact on any form after folding (NFKC, spaces, quotes and brackets ignored,
traditional → simplified), so '3구3선', '3구 3선' and 三區三線 all find 三区三线. Only exact
matches decide "known": a fuzzy or substring hit is a different formulation more often
than not (三线 is not 三区三线), and proposing a near-duplicate is the editor's call.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from api.model import Term
from api.vocab import HANS, HANT

_DROP = re.compile(r"[\s'\"‘’“”「」『』()（）\[\]·・]")


@lru_cache(maxsize=1)
def _t2s():  # noqa: ANN202 - opencc has no stubs
    import opencc

    return opencc.OpenCC("t2s")


def fold(form: str) -> str:
    """The key a form is matched under.

    >>> fold("'3구 3선'") == fold("3구3선"), fold("三區三線")
    (True, '三区三线')
    """
    text = _DROP.sub("", unicodedata.normalize("NFKC", form)).casefold()
    return _t2s().convert(text) if re.search(r"[\u3400-\u9fff]", text) else text


@dataclass(frozen=True)
class Match:
    """A known term a candidate matched: its slug, its preferred Chinese and the language that matched."""

    slug: str
    chinese: str | None
    lang: str


class KnownTerms:
    """Every form of every term in the graph, for the known-or-new decision."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._by_key: dict[tuple[str, str], list[str]] = {}
        self._chinese: dict[str, str | None] = {}
        self._status: dict[str, str] = {}
        for term in terms:
            self._chinese[term.slug] = term.pref(HANS)
            self._status[term.slug] = term.status
            for label in term.labels:
                if label.lang in ("ko", HANS, HANT):
                    lang = "ko" if label.lang == "ko" else HANS
                    self._by_key.setdefault((lang, fold(label.form)), []).append(term.slug)
            if term.sino_korean_reading:
                self._by_key.setdefault(("ko", fold(term.sino_korean_reading)), []).append(term.slug)
        # Lengths of the Chinese keys, longest first: the scan tries only lengths some form has.
        self._zh_lengths = sorted({len(k) for lang, k in self._by_key if lang == HANS and len(k) > 1}, reverse=True)

    @property
    def slugs(self) -> set[str]:
        """Every term slug (drafts must not take one)."""
        return set(self._chinese)

    def _best(self, lang: str, form: str | None) -> Match | None:
        return self._best_key(lang, fold(form)) if form else None

    def _best_key(self, lang: str, key: str) -> Match | None:
        slugs = self._by_key.get((lang, key), [])
        if not slugs:
            return None
        # An accepted term before a draft or deprecated one with the same form.
        slug = sorted(slugs, key=lambda s: (self._status.get(s) != "accepted", s))[0]
        return Match(slug, self._chinese.get(slug), lang)

    def match(self, korean: str | None, chinese: str | None) -> Match | None:
        """The term a candidate is, by its Chinese first (when given in full), then by its Korean."""
        return self._best(HANS, chinese) or self._best("ko", korean)

    def chinese_occurrences(self, text: str) -> list[tuple[int, int, Match]]:
        """Known Chinese forms in ``text``: longest first, without overlaps, in text order."""
        folded = fold_same_length(text).casefold()
        found: list[tuple[int, int, Match]] = []
        i = 0
        while i < len(folded):
            for n in self._zh_lengths:
                if i + n > len(folded):
                    continue
                hit = self._best_key(HANS, folded[i:i + n])
                if hit:
                    found.append((i, i + n, hit))
                    i += n
                    break
            else:
                i += 1
        return found


def fold_same_length(text: str) -> str:
    """Traditional → simplified character by character, so offsets stay those of ``text``."""
    conv = _t2s()
    whole = conv.convert(text)
    if len(whole) == len(text):
        return whole
    return "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in text)
