"""Servers with editor tokens: tokens are created with the real CLI (``tifa token add``) in the server's
data folder before it starts, exactly as an operator would."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, LiveServer

BASE = "https://w3id.org/tifa/"
TIFA = "https://w3id.org/tifa/ontology#"


def tifa_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``tifa --data-dir DATA ARGS…`` in a subprocess."""
    return subprocess.run([sys.executable, "-m", "api.cli", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def add_token(data_dir: Path, name: str) -> str:
    """Create a token for ``name`` with the CLI; return it (the first line of its output)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    done = tifa_cli(data_dir, "token", "add", name)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[0]


@dataclass
class Editors:
    """A live server and the tokens of its editors."""

    server: LiveServer
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.server.url

    def auth(self, name: str = "alice") -> dict[str, str]:
        """The Authorization header of editor ``name``."""
        return {"Authorization": f"Bearer {self.tokens[name]}"}

    def post(self, body: object, name: str = "alice", **kw: object) -> httpx.Response:
        """POST a JSON form to /api/terms as ``name``."""
        return httpx.post(self.url + "/api/terms", json=body, headers=self.auth(name), timeout=60, **kw)

    def sparql(self, query: str) -> list[dict[str, str]]:
        """SELECT over /sparql; rows of plain values."""
        r = httpx.post(self.url + "/sparql", data={"query": query},
                       headers={"Accept": "application/sparql-results+json"}, timeout=60)
        assert r.status_code == 200, r.text
        return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]

    def describe(self, slug: str) -> set[str]:
        """The term's description (N-Triples lines with blank nodes blanked) through the named query."""
        r = httpx.get(self.url + "/api/queries/describe_term", params={"term": BASE + "term/" + slug},
                      headers={"Accept": "application/n-triples"}, timeout=60)
        assert r.status_code == 200, r.text
        return {_blank(line) for line in r.text.splitlines() if line.strip()}


def _blank(line: str) -> str:
    import re

    return re.sub(r"_:\S+", "_:b", line.strip())


def form(slug: str, ko: str, zh: str, **extra: object) -> dict[str, object]:
    """A valid term form (both definitions and a topic, so no Warnings)."""
    return {"slug": slug, "ko": ko, "zh": zh, "definition_ko": f"{ko}의 정의", "definition_zh": f"{zh}的定义",
            "topics": ["s01"], **extra}


@pytest.fixture
def editors(make_server: Callable[..., LiveServer], tmp_path: Path) -> Callable[..., Editors]:
    """Start a server whose data folder has tokens for the given editors (default: alice)."""

    def start(*names: str, env: dict[str, str] | None = None, data_dir: Path | None = None) -> Editors:
        data = data_dir or tmp_path / f"editors-{len(list(tmp_path.glob('editors-*')))}"
        tokens = {n: add_token(data, n) for n in (names or ("alice",))}
        return Editors(make_server(env=env, data_dir=data), tokens)

    return start
