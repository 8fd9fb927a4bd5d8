"""``POST /api/validate``: validate a draft (Turtle, TriG, N-Triples, JSON-LD, RDF/XML) in the context of the store.

200 with the report (``conforms`` true or false), 400 with line and column for
unparsable input, 413 over ``max_body_bytes``, 415 for a media type that is no RDF syntax.
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from api.deps import StoreDep
from api.rdfparse import RdfSyntaxError, format_for, parse_rdf
from api.routers.openapi_doc import BODY_TOO_LARGE, JSON_OBJECT, content, error, request_body
from api.routers.writes import BodyDep
from api.validation import Report, validate_addition, validate_graph

router = APIRouter(tags=["editors"])


def _render(report: Report, accept: str) -> Response:
    accept = accept.lower()
    if "text/turtle" in accept:
        return Response(report.to_turtle(), media_type="text/turtle; charset=utf-8")
    if "text/plain" in accept and "json" not in accept:
        return PlainTextResponse(report.to_text())
    return JSONResponse(report.to_json())


def _validate(body: bytes, content_type: str | None, store: object, context: bool, base: str) -> Report:
    graph = parse_rdf(body, format_for(content_type=content_type or "text/turtle"), source="body", base_iri=base)
    return validate_addition(store, graph) if context else validate_graph(graph)  # type: ignore[arg-type]


RDF_BODY = request_body({m: None for m in ("text/turtle", "application/trig", "application/n-triples",
                                           "application/n-quads", "application/ld+json", "application/rdf+xml")})


@router.post("/api/validate", openapi_extra=RDF_BODY, responses={
    200: {"description": "the report", "content": {**content(["application/json"], {
        "type": "object", "required": ["conforms", "counts", "findings"]}), **content(["text/turtle", "text/plain"])}},
    400: error("unparsable RDF: line and column", JSON_OBJECT), 413: BODY_TOO_LARGE,
    415: error("a media type that is no RDF syntax", JSON_OBJECT)})
async def validate(request: Request, body: BodyDep, store: StoreDep,
                   context: bool = Query(True, description="validate in the context of the store "
                                                           "(false: the body is a whole graph)")) -> Response:
    """Validate the body as a proposed addition; the report as JSON (default), Turtle or text (``Accept``)."""
    try:
        report = await run_in_threadpool(_validate, body, request.headers.get("content-type"), store, context,
                                         request.app.state.settings.base_uri)
    except RdfSyntaxError as exc:
        return JSONResponse(exc.to_json(), status_code=400)
    except ValueError as exc:  # an unsupported media type
        return JSONResponse({"error": "unsupported media type", "message": str(exc)}, status_code=415)
    return _render(report, request.headers.get("accept", "application/json"))
