"""One request-body limit for every endpoint, enforced while the body arrives (an ASGI middleware).

Why here and not per route: a route that forgets its check (a form page, a new endpoint) would read
a 100 MB body into memory before anything looks at its size. The middleware answers 413 at once when
``Content-Length`` is over ``settings.max_body_bytes``, and otherwise counts the bytes as the app reads
them — a chunked or lying body is cut off at the first chunk past the limit, never buffered whole.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import reject


def too_large(limit: int) -> str:
    """The message of every 413."""
    return f"the request body is larger than the limit of {limit} bytes"


class BodyTooLargeError(HTTPException):
    """Raised from ``receive`` past the limit; an HTTPException so FastAPI's body parsing passes it on."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large(limit))


class BodyLimitMiddleware:
    """413 for a body over ``app.state.settings.max_body_bytes`` (read from the app, so tests may vary it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit: int = scope["app"].state.settings.max_body_bytes
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            too_big = declared.isdigit()
            message = (f"the request body is {int(declared)} bytes; the limit is {limit}" if too_big
                       else "Content-Length is not a number")
            # answered before a byte of the body is read; the server then closes the connection
            await reject(scope, 413 if too_big else 400, message, "error.too_large", limit=limit)(scope, receive, send)
            return
        state = {"received": 0, "exceeded": False, "answered": False}

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["exceeded"] = True
                    raise BodyTooLargeError(limit)
            return message

        async def guarded_send(message: Message) -> None:
            # whatever the app made of the exception (a route may catch broadly), the client hears 413
            if state["exceeded"]:
                if not state["answered"] and message["type"] == "http.response.start":
                    state["answered"] = True
                    response = reject(scope, 413, too_large(limit), "error.too_large",
                                      limit=limit)
                    await response(scope, receive, send)
                return
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except BodyTooLargeError:
            if not state["answered"]:
                state["answered"] = True
                await reject(scope, 413, too_large(limit), "error.too_large",
                             limit=limit)(scope, receive, send)
