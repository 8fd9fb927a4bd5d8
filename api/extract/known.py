"""Is a candidate already in the graph? The one place extraction asks — through the lookup index (#4).

A candidate is known when one of its forms is an **exact** match of some term's form in the
lookup index (:mod:`api.lookup`: spaces, quotes and brackets ignored, traditional = simplified,
so '3구3선', '3구 3선' and 三區三線 all find 三区三线). A prefix, substring or fuzzy hit does not
make it known: 三线 is not 三区三线, and telling a near-duplicate from a new formulation is the
editor's call. In Chinese text, known terms are found by annotation (:func:`api.annotate.annotate`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from api.annotate import annotate
from api.lookup import LookupIndex, Searcher
from api.lookup.entries import concept_from_term
from api.model import Term
from api.vocab import HANS, HANT


@dataclass(frozen=True)
class Match:
    """A known term a candidate matched: its slug, its preferred Chinese and the language of the matched form."""

    slug: str
    chinese: str | None
    lang: str


class KnownTerms:
    """The known-or-new decision over one lookup index."""

    def __init__(self, index: LookupIndex) -> None:
        self.index = index
        self._searcher = Searcher(index)

    @classmethod
    def from_terms(cls, terms: Iterable[Term]) -> KnownTerms:
        """A decision over ``terms`` alone (an index built in memory; no store)."""
        return cls(LookupIndex.build((concept_from_term(t) for t in terms), {}))

    @property
    def slugs(self) -> set[str]:
        """Every term slug (drafts must not take one)."""
        return set(self.index.concepts)

    def _exact(self, form: str | None, lang: str) -> Match | None:
        if not form or not form.strip():
            return None
        # limit=1: an exact match ranks first, and with one row found the lower tiers stop early.
        _key, hits = self._searcher.search(form, lang=lang, limit=1)
        if hits and hits[0].kind == "exact":
            return Match(hits[0].concept.slug, hits[0].concept.pref(HANS), hits[0].lang)
        return None

    def match(self, korean: str | None, chinese: str | None) -> Match | None:
        """The term a candidate is, by its Chinese first (when given in full), then by its Korean."""
        return self._exact(chinese, "zh") or self._exact(korean, "ko")

    def chinese_occurrences(self, text: str) -> list[tuple[int, int, Match]]:
        """Known Chinese forms in ``text`` (annotation: longest first, no overlaps), in text order."""
        out = []
        for occ in annotate(self.index, text):
            if occ.lang in (HANS, HANT):
                concept = self.index.concepts[occ.slug]
                out.append((occ.start, occ.end, Match(occ.slug, concept.pref(HANS), occ.lang)))
        return out
