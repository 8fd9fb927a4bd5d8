"""App-level answers for failures that no route should handle itself.

The remote store can vanish or hang in the middle of any request. Every route reaches it through
:class:`api.store.TermStore`, which raises :class:`~api.store.StoreUnavailableError` (unreachable,
connection cut, 5xx) or :class:`TimeoutError` (no answer within ``store_timeout``). Catching those here,
once, gives every endpoint the same answer — 503 with ``Retry-After`` — instead of a 500, and keeps
the routes free of per-call ``try``. Nothing is cached on failure, so the next request after the
store returns simply succeeds (httpx opens a new connection).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import Scope

from api.store import StoreOutcomeUnknownError, StoreUnavailableError

log = logging.getLogger("tifa.errors")

RETRY_AFTER = 5  # seconds; a restarted Oxigraph answers again within a few seconds
STORE_DOWN = (f"the triple store is not available (unreachable or not answering); nothing was changed. "
              f"Retry in {RETRY_AFTER} s")
# paths whose clients are programs: they get JSON (or plain text for /sparql, as its other errors), never HTML
API_PREFIXES = ("/api/", "/sparql", "/health", "/.well-known/", "/context.jsonld", "/openapi.json")


def retry_headers() -> dict[str, str]:
    """The ``Retry-After`` header of every 503 that the store caused."""
    return {"Retry-After": str(RETRY_AFTER)}


def wants_html(request: Request) -> bool:
    """True when the request is for a web page (so an error should be a page too)."""
    path = request.url.path
    if path.startswith(API_PREFIXES):
        return False
    if path.startswith("/term/"):  # a term URI negotiates: only browsers get the page
        from api.services.term_rdf import negotiate

        fmt = request.query_params.get("format") or negotiate(request.headers.get("accept"))
        return fmt == "html"
    return True


def answer(request: Request, status: int, message: str, message_key: str, title_key: str = "error.bad_request",
           headers: dict[str, str] | None = None, **values: object) -> Response:
    """An error in the form its client reads: the error page for pages, plain text for /sparql, else JSON.

    ``message`` is the English text for programs; pages show ``message_key`` of the catalogue with ``values``.
    """
    if wants_html(request):
        from api.web.render import page

        return page(request, "error.html", {"status": status, "title_key": title_key, "message_key": message_key,
                                           "values": values}, status=status, headers=headers)
    if request.url.path.startswith("/sparql"):
        return PlainTextResponse(message + "\n", status_code=status, headers=headers)
    return JSONResponse({"detail": message, **values}, status_code=status, headers=headers)


def reject(scope: Scope, status: int, message: str, message_key: str, **values: object) -> Response:
    """:func:`answer` for an ASGI middleware that refuses a request before the app sees it."""
    return answer(Request(scope), status, message, message_key, **values)


def store_unavailable(request: Request, exc: Exception) -> Response:
    """503 + Retry-After: a JSON body for the API, plain text for /sparql, the error page for pages."""
    log.warning("store unavailable during %s %s: %s", request.method, request.url.path, exc)
    if isinstance(exc, StoreOutcomeUnknownError):
        # an update went out unanswered: "nothing was changed" would be a guess; the writer's message says what holds
        return answer(request, 503, f"{exc}. Retry in {RETRY_AFTER} s", "error.store_unavailable",
                      "error.unavailable_title", headers=retry_headers(), store="no answer", outcome="pending",
                      retry_after=RETRY_AFTER)
    return answer(request, 503, STORE_DOWN, "error.store_unavailable", "error.unavailable_title",
                  headers=retry_headers(), store="unavailable", retry_after=RETRY_AFTER)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app`` (TimeoutError: a store that hangs past ``store_timeout``)."""
    app.add_exception_handler(StoreUnavailableError, store_unavailable)
    app.add_exception_handler(TimeoutError, store_unavailable)
