"""``tifa serve``: run the HTTP service with uvicorn, in one process or in N worker processes."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``serve`` subcommand."""
    p = sub.add_parser("serve", help="serve the graph over HTTP")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: setting `workers`, 1); more than 1 needs store = 'remote'")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start uvicorn on the app built from the command's settings (exit 2 for a configuration it refuses)."""
    import uvicorn

    from api.app import create_app
    from api.cli import EXIT_INPUT, settings_from_args
    from api.workers import SETTINGS_ENV, prepare, refusal

    settings = settings_from_args(args)
    if args.workers is not None:
        settings = dataclasses.replace(settings, workers=args.workers)
    problem = refusal(settings, settings.workers)
    if problem:
        print(f"tifa: error: {problem}", file=sys.stderr)
        return EXIT_INPUT
    if settings.workers == 1:
        if settings.store == "embedded":
            from api.embedded_store import check_free

            check_free(settings)  # a second process on this data folder: a clear refusal, exit 2
        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
        return 0
    prepare(settings)  # once, before any worker exists: no concurrent rebuilds or replays
    os.environ[SETTINGS_ENV] = settings.to_json()  # inherited by the worker processes uvicorn spawns
    uvicorn.run("api.workers:worker_app", factory=True, workers=settings.workers, host=args.host,
                port=args.port, log_level="info")
    return 0
