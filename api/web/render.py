"""The page renderer: one jinja2 environment (autoescape on), its filters, and the common page context."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import Response

from api.web import highlight
from api.web.i18n import COOKIE, UI_LANGS, Ui, choose

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
COOKIE_MAX_AGE = 365 * 24 * 3600
# no inline script or style anywhere: every script and style sheet is a file under /static
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def term_url(slug: str) -> str:
    """Path of the term page (the term's URI path) for ``slug``."""
    return "/term/" + quote(slug, safe="")


def pick(values: Mapping[str, Any] | None, order: tuple[str, ...]) -> tuple[str | None, Any]:
    """The first ``(lang, value)`` of ``values`` (a lang → value mapping) in the fallback ``order``, else any."""
    values = values or {}
    for lang in order:
        if values.get(lang):
            return lang, values[lang]
    for lang, value in values.items():
        if value:
            return lang, value
    return None, None


def script_lang(text: str | None) -> str:
    """``ko`` when ``text`` has Hangul, else ``zh-Hans`` when it has Han characters, else ``en``."""
    text = text or ""
    if any("\uac00" <= ch <= "\ud7a3" for ch in text):
        return "ko"
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return "zh-Hans"
    return "en"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(default=True,
                      default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["term_url"] = term_url
    env.filters["mark"] = highlight.mark
    env.filters["script_lang"] = script_lang
    env.globals["pick"] = pick
    return env


templates = Jinja2Templates(env=_environment())


async def ui_of(request: Request) -> Ui:  # async: no thread-pool hop for a cookie read
    """The interface language of ``request`` (``?lang=``, then the cookie, then Korean)."""
    return choose(request.query_params.get("lang"), request.cookies.get(COOKIE))[0]


UiDep = Annotated[Ui, Depends(ui_of)]


def lang_links(request: Request) -> list[tuple[str, str]]:
    """``(ui lang, URL of this page in it)`` for the language switcher."""
    out = []
    for lang in UI_LANGS:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", lang)]
        out.append((lang, request.url.path + "?" + urlencode(params)))
    return out


def page(request: Request, name: str, context: Mapping[str, Any] | None = None, status: int = 200,
         headers: Mapping[str, str] | None = None) -> Response:
    """Render template ``name`` with the common context (language, messages, switcher links)."""
    ui, set_cookie = choose(request.query_params.get("lang"), request.cookies.get(COOKIE))
    ctx = {"ui": ui, "t": ui.t, "lang_links": lang_links(request), "path": request.url.path, **(context or {})}
    response = templates.TemplateResponse(request, name, ctx, status_code=status, headers=dict(headers or {}))
    response.headers["Content-Language"] = ui.html_lang
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Vary"] = "Accept, Cookie"
    if set_cookie:
        response.set_cookie(COOKIE, ui.lang, max_age=COOKIE_MAX_AGE, samesite="lax", httponly=True)
    return response
