"""The write API (issue #6): add, replace and deprecate terms; the change log.

Writes need an editor bearer token (:mod:`api.auth`); reads stay public. Handlers
are plain ``def`` (graph work runs in the threadpool); only reading the size-limited
body is async.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from api.auth import EditorDep
from api.changelog import Change
from api.deps import BodyDep
from api.routers.openapi_doc import AUTH_ERRORS, BODY_TOO_LARGE, JSON_OBJECT, content, error, request_body
from api.term_writer import TermWriter, WriteError, WriteResult
from api.write_input import SLUG_RE as _SLUG
from api.write_input import InputError, read_draft

router = APIRouter(tags=["editors"])


def _writer(request: Request) -> TermWriter:
    return request.app.state.writer


def _accepted(result: WriteResult, status: int) -> JSONResponse:
    body = {"slug": result.change.slug, "iri": result.change.iri, "etag": result.etag,
            "change": result.change.summary(), "warnings": [w.to_json() for w in result.warnings]}
    headers = {"ETag": result.etag, "Location": f"/api/terms/{result.change.slug}"}
    return JSONResponse(body, status_code=status, headers=headers)


def _run(call: object, *args: object, status: int) -> Response:
    try:
        return _accepted(call(*args), status)  # type: ignore[operator]
    except WriteError as exc:
        headers = {"ETag": str(exc.body["etag"])} if "etag" in exc.body else None
        return JSONResponse(exc.body, status_code=exc.status, headers=headers)
    except InputError as exc:
        return JSONResponse(exc.detail(), status_code=400)
    # a store that is down or hangs: api.errors answers 503 + Retry-After (the writer has aborted the change)


_STR = {"type": "string"}
SLUG_SCHEMA = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,99}$"}  # api.write_input.SLUG_RE
_SLUGS = {"type": "array", "items": SLUG_SCHEMA}
# The JSON form (api.write_input.form_term); RDF bodies describe one tifa:Term in the tifa model.
TERM_FORM = {
    "type": "object", "required": ["ko", "zh"], "additionalProperties": False,
    "properties": {
        "slug": SLUG_SCHEMA, "ko": _STR, "zh": _STR, "definition_ko": _STR, "definition_zh": _STR, "en": _STR,
        "scope_note": _STR, "replaced_by": SLUG_SCHEMA,
        "alt_ko": {"type": "array", "items": _STR}, "topics": _SLUGS, "related": _SLUGS,
        "kind": {"type": "string", "enum": ["formulation", "named-entity"]},
        "status": {"type": "string", "enum": ["draft", "accepted", "deprecated"]},
        "ko_rendering": _STR, "zh_confidence": {"type": "string", "enum": ["high", "medium", "low"]},
        "groups": {"type": "array", "items": {"type": "object", "required": ["numeral"], "properties": {
            "numeral": {"type": "integer"}, "unit": _STR, "components": _SLUGS}}},
    },
}
TERM_EXAMPLE = {"slug": "shuzi-xiangcun", "ko": "디지털 농촌", "zh": "数字乡村", "definition_ko": "디지털 기술로 발전하는 농촌",
                "definition_zh": "以数字技术发展的乡村", "topics": ["s04"]}
TERM_BODY = request_body({"application/json": {**TERM_FORM, "example": TERM_EXAMPLE}, "text/turtle": None, "application/trig": None,
                          "application/n-triples": None, "application/ld+json": None})
ACCEPTED = {"type": "object", "required": ["slug", "iri", "etag", "change", "warnings"], "properties": {
    "slug": _STR, "iri": _STR, "etag": _STR, "change": {"type": "object"},
    "warnings": {"type": "array", "items": {"type": "object"}}}}
_WRITE_ERRORS: dict[int | str, dict[str, object]] = {
    **AUTH_ERRORS,
    400: error("the body is unreadable (line and column for RDF), of an unsupported type, or not one term"),
    413: BODY_TOO_LARGE,
    422: error("the term has a Violation (with the report), or a bad replaced_by", JSON_OBJECT),
}
_CONDITIONAL = {404: error("no such term"), 412: error("If-Match is stale (the current ETag is sent)"),
                428: error("If-Match is missing")}


def _accepted_doc(status: int, description: str) -> dict[int | str, dict[str, object]]:
    return {status: {"description": description, "content": content(["application/json"], ACCEPTED)}}


def _slug(slug: str) -> str:
    if not _SLUG.fullmatch(slug):
        raise HTTPException(404, f"no term {slug!r}")
    return slug


@router.post("/api/terms", status_code=201, openapi_extra=TERM_BODY,
             responses={**_accepted_doc(201, "added"), **_WRITE_ERRORS, 409: error("the slug is taken")})
def create_term(request: Request, editor: EditorDep, body: BodyDep) -> Response:
    """Add a term: a JSON form (``ko``, ``zh``, ``definition_ko`` …) or Turtle/TriG/N-Triples/JSON-LD.

    201 with the ETag and any Warnings; 422 with the report when there is a Violation; 409 when the
    slug is taken; 400 for an unreadable body (line and column for RDF).
    """
    base = request.app.state.settings.base_uri
    try:
        draft = read_draft(body, request.headers.get("content-type"), base)
    except InputError as exc:
        return JSONResponse(exc.detail(), status_code=400)
    return _run(_writer(request).create, draft, editor, status=201)


@router.put("/api/terms/{slug}", openapi_extra=TERM_BODY,
            responses={**_accepted_doc(200, "replaced"), **_WRITE_ERRORS, **_CONDITIONAL})
def replace_term(request: Request, slug: str, editor: EditorDep, body: BodyDep) -> Response:
    """Replace a term's description; needs ``If-Match`` with its current ETag (412 stale, 428 missing)."""
    slug = _slug(slug)
    try:
        draft = read_draft(body, request.headers.get("content-type"), request.app.state.settings.base_uri, slug)
    except InputError as exc:
        return JSONResponse(exc.detail(), status_code=400)
    return _run(_writer(request).replace, slug, draft, request.headers.get("if-match"), editor, status=200)


