"""Turn a write request body into the description of one term.

Three inputs: RDF in the tifa model (Turtle, TriG, N-Triples, JSON-LD), or a JSON
form ``{"ko": …, "zh": …, "definition_ko": …}`` that becomes a :class:`api.model.Term`
and gets its derivable forms from :mod:`api.enrich`. Either way the result is checked
to describe exactly one term and nothing else (statements about other resources
would slip past the term-level replace and validation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef

from api.enrich import enrich_term
from api.model import Group, Label, Term, add_label, scheme_iri, slug_of, term_iri, to_graph
from api.rdfparse import MEDIA_TYPES, RdfSyntaxError, parse_rdf
from api.strict_input import JsonInputError, load_json
from api.text_input import surrogate_in
from api.vocab import HANS, KINDS, RDF, RENDERINGS, SKOS, SKOSXL, STATUSES, TIFA

# JSON is the form here, not JSON-LD (send application/ld+json for that); plain text is no RDF body.
RDF_TYPES = {m: f for m, f in MEDIA_TYPES.items() if m not in ("application/json", "text/plain")}
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
FORM_FIELDS = {"slug", "ko", "zh", "definition_ko", "definition_zh", "kind", "status", "topics", "related",
               "alt_ko", "ko_rendering", "en", "scope_note", "groups", "replaced_by", "zh_confidence"}


class InputError(ValueError):
    """The body cannot be read as a term (HTTP 400); ``line``/``column`` point into RDF input."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line, self.column = line, column

    def detail(self) -> dict[str, object]:
        """The error as a JSON body."""
        out: dict[str, object] = {"detail": str(self)}
        if self.line is not None:
            out.update(line=self.line, column=self.column)
        return out


@dataclass
class Draft:
    """A proposed description of one term."""

    iri: URIRef
    slug: str
    graph: Graph


def media_type(content_type: str | None) -> str:
    """The bare media type of a Content-Type header (``application/json`` when absent)."""
    return (content_type or "application/json").split(";", 1)[0].strip().lower()


def read_draft(body: bytes, content_type: str | None, base: str, slug: str | None = None) -> Draft:
    """The term described by ``body``; ``slug`` (from the URL of a PUT) must match it when given.

    Raises:
        InputError: unparsable body, no term or several, a slug mismatch, or statements about other resources.
    """
    kind = media_type(content_type)
    if kind in RDF_TYPES:
        try:
            graph = parse_rdf(body, RDF_TYPES[kind], source="body", base_iri=base + "term/")
        except RdfSyntaxError as exc:
            raise InputError(str(exc), exc.line, exc.column) from exc
        return _rdf_draft(graph, base, slug)
    if kind in ("application/json", "multipart/form-data", "application/x-www-form-urlencoded") or \
            kind.endswith("+json"):
        try:
            data = load_json(body)
        except JsonInputError as exc:
            raise InputError(f"the body is not valid JSON: {exc}") from exc
        if (bad := surrogate_in(data)) is not None:  # valid JSON ("\ud800"), but no storable text
            raise InputError(f"the JSON body has a lone surrogate in {bad!r}")
        term = form_term(data, slug)
        enrich_term(term)
        return Draft(term_iri(term.slug, base), term.slug, to_graph(term, base))
    raise InputError(f"unsupported Content-Type {kind!r}: send JSON (the form), Turtle, TriG, N-Triples or JSON-LD")


def _rdf_draft(graph: Graph, base: str, slug: str | None) -> Draft:
    terms = sorted({s for s in graph.subjects(RDF.type, TIFA.Term) if isinstance(s, URIRef)})
    if slug is not None and term_iri(slug, base) not in terms and len(terms) <= 1:
        raise InputError(f"the body must describe the term {term_iri(slug, base)} (a tifa:Term), "
                         f"found {', '.join(map(str, terms)) or 'none'}")
    if len(terms) != 1:
        raise InputError(f"the body must describe exactly one tifa:Term, found {len(terms)}"
                         + (f": {', '.join(map(str, terms))}" if terms else ""))
    iri = terms[0]
    found = slug_of(str(iri), base)
    if found is None or "#" in str(iri) or not SLUG_RE.fullmatch(found):
        raise InputError(f"{iri} is not a term IRI: expected {base}term/<slug> (lowercase letters, digits, '-')")
    reachable = _reachable_blank_nodes(graph, iri)
    for s in set(graph.subjects()):
        if s == iri or (isinstance(s, URIRef) and str(s).startswith(f"{iri}#")) or s in reachable:
            continue
        raise InputError(f"the body may only describe {iri} and its own nodes ({iri}#…); "
                         f"it also has statements about {s.n3()}")
    _complete(graph, iri, base)
    return Draft(iri, found, graph)


