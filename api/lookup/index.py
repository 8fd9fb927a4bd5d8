"""The in-memory lookup index: every label form of every term, under its match key.

Layout (flat lists, dicts and arrays, so the index pickles small and loads fast from the data folder):

- ``concept_list``: the concepts by number (a replaced or removed concept leaves ``None`` behind, so
  entries that point at it are simply skipped); ``concepts``: slug → live concept;
- ``keys`` / ``key_id``: every distinct match key; the *entries* of key ``k`` are
  ``key_codes[key_start[k]:key_start[k + 1]]`` plus ``overflow[k]`` (added by updates), each entry
  ``concept number << 6 | form number`` (a term has fewer than 64 forms);
- ``sorted_keys`` / ``sorted_ids``: the keys in code-point order, for prefix search by bisection;
- ``grams``: every character, character pair and triple → the keys holding it, for substring search inside
  unspaced compounds (三线 → 三区三线) without scanning every key;
- ``buckets``: keys by script and length (Hangul keys as jamo), the candidates of fuzzy matching.

Editors' writes call :meth:`LookupIndex.update` with the written term.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from pathlib import Path

from api.lookup.entries import Concept, Parent, concept_from_term
from api.lookup.normalize import form_keys, jamo, script
from api.model import Term

FORMAT_VERSION = 3  # bump when the layout changes: persisted indexes of other versions are rebuilt
FORM_BITS = 6
_STATE = ("version", "generation", "keys", "key_id", "key_start", "key_codes", "overflow", "sorted_keys",
          "sorted_ids", "grams", "buckets")


def grams_of(key: str) -> set[str]:
    """The characters, character pairs and triples of ``key`` (its entries in the substring index)."""
    return set(key) | {key[i:i + 2] for i in range(len(key) - 1)} | {key[i:i + 3] for i in range(len(key) - 2)}


class LookupIndex:
    """Every form of every concept, searchable by exact key, prefix, substring and fuzzy match."""

    def __init__(self, version: int = 0) -> None:
        self.version = version  # the store version the index was built from
        self.generation = 0  # grows with every update (the annotation automaton is rebuilt on change)
        self.concept_list: list[Concept | None] = []
        self.concepts: dict[str, Concept] = {}
        self.concept_no: dict[str, int] = {}
        self.parents: dict[str, list[Parent]] = {}
        self.keys: list[str] = []
        self.key_id: dict[str, int] = {}
        self.key_start = array("I", [0])
        self.key_codes = array("Q")
        self.overflow: dict[int, list[int]] = {}
        self.sorted_keys: list[str] = []
        self.sorted_ids = array("I")
        self.grams: dict[str, array] = {}
        self.buckets: dict[tuple[str, int], tuple[array, list[str]]] = {}
        self.automaton: object | None = None  # annotation automaton (api.annotate), built per generation
        self.automaton_generation = -1
        self.automaton_file: Path | None = None  # where a persisted automaton of this generation waits
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ reading

    def entries(self, kid: int) -> Iterator[tuple[Concept, str, str, bool]]:
        """``(concept, form, lang, preferred)`` of every live form whose match key is key ``kid``."""
        codes = self.key_codes[self.key_start[kid]:self.key_start[kid + 1]] if kid + 1 < len(self.key_start) else ()
        for code in (*codes, *self.overflow.get(kid, ())):
            concept = self.concept_list[code >> FORM_BITS]
            if concept is not None:
                i = (code & ((1 << FORM_BITS) - 1)) * 3
                flat = concept.flat
                if i < len(flat):
                    yield concept, flat[i], flat[i + 1], flat[i + 2]
                else:  # the notation (slug) form, indexed after the labels
                    yield concept, concept.slug, "notation", False

    def __len__(self) -> int:
        return len(self.concepts)

    # ------------------------------------------------------------------ building

    @classmethod
    def build(cls, concepts: Iterable[Concept], parents: dict[str, list[Parent]], version: int = 0) -> LookupIndex:
        """An index over ``concepts`` with the parent links ``parents`` (component slug → parents)."""
        index = cls(version)
        index.parents = {slug: list(links) for slug, links in parents.items()}
        per_key: list[list[int]] = []
        for concept in concepts:
            for kid, code in index._new_concept(concept):
                if kid == len(per_key):
                    per_key.append([])
                per_key[kid].append(code)
        for codes in per_key:
            index.key_codes.extend(codes)
            index.key_start.append(len(index.key_codes))
        order = sorted(range(len(index.keys)), key=index.keys.__getitem__)
        index.sorted_keys = [index.keys[i] for i in order]
        index.sorted_ids = array("I", order)
        return index

    def _new_concept(self, concept: Concept) -> list[tuple[int, int]]:
        """Number ``concept``, create keys it needs; return its ``(key id, entry code)`` pairs."""
        number = len(self.concept_list)
        self.concept_list.append(concept)
        self.concepts[concept.slug] = concept
        self.concept_no[concept.slug] = number
        out: list[tuple[int, int]] = []
        for form_no, (form, lang, _) in enumerate(concept.indexed_forms()):
            code = number << FORM_BITS | min(form_no, (1 << FORM_BITS) - 1)
            for key in form_keys(form, lang):
                kid = self.key_id.get(key)
                if kid is None:
                    kid = len(self.keys)
                    self.keys.append(key)
                    self.key_id[key] = kid
                    self._add_grams(key, kid)
                if (kid, code) not in out:
                    out.append((kid, code))
        return out

    def _add_grams(self, key: str, kid: int) -> None:
        for gram in grams_of(key):
            posting = self.grams.get(gram)
            if posting is None:
                posting = self.grams[gram] = array("I")
            posting.append(kid)
        cls = script(key)
        bucket = self.buckets.get((cls, len(key)))
        if bucket is None:
            bucket = self.buckets[(cls, len(key))] = (array("I"), [])
        bucket[0].append(kid)
        bucket[1].append(jamo(key) if cls == "hangul" else key)

    # ------------------------------------------------------------------ updates (editors' writes)

    def update(self, term: Term) -> None:
        """Replace (or add) ``term``: its forms and its groups' parent links. Safe to call from request threads."""
        self.update_concept(concept_from_term(term))

    def update_concept(self, concept: Concept) -> None:
        """Replace (or add) ``concept``; see :meth:`update`."""
        with self._lock:
            self._drop(concept.slug)
            for kid, code in self._new_concept(concept):
                if kid == len(self.key_start) - 1:  # a key created by this update: give it its slot
                    self.key_codes.append(code)
                    self.key_start.append(len(self.key_codes))
                    at = bisect_left(self.sorted_keys, self.keys[kid])
                    self.sorted_keys.insert(at, self.keys[kid])
                    self.sorted_ids.insert(at, kid)
                else:
                    self.overflow.setdefault(kid, []).append(code)
            for group, numeral, components in concept.groups:
                for position, child in enumerate(components, start=1):
                    insort(self.parents.setdefault(child, []), Parent(concept.slug, group, position, numeral))
            self.generation += 1

    def remove(self, slug: str) -> None:
        """Drop the term ``slug`` (its forms and the parent links of its groups)."""
        with self._lock:
            self._drop(slug)
            self.generation += 1

    def _drop(self, slug: str) -> None:
        old = self.concepts.pop(slug, None)
        if old is None:
            return
        self.concept_list[self.concept_no.pop(slug)] = None  # its entries now point at nothing
        for _, _, components in old.groups:
            for child in components:
                self.parents[child] = [p for p in self.parents.get(child, []) if p.slug != slug]

    # ------------------------------------------------------------------ persistence

    def state(self) -> dict[str, object]:
        """The index as plain structures (for pickling): concepts as tuples, links as tuples."""
        out = {name: getattr(self, name) for name in _STATE}
        out["concept_list"] = [c.as_tuple() if c is not None else None for c in self.concept_list]
        out["parents"] = {slug: [tuple(p) for p in links] for slug, links in self.parents.items()}
        return out

    @classmethod
    def from_state(cls, state: dict[str, object]) -> LookupIndex:
        """The inverse of :meth:`state`."""
        index = cls()
        for name in _STATE:
            setattr(index, name, state[name])
        index.concept_list = [Concept(*t) if t is not None else None for t in state["concept_list"]]  # type: ignore
        for number, concept in enumerate(index.concept_list):
            if concept is not None:
                index.concepts[concept.slug] = concept
                index.concept_no[concept.slug] = number
        index.parents = {slug: [Parent(*p) for p in links] for slug, links in state["parents"].items()}  # type: ignore
        return index
