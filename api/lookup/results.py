"""The JSON shapes of lookup and annotation results, shared by the HTTP API and ``tifa … --json``."""

from __future__ import annotations

from api.annotate import Occurrence
from api.lookup.entries import Concept, Parent
from api.lookup.index import LookupIndex
from api.lookup.normalize import one_line
from api.lookup.search import Hit, Searcher
from api.model import term_iri

MAX_QUERY = 200  # characters of a lookup query


def concept_json(concept: Concept, base: str) -> dict[str, object]:
    """A term's id, URI, status, kind, preferred forms and one-line definition."""
    head = concept.headline()
    return {"id": concept.slug, "uri": str(term_iri(concept.slug, base)), "status": concept.status,
            "kind": concept.kind, "ko": head["ko"], "zh_hans": head["zh_hans"], "zh_hant": head["zh_hant"],
            "pinyin": head["pinyin"], "en": head["en"],
            "definition": one_line(concept.definition_ko or concept.definition_zh)}


def parent_json(link: Parent, index: LookupIndex, base: str) -> dict[str, object]:
    """A parent formulation: its id, forms, and the position of the component in it."""
    concept = index.concepts.get(link.slug)
    head = concept.headline() if concept else {}
    return {"id": link.slug, "uri": str(term_iri(link.slug, base)), "ko": head.get("ko"),
            "zh_hans": head.get("zh_hans"), "group": link.group, "position": link.position, "of": link.of}


def hit_json(hit: Hit, index: LookupIndex, base: str) -> dict[str, object]:
    """One result row of ``GET /api/terms``."""
    match: dict[str, object] = {"form": hit.form, "lang": hit.lang, "kind": hit.kind, "score": hit.score}
    if hit.via:
        match["via"] = hit.via
    return {**concept_json(hit.concept, base), "match": match,
            "parents": [parent_json(p, index, base) for p in hit.parents]}


def suggestions_json(index: LookupIndex, text: str, base: str, limit: int = 5) -> list[dict[str, object]]:
    """Up to ``limit`` terms close to ``text`` (what a 404 for an unknown term offers): id, URI, ko, zh_hans.

    ``text`` is whatever was asked for (a mistyped slug, a Korean or Chinese form in the path); the lookup
    ranks it like a query (exact, prefix, substring, fuzzy). Text longer than a query may be gets none.
    """
    if not text or len(text) > MAX_QUERY:
        return []
    _, hits = Searcher(index).search(text, limit=limit)
    return [{"id": h.concept.slug, "uri": str(term_iri(h.concept.slug, base)), "ko": h.concept.pref("ko"),
             "zh_hans": h.concept.pref("zh-Hans")} for h in hits]


def search_json(query: str, normalized: str, hits: list[Hit], index: LookupIndex, base: str) -> dict[str, object]:
    """The body of ``GET /api/terms``."""
    return {"query": query, "normalized": normalized, "results": [hit_json(h, index, base) for h in hits]}


def annotation_json(text: str, found: list[Occurrence], index: LookupIndex, base: str) -> dict[str, object]:
    """The body of ``POST /api/annotate``: occurrences in text order and the terms found, by first occurrence."""
    occurrences = []
    counts: dict[str, int] = {}
    for occ in found:
        counts[occ.slug] = counts.get(occ.slug, 0) + 1
        occurrences.append({"start": occ.start, "end": occ.end, "text": occ.text, "form": occ.form,
                            "lang": occ.lang, "id": occ.slug, "alternatives": occ.alternatives})
    terms = [{**concept_json(index.concepts[slug], base), "count": n,
              "parents": [parent_json(p, index, base) for p in index.parents.get(slug, [])]}
             for slug, n in counts.items() if slug in index.concepts]
    return {"length": len(text), "occurrences": occurrences, "terms": terms}
