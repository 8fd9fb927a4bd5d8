"""The editors' validate page: paste or upload a draft, see the report grouped by term (messages in Korean),
or fill the draft's derivable fields (``tifa enrich``) and validate again."""

from __future__ import annotations

from itertools import groupby
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from api.canonical import canonical_turtle
from api.deps import StoreDep
from api.enrich import enrich_graph
from api.rdfparse import EXTENSIONS, RdfSyntaxError, format_for, parse_rdf
from api.validation import validate_addition
from api.web.render import page

router = APIRouter(include_in_schema=False)
FORMATS = ("turtle", "trig", "nt", "json-ld", "xml")  # parser names of api.rdfparse offered in the form


def _context(**extra: object) -> dict[str, object]:
    return {"nav": "validate", "formats": FORMATS, "accept": ",".join(sorted(EXTENSIONS)), "draft": "",
            "format": "auto", **extra}


@router.get("/validate")
def validate_form(request: Request) -> Response:
    """The validate page: a text box, a file field and the format."""
    return page(request, "validate.html", _context())


@router.post("/validate")
async def validate_page(request: Request, store: StoreDep, draft: Annotated[str, Form()] = "",
                        format: Annotated[str, Form()] = "auto",  # noqa: A002
                        action: Annotated[str, Form()] = "validate",
                        file: Annotated[UploadFile | None, File()] = None) -> Response:
    """Validate the draft in the context of the graph, or (``action=enrich``) fill its derivable fields."""
    settings = request.app.state.settings
    data, source = draft.encode("utf-8"), "draft"
    if file is not None and file.filename:
        data, source = await file.read(settings.max_body_bytes + 1), file.filename
    ctx = _context(draft=draft if source == "draft" else data.decode("utf-8", errors="replace"), format=format)
    if not data.strip():
        return page(request, "validate.html", {**ctx, "error": "validate.empty"}, status=400)
    if len(data) > settings.max_body_bytes:
        return page(request, "validate.html", {**ctx, "draft": "", "error": "validate.too_large",
                                               "limit": settings.max_body_bytes}, status=413)
    try:
        fmt = format if format in FORMATS else format_for(filename=source if source != "draft" else None)
        graph = parse_rdf(data, fmt, source=source, base_iri=settings.base_uri)
    except RdfSyntaxError as exc:
        return page(request, "validate.html", {**ctx, "syntax": exc}, status=400)
    except ValueError as exc:  # an unknown file extension
        return page(request, "validate.html", {**ctx, "error": "validate.unknown_format", "detail": str(exc)},
                    status=415)
    if action == "enrich":
        changes = enrich_graph(graph, settings.base_uri)
        return page(request, "validate.html", {**ctx, "draft": canonical_turtle(graph, settings.base_uri),
                                               "format": "turtle", "changes": changes})
    report = await run_in_threadpool(validate_addition, store, graph)
    findings = report.sorted()
    by_term = [(term, list(rows)) for term, rows in groupby(sorted(findings, key=lambda f: f.term or f.focus),
                                                            key=lambda f: f.term or f.focus)]
    return page(request, "validate.html", {**ctx, "report": report, "by_term": by_term,
                                           "counts": report.counts()})
