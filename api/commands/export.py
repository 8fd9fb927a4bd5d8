"""``tifa export``: TBX, CSV/TSV and RDF dumps of the store, or ``--canonical`` back to graph/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from api.exchange.formats import FORMATS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``export`` subcommand."""
    p = sub.add_parser("export", help="export the graph (TBX, CSV/TSV, Turtle, N-Triples, JSON-LD, TriG)")
    p.add_argument("--format", choices=sorted(FORMATS), default="ttl")
    p.add_argument("--topic", action="append", help="only terms of these topics (s01 … s12, named-entities)")
    p.add_argument("--status", action="append", help="only terms with these statuses (draft, accepted, deprecated)")
    p.add_argument("--lang", help="language pair, e.g. ko-zh: terms with both; TBX/CSV hold only those languages")
    p.add_argument("--gzip", action="store_true", help="gzip the output")
    p.add_argument("--bom", action="store_true", help="CSV/TSV: start with a UTF-8 BOM (for Excel)")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument("--canonical", action="store_true", help="write the store back to graph/ as canonical Turtle")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export; exit 2 on a bad filter value."""
    from api.cli import settings_from_args
    from api.exchange.filters import make_filter
    from api.exchange.formats import export
    from api.exchange.snapshot import take_snapshot
    from api.store import open_store

    settings = settings_from_args(args)
    flt = make_filter(args.topic, args.status, args.lang)  # ValueError -> exit 2 in api.cli
    store = open_store(settings)
    try:
        snap = take_snapshot(store, settings)
    finally:
        store.close()
    if args.canonical:
        from api.exchange.canonical_export import write_canonical

        for path in write_canonical(snap, settings.graph_dir):
            print(f"written: {path}")
        return 0
    out = export(snap, args.format, flt, bom=args.bom, gz=args.gzip)
    if args.output:
        Path(args.output).write_bytes(out.body)
        print(f"{args.output}: {len(out.body)} bytes, {len(snap.terms)} terms in store", file=sys.stderr)
    else:
        sys.stdout.buffer.write(out.body)
        sys.stdout.flush()
    return 0
