"""Draft terms for new candidates, in the ontology's Turtle, and what only a person can still supply.

A draft carries what the text gives (the Korean form as printed, the Chinese when the text
gives it, the gloss items as ordered components, the attestation) and what can be derived
(traditional form, pinyin, Sino-Korean reading, romanisation — :func:`api.enrich.enrich_term`).
What the text does not give is never guessed: the definition, and the Chinese when the text
gives none (or only part of it), are listed in :attr:`Draft.needs` for the editor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import Graph

from api.enrich import enrich_term, hanja_reading, traditional
from api.extract.candidate import Candidate
from api.model import Attestation, Group, Label, Term, to_graph
from api.numerals import chinese_numerals, korean_numeral
from api.vocab import DEFAULT_BASE, HANS

_UNIT = re.compile(r"[一二三四五六七八九十两双0-9]+[个大项条]?([^一二三四五六七八九十两双0-9个大项条])")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


@dataclass
class Draft:
    """A drafted term (and its drafted components) and the fields only a person can fill."""

    term: Term
    components: list[Term] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)  # human-readable: "definition (ko)", "Chinese of 육아" …

    @property
    def terms(self) -> list[Term]:
        """The term and its components."""
        return [self.term, *self.components]


def make_slug(chinese: str | None, korean: str | None, taken: set[str]) -> str:
    """A slug in the graph's style: toneless pinyin of the Chinese (romanised Korean without it), unique in ``taken``.

    >>> make_slug("放管服", None, set()), make_slug("三区三线", None, {"sanqusanxian"})
    ('fangguanfu', 'sanqusanxian-2')
    """
    if chinese:
        from pypinyin import lazy_pinyin

        base = _SLUG_DROP.sub("", "".join(lazy_pinyin(chinese)).lower())
    else:
        from api.romanize import romanize

        base = _SLUG_DROP.sub("", romanize(korean or "").lower())
    base = base or "term"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def rendering(korean: str, chinese: str | None, named: bool) -> str | None:
    """The rendering type of a Korean form relative to the Chinese, when the text makes it plain."""
    squeezed = korean.replace(" ", "")
    if chinese and hanja_reading(traditional(chinese)).replace(" ", "") == squeezed:
        return "sino-korean-reading"
    if re.match(r"[0-9]", squeezed) and chinese and chinese_numerals(chinese):
        return "numeric-abbreviation"
    if any(korean_numeral(w) is not None for w in korean.split()):
        return "literal-translation"
    return "transliteration" if named else None


def _kind(cand: Candidate) -> str:
    if cand.kind == "gloss-pair" or (cand.kind == "parenthetical" and not cand.quoted and not cand.gloss
                                     and not chinese_numerals(cand.chinese or "")):
        return "named-entity"
    return "formulation"


def draft_term(cand: Candidate, taken: set[str], source: str, now: str | None = None) -> Draft:
    """The draft of one new candidate."""
    chinese = None if cand.chinese_partial else cand.chinese
    korean = cand.korean or ""
    kind = _kind(cand)
    term = Term(slug=make_slug(chinese, korean, taken), kind=kind, status="draft",
                created=now or datetime.now(UTC).replace(microsecond=0).isoformat())
    draft = Draft(term)
    att = Attestation(section=cand.section or cand.paragraph or 1, sentence=cand.sentence, form=korean,
                      chinese_given=chinese is not None, source=source)
    term.attestations.append(att)
    if not korean:
        draft.needs.append("Korean form (the text is Chinese)")
    else:
        term.labels.append(Label(korean, "ko", preferred=True, origin="source",
                                 rendering=rendering(korean, chinese, kind == "named-entity"), attested_in=[att.key]))
    if chinese:
        term.labels.append(Label(chinese, HANS, preferred=True, origin="source", attested_in=[att.key]))
    elif cand.chinese_partial:
        draft.needs.append(f"Chinese original (the text gives only {cand.chinese} for part of it)")
    else:
        draft.needs.append("Chinese original (not given in the text; supply it marked editor-supplied "
                           "with a confidence)")
    draft.needs.append("definition (ko)")
    enrich_term(term)
    if chinese and cand.groups:
        _components(draft, chinese, cand.groups, taken, att, now)
    elif chinese and chinese_numerals(chinese):
        draft.needs.append("numeral groups: the components, or enumerative false if the numeral counts nothing")
    return draft


def _components(draft: Draft, chinese: str, groups: list[list[str]], taken: set[str], att: Attestation,
                now: str | None) -> None:
    units = _UNIT.findall(chinese)
    draft.term.enumerative = True
    for index, items in enumerate(groups, 1):
        unit = units[index - 1] if index - 1 < len(units) else ""
        group = Group(index=index, numeral=len(items), unit=unit)
        for item in items:
            slug = make_slug(None, item, taken)
            comp = Term(slug=slug, status="draft", created=draft.term.created,
                        labels=[Label(item, "ko", preferred=True, origin="source")])
            enrich_term(comp)
            draft.components.append(comp)
            group.components.append(slug)
            draft.needs.append(f"Chinese original and definition of component {item}")
        draft.term.groups.append(group)


def draft_terms(cands: Iterable[Candidate], taken: set[str], source: str) -> list[Draft]:
    """Drafts of the new candidates, one per distinct formulation (its first occurrence)."""
    seen: set[tuple[str | None, str | None]] = set()
    drafts = []
    for cand in cands:
        key = (cand.korean, None if cand.chinese_partial else cand.chinese)
        if cand.status != "new" or key in seen:
            continue
        seen.add(key)
        drafts.append(draft_term(cand, taken, source))
    return drafts


def drafts_graph(drafts: Iterable[Draft], base: str = DEFAULT_BASE) -> Graph:
    """Every draft (and its components) as one RDF graph."""
    g = Graph()
    for draft in drafts:
        for term in draft.terms:
            to_graph(term, base, g)
    return g
