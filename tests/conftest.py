"""Shared fixtures: a real tifa server (uvicorn in a subprocess) on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
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


class LiveServer:
    """A ``tifa serve`` process; ``url`` is its base URL."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None, args: list[str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
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


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One shared server on the embedded store built from graph/ (read-only tests use this)."""
    server = LiveServer(tmp_path_factory.mktemp("live-data"))
    yield server
    server.stop()


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start extra servers with their own data folder and environment; all stopped at teardown."""
    started: list[LiveServer] = []

    def start(env: dict[str, str] | None = None, args: list[str] | None = None,
              data_dir: Path | None = None) -> LiveServer:
        server = LiveServer(data_dir or tmp_path / f"data-{len(started)}", env=env, args=args)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
