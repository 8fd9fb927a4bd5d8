"""``POST /api/extract``: candidate formulations in a Korean or Chinese text, known or new, with drafts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.deps import LookupDep, StoreDep
from api.lookup import LookupIndex
from api.routers.openapi_doc import MAYBE_TEXT, TEXT, array, error, json_answer, obj, request_body
from api.store import TermStore
from api.strict_input import JsonInputError, decode_utf8, load_json
from api.text_input import bad_character, bad_character_message

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
    bad = bad_character(text)
    if bad is not None:
        raise BadInputError(400, bad_character_message(text, bad))
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


ERROR = obj({"error": TEXT})
ANSWER = obj({"candidates": array({"type": "object"}), "drafts": array(obj({
    "slug": TEXT, "korean": MAYBE_TEXT, "chinese": MAYBE_TEXT, "needs": array(TEXT)}))}, turtle=TEXT)
BODY = request_body({"application/json": {"type": "object", "required": ["text"], "properties": {
    "text": TEXT, "name": TEXT, "draft": {"type": "boolean"}},
    "example": {"text": "推进北京国际大数据交易所建设，发展“数字乡村”。", "draft": True}}, "text/plain": TEXT})


@router.post("/api/extract", tags=["extract"], openapi_extra=BODY,
             responses={200: json_answer("known and new candidates; drafts (Turtle with draft=true)", ANSWER),
                        400: error("empty text, bad UTF-8 or JSON, control characters", ERROR),
                        413: error("body over the size limit", ERROR),
                        415: error("a content type other than JSON or plain text", ERROR)})
async def extract_text(request: Request, store: StoreDep, index: LookupDep) -> Response:
    """Candidate formulations of a Korean or Chinese text: each known (with its term id) or new (with a draft)."""
    try:
        body = await request.body()  # api.body_limit has refused (413) a body over max_body_bytes
        name, text, draft = parse_body(body, request.headers.get("content-type", ""))
    except BadInputError as exc:
        return JSONResponse({"error": str(exc)}, status_code=exc.status)
    return JSONResponse(await run_in_threadpool(_extract, store, index, name, text, draft))
