"""One place for text that is not what it claims: bytes that are not UTF-8, JSON nested past any use.

Why a middleware for UTF-8: the server and the form parser decode URLs and urlencoded forms with
``errors="replace"``, so ``?q=%FF`` would silently become a search for "\ufffd" (and a form field
likewise). Checking the raw bytes once, before routing, turns every such request into a clear 400.
JSON bodies go through :func:`load_json`, which turns an over-deep document (``[[[[…``) into the
same kind of 400 instead of a ``RecursionError`` (500).
"""

from __future__ import annotations

import json
from urllib.parse import unquote_to_bytes

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import reject

FORM = b"application/x-www-form-urlencoded"


class JsonInputError(ValueError):
    """A JSON body that cannot be read; the message says why and where (for a 400)."""


def decode_utf8(data: bytes, what: str = "the body") -> str:
    """``data`` as text; :class:`JsonInputError` naming the first bad byte when it is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonInputError(f"{what} is not valid UTF-8 (byte {exc.start})") from exc


def load_json(data: bytes | str, what: str = "the body") -> object:
    """Parse a JSON document; every failure is a :class:`JsonInputError` with a clear message.

    >>> load_json(b"[" * 100_000)
    Traceback (most recent call last):
    ...
    api.strict_input.JsonInputError: the body is nested too deeply to be JSON that tifa reads
    """
    text = decode_utf8(data, what) if isinstance(data, bytes) else data
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonInputError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:  # the C scanner stops at the interpreter's recursion limit: no crash, no 500
        raise JsonInputError(f"{what} is nested too deeply to be JSON that tifa reads") from exc


def bad_utf8(raw: bytes) -> int | None:
    """Offset (in decoded bytes) of the first byte that is not UTF-8 once ``%XX`` escapes are undone, else None."""
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return None


class _FormChecker:
    """Checks an urlencoded body field by field as chunks arrive (a field may straddle two chunks)."""

    def __init__(self) -> None:
        self._tail = b""  # the field still arriving; bounded by the body limit (BodyLimitMiddleware runs first)

    def feed(self, chunk: bytes, final: bool) -> bool:
        """False as soon as a complete field is not UTF-8 once percent-decoded."""
        data = self._tail + chunk
        cut = len(data) if final else data.rfind(b"&") + 1
        self._tail = data[cut:]
        return all(bad_utf8(field) is None for field in data[:cut].split(b"&"))


class StrictUtf8Middleware:
    """400 when the path, the query string or an urlencoded form body is not UTF-8."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for where, raw in (("path", scope.get("raw_path") or scope["path"].encode()),
                           ("query string", scope.get("query_string", b""))):
            at = bad_utf8(raw)
            if at is not None:
                message = f"the {where} is not valid UTF-8 once percent-decoded (byte {at})"
                await reject(scope, 400, message, "error.bad_utf8")(scope, receive, send)
                return
        ctype = dict(scope["headers"]).get(b"content-type", b"").split(b";")[0].strip().lower()
        if ctype != FORM:
            await self.app(scope, receive, send)
            return
        checker = _FormChecker()

        async def checked_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                if not checker.feed(message.get("body", b""), final=not message.get("more_body", False)):
                    raise HTTPException(400, "a form field is not valid UTF-8 once percent-decoded")
            return message

        await self.app(scope, checked_receive, send)
