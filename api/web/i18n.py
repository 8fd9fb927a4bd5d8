"""Interface language: a small message catalogue (``api/i18n/<lang>.json``) and the choice of language.

The interface is Korean by default; ``?lang=zh|en|ko`` switches it and a cookie remembers the
choice. Term data (labels, definitions) is shown in an explicit fallback order per interface
language, which every page states.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "i18n"
UI_LANGS = ("ko", "zh", "en")
DEFAULT_UI = "ko"
COOKIE = "tifa_lang"

# interface language -> BCP 47 tag of the page, and the order in which term data languages are tried
HTML_LANG = {"ko": "ko", "zh": "zh-Hans", "en": "en"}
DATA_FALLBACK = {
    "ko": ("ko", "zh-Hans", "en"),
    "zh": ("zh-Hans", "zh-Hant", "ko", "en"),
    "en": ("en", "ko", "zh-Hans"),
}


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The messages of interface language ``lang`` (read once)."""
    with open(CATALOGUE_DIR / f"{lang}.json", encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class Ui:
    """The interface language of one request and what follows from it."""

    lang: str

    @property
    def html_lang(self) -> str:
        """The page's ``lang`` attribute."""
        return HTML_LANG[self.lang]

    @property
    def fallback(self) -> tuple[str, ...]:
        """Data languages in the order they are tried for a label or definition."""
        return DATA_FALLBACK[self.lang]

    def t(self, key: str, **values: object) -> str:
        """The message ``key`` in this language (Korean if missing there, else the key), formatted with ``values``."""
        text = catalogue(self.lang).get(key) or catalogue(DEFAULT_UI).get(key) or key
        return text.format(**values) if values else text


def choose(query_lang: str | None, cookie_lang: str | None) -> tuple[Ui, bool]:
    """The interface language from ``?lang=`` then the cookie; True when the cookie should be (re)set."""
    if query_lang in UI_LANGS:
        return Ui(query_lang), query_lang != cookie_lang
    if cookie_lang in UI_LANGS:
        return Ui(cookie_lang), False
    return Ui(DEFAULT_UI), False
