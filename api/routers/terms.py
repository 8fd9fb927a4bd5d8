"""Lookup, the term record API, term URIs and annotation (issue #4).

``GET /api/terms`` searches the lookup index; ``GET /api/terms/{id}`` is the full record;
``GET /term/{id}`` dereferences a term URI with content negotiation; ``POST /api/annotate``
marks every known term in a text.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from api.annotate import annotate
from api.deps import BodyDep, LookupDep, StoreDep
from api.lookup.index import LookupIndex
from api.lookup.results import MAX_QUERY, annotation_json, search_json, suggestions_json
from api.lookup.search import LANG_FILTERS, Searcher
from api.record_cache import records_of
from api.records import SLUG_RE
from api.routers.openapi_doc import (
    BODY_TOO_LARGE,
    DETAIL,
    INTEGER,
    MAYBE_TEXT,
    TEXT,
    array,
    content,
    error,
    json_answer,
    obj,
    request_body,
)
from api.services import term_rdf
from api.strict_input import decode_utf8, load_json
from api.term_state import term_etag
from api.text_input import bad_character, bad_character_message

router = APIRouter()
# a term of the real graph (graph/s04.ttl), so the schema's examples reach the answers with results
EXAMPLE_SLUG, EXAMPLE_ZH = "beijingguojidashujujiaoyisuo", "北京国际大数据交易所"

# The answers' shapes (api.lookup.results, api.records): what clients may rely on
_FORMS = {k: MAYBE_TEXT for k in ("ko", "zh_hans")}
PARENT = obj({"id": TEXT, "uri": TEXT, **_FORMS}, group=INTEGER, position=INTEGER, of=INTEGER)
CONCEPT = {"id": TEXT, "uri": TEXT, "status": TEXT, "kind": TEXT, **_FORMS,
           **{k: MAYBE_TEXT for k in ("zh_hant", "pinyin", "en", "definition")}}
SEARCH = obj({"query": TEXT, "normalized": TEXT, "results": array(obj({
    **CONCEPT, "match": obj({"form": TEXT, "lang": TEXT, "kind": TEXT, "score": {"type": "number"}}),
    "parents": array(PARENT)}))})
RECORD = obj({"id": TEXT, "uri": TEXT, "kind": TEXT, "status": TEXT, "labels": array(obj({
    "form": TEXT, "lang": TEXT, "preferred": {"type": "boolean"}})), "definitions": {"type": "object"},
    "topics": array(TEXT), "components": array({"type": "object"}), "parents": array({"type": "object"}),
    "related": array({"type": "object"})})
ANNOTATION = obj({"length": INTEGER, "occurrences": array(obj({
    "start": INTEGER, "end": INTEGER, "text": TEXT, "form": TEXT, "lang": TEXT, "id": TEXT,
    "alternatives": array(TEXT)})), "terms": array(obj({**CONCEPT, "count": INTEGER, "parents": array(PARENT)}))})


def _error(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"detail": message, **extra}, status_code=status)


@router.get("/api/terms", tags=["lookup"], responses={200: json_answer("ranked terms", SEARCH),
                                                     400: error("empty or over-long q, bad lang or limit")})
def lookup_terms(
    store: StoreDep,
    index: LookupDep,
    q: Annotated[str | None, Query(description="any form: Hangul, 中文 (简/繁), pinyin, romanisation, English, id",
                                   openapi_examples={"chinese": {"value": EXAMPLE_ZH}})] = None,
    lang: Annotated[str | None, Query(description=f"only forms in: {', '.join(LANG_FILTERS)}")] = None,
    limit: Annotated[int, Query(description="at most this many rows (1–100)")] = 10,
) -> Response:
    """Ranked terms for ``q``: exact > prefix > substring > fuzzy, one row per term, with the match explained."""
    if q is None or not q.strip():
        return _error(400, "q is required: give a term in any form (e.g. 3구 3선, 三区三线, sanqusanxian)")
    if len(q) > MAX_QUERY:
        return _error(400, f"q has {len(q)} characters; the limit is {MAX_QUERY}")
    if lang is not None and lang not in LANG_FILTERS:
        return _error(400, f"unknown lang {lang!r}; use one of {', '.join(LANG_FILTERS)}")
    if not 1 <= limit <= 100:
        return _error(400, f"limit must be between 1 and 100, not {limit}")
    normalized, hits = Searcher(index).search(q, lang, limit)
    return JSONResponse(search_json(q, normalized, hits, index, store.base))


@router.get("/api/terms/{slug}", tags=["lookup"], responses={200: json_answer("the record", RECORD),
                                                            404: error("no such term; suggestions")})
def term_record(request: Request, slug: Annotated[str, Path(openapi_examples={"a term": {"value": EXAMPLE_SLUG}})],
                store: StoreDep, index: LookupDep) -> Response:
    """The full record: labels with rendering types, definitions, components, parents, attestations, related."""
    record = records_of(request.app.state).get(store, request.app.state.queries, slug)
    if record is None:
        return _error(404, f"no term {slug!r}", suggestions=suggestions_json(index, slug, store.base))
    etag = term_etag(store, request.app.state.settings.queries_dir, slug)  # for If-Match on PUT/DELETE
    return JSONResponse(record.to_json(), headers={"ETag": etag} if etag else None)


@router.get("/term/{slug}", tags=["lookup"], response_class=Response,
            responses={200: {"content": content(term_rdf.MEDIA_TYPES.values())},
                       400: error("unknown format"),
                       # the HTML page for browsers, JSON with suggestions for RDF clients
                       404: {"description": "no such term", "content": {**content(["text/html"]),
                                                                         **content(["application/json"], DETAIL)}},
                       406: error("no acceptable format")})
def term_uri(request: Request, slug: str, store: StoreDep, index: LookupDep,
             format: Annotated[str | None, Query(description="ttl, jsonld, nt, rdf or html")] = None,  # noqa: A002
             ) -> Response:
    """The term's URI: its page for browsers, its RDF description for RDF clients (``Accept`` or ``?format=``)."""
    if format is not None and format not in term_rdf.MEDIA_TYPES:
        return _error(400, f"unknown format {format!r}; use one of {', '.join(term_rdf.MEDIA_TYPES)}")
    fmt = format or term_rdf.negotiate(request.headers.get("accept"))
    if fmt is None:
        return _error(406, "no acceptable format; offered: " + ", ".join(term_rdf.MEDIA_TYPES.values()))
    if fmt == "html":
        from api.routers.pages import render_term  # the web pages own the HTML rendering

        return render_term(request, store, slug, index)
    graph = term_rdf.term_graph(store, request.app.state.queries, slug) if SLUG_RE.fullmatch(slug) else None
    if not graph:
        return _error(404, f"no term {slug!r}", suggestions=suggestions_json(index, slug, store.base))
    body = term_rdf.serialize(graph, store.base, fmt)
    return Response(body, media_type=term_rdf.MEDIA_TYPES[fmt], headers={"Vary": "Accept"})


