"""Field-by-field comparison of terms: what an import would change, and what a round trip lost."""

from __future__ import annotations

from dataclasses import asdict, replace

from api.model import Term

ALL_FIELDS = ("kind", "status", "labels", "definitions", "scope_notes", "sino_korean_reading", "enumerative",
              "groups", "attestations", "topics", "related", "replaced_by", "change_notes", "created",
              "modified", "contributor")


def _norm(term: Term, name: str) -> object:
    value = asdict(term)[name]
    if name == "labels":
        return sorted((lb["lang"], lb["form"], lb["preferred"], lb["rendering"], lb["origin"], lb["confidence"],
                       lb["reviewed"], tuple(sorted(lb["attested_in"]))) for lb in value)
    if name in ("attestations", "topics", "related", "change_notes"):
        return sorted(value, key=repr)
    if name == "groups":
        return sorted(value, key=lambda g: g["index"])
    return value


def term_diff(old: Term, new: Term, fields: frozenset[str] | tuple[str, ...] = ALL_FIELDS) -> dict[str, tuple]:
    """``{field: (old value, new value)}`` for every field in ``fields`` that differs."""
    out: dict[str, tuple] = {}
    for name in fields:
        a, b = _norm(old, name), _norm(new, name)
        if a != b:
            out[name] = (a, b)
    return out


def describe(diff: dict[str, tuple]) -> list[str]:
    """One readable line per differing field."""
    lines = []
    for name, (a, b) in diff.items():
        if isinstance(a, list) and isinstance(b, list):
            gone = [x for x in a if x not in b]
            added = [x for x in b if x not in a]
            lines.append(f"{name}: -{gone} +{added}")
        else:
            lines.append(f"{name}: {a!r} -> {b!r}")
    return lines


def merge(existing: Term, imported: Term, fields: frozenset[str]) -> Term:
    """``existing`` with every field that the import format carries, and that the import filled, taken from it.

    Empty imported values (no definition column, no alternatives) leave the stored value alone.
    """
    updates = {}
    for name in fields:
        value = getattr(imported, name)
        if value in (None, "", [], {}):
            continue
        if name == "definitions" or name == "scope_notes":
            value = {**getattr(existing, name), **value}
        updates[name] = value
    return replace(existing, **updates)
