"""Explicit settings: defaults, then a TOML config file, then ``TIFA_*`` environment variables.

Settings are built once (``Settings.load()``) and passed down; nothing reads the
environment on the request path.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from api.vocab import DEFAULT_BASE

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Every knob of a tifa deployment (documented in the README's configuration table)."""

    base_uri: str = DEFAULT_BASE
    store: str = "embedded"  # "embedded" (pyoxigraph in data_dir) or "remote" (SPARQL 1.1 endpoint)
    data_dir: Path = Path("data")
    query_url: str = ""  # remote store: SPARQL 1.1 Query endpoint
    update_url: str = ""  # remote store: SPARQL 1.1 Update endpoint
    store_user: str = ""
    store_password: str = ""
    store_timeout: float = 30.0  # seconds for one request to the remote store (internal queries, loads)
    sparql_timeout: float = 10.0  # seconds a /sparql query may run
    sparql_max_rows: int = 10_000
    sparql_max_query_chars: int = 20_000
    sparql_workers: int = 2  # worker processes running /sparql queries on the embedded store
    sparql_cache_mb: int = 64  # answers kept per store version (0: no cache)
    max_body_bytes: int = 1_000_000
    workers: int = 1  # `tifa serve` worker processes (more than 1 needs store = "remote")
    index_poll_seconds: float = 0.3  # remote store: how often each worker checks the store version (0: never)
    project_root: Path = field(default=PROJECT_ROOT)

    @property
    def graph_dir(self) -> Path:
        return self.project_root / "graph"

    @property
    def ontology_dir(self) -> Path:
        return self.project_root / "ontology"

    @property
    def shapes_dir(self) -> Path:
        return self.project_root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.project_root / "queries"

    @classmethod
    def load(cls, config_file: Path | None = None, env: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Build settings from defaults, ``config_file`` (TOML, or ``TIFA_CONFIG``), ``TIFA_*`` env, then overrides."""
        env = dict(os.environ) if env is None else env
        values: dict[str, object] = {}
        path = config_file or (Path(env["TIFA_CONFIG"]) if env.get("TIFA_CONFIG") else None)
        if path is not None:
            with open(path, "rb") as fh:
                values.update(tomllib.load(fh))
        for f in fields(cls):
            key = f"TIFA_{f.name.upper()}"
            if key in env:
                values[f.name] = env[key]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls()._with(values)

    def to_json(self) -> str:
        """Every setting as JSON (handed to worker processes, which read it with :meth:`from_json`)."""
        return json.dumps({f.name: str(getattr(self, f.name)) for f in fields(self)})

    @classmethod
    def from_json(cls, text: str) -> Settings:
        """The settings written by :meth:`to_json`."""
        return cls()._with(json.loads(text))

    def _with(self, values: dict[str, object]) -> Settings:
        known = {f.name: f for f in fields(self)}
        typed: dict[str, object] = {}
        for name, raw in values.items():
            if name not in known:
                raise ValueError(f"unknown setting {name!r}")
            default = getattr(self, name)
            if isinstance(default, Path):
                typed[name] = Path(str(raw))
            elif isinstance(default, bool):
                typed[name] = str(raw).lower() in ("1", "true", "yes")
            elif isinstance(default, int):
                typed[name] = int(raw)  # type: ignore[call-overload]
            elif isinstance(default, float):
                typed[name] = float(raw)  # type: ignore[arg-type]
            else:
                typed[name] = str(raw)
        out = replace(self, **typed)  # type: ignore[arg-type]
        if not out.base_uri.endswith(("/", "#")):
            raise ValueError("base_uri must end with '/' or '#'")
        return out
