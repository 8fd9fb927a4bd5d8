"""Several worker processes for ``tifa serve --workers N`` on a shared SPARQL server.

The parent does the one-time work once (:func:`prepare`): it opens the store and builds it from
``graph/`` when the sources changed, replays change-log entries the store lacks, and builds and
saves the lookup index in the data folder. Then uvicorn starts N workers, each created by
:func:`worker_app` from the parent's resolved settings (passed as JSON in an environment variable):
each opens the store without loading, loads the saved index and keeps it current with
:mod:`api.lookup.sync`. Writes from all workers are serialised by the lock of :mod:`api.term_writer`.
"""

from __future__ import annotations

import logging
import os

from fastapi import FastAPI

from api.settings import Settings

SETTINGS_ENV = "TIFA_WORKER_SETTINGS"
log = logging.getLogger(__name__)


def refusal(settings: Settings, workers: int) -> str | None:
    """Why ``workers`` processes cannot serve ``settings`` (None when they can)."""
    if workers > 1 and settings.store == "embedded":
        return (f"--workers {workers} needs a SPARQL server: the embedded store in {settings.data_dir} has one "
                "writer process. Run the graph on a server (e.g. `oxigraph serve`) and set store = 'remote' "
                "with TIFA_QUERY_URL and TIFA_UPDATE_URL (README, Deployment), or serve with one worker.")
    if workers < 1:
        return f"--workers must be at least 1, not {workers}"
    return None


def prepare(settings: Settings) -> None:
    """The one-time start-up work for N workers: build the store if needed, replay the log, save the index."""
    from api.lookup.store_index import cache_path, load_or_build
    from api.queries import load_queries
    from api.store import open_store
    from api.term_writer import open_writer

    store = open_store(settings)
    try:
        writer = open_writer(settings, store)
        writer.close()
        if not cache_path(store, settings).exists():
            load_or_build(store, settings, load_queries(settings.queries_dir))
    finally:
        store.close()


def worker_app() -> FastAPI:
    """The app of one worker process (a uvicorn factory): settings from the parent, work already done."""
    from api.app import create_app

    return create_app(Settings.from_json(os.environ[SETTINGS_ENV]), prepared=True)
