"""100 MB bodies on every endpoint that takes a body: 413 as soon as the limit is passed — chunked, with an
honest Content-Length, or with a lying one — and the server never holds the body in memory."""

from __future__ import annotations

import select
import socket
from pathlib import Path

import pytest

from tests.security.conftest import Target

TOTAL = 100 * 1024 * 1024
CHUNK = b"x" * 65536
ENDPOINTS = [
    ("POST", "/api/terms", "application/json", True),
    ("PUT", "/api/terms/qiyou", "text/turtle", True),
    ("POST", "/api/validate", "text/turtle", False),
    ("POST", "/api/annotate", "text/plain", False),
    ("POST", "/api/extract", "text/plain", False),
    ("POST", "/sparql", "application/sparql-query", False),
    ("POST", "/sparql", "application/x-www-form-urlencoded", False),
    ("POST", "/annotate", "application/x-www-form-urlencoded", False),
    ("POST", "/validate", "multipart/form-data; boundary=b", False),
]

PREFIX = {"multipart/form-data; boundary=b": b'--b\r\nContent-Disposition: form-data; name="draft"\r\n\r\n'}


def rss_kb(pid: int) -> int:
    """Resident memory of the server process."""
    line = next(ln for ln in Path(f"/proc/{pid}/status").read_text().splitlines() if ln.startswith("VmRSS:"))
    return int(line.split()[1])


def upload(target: Target, method: str, path: str, ctype: str, auth: bool, mode: str) -> tuple[int, bytes, int]:
    """Send up to 100 MB, reading the answer as soon as one arrives; (status, body, bytes of body sent)."""
    host, port = target.url.removeprefix("http://").split(":")
    head = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Content-Type: {ctype}", "Connection: close"]
    if auth:
        head.append(f"Authorization: Bearer {target.token}")
    head.append("Transfer-Encoding: chunked" if mode == "chunked" else
                f"Content-Length: {TOTAL if mode == 'declared' else 64}")  # "lying": 64 declared, 100 MB sent
    sent = 0
    first = PREFIX.get(ctype, b"")
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        if first:  # a well-formed start, so that only the size can be wrong
            sock.sendall(b"%x\r\n%s\r\n" % (len(first), first) if mode == "chunked" else first)
        while sent < TOTAL:
            if select.select([sock], [], [], 0)[0]:
                break  # the server has answered: stop sending
            piece = b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK) if mode == "chunked" else CHUNK
            try:
                sock.sendall(piece)
            except OSError:  # the server closed the connection after answering
                break
            sent += len(CHUNK)
        data = b""
        try:
            while chunk := sock.recv(65536):
                data += chunk
        except OSError:
            pass
    head_text, _, body = data.partition(b"\r\n\r\n")
    return int(head_text.split()[1]), body, sent


@pytest.mark.parametrize("mode", ["chunked", "declared", "lying"])
@pytest.mark.parametrize(("method", "path", "ctype", "auth"), ENDPOINTS,
                         ids=[f"{m} {p} {c.split(';')[0]}" for m, p, c, _ in ENDPOINTS])
def test_100_mb_body_is_413_early(target: Target, method: str, path: str, ctype: str, auth: bool, mode: str) -> None:
    before = rss_kb(target.server.proc.pid)
    status, body, sent = upload(target, method, path, ctype, auth, mode)
    if mode == "lying":
        # only the 64 declared bytes are the body (whatever they make, never a 5xx); the rest is junk the
        # server must not gather as a body
        assert status < 500, body[:300]
    else:
        assert status == 413, body[:300]
        assert b"1000000" in body  # the message (JSON, text or the error page) names the limit
        assert sent < TOTAL // 2, "the server read the whole body before answering"
    assert rss_kb(target.server.proc.pid) - before < 50_000, "the body was held in memory"
