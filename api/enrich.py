"""Derived forms of a term, recomputable by editors (``tifa enrich``).

From the preferred simplified Chinese form a term gets its traditional form
(OpenCC ``s2t``), its pinyin with tone marks (pypinyin, phrase-aware) and its
Sino-Korean reading (the ``hanja`` package, read from the traditional form); from
the preferred Korean form it gets a Revised Romanization with its sound changes (:mod:`api.romanize`).

Why ``s2t`` and not ``s2twp``: ``s2twp`` also swaps vocabulary for Taiwan usage
(数据 → 資料, 网络 → 網路), which would give a different word, not the same word in
traditional characters; ``s2t`` converts characters (with OpenCC's phrase tables
for one-to-many cases such as 发 → 發/髮) and nothing else.

Reviewed exceptions are data, never code: a derived label marked
``tifa:reviewed true``, or a supplied label (origin other than derived) whose form
differs from the derivation, is kept as it is. Only unreviewed derived labels are
recomputed, so rerunning after the Chinese form changes refreshes them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal, URIRef

from api.model import Label, Term, add_label, from_graph, term_iris
from api.romanize import romanize
from api.vocab import DEFAULT_BASE, HANS, HANT, PINYIN, ROMAN, SKOS, SKOSXL, TIFA

OPENCC_CONFIG = "s2t"

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_HAN_RUN = re.compile(_HAN.pattern + "+|[^" + _HAN.pattern[1:-1] + "]+")
# Non-Han runs kept as their own pinyin token (21世纪 → "21 shì jì", 6+4一体化 → "6+4 yī tǐ huà").
_KEPT_RUN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+]*|\+")
# Punctuation inside slogans (、，) separates clauses; in a reading it becomes a space.
_CLAUSE_MARKS = re.compile(r"[、，,；;：:·・\s]+")


@dataclass(frozen=True)
class Change:
    """One decision of :func:`enrich_term` about one derivable field."""

    slug: str
    field: str  # a language tag (zh-Hant, zh-Latn-pinyin, ko-Latn) or "sinoKoreanReading"
    action: str  # "added" | "updated" | "kept" (reviewed or supplied form that differs)
    old: str | None
    new: str | None


@lru_cache(maxsize=1)
def _converter():  # noqa: ANN202 - opencc has no type stubs
    import opencc

    return opencc.OpenCC(OPENCC_CONFIG)


def traditional(hans: str) -> str:
    """Traditional Chinese of a simplified form (OpenCC ``s2t``).

    >>> traditional("三区三线")
    '三區三線'
    """
    return _converter().convert(hans)


def _pinyin_tokens(text: str) -> list[str]:
    """Pinyin syllables of the Han runs and the kept non-Han runs, in order."""
    from pypinyin import Style, lazy_pinyin

    tokens: list[str] = []
    for run in _HAN_RUN.findall(text):
        if _HAN.match(run):
            # pypinyin segments a run by phrase, so polyphones read in context (银行 háng, 行动 xíng).
            tokens.extend(s.lower() for s in lazy_pinyin(run, style=Style.TONE))
        else:
            tokens.extend(_KEPT_RUN.findall(run))
    return tokens


def to_pinyin(hans: str) -> str:
    """Pinyin with tone marks: one lowercase syllable per Han character, space-separated.

    Digits and Latin letters in the Chinese form stay as their own tokens; punctuation is dropped.

    >>> to_pinyin("三区三线")
    'sān qū sān xiàn'
    """
    return " ".join(_pinyin_tokens(unicodedata.normalize("NFKC", hans)))


def hanja_reading(hant: str) -> str:
    """Sino-Korean reading of a traditional form (``hanja`` package, substitution mode).

    >>> hanja_reading("三區三線")
    '삼구삼선'
    """
    import hanja

    text = _CLAUSE_MARKS.sub(" ", unicodedata.normalize("NFKC", hant)).strip()
    return hanja.translate(text, "substitution")


def derive(term: Term) -> dict[str, str]:
    """Every derivable form of ``term`` from its preferred zh-Hans and ko forms.

    Returns a mapping from field (zh-Hant, zh-Latn-pinyin, ko-Latn, sinoKoreanReading) to the derived value.
    """
    out: dict[str, str] = {}
    hans, ko = term.pref(HANS), term.pref("ko")
    if hans:
        hant = traditional(hans)
        out[HANT] = hant
        out[PINYIN] = to_pinyin(hans)
        out["sinoKoreanReading"] = hanja_reading(hant)
    if ko:
        out[ROMAN] = romanize(ko)
    return {k: v for k, v in out.items() if v}


def _fill_label(term: Term, lang: str, value: str) -> Change | None:
    label = term.pref_label(lang)
    if label is None:
        term.labels.append(Label(form=value, lang=lang, preferred=True, origin="derived"))
        return Change(term.slug, lang, "added", None, value)
    if label.form == value:
        return None
    if label.reviewed or label.origin != "derived":
        return Change(term.slug, lang, "kept", label.form, value)
    old, label.form = label.form, value
    return Change(term.slug, lang, "updated", old, value)


def enrich_term(term: Term) -> list[Change]:
    """Fill the derivable fields of ``term`` in place; return what was added, updated or kept.

    New labels are preferred labels with origin ``derived``. An existing derived, unreviewed label is
    recomputed; a reviewed one, or one supplied by the source or an editor, is kept even when it differs.
    The Sino-Korean reading (a plain literal, so it cannot carry a mark) is filled only when missing.
    """
    changes: list[Change] = []
    for fld, value in derive(term).items():
        if fld == "sinoKoreanReading":
            if term.sino_korean_reading is None:
                term.sino_korean_reading = value
                changes.append(Change(term.slug, fld, "added", None, value))
            elif term.sino_korean_reading != value:
                changes.append(Change(term.slug, fld, "kept", term.sino_korean_reading, value))
            continue
        change = _fill_label(term, fld, value)
        if change is not None:
            changes.append(change)
    return changes


def supplied_pinyin(term: Term, form: str) -> Label:
    """A pinyin label an author supplied: marked derived, and reviewed when it differs from pypinyin.

    Used by imports: the author's reading wins over the derivation (polyphones such as 包干 gàn/gān are
    exactly where the two disagree), and ``reviewed`` keeps later enrichment from overwriting it.
    """
    hans = term.pref(HANS)
    derived = to_pinyin(hans) if hans else None
    return Label(form=form, lang=PINYIN, preferred=True, origin="derived", reviewed=derived != form)


def _label_node(g: Graph, s: URIRef, lang: str) -> URIRef | None:
    for node in g.objects(s, SKOSXL.prefLabel):
        lit = g.value(node, SKOSXL.literalForm)
        if isinstance(lit, Literal) and lit.language == lang:
            return node  # type: ignore[return-value]
    return None


def _patch(g: Graph, s: URIRef, term: Term, change: Change) -> None:
    """Write one change of :func:`enrich_term` into ``g`` without touching anything else of the term."""
    if change.field == "sinoKoreanReading":
        g.add((s, TIFA.sinoKoreanReading, Literal(change.new, lang="ko")))
    elif change.action == "added":
        label = term.pref_label(change.field)
        assert label is not None  # enrich_term has just added it
        add_label(g, s, label)
    else:  # updated: the same label node gets the new form
        node = _label_node(g, s, change.field)
        old, new = Literal(change.old, lang=change.field), Literal(change.new, lang=change.field)
        if node is not None:
            g.set((node, SKOSXL.literalForm, new))
        g.remove((s, SKOS.prefLabel, old))
        g.add((s, SKOS.prefLabel, new))


def enrich_graph(g: Graph, base: str = DEFAULT_BASE) -> list[Change]:
    """Enrich every term of ``g`` in place (see :func:`enrich_term`); triples tifa does not model are kept."""
    changes: list[Change] = []
    for s in term_iris(g):
        term = from_graph(g, s, base)
        for change in enrich_term(term):
            changes.append(change)
            if change.action != "kept":
                _patch(g, s, term, change)
    return changes
