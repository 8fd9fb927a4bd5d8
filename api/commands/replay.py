"""``tifa replay``: rebuild the store from ``graph/`` and replay the change log on top (server stopped)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``replay`` subcommand."""
    p = sub.add_parser("replay", help="rebuild the store from graph/ and replay the change log of accepted writes")
    p.add_argument("--no-rebuild", action="store_true",
                   help="only apply logged changes the store lacks (what the server does at start-up)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Rebuild (unless ``--no-rebuild``), replay, and report the counts."""
    from api.changelog import ChangeLog, exported_seq, log_dir
    from api.cli import settings_from_args
    from api.store import open_store
    from api.term_writer import TermWriter

    settings = settings_from_args(args)
    store = open_store(settings, load=False)
    try:
        rebuilt = store.load_sources(settings, force=not args.no_rebuild)
        log = ChangeLog(log_dir(settings))
        count = TermWriter(store, settings, log).recover()
    finally:
        store.close()
    print(f"store {'rebuilt from graph/' if rebuilt else 'kept'}; {count} change(s) replayed "
          f"(log holds {log.last_seq}, exported to graph/ up to {exported_seq(log.folder)})")
    return 0
