"""FastAPI dependency aliases: handlers receive the app's settings and store, never globals."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.settings import Settings
from api.store import TermStore


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    return request.app.state.settings


def get_store(request: Request) -> TermStore:
    """The app's store."""
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[TermStore, Depends(get_store)]
