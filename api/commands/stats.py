"""``tifa stats``: print counts of the graph files (terms, components, labels, provenance, Warnings)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``stats`` subcommand."""
    p = sub.add_parser("stats", help="print counts of the graph: terms, components, labels, provenance")
    p.add_argument("paths", nargs="*", help="Turtle files or folders (default: graph/)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--no-warnings", action="store_true",
                   help="skip the SHACL run that counts Warnings (it takes tens of seconds on the whole graph)")
    p.set_defaults(func=run)


def _warnings(paths: list, settings: object) -> int | None:
    """SHACL Warnings of the files, or None while the validation module is not there."""
    try:
        from api import validation
    except ImportError:
        return None
    count = getattr(validation, "count_warnings", None)
    return count(paths, settings) if callable(count) else None


def run(args: argparse.Namespace) -> int:
    """Load the files, count, print."""
    import json

    from rdflib import Graph

    from api.cli import settings_from_args
    from api.commands.fmt import turtle_files
    from api.stats import collect, graph_terms, render

    settings = settings_from_args(args)
    paths = turtle_files(args.paths, settings.graph_dir)
    g = Graph()
    for path in paths:
        g.parse(path, format="turtle")
    st = collect(graph_terms(g, settings.base_uri))
    st.warnings = None if args.no_warnings else _warnings(paths, settings)
    if args.json:
        out = {k: (dict(v) if hasattr(v, "items") else v) for k, v in vars(st).items()}
        out["chinese_share"] = st.chinese_share()
        print(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(render(st), end="")
    return 0
