"""Hostile-input suite (issue #10): one server with an editor token per store kind, a canary listener, and an
autouse guard that every test ends with the store unchanged and no connection made to the canary."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.conftest import STORE_KINDS, Canary, LiveServer, OxigraphServer
from tests.editors.conftest import add_token

META = "https://w3id.org/tifa/graph/meta"
VERSION = ("SELECT ?v WHERE { GRAPH ?g { ?g <https://w3id.org/tifa/ontology#storeVersion> ?v } }")


@dataclass
class Target:
    """The server under attack and an editor token (writes must be refused for the input, not for auth)."""

    server: LiveServer
    token: str

    @property
    def url(self) -> str:
        return self.server.url

    def auth(self, **headers: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **headers}

    def state(self) -> tuple[int, str, int]:
        """(triples, store version, accepted changes): what no refused request may move."""
        quads = httpx.get(self.url + "/health", timeout=60).json()["quads"]
        r = httpx.get(self.url + "/sparql", params={"query": VERSION, "named-graph-uri": META},
                      headers={"Cache-Control": "no-cache"}, timeout=60)
        versions = [b["v"]["value"] for b in r.json()["results"]["bindings"]]
        changes = httpx.get(self.url + "/api/changes", timeout=60).json()["last"]
        return quads, ",".join(sorted(versions)), changes


@pytest.fixture(scope="session", params=STORE_KINDS)
def target(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    """A live tifa server with editor ``alice``, once on the embedded store and once on a real Oxigraph."""
    oxigraph = OxigraphServer(tmp_path_factory.mktemp("sec-oxigraph")) if request.param == "remote" else None
    data = tmp_path_factory.mktemp(f"sec-{request.param}")
    token = add_token(data, "alice")
    server = LiveServer(data, env=oxigraph.env() if oxigraph else None)
    server.store_kind = request.param
    yield Target(server, token)
    server.stop()
    if oxigraph:
        oxigraph.stop()


@pytest.fixture(autouse=True)
def nothing_changed_nothing_fetched(request: pytest.FixtureRequest, canary: Canary) -> Iterator[None]:
    """Every hostile request leaves the store as it was and connects nowhere."""
    target = request.getfixturevalue("target") if "target" in request.fixturenames else None
    before = target.state() if target else None
    yield
    assert canary.connections == [], "the server connected to the canary"
    if target is not None:
        assert target.state() == before, "a refused request changed the store"


def send_rdf(target: Target, endpoint: str, body: str | bytes, ctype: str) -> httpx.Response:
    """POST to /api/validate, POST /api/terms (create) or PUT /api/terms/qiyou (replace) with an RDF body."""
    headers = {"Content-Type": ctype}
    if endpoint == "validate":
        return httpx.post(target.url + "/api/validate", content=body, headers=headers, timeout=60)
    if endpoint == "create":
        return httpx.post(target.url + "/api/terms", content=body, headers=target.auth(**headers), timeout=60)
    return httpx.put(target.url + "/api/terms/qiyou", content=body, headers=target.auth(**headers, **{"If-Match": "*"}),
                     timeout=60)


def assert_refused(r: httpx.Response, status: int | tuple[int, ...], *words: str) -> None:
    """A 4xx with the expected status and a message containing ``words`` (never a 5xx, never a bare status)."""
    allowed = (status,) if isinstance(status, int) else status
    assert r.status_code in allowed, (r.status_code, r.text[:300])
    assert r.text.strip(), "a refusal must say why"
    for word in words:
        assert word.lower() in r.text.lower(), (word, r.text[:300])


def raw_http(url: str, request: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    """Send bytes as they are (no client normalises ``..`` or refuses CR/LF); status, headers and body."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = [(k.strip().lower(), v.strip()) for k, _, v in (ln.partition(":") for ln in lines[1:])]
    return int(lines[0].split()[1]), headers, body