def _complete(graph: Graph, iri: URIRef, base: str) -> None:
    """Add what every term has and an RDF draft may leave out (shapes T05, X02): membership of the
    scheme, and a SKOS-XL label resource for each plain ``skos:prefLabel``/``altLabel``."""
    if (iri, SKOS.inScheme, None) not in graph:
        graph.add((iri, SKOS.inScheme, scheme_iri(base)))
    for plain, xl, preferred in ((SKOS.prefLabel, SKOSXL.prefLabel, True), (SKOS.altLabel, SKOSXL.altLabel, False)):
        have = {graph.value(node, SKOSXL.literalForm) for node in graph.objects(iri, xl)}
        for lit in list(graph.objects(iri, plain)):
            if isinstance(lit, Literal) and lit not in have:
                add_label(graph, iri, Label(str(lit), lit.language or "", preferred))


def _reachable_blank_nodes(graph: Graph, iri: URIRef) -> set[BNode]:
    seen: set[BNode] = set()
    todo = [o for s, _, o in graph if (s == iri or str(s).startswith(f"{iri}#")) and isinstance(o, BNode)]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        todo.extend(o for o in graph.objects(node) if isinstance(o, BNode))
    return seen


def derive_slug(zh: str) -> str:
    """Toneless pinyin of the Chinese form, lowercase ASCII, ü → v (the convention of ``graph/``)."""
    from pypinyin import Style, lazy_pinyin

    text = "".join(lazy_pinyin(zh, style=Style.NORMAL, v_to_u=False)).lower().replace("ü", "v")
    return re.sub(r"[^a-z0-9]", "", text)


def _str(data: dict, key: str, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise InputError(f"the form needs {key!r}")
        return None
    if not isinstance(value, str):
        raise InputError(f"{key!r} must be a string")
    return value.strip()


def _choice(data: dict, key: str, table: dict, default: str | None) -> str | None:
    value = _str(data, key) or default
    if value is not None and value not in table:
        raise InputError(f"{key!r} must be one of {', '.join(table)}; got {value!r}")
    return value


def _slugs(data: dict, key: str, what: str = "term slugs") -> list[str]:
    values = data.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) and SLUG_RE.fullmatch(v) for v in values):
        raise InputError(f"{key!r} must be a list of {what} (lowercase letters, digits, '-')")
    return list(values)


def form_term(data: object, slug: str | None = None) -> Term:
    """A :class:`Term` from the JSON form (Korean and Chinese forms, definitions, optional extras).

    Raises:
        InputError: a field is missing, unknown or of the wrong type.
    """
    if not isinstance(data, dict):
        raise InputError("the JSON body must be an object (the term form)")
    unknown = sorted(set(data) - FORM_FIELDS)
    if unknown:
        raise InputError(f"unknown field(s) {', '.join(unknown)}; the form takes {', '.join(sorted(FORM_FIELDS))}")
    ko, zh = _str(data, "ko", required=True), _str(data, "zh", required=True)
    given = _str(data, "slug")
    if slug is not None and given is not None and given != slug:
        raise InputError(f"the form's slug {given!r} differs from the URL's {slug!r}")
    slug = slug or given or derive_slug(zh or "")
    if not SLUG_RE.fullmatch(slug):
        raise InputError(f"slug {slug!r}: use lowercase letters, digits and '-' (or give 'slug')")
    term = Term(slug=slug, kind=_choice(data, "kind", KINDS, "formulation") or "formulation",
                status=_choice(data, "status", STATUSES, "accepted") or "accepted")
    term.labels.append(Label(ko or "", "ko", True, rendering=_choice(data, "ko_rendering", RENDERINGS, None),
                             origin="editor"))
    # An editor-supplied Chinese form carries a confidence (shape P01); unstated, it is "low", shown as
    # unverified, so a guess is never presented as fact.
    confidence = _str(data, "zh_confidence") or "low"
    if confidence not in ("high", "medium", "low"):
        raise InputError("'zh_confidence' is one of high, medium, low")
    term.labels.append(Label(zh or "", HANS, True, origin="editor", confidence=confidence))
    for alt in data.get("alt_ko") or []:
        if not isinstance(alt, str) or not alt.strip():
            raise InputError("'alt_ko' must be a list of Korean forms")
        term.labels.append(Label(alt.strip(), "ko", False, origin="editor"))
    if en := _str(data, "en"):
        term.labels.append(Label(en, "en", True, origin="editor"))
    for lang, key in (("ko", "definition_ko"), (HANS, "definition_zh")):
        if text := _str(data, key):
            term.definitions[lang] = text
    if note := _str(data, "scope_note"):
        term.scope_notes["en"] = note
    term.topics = _slugs(data, "topics", "topic ids (s01 … s12, named-entities)")
    term.related = _slugs(data, "related")
    # both become IRIs: anything but a slug (control characters, spaces…) would be an invalid IRI
    term.replaced_by = _str(data, "replaced_by")
    if term.replaced_by is not None and not SLUG_RE.fullmatch(term.replaced_by):
        raise InputError(f"'replaced_by' {term.replaced_by!r} is not a term slug (lowercase letters, digits, '-')")
    for i, grp in enumerate(data.get("groups") or [], start=1):
        if not isinstance(grp, dict) or not isinstance(grp.get("numeral"), int):
            raise InputError("each of 'groups' is {numeral: int, unit: str, components: [slug, …]}")
        term.groups.append(Group(i, grp["numeral"], str(grp.get("unit", "")), _slugs(grp, "components")))
    if term.groups:
        term.enumerative = True
    return term
