"""Building blocks for the routes' OpenAPI documentation: declared responses and raw request bodies.

Many handlers read the body themselves (size-limited, several media types) and answer with a
``Response``, so FastAPI cannot infer either side. These helpers state them, so that
``/openapi.json`` lists every status code, media type and body a route really sends and accepts;
the schemathesis run in ``tests/fuzz/`` holds the routes to it.
"""

from __future__ import annotations

from collections.abc import Iterable

# {"detail": "…"} is the error body of FastAPI's HTTPException and of the routes that follow it
DETAIL = {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}
# Errors of routes with their own shape ({"error": …} or a report); still always a JSON object
JSON_OBJECT = {"type": "object"}
TEXT = {"type": "string"}
INTEGER = {"type": "integer"}
MAYBE_TEXT = {"type": ["string", "null"]}


def obj(required: dict[str, dict], **optional: dict) -> dict[str, object]:
    """A JSON object schema: ``required`` properties (name -> schema) and optional ones; others allowed."""
    return {"type": "object", "required": list(required), "properties": {**required, **optional}}


def array(items: dict) -> dict[str, object]:
    """A JSON array schema of ``items``."""
    return {"type": "array", "items": items}


def json_answer(description: str, schema: dict) -> dict[str, object]:
    """A documented 200 (or 201) JSON answer with its body schema."""
    return {"description": description, "content": content(["application/json"], schema)}


def content(media_types: Iterable[str], schema: dict | None = None) -> dict[str, dict]:
    """An OpenAPI ``content`` map: each media type, with ``schema`` when given."""
    return {m: ({"schema": schema} if schema is not None else {}) for m in media_types}


def error(description: str, schema: dict = DETAIL, media_type: str = "application/json") -> dict[str, object]:
    """A documented error answer: one media type and its body schema."""
    return {"description": description, "content": content([media_type], schema)}


def text_error(description: str) -> dict[str, object]:
    """A documented plain-text error answer (the SPARQL protocol routes)."""
    return error(description, TEXT, "text/plain")


def request_body(bodies: dict[str, dict | None], required: bool = True) -> dict[str, object]:
    """``openapi_extra`` declaring a body the handler reads itself: media type -> schema (None: any)."""
    return {"requestBody": {"required": required,
                            "content": {m: ({"schema": s} if s is not None else {}) for m, s in bodies.items()}}}


AUTH_ERRORS: dict[int | str, dict[str, object]] = {
    401: error("no bearer token, or one that matches no editor"),
    503: error("writes are disabled (no editor token configured) or the store is unavailable"),
}
BODY_TOO_LARGE = error("the body is over the size limit (max_body_bytes)")
