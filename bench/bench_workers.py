"""Scale out (issue #10): how fast a write reaches the lookups of every worker, and what the polling costs.

Starts a real ``oxigraph serve`` and ``tifa serve --workers N`` on the real graph, then for each of
``--writes`` new terms: POST it through the server, and for ``--window`` seconds look it up on fresh
connections (which the kernel spreads over the workers). The *propagation time* of a write is when the
last lookup that missed it was answered: from then on every lookup found it. Target: under 1 s.

Also prints the cost of the check each worker makes every ``index_poll_seconds``: one
``TermStore.version()`` query against the server.

    python -m bench.bench_workers                       # 4 workers, 20 writes
    python -m bench.bench_workers --workers 2 --writes 5
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from api.auth import add_token, token_path
from api.settings import PROJECT_ROOT, Settings
from api.store import open_store

TARGET_S = 1.0
SYLLABLES = "가나다라마바사아자차카타파하"
HANZI = "东南西北春夏秋冬金木水火土"  # no numerals (a numeral in a label needs a numeral group)


def found(url: str, q: str, slug: str) -> bool:
    """One lookup on a new connection; whether it lists ``slug``."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", "/api/terms?" + urlencode({"q": q}))
        body = json.loads(conn.getresponse().read())
    finally:
        conn.close()
    return any(hit["id"] == slug for hit in body["results"])


def propagation(url: str, auth: dict[str, str], i: int, window: float) -> tuple[float, int]:
    """Write term ``i``; return (seconds until the last miss, lookups made)."""
    import httpx

    a, b = divmod(i, len(SYLLABLES))
    slug, ko, zh = f"bench-worker-{i}", f"작업자 {SYLLABLES[a]}{SYLLABLES[b]}", f"工作{HANZI[a % 13]}{HANZI[b % 13]}进程"
    body = {"slug": slug, "ko": ko, "zh": zh, "definition_ko": "정의", "definition_zh": "定义", "topics": ["s01"]}
    r = httpx.post(url + "/api/terms", json=body, headers=auth, timeout=60)
    written = time.monotonic()
    if r.status_code != 201:
        raise RuntimeError(f"write refused: {r.status_code} {r.text[:300]}")
    last_miss, lookups = 0.0, 0
    while time.monotonic() - written < window:
        ok = found(url, ko, slug)
        lookups += 1
        if not ok:
            last_miss = time.monotonic() - written
    return last_miss, lookups


def poll_cost(settings: Settings, n: int = 200) -> float:
    """Median seconds of one ``version()`` query on the remote store."""
    store = open_store(settings, load=False)
    try:
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            store.version()
            times.append(time.perf_counter() - t0)
    finally:
        store.close()
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Run the measurement and print the figures."""
    from tests.conftest import LiveServer, OxigraphServer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--writes", type=int, default=20)
    parser.add_argument("--window", type=float, default=1.5, help="seconds of lookups after each write")
    args = parser.parse_args(argv)
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    print(f"bench_workers at {rev.stdout.strip()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        oxigraph = OxigraphServer(Path(tmp) / "oxigraph")
        data = Path(tmp) / "data"
        data.mkdir()
        token = add_token(token_path(Settings(data_dir=data)), "bench")
        t0 = time.monotonic()
        server = LiveServer(data, env=oxigraph.env(), args=["--workers", str(args.workers)])
        started = time.monotonic() - t0
        try:
            auth = {"Authorization": f"Bearer {token}"}
            results = [propagation(server.url, auth, i, args.window) for i in range(args.writes)]
            settings = Settings(store="remote", query_url=oxigraph.query_url, update_url=oxigraph.update_url,
                                data_dir=data)
            cost = poll_cost(settings)
            poll = settings.index_poll_seconds
        finally:
            server.stop()
            oxigraph.stop()
    delays = sorted(d for d, _ in results)
    lookups = sum(n for _, n in results)
    worst = delays[-1]
    print(f"tifa serve --workers {args.workers} on oxigraph serve (real graph): ready in {started:.1f} s", flush=True)
    print(f"write -> found by every worker's lookups: median {statistics.median(delays) * 1e3:.0f} ms, "
          f"max {worst * 1e3:.0f} ms over {len(delays)} writes ({lookups} fresh-connection lookups) | "
          f"target < {TARGET_S * 1e3:.0f} ms: {'met' if worst < TARGET_S else 'MISSED'}", flush=True)
    print(f"polling: one version() query {cost * 1e3:.2f} ms median, every {poll} s per worker "
          f"({args.workers / poll:.0f} queries/s in all)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
