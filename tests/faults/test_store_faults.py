"""Issue #10, Faults: the remote store going away (killed, hanging, cut mid-request) gives 503 with Retry-After
on every endpoint, changes nothing, and tifa recovers by itself when the store returns."""

from __future__ import annotations

import os
import signal
import threading
import uuid

import httpx
import pytest

from tests.editors.conftest import form
from tests.faults.conftest import Remote, quads, wait_for
from tests.test_validate_api import draft

pytestmark = pytest.mark.remote

DRAFT = draft("youyousuoyu", "xueyousuojiao")  # validated in the context of the store: it needs the store


def requests_of(remote: Remote) -> dict[str, dict[str, object]]:
    """One request per kind of endpoint (a fresh SPARQL text each time, so no cached answer can hide the fault)."""
    ask = f"ASK {{ ?s ?p \"{uuid.uuid4().hex}\" }}"
    return {
        "term page": {"method": "GET", "url": "/term/qiyou", "headers": {"Accept": "text/html"}},
        "term rdf": {"method": "GET", "url": "/term/qiyou", "headers": {"Accept": "text/turtle"}},
        "home page": {"method": "GET", "url": "/", "headers": {"Accept": "text/html"}},
        "record": {"method": "GET", "url": "/api/terms/qiyou"},
        "sparql": {"method": "GET", "url": "/sparql", "params": {"query": ask}},
        "sparql post": {"method": "POST", "url": "/sparql", "data": {"query": ask}},
        "write": {"method": "POST", "url": "/api/terms", "json": form("faultterm", "장애 용어", "故障术语"),
                  "headers": remote.auth()},
        "validate": {"method": "POST", "url": "/api/validate", "content": DRAFT,
                     "headers": {"Content-Type": "text/turtle"}},
        "export": {"method": "GET", "url": "/api/export", "params": {"format": "csv"}},
        "health": {"method": "GET", "url": "/health"},
    }


def send(remote: Remote, name: str, timeout: float = 60) -> httpx.Response:
    spec = dict(requests_of(remote)[name])
    return httpx.request(spec.pop("method"), remote.url + spec.pop("url"), timeout=timeout, **spec)  # type: ignore[arg-type]


def assert_unavailable(r: httpx.Response, name: str) -> None:
    """503, a Retry-After of whole seconds, and a message for the reader of this kind of response."""
    assert r.status_code == 503, (name, r.status_code, r.text[:500])
    assert r.headers.get("retry-after", "").isdigit(), (name, dict(r.headers))
    if r.headers["content-type"].startswith("text/html"):
        assert "<h1" in r.text and "503" in r.text, r.text[:500]
    elif name.startswith("sparql"):
        assert "store" in r.text
    else:
        assert "store" in r.json()["detail"], r.text


def assert_ok(r: httpx.Response, name: str) -> None:
    assert r.status_code in (200, 201), (name, r.status_code, r.text[:500])


ALL = ["term page", "term rdf", "record", "sparql", "sparql post", "write", "validate", "export",
       "health"]


def test_killed_store_gives_503_everywhere_and_recovers_on_the_same_port(remote_tifa) -> None:
    remote = remote_tifa()
    before = quads(remote.url)
    remote.oxigraph.stop(kill=True)
    for name in ALL:
        assert_unavailable(send(remote, name), name)
    # the in-memory lookup index keeps answering while the store is down (by design: it needs no store)
    lookup = httpx.get(remote.url + "/api/terms", params={"q": "七有"}, timeout=30)
    assert lookup.status_code == 200 and lookup.json()["results"][0]["id"] == "qiyou"
    assert httpx.post(remote.url + "/api/annotate", json={"text": "七有是民生目标"}, timeout=30).status_code == 200
    assert_ok(send(remote, "home page"), "home page")  # its counts come from the index too

    remote.oxigraph.start()  # same port, same location: tifa is not restarted
    for name in ALL:
        assert_ok(send(remote, name), name)
    # the write refused while the store was down changed nothing: the one accepted just now is the only one
    changes = httpx.get(remote.url + "/api/changes", timeout=30).json()["changes"]
    assert [(c["op"], c["slug"]) for c in changes] == [("create", "faultterm")]
    assert quads(remote.url) > before


