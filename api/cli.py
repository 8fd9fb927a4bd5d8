"""The ``tifa`` command. Each subcommand lives in ``api/commands/<name>.py`` with a ``register`` function.

Exit codes (also in the README): 0 success / conforms, 1 violations found,
2 input or usage error, 3 internal error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from api.settings import Settings

COMMAND_MODULES = (
    "api.commands.serve",
    "api.commands.fmt",
    "api.commands.validate",
    "api.commands.enrich",
    "api.commands.stats",
    "api.commands.export",
    "api.commands.importer",
    "api.commands.token",
    "api.commands.replay",
    "api.commands.lookup",
    "api.commands.annotate",
    "api.commands.extract",
)

EXIT_OK, EXIT_VIOLATIONS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(prog="tifa", description="Korean ↔ Chinese policy terminology graph.")
    parser.add_argument("--data-dir", help="data folder (store, caches); default $TIFA_DATA_DIR or ./data")
    parser.add_argument("--config", help="TOML config file; default $TIFA_CONFIG")
    parser.add_argument("--base-uri", help="base URI of term IRIs")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from config file and environment, overridden by global options."""
    from pathlib import Path

    return Settings.load(
        config_file=Path(args.config) if args.config else None,
        data_dir=args.data_dir, base_uri=args.base_uri,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tifa`` console command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (OSError, ValueError) as exc:
        print(f"tifa: error: {exc}", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
