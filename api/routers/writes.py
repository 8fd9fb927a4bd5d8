"""The write API (issue #6): add, replace and deprecate terms; the change log.

Writes need an editor bearer token (:mod:`api.auth`); reads stay public. Handlers
are plain ``def`` (graph work runs in the threadpool); only reading the size-limited
body is async.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from api.auth import EditorDep
from api.changelog import Change
from api.deps import BodyDep
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


def _slug(slug: str) -> str:
    if not _SLUG.fullmatch(slug):
        raise HTTPException(404, f"no term {slug!r}")
    return slug


@router.post("/api/terms", status_code=201)
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


@router.put("/api/terms/{slug}")
def replace_term(request: Request, slug: str, editor: EditorDep, body: BodyDep) -> Response:
    """Replace a term's description; needs ``If-Match`` with its current ETag (412 stale, 428 missing)."""
    slug = _slug(slug)
    try:
        draft = read_draft(body, request.headers.get("content-type"), request.app.state.settings.base_uri, slug)
    except InputError as exc:
        return JSONResponse(exc.detail(), status_code=400)
    return _run(_writer(request).replace, slug, draft, request.headers.get("if-match"), editor, status=200)


@router.delete("/api/terms/{slug}")
def deprecate_term(request: Request, slug: str, editor: EditorDep,
                   replaced_by: Annotated[str | None, Query(description="slug of the replacing term")] = None,
                   ) -> Response:
    """Deprecate a term: status deprecated, optional ``dct:isReplacedBy``; it is never removed.

    Needs ``If-Match`` with its current ETag, like PUT (412 stale, 428 missing).
    """
    slug = _slug(slug)
    return _run(_writer(request).deprecate, slug, replaced_by, request.headers.get("if-match"), editor,
                status=200)


def _change_json(change: Change) -> dict[str, object]:
    return {**change.summary(), "ntriples": change.ntriples}


@router.get("/api/changes")
def list_changes(request: Request,
                 since: Annotated[str, Query(description="a change number, or an ISO 8601 time")] = "0",
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, object]:
    """Accepted writes after ``since``, oldest first, each with the term's new description (N-Triples).

    Replaying them in order on a store built from ``graph/`` reproduces the current store.
    """
    log = _writer(request).log
    if since.isdigit():
        changes = log.since(int(since))
    else:
        try:
            changes = log.since_time(since)
        except ValueError as exc:
            raise HTTPException(400, f"since={since!r} is neither a change number nor an ISO 8601 time") from exc
    page = []
    for change in changes:
        if len(page) == limit:
            break
        page.append(_change_json(change))
    return {"changes": page, "last": log.last_seq,
            "next": page[-1]["seq"] if len(page) == limit else None}
