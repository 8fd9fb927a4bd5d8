"""What the lookup index keeps of each term: a :class:`Concept` (headline forms, every label form,
one-line definitions, numeral groups) and :class:`Parent` links, read from the store in three
named queries (``lookup_terms``, ``lookup_forms``, ``term_parents``) or made from a :class:`Term`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from rdflib.term import Node

from api.model import Term, slug_of
from api.queries import NamedQuery
from api.store import TermStore, bcp47_case
from api.vocab import HANS, HANT, KINDS, PINYIN, ROMAN, STATUSES

_KIND = {str(iri): name for name, iri in KINDS.items()}
_STATUS = {str(iri): name for name, iri in STATUSES.items()}
READING = "ko-reading"  # pseudo-language of the tifa:sinoKoreanReading form
NOTATION = "notation"  # pseudo-language of the slug


class Parent(NamedTuple):
    """A numbered formulation a term is a component of: its slug, group, position and group size."""

    slug: str
    group: int
    position: int
    of: int


@dataclass(slots=True)
class Concept:
    """One term as the index holds it.

    Its forms are kept flat (``form, lang, preferred, form, lang, preferred, …``): one tuple per
    term loads much faster from the data folder than one tuple per form.
    """

    slug: str
    status: str = "accepted"
    kind: str = "formulation"
    flat: tuple = ()
    definition_ko: str | None = None
    definition_zh: str | None = None
    groups: list[tuple[int, int, list[str]]] = field(default_factory=list)  # (index, numeral, component slugs)

    @property
    def forms(self) -> list[tuple[str, str, bool]]:
        """Every label form as ``(form, lang, preferred)``, preferred ones first."""
        f = self.flat
        return [(f[i], f[i + 1], f[i + 2]) for i in range(0, len(f), 3)]

    def set_forms(self, forms: list[tuple[str, str, bool]]) -> None:
        """Replace the forms (sorted: preferred first, then by language and form)."""
        self.flat = tuple(x for f in sorted(forms, key=lambda f: (not f[2], f[1], f[0])) for x in f)

    def as_tuple(self) -> tuple:
        """The concept as a plain tuple (``Concept(*t)`` rebuilds it)."""
        return (self.slug, self.status, self.kind, self.flat, self.definition_ko, self.definition_zh, self.groups)

    def pref(self, lang: str) -> str | None:
        """The preferred form in ``lang`` (the first form when none is marked preferred)."""
        fallback = None
        f = self.flat
        for i in range(0, len(f), 3):
            if f[i + 1] == lang:
                if f[i + 2]:
                    return f[i]
                fallback = fallback or f[i]
        return fallback

    def headline(self) -> dict[str, str | None]:
        """The preferred forms a result row shows."""
        return {"ko": self.pref("ko"), "zh_hans": self.pref(HANS), "zh_hant": self.pref(HANT),
                "pinyin": self.pref(PINYIN), "ko_latn": self.pref(ROMAN), "en": self.pref("en")}

    def indexed_forms(self) -> list[tuple[str, str, bool]]:
        """Every form the index matches: the labels, the Sino-Korean reading and the slug (notation)."""
        return [*self.forms, (self.slug, NOTATION, False)]


def concept_from_term(term: Term) -> Concept:
    """The index entry of ``term`` (used for editors' writes: ``LookupIndex.update(term)``)."""
    forms = [(lb.form, lb.lang, lb.preferred) for lb in term.labels]
    if term.sino_korean_reading:
        forms.append((term.sino_korean_reading, READING, False))
    concept = Concept(slug=term.slug, status=term.status, kind=term.kind, definition_ko=term.definitions.get("ko"),
                      definition_zh=term.definitions.get(HANS) or term.definitions.get("zh"),
                      groups=[(g.index, g.numeral, list(g.components)) for g in term.groups])
    concept.set_forms(forms)
    return concept


def _text(row: Mapping[str, Node], key: str) -> str | None:
    value = row.get(key)
    return str(value) if value is not None else None


FIELD, RECORD = "\u001f", "\u001e"  # separators of the packed columns of lookup_terms / lookup_forms


def _unpack(row: Mapping[str, Node], key: str) -> list[list[str]]:
    """A packed column (``a␟b␞c␟d``) as ``[[a, b], [c, d]]``."""
    value = row.get(key)
    return [entry.split(FIELD) for entry in str(value).split(RECORD) if entry] if value is not None else []


def read_concepts(store: TermStore, queries: Mapping[str, NamedQuery],
                  iris: list[Node] | None = None) -> dict[str, Concept]:
    """Concepts of every term (or of ``iris``) by slug, in two queries; groups are filled by :func:`read_parents`.

    Both queries answer one row per term, their multi-valued columns packed (see the ``.rq`` files):
    converting a few values per term instead of a few per label is what makes 100,000 terms quick.
    """
    bindings = {"term": iris} if iris is not None else None
    by_iri: dict[str, Concept] = {}
    forms: dict[str, list[tuple[str, str, bool]]] = {}
    for row in store.select(queries["lookup_terms"].text, bindings):
        iri = str(row["term"])
        defs: dict[str, str] = {}
        for lang, text in (e for e in _unpack(row, "defs") if len(e) == 2):
            defs.setdefault(bcp47_case(lang), text)
        by_iri[iri] = Concept(slug=str(row["slug"]), status=_STATUS.get(str(row.get("status")), "draft"),
                              kind=_KIND.get(str(row.get("kind")), "formulation"), definition_ko=defs.get("ko"),
                              definition_zh=defs.get(HANS) or next((v for k, v in defs.items()
                                                                    if k.startswith("zh")), None))
        reading = _text(row, "reading")
        forms[iri] = [(reading, READING, False)] if reading else []
    for row in store.select(queries["lookup_forms"].text, bindings):
        found = forms.get(str(row["term"]))
        if found is not None:
            found.extend((text, bcp47_case(lang), flag == "1") for lang, flag, text in
                         (e for e in _unpack(row, "forms") if len(e) == 3))
    for iri, concept in by_iri.items():
        concept.set_forms(forms[iri])
    return {c.slug: c for c in by_iri.values()}


def read_parents(store: TermStore, queries: Mapping[str, NamedQuery], concepts: dict[str, Concept],
                 iris: list[Node] | None = None) -> dict[str, list[Parent]]:
    """Parent links by component slug (one query); fills each parent concept's ``groups`` when it is in ``concepts``."""
    base = store.base
    parents: dict[str, list[Parent]] = {}
    members: dict[tuple[str, int], list[tuple[int, str]]] = {}
    numerals: dict[tuple[str, int], int] = {}
    bindings = {"term": iris} if iris is not None else None
    for row in store.select(queries["term_parents"].text, bindings):
        child = slug_of(str(row["term"]), base)
        parent = slug_of(str(row["parent"]), base)
        if child is None or parent is None:
            continue
        group, position, numeral = int(row["index"]), int(row["position"]), int(row["numeral"])
        parents.setdefault(child, []).append(Parent(parent, group, position, numeral))
        members.setdefault((parent, group), []).append((position, child))
        numerals[(parent, group)] = numeral
    for (parent, group), items in members.items():
        if parent in concepts:
            concepts[parent].groups.append((group, numerals[(parent, group)], [s for _, s in sorted(items)]))
    for concept in concepts.values():
        concept.groups.sort()
    for links in parents.values():
        links.sort(key=lambda p: (p.slug, p.group, p.position))
    return parents
