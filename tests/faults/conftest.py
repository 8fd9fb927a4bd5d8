"""Fault fixtures: tifa on a real ``oxigraph serve`` that the tests kill, pause or cut off, and a switchable proxy."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import LiveServer, OxigraphServer, free_port
from tests.editors.conftest import add_token


class StoreProxy:
    """A TCP proxy between tifa and Oxigraph that a test can switch, to cut the store off *during* a request.

    ``pass`` forwards bytes both ways; ``stall`` accepts connections and reads the request but never
    forwards it (tifa waits for an answer); :meth:`cut` then closes every connection, so the store goes
    away while tifa is mid-request, and refuses new ones until :meth:`restore`.
    """

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.port = free_port()
        self.mode = "pass"
        self.stalled_bytes = 0  # request bytes received on stalled connections
        self._socks: list[socket.socket] = []
        self._held: list[bytes] = []
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", self.port))
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _track(self, *socks: socket.socket) -> None:
        with self._lock:
            self._socks.extend(socks)

    def _accept(self) -> None:
        self._server.settimeout(0.2)
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                continue
            if self.mode == "cut":
                client.close()
                continue
            self._track(client)
            if self.mode == "stall":
                threading.Thread(target=self._swallow, args=(client,), daemon=True).start()
                continue
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            self._track(upstream)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _swallow(self, sock: socket.socket) -> None:
        held = bytearray()
        while True:
            try:
                data = sock.recv(65536)
            except OSError:
                break
            if not data:
                break
            held += data
            self.stalled_bytes += len(data)
        with self._lock:
            self._held.append(bytes(held))

    def release(self) -> None:
        """Deliver the requests held while stalled, late (as a store that wakes up reads its socket buffer)."""
        with self._lock:
            held, self._held = self._held, []
        for data in held:
            with socket.create_connection(self.target) as upstream:
                upstream.sendall(data)
                while upstream.recv(65536):
                    pass

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        while True:
            try:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
            except OSError:
                break
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> None:
        """Close every open connection (an RST-free FIN, as a crashed peer's kernel sends) and refuse new ones."""
        self.mode = "cut"
        with self._lock:
            socks, self._socks = self._socks, []
        for s in socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def stall(self) -> None:
        """Hold new requests without answering (old pooled connections are closed so tifa reconnects)."""
        self.cut()
        self.stalled_bytes = 0
        self.mode = "stall"

    def restore(self) -> None:
        """Forward again."""
        self.mode = "pass"

    def close(self) -> None:
        self.cut()
        self._stop.set()
        self._server.close()


@dataclass
class Remote:
    """A tifa server on a real Oxigraph (directly or through a proxy) with an editor token."""

    server: LiveServer
    oxigraph: OxigraphServer
    token: str
    proxy: StoreProxy | None = None

    @property
    def url(self) -> str:
        return self.server.url

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def remote_tifa(tmp_path: Path) -> Iterator[Callable[..., Remote]]:
    """Start tifa on its own Oxigraph; all stopped at teardown.

    ``proxy=True`` puts a :class:`StoreProxy` in front of updates and (``proxy_reads``) queries.
    """
    started: list[Remote] = []

    def start(proxy: bool = False, env: dict[str, str] | None = None, proxy_reads: bool = True,
              args: list[str] | None = None) -> Remote:
        oxigraph = OxigraphServer(tmp_path / f"oxigraph-{len(started)}")
        data = tmp_path / f"data-{len(started)}"
        token = add_token(data, "alice")
        store_env = oxigraph.env()
        the_proxy = None
        if proxy:
            the_proxy = StoreProxy(oxigraph.port)
            store_env["TIFA_UPDATE_URL"] = the_proxy.url("/update")
            if proxy_reads:
                store_env["TIFA_QUERY_URL"] = the_proxy.url("/query")
        remote = Remote(LiveServer(data, env={**store_env, **(env or {})}, args=args), oxigraph, token, the_proxy)
        started.append(remote)
        return remote

    yield start
    for remote in started:
        remote.server.stop()
        if remote.proxy is not None:
            remote.proxy.close()
        remote.oxigraph.stop()


def wait_for(predicate: Callable[[], bool], timeout: float = 30) -> None:
    """Poll ``predicate`` until true (a readiness wait, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.05)


def quads(url: str) -> int:
    """The store's triple count as /health reports it."""
    r = httpx.get(url + "/health", timeout=30)
    assert r.status_code == 200, r.text
    return int(r.json()["quads"])
