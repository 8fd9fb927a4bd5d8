"""The in-memory lookup index: every label form of every term, under its match key.

Structures (plain lists, dicts and arrays, so the whole index pickles and loads fast):

- ``keys`` / ``key_id``: every distinct match key, and per key the forms that have it
  (``key_forms``: slug, original form, language, preferred);
- ``sorted_keys`` / ``sorted_ids``: the keys in code-point order, for prefix search by bisection;
- ``grams``: an inverted index from every character and character pair to the keys holding it,
  for substring search inside unspaced compounds (三线 → 三区三线) without scanning every key;
- ``buckets``: keys by script and length (Hangul keys as jamo), the candidates of fuzzy matching.

Editors' writes call :meth:`LookupIndex.update` with the written term; :meth:`rebuild` replaces
everything at once (``api.lookup.store_index``).
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, insort
from collections.abc import Iterable

from api.lookup.entries import Concept, Parent, concept_from_term
from api.lookup.normalize import form_keys, jamo, script
from api.model import Term

FORMAT_VERSION = 1  # bump when the structures change: persisted indexes of other versions are rebuilt


class LookupIndex:
    """Every form of every concept, searchable by exact key, prefix, substring and fuzzy match."""

    def __init__(self, version: int = 0) -> None:
        self.version = version  # the store version the index was built from
        self.generation = 0  # grows with every update (annotators rebuild their automaton on change)
        self.concepts: dict[str, Concept] = {}
        self.parents: dict[str, list[Parent]] = {}
        self.keys: list[str] = []
        self.key_id: dict[str, int] = {}
        self.key_forms: list[list[tuple[str, str, str, bool]]] = []  # per key: (slug, form, lang, preferred)
        self.sorted_keys: list[str] = []
        self.sorted_ids: list[int] = []
        self.grams: dict[str, array] = {}
        self.buckets: dict[tuple[str, int], tuple[list[int], list[str]]] = {}
        self.automaton: object | None = None  # annotation automaton (api.annotate), built per generation
        self.automaton_generation = -1
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ building

    @classmethod
    def build(cls, concepts: Iterable[Concept], parents: dict[str, list[Parent]], version: int = 0) -> LookupIndex:
        """An index over ``concepts`` with the parent links ``parents`` (component slug → parents)."""
        index = cls(version)
        index.parents = {slug: list(links) for slug, links in parents.items()}
        for concept in concepts:
            index.concepts[concept.slug] = concept
            index._add_forms(concept)
        order = sorted(range(len(index.keys)), key=index.keys.__getitem__)
        index.sorted_keys = [index.keys[i] for i in order]
        index.sorted_ids = order
        return index

    def _add_forms(self, concept: Concept) -> list[int]:
        """Index ``concept``'s forms; return the ids of keys seen for the first time (not yet sorted in)."""
        fresh: list[int] = []
        for form, lang, preferred in concept.indexed_forms():
            for key in form_keys(form, lang):
                kid = self.key_id.get(key)
                if kid is None:
                    kid = len(self.keys)
                    self.keys.append(key)
                    self.key_id[key] = kid
                    self.key_forms.append([])
                    self._add_grams(key, kid)
                    fresh.append(kid)
                entry = (concept.slug, form, lang, preferred)
                if entry not in self.key_forms[kid]:
                    self.key_forms[kid].append(entry)
        return fresh

    def _add_grams(self, key: str, kid: int) -> None:
        grams = set(key) | {key[i:i + 2] for i in range(len(key) - 1)}
        for gram in grams:
            posting = self.grams.get(gram)
            if posting is None:
                posting = self.grams[gram] = array("I")
            posting.append(kid)
        cls = script(key)
        ids, texts = self.buckets.setdefault((cls, len(key)), ([], []))
        ids.append(kid)
        texts.append(jamo(key) if cls == "hangul" else key)

    # ------------------------------------------------------------------ updates (editors' writes)

    def update(self, term: Term) -> None:
        """Replace (or add) ``term`` in the index: its forms, its groups' parent links. Thread-safe for writers."""
        self.update_concept(concept_from_term(term))

    def remove(self, slug: str) -> None:
        """Drop the term ``slug`` from the index (its forms and the parent links of its groups)."""
        with self._lock:
            self._drop(slug)
            self.concepts.pop(slug, None)
            self.generation += 1

    def _drop(self, slug: str) -> None:
        old = self.concepts.get(slug)
        if old is None:
            return
        self._remove_forms(old)
        for _, _, components in old.groups:
            for child in components:
                self.parents[child] = [p for p in self.parents.get(child, []) if p.slug != slug]

    def update_concept(self, concept: Concept) -> None:
        """Replace (or add) ``concept``; see :meth:`update`."""
        with self._lock:
            self._drop(concept.slug)
            self.concepts[concept.slug] = concept
            for kid in self._add_forms(concept):
                at = bisect_left(self.sorted_keys, self.keys[kid])
                self.sorted_keys.insert(at, self.keys[kid])
                self.sorted_ids.insert(at, kid)
            for group, numeral, components in concept.groups:
                for position, child in enumerate(components, start=1):
                    insort(self.parents.setdefault(child, []), Parent(concept.slug, group, position, numeral),
                           key=lambda p: (p.slug, p.group, p.position))
            self.generation += 1

    def _remove_forms(self, concept: Concept) -> None:
        for form, lang, _ in concept.indexed_forms():
            for key in form_keys(form, lang):
                kid = self.key_id.get(key)
                if kid is not None:  # the key stays (empty keys match nothing); its forms of this slug go
                    self.key_forms[kid] = [e for e in self.key_forms[kid] if e[0] != concept.slug]

    # ------------------------------------------------------------------ persistence

    def state(self) -> dict[str, object]:
        """The index as plain structures (for pickling)."""
        return {name: getattr(self, name) for name in (
            "version", "generation", "concepts", "parents", "keys", "key_id", "key_forms",
            "sorted_keys", "sorted_ids", "grams", "buckets")}

    @classmethod
    def from_state(cls, state: dict[str, object]) -> LookupIndex:
        """The inverse of :meth:`state`."""
        index = cls()
        for name, value in state.items():
            setattr(index, name, value)
        return index

    def __len__(self) -> int:
        return len(self.concepts)