def read_text(body: bytes, content_type: str) -> str:
    """The text to annotate from a JSON ``{"text": …}`` or a text/plain body.

    Raises:
        ValueError: with the message for a 4xx answer (415 when the message starts with "unsupported").
    """
    media = content_type.split(";")[0].strip().lower()
    raw = decode_utf8(body)  # JsonInputError is a ValueError: the same 400
    if media == "application/json":
        doc = load_json(raw)
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise ValueError('the JSON body must be an object with a string "text"')
        text = doc["text"]
    elif media in ("text/plain", ""):
        text = raw
    else:
        raise ValueError(f"unsupported content type {media!r}; send application/json or text/plain")
    if not text.strip():
        raise ValueError("the text is empty")
    at = bad_character(text)
    if at is not None:
        raise ValueError(bad_character_message(text, at))
    return text


TEXT_BODY = request_body({"application/json": {"type": "object", "required": ["text"], "properties": {"text": TEXT},
                                               "example": {"text": f"{EXAMPLE_ZH}在北京成立。"}},
                          "text/plain": TEXT})


@router.post("/api/annotate", tags=["lookup"], openapi_extra=TEXT_BODY,
             responses={200: json_answer("occurrences and terms", ANNOTATION),
                        400: error("empty text, bad UTF-8 or JSON, control characters"), 413: BODY_TOO_LARGE,
                        415: error("a content type other than JSON or plain text")})
async def annotate_text(request: Request, body: BodyDep, store: StoreDep, index: LookupDep) -> Response:
    """Every known term in a Korean or Chinese text, with offsets (code points) into the text as sent."""
    try:
        text = read_text(body, request.headers.get("content-type", ""))
    except ValueError as exc:
        return _error(415 if str(exc).startswith("unsupported") else 400, str(exc))
    return JSONResponse(await run_in_threadpool(_annotation, index, text, store.base))


def _annotation(index: LookupIndex, text: str, base: str) -> dict[str, object]:
    return annotation_json(text, annotate(index, text), index, base)
