"""Issue #10 (Scale out): `tifa serve --workers 3` on a real `oxigraph serve`.

Every worker answers lookups from its own index; a write accepted by one worker is found by lookups on
every worker within one second; concurrent editors' writes through different workers all land, and the
shared change log keeps unique, contiguous sequence numbers.
"""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
import pytest

from tests.conftest import LiveServer, OxigraphServer
from tests.editors.conftest import BASE, add_token, form

pytestmark = pytest.mark.remote

WORKERS = 3
LOOKUPS = 40  # fresh connections per round: the kernel hands them to the workers it likes
EDITORS = ("alice", "bob", "carol", "dave")
CJK = "东南西北春夏秋冬金木水火土山川"  # no numerals: a numeral in a label needs a numeral group (rule N07)
HANGUL = "가나다라마바사아자차카타파하소"


class Workers:
    """The running workers, their data folder and the editors' tokens."""

    def __init__(self, server: LiveServer, tokens: dict[str, str]) -> None:
        self.server, self.tokens = server, tokens
        self.url = server.url

    def auth(self, name: str = "alice") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}


@pytest.fixture(scope="module")
def workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workers]:
    """Oxigraph plus `tifa serve --workers 3`; editors' tokens made with the CLI before the start."""
    oxigraph = OxigraphServer(tmp_path_factory.mktemp("oxigraph"))
    data = tmp_path_factory.mktemp("workers")
    tokens = {name: add_token(data, name) for name in EDITORS}
    server = LiveServer(data, env={**oxigraph.env(), "TIFA_INDEX_POLL_SECONDS": "0.25"},
                        args=["--workers", str(WORKERS)])
    try:
        yield Workers(server, tokens)
    finally:
        server.stop()
        oxigraph.stop()


def fresh_get(url: str, **params: str) -> tuple[int, dict]:
    """One GET on a new connection (so successive requests can reach different workers): status, JSON body.

    http.client, not a new httpx.Client per request: that builds an SSL context each time (~20 ms).
    """
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", parts.path + ("?" + urlencode(params) if params else ""))
        r = conn.getresponse()
        return r.status, json.loads(r.read())
    finally:
        conn.close()


def found(url: str, q: str, slug: str) -> bool:
    """Whether a lookup of ``q`` lists the term ``slug``."""
    status, body = fresh_get(url + "/api/terms", q=q)
    assert status == 200, body
    return any(hit["id"] == slug for hit in body["results"])


def every_worker_within_a_second(check: Callable[[], bool], since: float) -> int:
    """Rounds of LOOKUPS fresh-connection checks until one round passes entirely; that round must end within
    one second of ``since``. Returns the number of rounds."""
    rounds = 0
    with ThreadPoolExecutor(4) as pool:
        while True:
            rounds += 1
            results = list(pool.map(lambda _: check(), range(LOOKUPS)))
            done = time.monotonic()
            if all(results):
                assert done - since <= 1.0, f"all {LOOKUPS} lookups agreed only {done - since:.2f}s after the write"
                return rounds
            assert done - since <= 1.0, f"after {done - since:.2f}s, {results.count(False)}/{LOOKUPS} still miss it"


def test_several_workers_answer(workers: Workers) -> None:
    pids: set[int] = set()
    deadline = time.monotonic() + 60
    while len(pids) < WORKERS and time.monotonic() < deadline:
        status, body = fresh_get(workers.url + "/health")
        assert body["status"] == "ok"
        pids.add(body["pid"])
    assert len(pids) == WORKERS, pids
    assert workers.server.proc.pid not in pids  # the parent only supervises


def test_created_term_is_found_on_every_worker_within_a_second(workers: Workers) -> None:
    assert not found(workers.url, "확장 시험어", "kuozhan-shiyan")
    r = httpx.post(workers.url + "/api/terms", json=form("kuozhan-shiyan", "확장 시험어", "扩容试验词"),
                   headers=workers.auth(), timeout=60)
    written = time.monotonic()
    assert r.status_code == 201, r.text
    every_worker_within_a_second(lambda: found(workers.url, "확장 시험어", "kuozhan-shiyan"), written)
    every_worker_within_a_second(lambda: found(workers.url, "扩容试验词", "kuozhan-shiyan"), written)


def test_replaced_label_is_found_on_every_worker_within_a_second(workers: Workers) -> None:
    r = httpx.post(workers.url + "/api/terms", json=form("gaiming-ce", "개명 전 용어", "改名前词"),
                   headers=workers.auth("bob"), timeout=60)
    assert r.status_code == 201, r.text
    every_worker_within_a_second(lambda: found(workers.url, "개명 전 용어", "gaiming-ce"), time.monotonic())
    r = httpx.put(workers.url + "/api/terms/gaiming-ce", json=form("gaiming-ce", "개명 후 용어", "改名后词"),
                  headers={**workers.auth("bob"), "If-Match": r.headers["etag"]}, timeout=60)
    written = time.monotonic()
    assert r.status_code == 200, r.text
    every_worker_within_a_second(lambda: found(workers.url, "개명 후 용어", "gaiming-ce")
                                 and not found(workers.url, "개명 전 용어", "gaiming-ce"), written)


def changes(url: str) -> dict:
    status, body = fresh_get(url + "/api/changes", limit="1000")
    assert status == 200, body
    return body


def test_concurrent_editors_through_the_workers(workers: Workers) -> None:
    before = changes(workers.url)["last"]

    def write(editor: int) -> list[str]:
        accepted = []
        with httpx.Client(timeout=120) as client:  # one connection per editor: each sticks to some worker
            for i in range(10):
                slug = f"bingfa-{editor}-{i}"
                body = form(slug, f"병행 {HANGUL[editor]}{HANGUL[i]}", f"并发{CJK[editor]}{CJK[i]}")
                r = client.post(workers.url + "/api/terms", json=body, headers=workers.auth(EDITORS[editor]))
                assert r.status_code == 201, r.text
                accepted.append(slug)
        return accepted

    with ThreadPoolExecutor(len(EDITORS)) as pool:
        accepted = [slug for slugs in pool.map(write, range(len(EDITORS))) for slug in slugs]
    assert len(accepted) == 40

    q = (f'SELECT ?s WHERE {{ ?s a <https://w3id.org/tifa/ontology#Term> '
         f'FILTER(STRSTARTS(STR(?s), "{BASE}term/bingfa-")) }}')
    r = httpx.post(workers.url + "/sparql", data={"query": q}, headers={"Accept": "application/sparql-results+json"},
                   timeout=60)
    stored = {b["s"]["value"].rsplit("/", 1)[1] for b in r.json()["results"]["bindings"]}
    assert stored == set(accepted)

    log = Path(workers.server.data_dir) / "changes" / "log.jsonl"
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    seqs = [obj["seq"] for obj in lines if "seq" in obj]
    assert seqs == list(range(1, len(seqs) + 1))  # unique and contiguous, in file order
    assert not [obj for obj in lines if "abort" in obj]
    ours = [obj["slug"] for obj in lines if obj.get("slug", "").startswith("bingfa-")]
    assert sorted(ours) == sorted(accepted)

    # every worker's view of the shared log is current
    for _ in range(LOOKUPS):
        page = changes(workers.url)
        assert page["last"] == before + 40
        assert [c["seq"] for c in page["changes"]] == list(range(1, before + 41))
