"""``POST /api/extract``: candidate formulations in a Korean or Chinese text, known or new, with drafts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.deps import LookupDep, StoreDep
from api.lookup import LookupIndex
from api.store import TermStore
from api.strict_input import JsonInputError, decode_utf8, load_json

router = APIRouter()


class BadInputError(ValueError):
    """A 4xx answer: status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def parse_body(body: bytes, content_type: str) -> tuple[str, str, bool]:
    """``(name, text, draft)`` from a text/plain body or JSON ``{"text": …, "name": …, "draft": bool}``."""
    media = content_type.split(";")[0].strip().lower()
    try:
        raw = decode_utf8(body)
        doc = load_json(raw) if media == "application/json" else None
    except JsonInputError as exc:
        raise BadInputError(400, str(exc)) from exc
    name, draft = "text", False
    if media == "application/json":
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise BadInputError(400, 'the JSON body must be an object with a string "text"')
        text, name, draft = doc["text"], str(doc.get("name") or "text"), doc.get("draft") is True
    elif media in ("text/plain", ""):
        text = raw
    else:
        raise BadInputError(415, f"unsupported content type {media!r}; send text/plain or application/json")
    if not text.strip():
        raise BadInputError(400, "the text is empty")
    bad = next((i for i, ch in enumerate(text) if (ord(ch) < 32 and ch not in "\t\n\r") or 0x7F <= ord(ch) < 0xA0),
               None)
    if bad is not None:
        raise BadInputError(400, f"the text contains a control character (U+{ord(text[bad]):04X}) at offset {bad}")
    return name, text, draft


def _extract(store: TermStore, index: LookupIndex, name: str, text: str, draft: bool) -> dict[str, object]:
    from api.canonical import canonical_turtle
    from api.extract.draft import drafts_graph
    from api.extract.known import KnownTerms
    from api.extract.report import as_json
    from api.extract.service import extract_texts

    results = extract_texts([(name, text)], KnownTerms(index))
    drafts = results[0].drafts
    out: dict[str, object] = {
        "candidates": as_json(results),
        "drafts": [{"slug": d.term.slug, "korean": d.term.pref("ko"), "chinese": d.term.pref("zh-Hans"),
                    "needs": d.needs} for d in drafts],
    }
    if draft:
        out["turtle"] = canonical_turtle(drafts_graph(drafts, store.base), store.base)
    return out


@router.post("/api/extract", tags=["extract"],
             responses={400: {"description": "empty text, bad UTF-8 or JSON, control characters"},
                        413: {"description": "body over the size limit"}, 415: {"description": "content type"}})
async def extract_text(request: Request, store: StoreDep, index: LookupDep) -> Response:
    """Candidate formulations of a Korean or Chinese text: each known (with its term id) or new (with a draft)."""
    try:
        body = await request.body()  # api.body_limit has refused (413) a body over max_body_bytes
        name, text, draft = parse_body(body, request.headers.get("content-type", ""))
    except BadInputError as exc:
        return JSONResponse({"error": str(exc)}, status_code=exc.status)
    return JSONResponse(await run_in_threadpool(_extract, store, index, name, text, draft))
