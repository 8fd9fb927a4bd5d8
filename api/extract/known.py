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
from api.lookup import LookupIndex
from api.lookup.entries import concept_from_term
from api.lookup.normalize import query_keys
from api.lookup.search import LANG_FILTERS, Hit
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

    @classmethod
    def from_terms(cls, terms: Iterable[Term]) -> KnownTerms:
        """A decision over ``terms`` alone (an index built in memory; no store)."""
        return cls(LookupIndex.build((concept_from_term(t) for t in terms), {}))

    @property
    def slugs(self) -> set[str]:
        """Every term slug (drafts must not take one)."""
        return set(self.index.concepts)

    def _exact(self, form: str | None, lang: str) -> Match | None:
        # The exact tier of Searcher.search, without the prefix/substring/fuzzy tiers it would also run:
        # only an exact match decides "known", and extraction asks once per candidate.
        if not form or not form.strip():
            return None
        allowed = LANG_FILTERS[lang]
        index = self.index
        for key in query_keys(form):
            kid = index.key_id.get(key)
            if kid is None:
                continue
            hits = [Hit(index.concepts[slug], f, f_lang, "exact", 100, preferred)
                    for slug, f, f_lang, preferred in index.key_forms[kid]
                    if f_lang in allowed and slug in index.concepts]
            if hits:
                best = min(hits, key=Hit.rank)
                return Match(best.concept.slug, best.concept.pref(HANS), best.lang)
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
