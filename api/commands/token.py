"""``tifa token add|list|revoke``: editor tokens for the write API (hashes in the data folder)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``token`` subcommand and its actions."""
    p = sub.add_parser("token", help="manage editor tokens for the write API")
    actions = p.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create a token for an editor and print it once")
    add.add_argument("name")
    actions.add_parser("list", help="list editors that have a token (never the tokens)")
    revoke = actions.add_parser("revoke", help="remove an editor's token")
    revoke.add_argument("name")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Carry out the action; exit 2 for an unknown editor or a name that is taken."""
    from api.auth import add_token, load_records, revoke_token, token_path
    from api.cli import EXIT_INPUT, settings_from_args

    path = token_path(settings_from_args(args))
    if args.action == "add":
        token = add_token(path, args.name)
        print(token)
        print(f"token for {args.name!r} created; it is shown only this once (stored hashed in {path})",
              file=sys.stderr)
        return 0
    if args.action == "list":
        for r in load_records(path):
            print(f"{r.name}\t{r.created}")
        return 0
    if not revoke_token(path, args.name):
        print(f"tifa: error: no token for editor {args.name!r}", file=sys.stderr)
        return EXIT_INPUT
    print(f"token of {args.name!r} revoked")
    return 0
