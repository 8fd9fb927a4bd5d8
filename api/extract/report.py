"""What extraction shows: the candidate table, the JSON list, and the validation of the drafts."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from rdflib import Graph

from api.extract.draft import Draft
from api.extract.service import Extraction

# Rules whose Violations a draft is expected to have until a person adds what the text cannot give:
# the Korean definition, the Chinese of a form the text gave without it, the numeral groups of a
# formulation whose gloss did not enumerate its parts.
PERSON_RULES = ("D01", "L02", "L01", "N07", "P01")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(text: str, width: int) -> str:
    out, used = "", 0
    for ch in text:
        w = _width(ch)
        if used + w > width:
            return out[:-1] + "…" + " " * (width - used)
        out, used = out + ch, used + w
    return out + " " * (width - used)


def render_table(extractions: Iterable[Extraction]) -> str:
    """The human-readable table of ``tifa extract``: one row per candidate."""
    header = f"{_cell('offset', 7)} {_cell('status', 6)} {_cell('Korean', 30)} {_cell('中文', 18)} " \
             f"{_cell('term / kind', 28)} §"
    lines: list[str] = []
    for ex in extractions:
        lines += [f"== {ex.source}", header]
        for c in ex.candidates:
            zh = (c.chinese or "—") + ("…" if c.chinese_partial else "")
            who = c.term if c.status == "known" else c.kind
            lines.append(f"{c.offset:>7} {_cell(c.status, 6)} {_cell(c.korean or '—', 30)} {_cell(zh, 18)} "
                         f"{_cell(who or '', 28)} {c.section or ''}")
        new = sum(c.status == "new" for c in ex.candidates)
        lines.append(f"{len(ex.candidates)} candidates: {len(ex.candidates) - new} known, {new} new, "
                     f"{len(ex.drafts)} drafts")
    return "\n".join(lines) + "\n"


def as_json(extractions: Iterable[Extraction]) -> list[dict[str, object]]:
    """The JSON list: every candidate of every text, each with its source."""
    return [{"source": ex.source, **c.as_json()} for ex in extractions for c in ex.candidates]


def validate_drafts(graph: Graph, store: object | None = None) -> list[dict[str, object]]:
    """Findings of the shapes on the drafts, each marked whether only a person can resolve it.

    With a store, the drafts are validated in the context of the graph it holds (duplicate labels,
    slugs taken, components that resolve); without one, ``graph`` must carry its own context.
    """
    from api.validation import validate_addition, validate_graph

    report = validate_addition(store, graph) if store is not None else validate_graph(graph)  # type: ignore[arg-type]
    return [{"severity": f.severity, "rule": f.rule, "focus": f.focus, "term": f.term, "message": f.message_en,
             "person": f.rule in PERSON_RULES} for f in report.findings]


def needs_lines(drafts: Iterable[Draft]) -> list[str]:
    """One line per draft: the slug and what a person must still supply."""
    return [f"{d.term.slug}: " + "; ".join(d.needs) for d in drafts]
