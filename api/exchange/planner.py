"""Import planning: match each imported term to the store (by Chinese form), and say new / changed / unchanged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph, URIRef

from api.exchange.diff import describe, merge, term_diff
from api.exchange.glossary_read import read_delimited, read_xlsx
from api.exchange.problems import Problem, ReadResult
from api.exchange.snapshot import Snapshot
from api.exchange.tbx_read import read_tbx
from api.model import Label, Term, to_graph
from api.vocab import HANS

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")
LABEL_META = ("rendering", "origin", "confidence", "reviewed", "attested_in")


@dataclass
class Outcome:
    """What importing one row or conceptEntry would do."""

    where: str
    state: str  # "new" | "changed" | "unchanged"
    term: Term
    changes: list[str] = field(default_factory=list)


def read_file(path: Path, mapping: dict[str, str], base: str) -> ReadResult:
    """Read an import file by its extension: .tbx/.xml (TBX), .csv, .tsv/.tab/.txt, .xlsx."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path, mapping)
    data = path.read_bytes()
    if suffix in (".tbx", ".xml"):
        return read_tbx(data, base)
    if suffix in (".csv", ".tsv", ".tab", ".txt"):
        return read_delimited(data, mapping, "\t" if suffix in (".tsv", ".tab") else None)
    raise ValueError(f"cannot import {path.name}: expected .tbx, .xml, .csv, .tsv or .xlsx")


def merge_labels(existing: list[Label], imported: list[Label], complete: bool) -> list[Label]:
    """Imported labels, keeping what the import format did not carry from the stored label of the same form.

    Languages the import has no form in (romanisation in a CSV, say) keep their stored labels; unless
    the format is ``complete``, stored alternatives the import does not list are kept too.
    """
    stored = {(lb.lang, lb.form): lb for lb in existing}
    out = []
    for lb in imported:
        old = stored.get((lb.lang, lb.form))
        if old is not None:
            lb = replace(lb, **{k: getattr(old, k) for k in LABEL_META if not getattr(lb, k)})
        out.append(lb)
    langs = {lb.lang for lb in imported}
    seen = {(lb.lang, lb.form) for lb in out}
    out += [lb for lb in existing if lb.lang not in langs
            or (not complete and not lb.preferred and (lb.lang, lb.form) not in seen)]
    return sorted(out, key=lambda lb: (not lb.preferred, lb.lang, lb.form))


def plan(result: ReadResult, snap: Snapshot) -> tuple[list[Outcome], list[Problem]]:
    """Each imported term as new, changed (with what changes) or unchanged; plus matching problems."""
    by_chinese = {lb.form: t.slug for t in snap.terms.values() for lb in t.labels if lb.lang == HANS}
    outcomes: list[Outcome] = []
    problems: list[Problem] = []
    taken = set(snap.terms)
    for n, term in enumerate(result.terms, 1):
        chinese = term.pref(HANS) or ""
        where = f"{chinese or term.slug} (entry {n})"
        slug = by_chinese.get(chinese) or (term.slug if term.slug in snap.terms else None)
        if slug is not None:
            old = snap.terms[slug]
            merged = merge(old, replace(term, slug=slug), result.fields)
            if "labels" in result.fields:
                merged.labels = merge_labels(old.labels, term.labels, result.complete_labels)
            diff = term_diff(old, merged)
            outcomes.append(Outcome(where, "changed" if diff else "unchanged", merged, describe(diff)))
            continue
        if not _SLUG.match(term.slug):
            problems.append(Problem(where, f"id {term.slug!r} is not a slug (a-z, 0-9, '-')"))
            continue
        if term.slug in taken:
            problems.append(Problem(where, f"id {term.slug!r} is taken by a term with another Chinese form"))
            continue
        taken.add(term.slug)
        outcomes.append(Outcome(where, "new", replace(term, status=term.status or "draft",
                                                        kind=term.kind or "formulation")))
    return outcomes, problems


def draft_graph(outcomes: list[Outcome], base: str) -> Graph:
    """The RDF of every new or changed term (what validation and ``--apply`` see)."""
    g = Graph()
    for outcome in outcomes:
        if outcome.state != "unchanged":
            to_graph(outcome.term, base, g)
    return g


def owned_subjects(snap: Snapshot, outcomes: list[Outcome]) -> dict[str, list[URIRef]]:
    """slug -> the IRIs the store holds for each term about to be replaced."""
    parts = snap.by_owner()
    wanted = {o.term.slug for o in outcomes if o.state == "changed"}
    return {slug: sorted({s for s in parts[slug].subjects() if isinstance(s, URIRef)})
            for slug in wanted if slug in parts}