@router.delete("/api/terms/{slug}",
               responses={**_accepted_doc(200, "deprecated"), **AUTH_ERRORS, **_CONDITIONAL,
                          422: error("replaced_by is no slug, or not another term of the graph", JSON_OBJECT)})
def deprecate_term(request: Request, slug: str, editor: EditorDep,
                   # a slug or nothing: other text (control characters…) would become an invalid IRI
                   replaced_by: Annotated[str | None, Query(description="slug of the replacing term",
                                                            pattern=SLUG_SCHEMA["pattern"])] = None,
                   ) -> Response:
    """Deprecate a term: status deprecated, optional ``dct:isReplacedBy``; it is never removed.

    Needs ``If-Match`` with its current ETag, like PUT (412 stale, 428 missing).
    """
    slug = _slug(slug)
    return _run(_writer(request).deprecate, slug, replaced_by, request.headers.get("if-match"), editor,
                status=200)


def _change_json(change: Change) -> dict[str, object]:
    return {**change.summary(), "ntriples": change.ntriples}


CHANGES = {"type": "object", "required": ["changes", "last", "next"], "properties": {
    "changes": {"type": "array", "items": {"type": "object", "required": ["seq", "ntriples"]}},
    "last": {"type": "integer"}, "next": {"type": ["integer", "null"]}}}
_SEQ = re.compile(r"[0-9]{1,18}")  # ASCII digits only: str.isdigit() also accepts "²", which int() refuses


@router.get("/api/changes", responses={200: {"description": "a page of changes",
                                             "content": content(["application/json"], CHANGES)},
                                       400: error("since is neither a change number nor an ISO 8601 time")})
def list_changes(request: Request,
                 since: Annotated[str, Query(description="a change number, or an ISO 8601 time")] = "0",
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Response:
    """Accepted writes after ``since``, oldest first, each with the term's new description (N-Triples).

    Replaying them in order on a store built from ``graph/`` reproduces the current store.
    """
    log = _writer(request).log
    if _SEQ.fullmatch(since):
        changes = log.since(int(since))
    else:
        try:
            # since_time is a generator: parse the time now, inside the try, not on first iteration
            changes = list(log.since_time(since))
        except ValueError:
            return JSONResponse({"detail": f"since={since!r} is neither a change number nor an ISO 8601 time"},
                                status_code=400)
    page = []
    for change in changes:
        if len(page) == limit:
            break
        page.append(_change_json(change))
    return JSONResponse({"changes": page, "last": log.last_seq,
                         "next": page[-1]["seq"] if len(page) == limit else None})
