"""Issue #6 (Writes): a server killed with SIGKILL during a stream of writes loses no acknowledged write and
leaves no partial one; 8 concurrent editors writing 50 terms each lose nothing."""

from __future__ import annotations

import re
import threading
import time
from collections import defaultdict
from datetime import datetime

import httpx

from tests.conftest import LiveServer
from tests.editors.conftest import BASE, Editors, form

PREFIX = BASE + "term/"


def all_changes(url: str) -> list[dict]:
    out, since = [], 0
    while True:
        page = httpx.get(url + "/api/changes", params={"since": since, "limit": 1000}, timeout=60).json()
        out += page["changes"]
        if page["next"] is None:
            return out
        since = page["next"]


def _value(text: str) -> str:
    """Compare times by value: the store writes xsd:dateTime in its canonical form."""
    if re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)", text):
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    return text


def stored_triples(ed: Editors, slug_prefix: str) -> dict[str, set[str]]:
    """Every stored statement whose subject is a term IRI (or fragment) starting with the prefix, by slug."""
    q = (f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), \"{PREFIX}{slug_prefix}\")) "
         f"FILTER(!isBlank(?o)) }}")
    out: dict[str, set[str]] = defaultdict(set)
    for row in ed.sparql(q):
        slug = row["s"][len(PREFIX):].split("#", 1)[0]
        out[slug].add(f"{row['s']} {row['p']} {_value(row['o'])}")
    return out


def logged_triples(ntriples: str) -> set[str]:
    """The same view of a change's description (no blank nodes, plain values)."""
    out = set()
    for line in ntriples.splitlines():
        m = re.match(r'<([^>]+)> <([^>]+)> (.+) \.$', line)
        if not m or m.group(3).startswith("_:"):
            continue
        obj = m.group(3)
        if obj.startswith("<"):
            value = obj[1:-1]
        else:
            value = re.match(r'"((?:[^"\\]|\\.)*)"', obj).group(1).encode().decode("unicode_escape").encode(
                "latin-1").decode("utf-8")
        if not m.group(1).startswith("_:"):
            out.add(f"{m.group(1)} {m.group(2)} {_value(value)}")
    return out


def test_kill_9_during_a_stream_of_writes(editors) -> None:
    ed = editors()
    acked: set[str] = set()
    attempted: list[str] = []
    stop = threading.Event()

    def writer(worker: int) -> None:
        with httpx.Client(headers=ed.auth(), timeout=30) as client:
            for i in range(10_000):
                if stop.is_set():
                    return
                slug = f"crash-{worker}-{i}"
                attempted.append(slug)
                try:
                    r = client.post(ed.url + "/api/terms", json=form(slug, f"충돌 {worker} {i}", f"崩溃{worker}之{i}"))
                except httpx.HTTPError:
                    return  # the server died under this request: not acknowledged
                if r.status_code == 201:
                    acked.add(slug)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 120
    while len(acked) < 60 and time.monotonic() < deadline:
        time.sleep(0.01)
    ed.server.stop(kill=True)  # SIGKILL while writes are in flight
    stop.set()
    for t in threads:
        t.join()
    assert len(acked) >= 60
    restarted = Editors(LiveServer(ed.server.data_dir), ed.tokens)
    try:
        logged = {c["slug"]: c for c in all_changes(restarted.url)}
        stored = stored_triples(restarted, "crash-")
        assert acked <= set(logged), "an acknowledged write is missing from the change log"
        assert acked <= set(stored), "an acknowledged write is missing from the store"
        for slug in attempted:
            if slug in stored:  # wholly present: exactly what the log says the write was
                assert stored[slug] == logged_triples(logged[slug]["ntriples"]), slug
            else:
                assert slug not in acked and slug not in logged
        assert set(stored) == set(logged)
    finally:
        restarted.server.stop()


def test_eight_concurrent_editors_lose_nothing(editors) -> None:
    names = [f"editor{i}" for i in range(8)]
    ed = editors(*names)
    failures: list[str] = []

    def write_50(name: str) -> None:
        with httpx.Client(headers=ed.auth(name), timeout=120) as client:
            for i in range(50):
                slug = f"{name}-{i}"
                r = client.post(ed.url + "/api/terms", json=form(slug, f"{name} 용어 {i}", f"{name}术语{i}"))
                if r.status_code != 201:
                    failures.append(f"{slug}: {r.status_code} {r.text[:200]}")

    threads = [threading.Thread(target=write_50, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    rows = ed.sparql(f"SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ ?t a <https://w3id.org/tifa/ontology#Term> "
                     f"FILTER(STRSTARTS(STR(?t), \"{PREFIX}editor\")) }}")
    assert rows == [{"n": "400"}]
    changes = all_changes(ed.url)
    assert sorted(c["seq"] for c in changes) == list(range(1, 401))
    assert {c["editor"] for c in changes} == set(names)
