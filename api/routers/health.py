"""Liveness and a small status document."""

from __future__ import annotations

import os

from fastapi import APIRouter

from api.deps import StoreDep

router = APIRouter()


@router.get("/health", tags=["meta"])
def health(store: StoreDep) -> dict[str, object]:
    """Whether the service is up, how many quads its store holds, the store version and which worker answered."""
    return {"status": "ok", "quads": store.triple_count(), "version": store.version(), "pid": os.getpid()}
