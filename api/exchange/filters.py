"""Export filters: by topic, status and language pair (shared by the CLI and ``GET /api/export``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from api.model import Term
from api.vocab import HANS, HANT, LANGS, STATUSES

_TOPIC = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
# short names a translator types for a language pair ("ko-zh") -> the BCP 47 tags tifa stores
LANG_ALIASES = {"zh": HANS, "zh-cn": HANS, "zh-hans": HANS, "zh-tw": HANT, "zh-hant": HANT}


@dataclass(frozen=True)
class ExportFilter:
    """Which terms (and which languages of them) an export holds; empty fields select everything."""

    topics: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    langs: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered out."""
        return not (self.topics or self.statuses or self.langs)

    def keeps(self, term: Term) -> bool:
        """Whether ``term`` passes: any listed topic, any listed status, a preferred form in every listed language."""
        if self.topics and not set(self.topics) & set(term.topics):
            return False
        if self.statuses and term.status not in self.statuses:
            return False
        return all(term.pref(lang) for lang in self.langs)

    def keeps_lang(self, lang: str) -> bool:
        """Whether forms and definitions in ``lang`` go into a TBX or CSV export."""
        return not self.langs or lang in self.langs or (lang.startswith("zh-Latn") and HANS in self.langs)

    def name_part(self) -> str:
        """A file-name fragment describing the filter ("s01-accepted-ko-zh-Hans"), empty when unfiltered."""
        return "-".join([*self.topics, *self.statuses, *self.langs])


def split_values(raw: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """Comma-separated and repeated values as one list (``--topic s01,s02 --topic s03``)."""
    if not raw:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [v.strip() for item in items for v in item.split(",") if v.strip()]


def make_filter(topics: list[str] | str | None = None, statuses: list[str] | str | None = None,
                langs: list[str] | str | None = None) -> ExportFilter:
    """Build and check a filter; raise ValueError naming the bad value.

    ``langs`` is a language pair ("ko-zh", "ko,zh-Hant") or a list of tags.
    """
    topic_list = split_values(topics)
    for t in topic_list:
        if not _TOPIC.match(t):
            raise ValueError(f"bad topic {t!r} (expected an id like s01 or named-entities)")
    status_list = split_values(statuses)
    for s in status_list:
        if s not in STATUSES:
            raise ValueError(f"bad status {s!r} (expected one of {', '.join(STATUSES)})")
    lang_list: list[str] = []
    for raw in split_values(langs):
        parts = [raw] if raw in LANGS or raw.lower() in LANG_ALIASES else _split_pair(raw)
        for part in parts:
            tag = LANG_ALIASES.get(part.lower(), part)
            if tag not in LANGS:
                raise ValueError(f"bad language {part!r} (expected ko, zh, zh-Hans, zh-Hant, en, or a pair like ko-zh)")
            lang_list.append(tag)
    return ExportFilter(tuple(topic_list), tuple(status_list), tuple(dict.fromkeys(lang_list)))


def _split_pair(raw: str) -> list[str]:
    """'ko-zh' -> ['ko', 'zh']; 'ko-zh-Hant' -> ['ko', 'zh-Hant'] (the first tag is a bare language)."""
    head, _, tail = raw.partition("-")
    return [head, tail] if tail else [head]


def select(terms: dict[str, Term], flt: ExportFilter) -> list[Term]:
    """The terms that pass ``flt``, in slug order."""
    return [terms[s] for s in sorted(terms) if flt.keeps(terms[s])]
