"""``tifa import FILE``: TBX, CSV/TSV or XLSX into draft terms, reported as new / changed / unchanged.

Nothing is written unless the file has no problems, the draft validates, and ``--apply`` is given.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``import`` subcommand."""
    p = sub.add_parser("import", help="import TBX, CSV/TSV or XLSX as draft terms (written only with --apply)")
    p.add_argument("file")
    p.add_argument("--map", help="column mapping for CSV/TSV/XLSX: 'HEADER=field,…' (fields: see README)")
    p.add_argument("--apply", action="store_true", help="write new and changed terms when everything validates")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when clean (and applied with --apply), 1 when the draft does not validate, 2 on input problems."""
    from api.cli import EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS, settings_from_args
    from api.exchange.apply import apply_outcomes
    from api.exchange.checking import check_draft
    from api.exchange.glossary_read import parse_map
    from api.exchange.planner import draft_graph, owned_subjects, plan, read_file
    from api.exchange.snapshot import take_snapshot
    from api.store import open_store

    settings = settings_from_args(args)
    store = open_store(settings)
    try:
        result = read_file(Path(args.file), parse_map(args.map), store.base)
        snap = take_snapshot(store, settings)
        outcomes, problems = plan(result, snap)
        problems = result.problems + problems
        check = check_draft(store, draft_graph(outcomes, store.base), settings) if not problems else None
        applied = 0
        if args.apply and not problems and check is not None and check.conforms:
            applied = apply_outcomes(store, outcomes, owned_subjects(snap, outcomes))
    finally:
        store.close()
    report = {
        "file": args.file,
        "problems": [{"where": p.where, "message": p.message} for p in problems],
        "terms": [{"where": o.where, "id": o.term.slug, "state": o.state, "changes": o.changes} for o in outcomes],
        "validation": None if check is None else {"conforms": check.conforms, "how": check.how,
                                                   "findings": check.findings},
        "applied": applied,
    }
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else _text(report, args.apply))
    if problems:
        return EXIT_INPUT
    return EXIT_OK if check is not None and check.conforms else EXIT_VIOLATIONS


def _text(report: dict, apply: bool) -> str:
    lines = [f"problem: {p['where']}: {p['message']}" for p in report["problems"]]
    for t in report["terms"]:
        lines.append(f"{t['state']:9} {t['id']}  ({t['where']})")
        lines += [f"          {c}" for c in t["changes"]]
    counts = {s: sum(t["state"] == s for t in report["terms"]) for s in ("new", "changed", "unchanged")}
    lines.append(", ".join(f"{n} {s}" for s, n in counts.items()))
    v = report["validation"]
    if v is not None:
        lines.append(f"validation ({v['how']}): {'conforms' if v['conforms'] else 'does not conform'}")
        lines += [f"  {f}" for f in v["findings"]]
    if report["problems"]:
        lines.append("nothing applied: fix the problems above")
    elif apply:
        lines.append(f"applied: {report['applied']} terms written" if report["applied"] or (v and v["conforms"])
                     else "nothing applied: the draft does not validate")
    else:
        lines.append("dry run: pass --apply to write new and changed terms")
    return "\n".join(lines)
