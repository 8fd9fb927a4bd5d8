"""FastAPI dependency aliases: handlers receive the app's settings and store, never globals."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.lookup.index import LookupIndex
from api.settings import Settings
from api.store import TermStore

# The getters are ``async``: they only read app.state, and FastAPI runs a plain ``def`` dependency in its
# thread pool — a thread hop per dependency per request (a third of /sparql's throughput on a cache hit).


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    return request.app.state.settings


async def get_store(request: Request) -> TermStore:
    """The app's store."""
    return request.app.state.store


async def get_lookup(request: Request) -> LookupIndex:
    """The app's lookup index (built in the lifespan; editors' writes update it)."""
    return request.app.state.lookup


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[TermStore, Depends(get_store)]
LookupDep = Annotated[LookupIndex, Depends(get_lookup)]


async def limited_body(request: Request) -> bytes:
    """The request body, at most ``settings.max_body_bytes`` (:mod:`api.body_limit` answers 413 past it)."""
    return await request.body()


BodyDep = Annotated[bytes, Depends(limited_body)]
