"""``tifa extract FILE…``: candidate formulations in Korean or Chinese texts, known or new, with drafts."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``extract`` subcommand."""
    p = sub.add_parser("extract", help="find candidate formulations in texts; draft the new ones")
    p.add_argument("paths", nargs="+", help="UTF-8 text files ('-' reads standard input)")
    p.add_argument("--json", action="store_true", help="print the candidates as a JSON list")
    p.add_argument("--draft", metavar="OUT.ttl", help="write Turtle drafts of the new candidates to this file")
    p.set_defaults(func=run)


def _read(path: str) -> tuple[str, str]:
    if path == "-":
        return "stdin", sys.stdin.read()
    with open(path, encoding="utf-8") as fh:  # a UnicodeDecodeError is a ValueError: exit 2 with the message
        return path, fh.read()


def run(args: argparse.Namespace) -> int:
    """Read the files, extract, print; write drafts and report what only a person can supply."""
    import json
    from pathlib import Path

    from api.canonical import canonical_turtle
    from api.cli import settings_from_args
    from api.extract.draft import drafts_graph
    from api.extract.report import as_json, needs_lines, render_table, validate_drafts
    from api.extract.service import extract_texts, known_terms
    from api.store import open_store

    texts = [_read(p) for p in args.paths]
    settings = settings_from_args(args)
    store = open_store(settings)
    try:
        results = extract_texts(texts, known_terms(store, settings))
        drafts = [d for ex in results for d in ex.drafts]
        if args.json:
            print(json.dumps(as_json(results), ensure_ascii=False, indent=1))
        else:
            print(render_table(results), end="")
        if args.draft:
            graph = drafts_graph(drafts, settings.base_uri)
            Path(args.draft).write_text(canonical_turtle(graph, settings.base_uri), encoding="utf-8")
            out = sys.stderr if args.json else sys.stdout
            print(f"wrote {len(drafts)} drafts to {args.draft}; a person must still supply:", file=out)
            for line in needs_lines(drafts):
                print(f"  {line}", file=out)
            findings = validate_drafts(graph, store)
            other = [f for f in findings if f["severity"] == "Violation" and not f["person"]]
            print(f"validation: {len(findings)} findings; {len(other)} Violations other than what a person "
                  "supplies", file=out)
            for f in other:
                print(f"  {f['rule']} {f['focus']}: {f['message']}", file=out)
    finally:
        store.close()
    return 0
