"""FastAPI dependency aliases: handlers receive the app's settings and store, never globals."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

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
    """The request body; 413 when it is larger than ``settings.max_body_bytes`` (checked while reading)."""
    limit = request.app.state.settings.max_body_bytes
    declared = request.headers.get("content-length", "")
    too_big = HTTPException(413, f"the request body is larger than the limit of {limit} bytes")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


BodyDep = Annotated[bytes, Depends(limited_body)]