def test_every_worker_follows_writes_again_after_the_store_returns(remote_tifa) -> None:
    """The index sync thread of each worker survives the outage: a write on one worker reaches the others."""
    remote = remote_tifa(args=["--workers", "2"])
    remote.oxigraph.stop(kill=True)
    assert_unavailable(send(remote, "health"), "health")
    for _ in range(20):  # both workers keep answering lookups from their index meanwhile
        assert httpx.get(remote.url + "/api/terms", params={"q": "七有"}, timeout=30).status_code == 200
    remote.oxigraph.start()
    wait_for(lambda: httpx.get(remote.url + "/health", timeout=30).status_code == 200)
    assert_ok(send(remote, "write"), "write")

    def everyone_finds_it() -> bool:
        found = [httpx.get(remote.url + "/api/terms", params={"q": "故障术语"}, timeout=30).json()["results"]
                 for _ in range(10)]  # connections spread over both workers
        return all(rows and rows[0]["id"] == "faultterm" for rows in found)

    wait_for(everyone_finds_it)


def test_hanging_store_gives_503_after_the_store_timeout_then_recovers(remote_tifa) -> None:
    remote = remote_tifa(env={"TIFA_STORE_TIMEOUT": "2", "TIFA_SPARQL_TIMEOUT": "2"})
    before = quads(remote.url)
    os.kill(remote.oxigraph.proc.pid, signal.SIGSTOP)
    try:
        for name in ("term page", "record", "sparql", "health"):
            # a bound well above the 2 s store timeout: the answer must come, not hang with the store
            assert_unavailable(send(remote, name, timeout=30), name)
    finally:
        os.kill(remote.oxigraph.proc.pid, signal.SIGCONT)
    for name in ("term page", "record", "sparql", "health"):
        assert_ok(send(remote, name), name)
    assert quads(remote.url) == before


def test_a_write_to_a_hanging_store_is_refused_and_never_appears_later(remote_tifa) -> None:
    """A timed-out update may still reach the store when it wakes up: the refused write must not surface."""
    remote = remote_tifa(env={"TIFA_STORE_TIMEOUT": "2"})
    before = quads(remote.url)
    os.kill(remote.oxigraph.proc.pid, signal.SIGSTOP)
    try:
        r = send(remote, "write", timeout=30)
    finally:
        os.kill(remote.oxigraph.proc.pid, signal.SIGCONT)
    assert_unavailable(r, "write")
    wait_for(lambda: httpx.get(remote.url + "/health", timeout=30).status_code == 200)
    assert httpx.get(remote.url + "/api/changes", timeout=30).json()["changes"] == []
    assert httpx.get(remote.url + "/api/terms/faultterm", timeout=30).status_code == 404
    assert quads(remote.url) == before
    assert_ok(send(remote, "write"), "write")  # and the same write goes through now


@pytest.mark.parametrize("name", ["term page", "record", "sparql", "write", "health"])
def test_store_cut_off_mid_request_gives_503_then_recovers(remote_tifa, name: str) -> None:
    remote = remote_tifa(proxy=True)
    proxy = remote.proxy
    assert proxy is not None
    before = quads(remote.url)
    proxy.stall()
    answer: dict[str, httpx.Response] = {}
    worker = threading.Thread(target=lambda: answer.setdefault("r", send(remote, name)))
    worker.start()
    wait_for(lambda: proxy.stalled_bytes > 0)  # tifa's request to the store is on the wire, unanswered
    proxy.cut()
    worker.join(timeout=60)
    assert_unavailable(answer["r"], name)
    proxy.restore()
    assert quads(remote.url) == before
    assert_ok(send(remote, name), name)


def test_an_update_that_gets_no_answer_stays_logged_and_lands_exactly_once(remote_tifa) -> None:
    """The ambiguous case: the update went out, no answer came (503), then the store applies it late.

    Aborting the change could not stop a store that wakes up, so the change stays in the log and is sent again in
    the background; the guarded update makes whichever copy arrives second a no-op.
    """
    remote = remote_tifa(proxy=True, proxy_reads=False, env={"TIFA_STORE_TIMEOUT": "2"})
    proxy = remote.proxy
    assert proxy is not None
    before = quads(remote.url)
    proxy.stall()  # only the update is held: the write's reads and validation go straight to the store
    r = send(remote, "write", timeout=30)
    assert_unavailable(r, "write")
    assert "change log" in r.json()["detail"] and "do not send it again" in r.json()["detail"]
    proxy.release()  # the held update reaches the store late …
    proxy.restore()  # … and the writer's resend gets through too
    wait_for(lambda: httpx.get(remote.url + "/api/terms/faultterm", timeout=30).status_code == 200)
    changes = httpx.get(remote.url + "/api/changes", timeout=30).json()["changes"]
    assert [(c["op"], c["slug"]) for c in changes] == [("create", "faultterm")]
    landed = quads(remote.url)
    assert landed > before
    assert send(remote, "write").status_code == 409  # the editor's retry finds the term: no second copy
    assert quads(remote.url) == landed
