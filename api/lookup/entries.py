"""What the lookup index keeps of each term: a :class:`Concept` (headline forms, every label form,
one-line definitions, numeral groups) and :class:`Parent` links, read from the store in three
named queries (``lookup_terms``, ``lookup_forms``, ``term_parents``) or made from a :class:`Term`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import Literal
from rdflib.term import Node

from api.model import Term, slug_of
from api.queries import NamedQuery
from api.store import TermStore, bcp47_case
from api.vocab import HANS, HANT, KINDS, PINYIN, ROMAN, STATUSES

_KIND = {str(iri): name for name, iri in KINDS.items()}
_STATUS = {str(iri): name for name, iri in STATUSES.items()}
READING = "ko-reading"  # pseudo-language of the tifa:sinoKoreanReading form
NOTATION = "notation"  # pseudo-language of the slug


@dataclass(slots=True)
class Parent:
    """A numbered formulation a term is a component of: its slug, group, position and group size."""

    slug: str
    group: int
    position: int
    of: int


@dataclass(slots=True)
class Concept:
    """One term as the index holds it."""

    slug: str
    status: str = "accepted"
    kind: str = "formulation"
    forms: list[tuple[str, str, bool]] = field(default_factory=list)  # (form, lang, preferred)
    definition_ko: str | None = None
    definition_zh: str | None = None
    groups: list[tuple[int, int, list[str]]] = field(default_factory=list)  # (index, numeral, component slugs)

    def pref(self, lang: str) -> str | None:
        """The preferred form in ``lang`` (the first form when none is marked preferred)."""
        fallback = None
        for form, form_lang, preferred in self.forms:
            if form_lang == lang:
                if preferred:
                    return form
                fallback = fallback or form
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
    return Concept(slug=term.slug, status=term.status, kind=term.kind, forms=forms,
                   definition_ko=term.definitions.get("ko"),
                   definition_zh=term.definitions.get(HANS) or term.definitions.get("zh"),
                   groups=[(g.index, g.numeral, list(g.components)) for g in term.groups])


def _text(row: Mapping[str, Node], key: str) -> str | None:
    value = row.get(key)
    return str(value) if value is not None else None


def read_concepts(store: TermStore, queries: Mapping[str, NamedQuery],
                  iris: list[Node] | None = None) -> dict[str, Concept]:
    """Concepts of every term (or of ``iris``) by slug, in two queries; groups are filled by :func:`read_parents`."""
    bindings = {"term": iris} if iris is not None else None
    by_iri: dict[str, Concept] = {}
    for row in store.select(queries["lookup_terms"].text, bindings):
        iri = str(row["term"])
        if iri in by_iri:  # a second definition in the same language: keep the first
            continue
        concept = Concept(slug=str(row["slug"]), status=_STATUS.get(str(row.get("status")), "draft"),
                          kind=_KIND.get(str(row.get("kind")), "formulation"),
                          definition_ko=_text(row, "defKo"), definition_zh=_text(row, "defZh"))
        reading = _text(row, "reading")
        if reading:
            concept.forms.append((reading, READING, False))
        by_iri[iri] = concept
    for row in store.select(queries["lookup_forms"].text, bindings):
        concept = by_iri.get(str(row["term"]))
        form = row["form"]
        if concept is not None and isinstance(form, Literal):
            preferred = bool(row["preferred"].toPython()) if isinstance(row.get("preferred"), Literal) else False
            concept.forms.append((str(form), bcp47_case(form.language or ""), preferred))
    for concept in by_iri.values():  # preferred first, then a stable order, whatever the store returned
        concept.forms.sort(key=lambda f: (not f[2], f[1], f[0]))
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
