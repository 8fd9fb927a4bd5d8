"""Liveness and a small status document."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep

router = APIRouter()


@router.get("/health", tags=["meta"])
def health(store: StoreDep) -> dict[str, object]:
    """Whether the service is up, and how many quads its store holds."""
    return {"status": "ok", "quads": store.triple_count()}
