"""Exports over HTTP: ``GET /api/export?format=…`` and the published JSON-LD context ``/context.jsonld``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from api.deps import SettingsDep, StoreDep
from api.exchange.filters import make_filter
from api.exchange.formats import FORMATS, export
from api.exchange.rdf_dump import context_document
from api.exchange.snapshot import take_snapshot
from api.routers.openapi_doc import JSON_OBJECT, content, error

router = APIRouter()


@router.get("/api/export", tags=["exports"], response_class=Response,
            responses={200: {"content": content([*(f.media_type.split(";")[0] for f in FORMATS.values()),
                                                  "application/gzip"])},
                       400: error("unknown format or bad filter value", JSON_OBJECT)})
def export_graph(
    store: StoreDep,
    settings: SettingsDep,
    format: Annotated[str, Query(description=f"one of {', '.join(FORMATS)}", max_length=10)] = "ttl",  # noqa: A002
    topic: Annotated[list[str] | None, Query(description="topic ids (s01 … s12, named-entities)")] = None,
    status: Annotated[list[str] | None, Query(description="draft, accepted, deprecated")] = None,
    lang: Annotated[str | None, Query(description="language pair, e.g. ko-zh", max_length=40)] = None,
    gzip: Annotated[bool, Query(description="gzip the file (Content-Type application/gzip, name ends .gz)")] = False,
    bom: Annotated[bool, Query(description="CSV/TSV: UTF-8 BOM for Excel")] = False,
    filename: Annotated[str | None, Query(description="file name stem (sanitised)", max_length=200)] = None,
) -> Response:
    """The graph (or the filtered part of it) as a downloadable file."""
    if format not in FORMATS:
        return JSONResponse({"error": f"unknown format {format!r}", "formats": sorted(FORMATS)}, status_code=400)
    try:
        flt = make_filter(topic, status, lang)
    except ValueError as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    snap = take_snapshot(store, settings)
    out = export(snap, format, flt, bom=bom, gz=gzip, stem=filename)
    return Response(out.body, media_type=out.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{out.filename}"'})


@router.get("/context.jsonld", tags=["exports"], response_class=JSONResponse,
            responses={200: {"content": content(["application/ld+json"], JSON_OBJECT)}})
def jsonld_context() -> Response:
    """tifa's JSON-LD context, used by the JSON-LD dump and term documents."""
    return JSONResponse(context_document(), media_type="application/ld+json",
                        headers={"Cache-Control": "public, max-age=86400"})
