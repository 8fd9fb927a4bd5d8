"""``tifa fmt``: rewrite Turtle files in canonical form (or ``--check`` them)."""

from __future__ import annotations

import argparse
from pathlib import Path

from api.canonical import format_file


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``fmt`` subcommand."""
    p = sub.add_parser("fmt", help="write graph/ Turtle files in canonical sorted form")
    p.add_argument("paths", nargs="*", help="files or folders (default: graph/)")
    p.add_argument("--check", action="store_true", help="only report files not in canonical form (exit 1)")
    p.set_defaults(func=run)


def turtle_files(paths: list[str], default: Path) -> list[Path]:
    """Expand files and folders into the ``.ttl`` files they hold."""
    out: list[Path] = []
    for raw in paths or [str(default)]:
        p = Path(raw)
        out.extend(sorted(p.glob("*.ttl")) if p.is_dir() else [p])
    return out


def run(args: argparse.Namespace) -> int:
    """Format (or check) each file; exit 1 in --check mode when any file is not canonical."""
    from api.cli import settings_from_args
    from api.vocab import DEFAULT_BASE

    settings = settings_from_args(args)
    changed = []
    for path in turtle_files(args.paths, settings.graph_dir):
        if args.check:
            from rdflib import Graph

            from api.canonical import canonical_turtle

            text = canonical_turtle(Graph().parse(path, format="turtle"), DEFAULT_BASE)
            if text != path.read_text(encoding="utf-8"):
                changed.append(path)
        elif format_file(path, DEFAULT_BASE):
            changed.append(path)
    for path in changed:
        print(("not canonical: " if args.check else "formatted: ") + str(path))
    return 1 if (args.check and changed) else 0
