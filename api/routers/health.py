"""Liveness and a small status document."""

from __future__ import annotations

import os

from fastapi import APIRouter, Request

from api.deps import StoreDep

router = APIRouter()


@router.get("/health", tags=["meta"])
def health(request: Request, store: StoreDep) -> dict[str, object]:
    """Whether the service is up, how many quads its store holds, the store version and which worker answered."""
    version = store.version()
    # counting every quad takes ~1 s at 10k terms: counted once per store version, not per health check
    counted = getattr(request.app.state, "health_quads", None)
    if counted is None or counted[0] != version:
        counted = request.app.state.health_quads = (version, store.triple_count())
    return {"status": "ok", "quads": counted[1], "version": version, "pid": os.getpid()}
