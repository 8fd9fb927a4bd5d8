"""``tifa validate``: check RDF files against the shapes, as a whole graph or as an addition to the store.

Default (standalone): the files together are the whole graph (``tifa validate graph/``).
``--in-context``: the files are a proposed addition, validated against the configured
store (duplicate labels, unknown components, taken slugs, broader cycles through
existing terms). Exit status: 0 conforms (Warnings allowed), 1 Violations,
2 unparsable input or usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

RDF_SUFFIXES = (".ttl", ".trig", ".nt", ".nq", ".jsonld", ".json", ".rdf", ".owl", ".xml")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``validate`` subcommand."""
    p = sub.add_parser("validate", help="validate RDF files against the SHACL shapes (exit 0 conforms, 1 violations, "
                                        "2 unparsable)")
    p.add_argument("paths", nargs="*", help="RDF files or folders (Turtle, TriG, N-Triples, JSON-LD, RDF/XML)")
    p.add_argument("--format", choices=("text", "json", "turtle"), default="text",
                   help="report format: text (default), json, or SHACL's own Turtle report")
    p.add_argument("--in-context", action="store_true",
                   help="validate the files as an addition to the current store instead of as a whole graph")
    p.add_argument("--rules-table", action="store_true", help="print the rule table (Markdown) and exit")
    p.set_defaults(func=run)


def rdf_files(paths: list[str]) -> list[Path]:
    """The RDF files named by ``paths`` (folders are searched recursively for known extensions)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in RDF_SUFFIXES and p.is_file()))
        elif path.is_file():
            out.append(path)
        else:
            raise FileNotFoundError(f"{raw}: no such file or folder")
    return out


def run(args: argparse.Namespace) -> int:
    """Parse, validate, print the report; return the exit status."""
    from rdflib import Graph

    from api.cli import EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS, settings_from_args
    from api.rdfparse import RdfSyntaxError, parse_file
    from api.shapes import rules_table, shapes
    from api.validation import validate_addition, validate_graph

    if args.rules_table:
        print(rules_table(shapes()), end="")
        return EXIT_OK
    if not args.paths:
        print("tifa validate: error: give at least one file or folder", file=sys.stderr)
        return EXIT_INPUT
    try:
        files = rdf_files(args.paths)
        data = Graph()
        for path in files:
            data += parse_file(path)
    except RdfSyntaxError as exc:
        print(f"tifa validate: unparsable input: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except (OSError, ValueError) as exc:
        print(f"tifa validate: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    if not files:
        print("tifa validate: error: no RDF files found", file=sys.stderr)
        return EXIT_INPUT
    if args.in_context:
        from api.store import open_store

        store = open_store(settings_from_args(args))
        try:
            report = validate_addition(store, data)
        finally:
            store.close()
    else:
        report = validate_graph(data)
    if args.format == "json":
        print(report.to_json_text())
    elif args.format == "turtle":
        print(report.to_turtle(), end="")
    else:
        print(report.to_text(), end="")
    return EXIT_OK if report.conforms else EXIT_VIOLATIONS
