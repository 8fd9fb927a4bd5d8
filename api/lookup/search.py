"""Search over a :class:`~api.lookup.index.LookupIndex`: exact > prefix > substring > fuzzy, one row per concept.

Each row carries the form that matched, its language and how it matched, so a translator can
judge it. Fuzzy matching runs only when no form matched exactly (it is for typos), and substring
matching only while exact and prefix matches leave room in the first ``limit`` rows. A component also brings its parent formulations (幼有所育 → 七有, position 1 of 7), as
its ``parents`` and as a row of its own (match kind ``component``) right after it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from api.lookup.entries import Concept, Parent
from api.lookup.index import LookupIndex
from api.lookup.normalize import jamo, match_key, query_keys, script

KINDS = ("exact", "prefix", "substring", "fuzzy", "component")
_RANK = {kind: i for i, kind in enumerate(KINDS)}
CANDIDATE_CAP = 5000  # keys examined per match kind; a one-character query stops here
LANG_FILTERS = {  # ?lang= value -> the form languages it admits
    "ko": {"ko", "ko-reading"}, "zh": {"zh-Hans", "zh-Hant"}, "zh-Hans": {"zh-Hans"}, "zh-Hant": {"zh-Hant"},
    "pinyin": {"zh-Latn-pinyin"}, "zh-Latn-pinyin": {"zh-Latn-pinyin"}, "ko-Latn": {"ko-Latn"},
    "en": {"en"}, "notation": {"notation"},
}


@dataclass
class Hit:
    """One result row: the concept and the explanation of its best match."""

    concept: Concept
    form: str
    lang: str
    kind: str
    score: int
    preferred: bool = False
    parents: list[Parent] = field(default_factory=list)
    via: str | None = None  # for kind "component": the slug of the matched component

    def rank(self) -> tuple[object, ...]:
        """Sort key: match kind, score, preferred form, accepted status, form length, slug."""
        return (_RANK[self.kind], -self.score, not self.preferred, self.concept.status != "accepted",
                len(self.form), self.concept.slug)


def max_distance(key: str, cls: str) -> int:
    """Edits a fuzzy match may need: Hangul counts jamo, Chinese characters, Latin letters."""
    if cls == "hangul":
        syllables = sum(1 for ch in key if "\uac00" <= ch <= "\ud7a3")
        return 0 if syllables < 2 else 1 if syllables < 4 else 2
    if cls == "han":
        return 1 if len(key) >= 3 else 0
    return 0 if len(key) < 4 else 1 if len(key) < 8 else 2


class Searcher:
    """Runs queries against one index (cheap to create; holds no state of its own)."""

    def __init__(self, index: LookupIndex) -> None:
        self.index = index

    def _prefix(self, key: str) -> list[int]:
        keys = self.index.sorted_keys
        start = bisect_left(keys, key)
        out = []
        for i in range(start, min(start + CANDIDATE_CAP, len(keys))):
            if not keys[i].startswith(key):
                break
            out.append(self.index.sorted_ids[i])
        return out

    def _substring(self, key: str) -> list[int]:
        """Keys containing ``key``: candidates from its rarest triple (or pair, or character), then checked."""
        grams = self.index.grams
        n = 3 if len(key) >= 3 else len(key)
        postings = sorted((grams.get(key[i:i + n], ()) for i in range(len(key) - n + 1)), key=len)
        if not postings[0]:
            return []
        candidates = postings[0]
        if len(postings) > 1 and len(candidates) > 256:  # intersect the two rarest before checking text
            second = set(postings[1])
            candidates = [k for k in candidates if k in second]
        keys = self.index.keys
        out = []
        for kid in candidates:
            if key in keys[kid]:
                out.append(kid)
                if len(out) >= CANDIDATE_CAP:
                    break
        return out

    def _fuzzy(self, key: str) -> list[tuple[int, int]]:
        """``(key id, score)`` of keys within :func:`max_distance` edits of ``key``."""
        cls = script(key)
        limit = max_distance(key, cls)
        if limit == 0:
            return []
        probe = jamo(key) if cls == "hangul" else key
        out = []
        for length in range(len(key) - 1, len(key) + 2):
            bucket = self.index.buckets.get((cls, length))
            if not bucket:
                continue
            ids, texts = bucket
            for _, dist, pos in process.extract(probe, texts, scorer=Levenshtein.distance, score_cutoff=limit,
                                                limit=200):
                score = round(100 * (1 - dist / max(len(probe), len(texts[pos]))))
                out.append((ids[pos], score))
        return out

    def search(self, query: str, lang: str | None = None, limit: int = 10) -> tuple[str, list[Hit]]:
        """``(normalised query, ranked hits)`` for ``query``; ``lang`` restricts the forms that may match."""
        allowed = LANG_FILTERS.get(lang) if lang else None
        best: dict[str, Hit] = {}
        index = self.index

        def offer(kid: int, kind: str, score: int) -> None:
            for concept, form, form_lang, preferred in index.entries(kid):
                if allowed is not None and form_lang not in allowed:
                    continue
                hit = Hit(concept, form, form_lang, kind, score, preferred)
                slug = concept.slug
                if slug not in best or hit.rank() < best[slug].rank():
                    best[slug] = hit

        keys = query_keys(query)
        exact_ids = [kid for kid in (index.key_id.get(key) for key in keys) if kid is not None]
        for kid in exact_ids:
            offer(kid, "exact", 100)
        for key in keys:
            for kid in self._prefix(key):
                if kid not in exact_ids:
                    offer(kid, "prefix", round(100 * len(key) / len(index.keys[kid])))
        # a lower kind never outranks a higher one: skip what cannot reach the first ``limit`` rows
        if len(best) < limit:
            for key in keys:
                for kid in self._substring(key):
                    if not index.keys[kid].startswith(key):
                        offer(kid, "substring", round(100 * len(key) / len(index.keys[kid])))
        if not any(h.kind == "exact" for h in best.values()) and len(best) < limit:  # fuzzy: for typos only
            for key in keys:
                for kid, score in self._fuzzy(key):
                    offer(kid, "fuzzy", score)
        hits = sorted(best.values(), key=Hit.rank)[:limit]
        return (keys[0] if keys else match_key(query)), self._with_parents(hits, limit)

    def _with_parents(self, hits: list[Hit], limit: int) -> list[Hit]:
        """Attach parent links, and add each parent formulation as a row after its first matched component."""
        shown = {h.concept.slug for h in hits}
        out: list[Hit] = []
        for hit in hits:
            hit.parents = list(self.index.parents.get(hit.concept.slug, []))
            out.append(hit)
            for link in hit.parents:
                parent = self.index.concepts.get(link.slug)
                if parent is not None and link.slug not in shown:
                    shown.add(link.slug)
                    out.append(Hit(parent, hit.form, hit.lang, "component", hit.score, via=hit.concept.slug,
                                   parents=list(self.index.parents.get(link.slug, []))))
        return out[:limit]
