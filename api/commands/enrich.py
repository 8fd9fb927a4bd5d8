"""``tifa enrich FILE``: fill the derivable forms of a Turtle draft and write it back in canonical form."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``enrich`` subcommand."""
    p = sub.add_parser(
        "enrich", help="fill traditional Chinese, pinyin, Sino-Korean reading and romanisation (marked derived)")
    p.add_argument("file", help="Turtle draft")
    p.add_argument("-o", "--output", help="write here instead of rewriting FILE in place")
    p.add_argument("-q", "--quiet", action="store_true", help="do not list the changes")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Enrich the draft; exit 2 when it does not parse (nothing is written then)."""
    from rdflib import Graph

    from api.canonical import canonical_turtle
    from api.cli import EXIT_INPUT, settings_from_args
    from api.enrich import enrich_graph

    settings = settings_from_args(args)
    path = Path(args.file)
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except FileNotFoundError:
        raise
    except Exception as exc:  # noqa: BLE001 - rdflib raises several parser types; all mean "bad input"
        print(f"tifa enrich: {path}: not valid Turtle: {exc}", file=sys.stderr)
        return EXIT_INPUT
    changes = enrich_graph(g, settings.base_uri)
    Path(args.output or path).write_text(canonical_turtle(g, settings.base_uri), encoding="utf-8")
    if not args.quiet:
        for c in changes:
            shown = f"{c.new}" if c.action != "kept" else f"{c.old} (derivation would give {c.new})"
            print(f"{c.slug}\t{c.field}\t{c.action}\t{shown}")
    added = sum(c.action == "added" for c in changes)
    updated = sum(c.action == "updated" for c in changes)
    kept = sum(c.action == "kept" for c in changes)
    print(f"enrich: {added} added, {updated} updated, {kept} kept as reviewed", file=sys.stderr)
    return 0
