"""``tifa export``: TBX, CSV/TSV and RDF dumps of the store, or ``--canonical`` back to graph/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from api.exchange.formats import FORMATS

if TYPE_CHECKING:
    from api.settings import Settings
    from api.store import TermStore


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


def _changes_held(store: TermStore, settings: Settings) -> int:
    """The last logged change the store holds: the one last applied on this build, else what graph/ held."""
    from api.changelog import exported_seq, log_dir
    from api.term_state import applied_state

    applied, applied_on, build = applied_state(store)
    exported = exported_seq(log_dir(settings))
    return max(applied, exported) if applied_on is not None and applied_on == build else exported


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
        held = _changes_held(store, settings)  # read first: a write landing during the snapshot is replayed again
        snap = take_snapshot(store, settings)
    finally:
        store.close()
    if args.canonical:
        from api.changelog import log_dir, mark_exported
        from api.exchange.canonical_export import write_canonical

        for path in write_canonical(snap, settings.graph_dir):
            print(f"written: {path}")
        # graph/ now holds the logged changes up to `held`: a rebuild from it must not replay them
        mark_exported(log_dir(settings), held)
        return 0
    out = export(snap, args.format, flt, bom=args.bom, gz=args.gzip)
    if args.output:
        Path(args.output).write_bytes(out.body)
        print(f"{args.output}: {len(out.body)} bytes, {len(snap.terms)} terms in store", file=sys.stderr)
    else:
        sys.stdout.buffer.write(out.body)
        sys.stdout.flush()
    return 0
