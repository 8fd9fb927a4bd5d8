"""The term record: one term with everything around it, as the record API and the term pages show it.

:func:`load_record` reads one term (``describe_term.rq`` → :func:`api.model.from_graph`), its
parent formulations (``term_parents.rq``) and the headline forms of its components, parents and
related terms (``lookup_terms.rq`` and ``lookup_forms.rq`` with every referenced IRI bound at once).
:func:`read_terms` reads any number of terms, or the whole graph, in one query.

A record is plain data: templates read its attributes, :meth:`TermRecord.to_json` gives the API's JSON.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from api.lookup.entries import Concept, read_concepts, read_parents
from api.model import Term, from_graph, term_iri, term_iris
from api.queries import NamedQuery
from api.store import TermStore, bcp47_case

#: What a slug may look like; anything else is refused before it reaches the store.
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,119}")


@dataclass
class TermRef:
    """Another term as a record mentions it: slug, IRI, status and preferred forms (None where missing)."""

    slug: str
    iri: str
    exists: bool = True
    status: str | None = None
    ko: str | None = None
    zh_hans: str | None = None
    zh_hant: str | None = None
    pinyin: str | None = None
    en: str | None = None


@dataclass
class ComponentRef:
    """A component of a numbered formulation: group index, position in it, the group's numeral, the term."""

    group: int
    position: int
    numeral: int
    unit: str
    term: TermRef


@dataclass
class ParentRef:
    """A numbered formulation the term is a component of: group, position and group size (``of``)."""

    group: int
    position: int
    of: int
    term: TermRef


@dataclass
class TermRecord:
    """One term, its ordered components, its parent formulations and its related terms."""

    term: Term
    iri: str
    components: list[ComponentRef] = field(default_factory=list)
    parents: list[ParentRef] = field(default_factory=list)
    related: list[TermRef] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The record as JSON-ready data (the body of ``GET /api/terms/{id}``)."""
        term = asdict(self.term)
        slug = term.pop("slug")
        zh = self.term.pref_label("zh-Hans")
        provenance = {"origin": zh.origin or "source", "confidence": zh.confidence} if zh else None
        return {"id": slug, "uri": self.iri, **term, "provenance": provenance,
                "components": [asdict(c) for c in self.components],
                "parents": [asdict(p) for p in self.parents],
                "related": [asdict(r) for r in self.related]}


def _lang_case(term: Term) -> Term:
    """Language tags in tifa's case (a store may hand back ``zh-hans``)."""
    for label in term.labels:
        label.lang = bcp47_case(label.lang)
    term.definitions = {bcp47_case(k): v for k, v in term.definitions.items()}
    term.scope_notes = {bcp47_case(k): v for k, v in term.scope_notes.items()}
    return term


def read_terms(store: TermStore, queries: Mapping[str, NamedQuery], slugs: list[str] | None = None) -> dict[str, Term]:
    """The terms ``slugs`` (or every term) by slug, read with one ``describe_term`` query."""
    bindings = {"term": [term_iri(s, store.base) for s in slugs]} if slugs is not None else None
    if slugs == []:
        return {}
    graph = store.construct(queries["describe_term"].text, bindings)
    terms = (_lang_case(from_graph(graph, iri, store.base)) for iri in term_iris(graph))
    return {t.slug: t for t in terms}


def _ref(slug: str, base: str, concepts: Mapping[str, Concept]) -> TermRef:
    concept = concepts.get(slug)
    iri = str(term_iri(slug, base))
    if concept is None:
        return TermRef(slug, iri, exists=False)
    head = concept.headline()
    return TermRef(slug, iri, True, concept.status, head["ko"], head["zh_hans"], head["zh_hant"], head["pinyin"],
                   head["en"])


def load_record(store: TermStore, queries: Mapping[str, NamedQuery], slug: str) -> TermRecord | None:
    """The record of ``slug``, or None when the graph has no such term (or ``slug`` is not a valid slug)."""
    if not SLUG_RE.fullmatch(slug):
        return None
    term = read_terms(store, queries, [slug]).get(slug)
    if term is None:
        return None
    base = store.base
    iri = term_iri(slug, base)
    links = read_parents(store, queries, {}, [iri]).get(slug, [])
    mentioned = {*term.component_slugs, *term.related, *(p.slug for p in links)}
    concepts = read_concepts(store, queries, [term_iri(s, base) for s in sorted(mentioned)]) if mentioned else {}
    units = {g.index: g.unit for g in term.groups}
    record = TermRecord(term=term, iri=str(iri))
    for group in term.groups:
        for position, child in enumerate(group.components, start=1):
            record.components.append(ComponentRef(group.index, position, group.numeral, units[group.index],
                                                  _ref(child, base, concepts)))
    record.parents = [ParentRef(p.group, p.position, p.of, _ref(p.slug, base, concepts)) for p in links]
    record.related = [_ref(s, base, concepts) for s in term.related]
    return record

