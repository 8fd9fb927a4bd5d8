"""Data for the home and browse pages: every term's headline forms, topics and numeral groups.

Reads the store through named queries (``queries/list_*.rq``); sorting and indexing follow
:mod:`api.web.collation`.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from api.lookup.entries import Concept
from api.model import term_iri
from api.queries import NamedQuery
from api.store import TermStore
from api.vocab import KINDS, LANGS, STATUSES
from api.web import collation

_KIND = {str(iri): name for name, iri in KINDS.items()}
_STATUS = {str(iri): name for name, iri in STATUSES.items()}
_LANG_CASE = {tag.lower(): tag for tag in LANGS}


def lang_tag(tag: str) -> str:
    """``tag`` in the case tifa writes it (the store may hand back ``zh-hans`` for ``zh-Hans``)."""
    return _LANG_CASE.get(tag.lower(), tag)


@dataclass
class Entry:
    """One term as the browse pages list it."""

    slug: str
    kind: str = "formulation"
    status: str = "accepted"
    ko: str | None = None
    zh_hans: str | None = None
    pinyin: str | None = None
    en: str | None = None
    topics: list[str] = field(default_factory=list)
    numbered: bool = False
    component: bool = False
    groups: list[tuple[int, str, int]] = field(default_factory=list)  # (numeral, unit, members) per group

    @property
    def forms(self) -> dict[str, str]:
        """Preferred forms by data language (for the fallback-order pick)."""
        return {k: v for k, v in (("ko", self.ko), ("zh-Hans", self.zh_hans), ("en", self.en)) if v}


@dataclass
class Topic:
    """A policy area of the source (s01 … s12) or the named-entity topic."""

    id: str
    section: int | None
    labels: dict[str, str]
    count: int = 0


def _text(row: Mapping[str, object], key: str) -> str | None:
    value = row.get(key)
    return str(value) if value is not None else None


def _true(row: Mapping[str, object], key: str) -> bool:
    value = row.get(key)
    return bool(value.toPython()) if isinstance(value, Literal) else False


def _entry(row: Mapping[str, object]) -> Entry:
    return Entry(slug=str(row["slug"]), kind=_KIND.get(str(row.get("kind")), "formulation"),
                 status=_STATUS.get(str(row.get("status")), "draft"),
                 ko=_text(row, "ko"), zh_hans=_text(row, "zh"), pinyin=_text(row, "pinyin"), en=_text(row, "en"),
                 numbered=_true(row, "numbered"), component=_true(row, "component"))


def _merge(rows: list[dict[str, Node]]) -> dict[str, Entry]:
    """One entry per term from ``list_terms`` rows (a term with two topics comes as two rows)."""
    by_slug: dict[str, Entry] = {}
    for row in rows:
        entry = by_slug.setdefault(str(row["slug"]), _entry(row))
        topic = _text(row, "topic")
        if topic and topic.rsplit("/", 1)[-1] not in entry.topics:
            entry.topics.append(topic.rsplit("/", 1)[-1])
    return by_slug


def entries(store: TermStore, queries: Mapping[str, NamedQuery]) -> list[Entry]:
    """Every term (components included), one entry each, sorted by slug."""
    by_slug = _merge(store.select(queries["list_terms"].text))
    iri_slug = {f"{store.base}term/{slug}": slug for slug in by_slug}
    for row in store.select(queries["list_numeral_groups"].text):
        slug = iri_slug.get(str(row["term"]))
        if slug:
            by_slug[slug].groups.append((int(row["numeral"]), _text(row, "unit") or "", int(row["members"])))
    return sorted(by_slug.values(), key=lambda e: e.slug)


def entry(store: TermStore, queries: Mapping[str, NamedQuery], slug: str) -> Entry | None:
    """The headline forms of one term, or None when the graph has no term ``slug``."""
    found = _merge(store.select(queries["list_terms"].text, {"term": term_iri(slug, store.base)}))
    return found.get(slug)


def topics(store: TermStore, queries: Mapping[str, NamedQuery], terms: list[Entry]) -> list[Topic]:
    """The topics in section order, with how many terms each holds."""
    found: dict[str, Topic] = {}
    for row in store.select(queries["list_topics"].text, {"scheme": URIRef(store.base + "topics")}):
        tid = str(row["notation"])
        topic = found.setdefault(tid, Topic(tid, int(row["section"]) if row.get("section") else None, {}))
        label = row["label"]
        if isinstance(label, Literal) and label.language:
            topic.labels[lang_tag(label.language)] = str(label)
    counts: dict[str, int] = defaultdict(int)
    for entry in terms:
        for tid in entry.topics:
            counts[tid] += 1
    for topic in found.values():
        topic.count = counts[topic.id]
    return sorted(found.values(), key=lambda t: (t.section is None, t.section or 0, t.id))


def _index(terms: list[Entry], tabs: tuple[str, ...], form: Callable[[Entry], str | None],
           tab: Callable[[str], str], key: Callable[[str], object]) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = {c: [] for c in (*tabs, collation.OTHER)}
    for entry in terms:
        text = form(entry)
        if text:
            index[tab(text)].append(entry)
    for rows in index.values():
        rows.sort(key=lambda e: key(form(e) or ""))
    return index


def korean_index(terms: list[Entry]) -> dict[str, list[Entry]]:
    """Terms with a Korean form by 초성 tab (ㄱ ㄴ … ㅎ, then '#'), each in Hangul order."""
    return _index(terms, collation.KO_INITIALS, lambda e: e.ko, collation.choseong, collation.korean_key)


def pinyin_index(terms: list[Entry]) -> dict[str, list[Entry]]:
    """Terms with pinyin by initial letter A–Z (then '#'), each toneless-alphabetical then by tone."""
    letters = tuple(chr(c) for c in range(ord("A"), ord("Z") + 1))
    return _index(terms, letters, lambda e: e.pinyin, collation.pinyin_initial, collation.pinyin_key)


class Catalogue:
    """Every term's entry and the topics, read once per store version (the browse pages share them).

    Reading every term is the one expensive query of the pages (seconds at 100k terms): a lock makes concurrent
    requests after a write wait for one reading instead of each starting their own. The topics alone (what a term
    page needs) are a small query cached on their own.
    """

    def __init__(self) -> None:
        self._version: int | None = None
        self._terms: list[Entry] = []
        self._topics: list[Topic] = []
        self._topics_version: int | None = None
        self._topic_list: list[Topic] = []
        self._lock = threading.Lock()

    def get(self, store: TermStore, queries: Mapping[str, NamedQuery]) -> tuple[list[Entry], list[Topic]]:
        """The entries and topics (with counts) of the store as it is now (re-read when a write bumped its version)."""
        version = store.version()
        with self._lock:
            if version != self._version:
                terms = entries(store, queries)
                self._terms, self._topics, self._version = terms, topics(store, queries, terms), version
            return self._terms, self._topics

    def topic_list(self, store: TermStore, queries: Mapping[str, NamedQuery]) -> list[Topic]:
        """The topics without counts: the term page's names for a term's policy areas."""
        version = store.version()
        with self._lock:
            if version != self._topics_version:
                self._topic_list, self._topics_version = topics(store, queries, []), version
            return self._topic_list


def entry_of(concept: Concept) -> Entry:
    """A browse entry from the lookup index's concept (its preferred forms): lists that need no store query."""
    preferred: dict[str, str] = {}
    for form, lang, is_pref in concept.forms:
        if is_pref:
            preferred.setdefault(lang, form)
    return Entry(slug=concept.slug, kind=concept.kind, status=concept.status, ko=preferred.get("ko"),
                 zh_hans=preferred.get("zh-Hans"), pinyin=preferred.get("zh-Latn-pinyin"), en=preferred.get("en"),
                 numbered=bool(concept.groups))
