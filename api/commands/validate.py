"""``tifa validate``: SHACL validation of graph files (filled in by the shapes work)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``validate`` subcommand."""
    p = sub.add_parser("validate", help="validate Turtle files against the SHACL shapes")
    p.add_argument("paths", nargs="+")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Placeholder until the shapes land."""
    print("validate: not implemented yet")
    return 3
