"""Shared fixtures: a real tifa server (uvicorn in a subprocess) on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_b282f04b1cfac299.txt"


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """A real ``oxigraph serve`` process (PyPI ``oxigraph``) on a free loopback port, for the remote store."""

    def __init__(self, location: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.query_url = self.url + "/query"
        self.update_url = self.url + "/update"
        self.location = location
        location.mkdir(parents=True, exist_ok=True)
        self.start()

    def start(self) -> None:
        """Start (or restart, after :meth:`stop`) the server on the same port and location."""
        exe = Path(sys.executable).with_name("oxigraph")
        self.proc = subprocess.Popen([str(exe), "serve", "--location", str(self.location),
                                      "--bind", f"127.0.0.1:{self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.query_url, params={"query": "ASK {}"}, timeout=2)
                return
            except httpx.HTTPError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"oxigraph serve exited with {self.proc.returncode}") from None
                time.sleep(0.1)
        raise RuntimeError("oxigraph serve did not start")

    def env(self) -> dict[str, str]:
        """Environment that points a tifa server at this Oxigraph."""
        return {"TIFA_STORE": "remote", "TIFA_QUERY_URL": self.query_url, "TIFA_UPDATE_URL": self.update_url}

    def stop(self, kill: bool = False) -> None:
        """Terminate the server (SIGKILL when ``kill``: the store vanishes without a goodbye)."""
        if self.proc.poll() is not None:
            return
        if kill:
            self.proc.kill()
        else:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class LiveServer:
    """A ``tifa serve`` process; ``url`` is its base URL."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None, args: list[str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        self.store_kind = "embedded"
        self.log = data_dir / "server.log"
        data_dir.mkdir(parents=True, exist_ok=True)
        full_env = {**os.environ, **(env or {})}
        self._logfh = open(self.log, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "--data-dir", str(data_dir), "serve", "--port", str(self.port),
             *(args or [])],
            cwd=ROOT, env=full_env, stdout=self._logfh, stderr=subprocess.STDOUT,
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = 120) -> None:
        """Block until /health answers (or fail with the server's log)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log.read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server not ready:\n{self.log.read_text(errors='replace')[-3000:]}")

    def stop(self, kill: bool = False) -> None:
        """Stop the process (SIGKILL when ``kill``)."""
        if self.proc.poll() is None:
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._logfh.close()


STORE_KINDS = ["embedded", pytest.param("remote", marks=pytest.mark.remote)]


@pytest.fixture(scope="session", params=STORE_KINDS)
def live_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One shared server built from graph/, once on the embedded store and once on a real Oxigraph server.

    Every test that uses it runs against both stores (select one with ``-m remote`` / ``-m "not remote"``).
    Read-only tests use this; tests that write start their own with ``make_server``.
    """
    oxigraph = OxigraphServer(tmp_path_factory.mktemp("oxigraph")) if request.param == "remote" else None
    server = LiveServer(tmp_path_factory.mktemp(f"live-{request.param}"), env=oxigraph.env() if oxigraph else None)
    server.store_kind = request.param
    yield server
    server.stop()
    if oxigraph:
        oxigraph.stop()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """A bare Oxigraph server shared by the store-level tests (each test uses its own graphs or clears them)."""
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-shared"))
    yield server
    server.stop()


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start extra servers with their own data folder and environment; all stopped at teardown."""
    started: list[LiveServer] = []

    oxigraphs: list[OxigraphServer] = []

    def start(env: dict[str, str] | None = None, args: list[str] | None = None,
              data_dir: Path | None = None, store: str = "embedded") -> LiveServer:
        env = dict(env or {})
        if store == "remote":
            oxigraphs.append(OxigraphServer(tmp_path / f"oxigraph-{len(oxigraphs)}"))
            env = {**oxigraphs[-1].env(), **env}
        server = LiveServer(data_dir or tmp_path / f"data-{len(started)}", env=env, args=args)
        server.store_kind = store
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
    for ox_server in oxigraphs:
        ox_server.stop()


@dataclass
class Canary:
    """A TCP listener on loopback that counts every connection: hostile input points here."""

    port: int
    connections: list[tuple[str, int]] = field(default_factory=list)

    def url(self, path: str = "/x") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def canary() -> Iterator[Canary]:
    """A fresh canary per test: hostile input points here, and nothing may ever connect."""
    sock = socket.create_server(("127.0.0.1", 0))
    sock.settimeout(0.1)
    found = Canary(sock.getsockname()[1])
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, peer = sock.accept()
            except OSError:
                continue
            found.connections.append(peer)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield found
    stop.set()
    thread.join()
    sock.close()
