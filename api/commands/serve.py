"""``tifa serve``: run the HTTP service with uvicorn."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``serve`` subcommand."""
    p = sub.add_parser("serve", help="serve the graph over HTTP")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start uvicorn on the app built from the command's settings."""
    import uvicorn

    from api.app import create_app
    from api.cli import settings_from_args

    app = create_app(settings_from_args(args))
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
