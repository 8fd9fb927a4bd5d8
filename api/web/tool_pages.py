"""Pages over the lookup and annotation services: results (``/search``) and annotate (``/annotate``, CSV too)."""

from __future__ import annotations

import csv
import io
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from api.annotate import annotate
from api.deps import LookupDep, StoreDep
from api.lookup.results import annotation_json, hit_json
from api.lookup.search import Searcher
from api.web import highlight
from api.web.render import page

router = APIRouter(include_in_schema=False)
MAX_QUERY = 200  # as /api/terms
MAX_TEXT = 100_000  # characters of text to annotate on the page
RESULTS = 50
CSV_COLUMNS = ("start", "end", "text", "id", "ko", "zh_hans", "pinyin", "definition", "uri")


@router.get("/search")
def search_page(request: Request, store: StoreDep, index: LookupDep,
                q: Annotated[str | None, Query()] = None) -> Response:
    """Ranked results for ``q``: Korean, Chinese, pinyin, one-line definition and why each matched."""
    text = (q or "").strip()
    context: dict[str, object] = {"nav": "home", "q": text, "rows": [], "normalized": None}
    if not text:
        return page(request, "results.html", context)
    if len(text) > MAX_QUERY:
        return page(request, "results.html", {**context, "q": text[:MAX_QUERY], "error": "results.too_long",
                                               "limit": MAX_QUERY}, status=400)
    normalized, hits = Searcher(index).search(text, None, RESULTS)
    rows = [hit_json(h, index, store.base) for h in hits]
    return page(request, "results.html", {**context, "rows": rows, "normalized": normalized})


def _annotated(text: str, index: LookupDep, base: str) -> dict[str, object]:
    found = annotation_json(text, annotate(index, text), index, base)
    occurrences = found["occurrences"]
    segments = highlight.spans(text, [(o["start"], o["end"]) for o in occurrences])  # type: ignore[index]
    return {"segments": segments, "occurrences": occurrences, "terms": found["terms"],
            "by_id": {t["id"]: t for t in found["terms"]}}  # type: ignore[index]


def _csv(text: str, annotated: dict[str, object]) -> Response:
    out = io.StringIO()
    out.write("\ufeff")  # BOM: Excel opens UTF-8 CSV correctly only with it
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    by_id: dict = annotated["by_id"]  # type: ignore[assignment]
    for occ in annotated["occurrences"]:  # type: ignore[attr-defined]
        term = by_id.get(occ["id"], {})
        writer.writerow([occ["start"], occ["end"], occ["text"], occ["id"], term.get("ko"), term.get("zh_hans"),
                         term.get("pinyin"), term.get("definition"), term.get("uri")])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="tifa-annotation.csv"'})


@router.get("/annotate")
def annotate_form(request: Request) -> Response:
    """The annotate page: a text box."""
    return page(request, "annotate.html", {"nav": "annotate", "text": ""})


@router.post("/annotate")
def annotate_page(request: Request, store: StoreDep, index: LookupDep, text: Annotated[str, Form()] = "",
                  format: Annotated[str, Form()] = "html") -> Response:  # noqa: A002
    """The text with every known term marked and a table of the terms; ``format=csv`` downloads the table."""
    context: dict[str, object] = {"nav": "annotate", "text": text}
    if not text.strip():
        return page(request, "annotate.html", {**context, "error": "annotate.empty"}, status=400)
    if len(text) > MAX_TEXT:
        return page(request, "annotate.html", {**context, "text": "", "error": "annotate.too_long",
                                               "limit": MAX_TEXT}, status=413)
    annotated = _annotated(text, index, store.base)
    if format == "csv":
        return _csv(text, annotated)
    return page(request, "annotate.html", {**context, **annotated, "done": True})
