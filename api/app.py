"""The application factory: ``create_app(settings)`` opens the store once and mounts every router."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI

from api import errors
from api.body_limit import BodyLimitMiddleware
from api.lookup.store_index import refresh
from api.lookup.sync import load_lookup
from api.queries import load_queries
from api.routers import ROUTER_MODULES
from api.services.sparql_service import open_executor
from api.settings import Settings
from api.store import open_store
from api.strict_input import StrictUtf8Middleware
from api.term_writer import open_writer, refresh_lookup


def create_app(settings: Settings | None = None, prepared: bool = False) -> FastAPI:
    """Build the tifa service for ``settings`` (default: ``Settings.load()``).

    ``prepared``: a worker of ``tifa serve --workers N`` whose parent already built the store,
    replayed the change log and saved the lookup index (:func:`api.workers.prepare`).
    """
    settings = settings or Settings.load()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store(settings, load=not prepared)
        # replays logged writes the store lacks (after a crash or a rebuild from graph/)
        app.state.writer = open_writer(settings, app.state.store, partial(refresh_lookup, app.state),
                                       recover=not prepared)
        app.state.sparql = open_executor(app.state.store, settings)
        sync = load_lookup(app.state, settings)
        app.state.refresh_lookup = lambda slugs: refresh(app.state.lookup, app.state.store, app.state.queries, slugs)
        try:
            yield
        finally:
            if sync is not None:
                sync.stop()
            app.state.writer.close()
            app.state.sparql.close()
            app.state.store.close()

    app = FastAPI(title="tifa", version="1.0", lifespan=lifespan,
                  description="Korean ↔ Chinese terminology knowledge graph of Chinese policy formulations (提法).")
    app.state.settings = settings
    app.state.queries = load_queries(settings.queries_dir)
    errors.install(app)
    # added last = outermost: the size limit applies before anything (the UTF-8 check included) reads the body
    app.add_middleware(StrictUtf8Middleware)
    app.add_middleware(BodyLimitMiddleware)
    for name in ROUTER_MODULES:
        app.include_router(importlib.import_module(name).router)
    return app
