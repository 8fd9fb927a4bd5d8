"""Lookup and annotation benchmark over synthetic graphs (:mod:`bench.synth`) of 1k, 10k and 100k terms.

Prints, per size: store load, index build (store read + indexing + automaton), persisted size,
lookup p50/p99 in-process per match kind (exact, prefix, substring, fuzzy), annotation time for
10,000 characters, index memory, the time for a restarted process to have the index ready
(from the data folder) and for a restarted ``tifa serve`` to answer; and over HTTP, ``GET /api/terms``
against a minimal FastAPI endpoint returning fixed JSON (``bench.minimal_app``), 2 connections.
Targets (issue #4): exact p50 < 50 µs, substring p50 < 10 ms in-process at 100k; restart ready < 3 s.

    python -m bench.bench_lookup --sizes 1000 10000 100000
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from api.annotate import annotate, automaton_of
from api.lookup.entries import read_concepts, read_parents
from api.lookup.index import LookupIndex
from api.lookup.search import Searcher
from api.lookup.store_index import cache_path, save
from api.queries import load_queries
from api.settings import PROJECT_ROOT, Settings
from api.store import open_store
from bench import synth

QUERIES = load_queries(PROJECT_ROOT / "queries")
RESTART_PROBE = """
import sys, time, resource
t0 = time.perf_counter()
from api.settings import Settings
from api.store import open_store
from api.queries import load_queries
from api.lookup.store_index import load_or_build
rss0 = int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize()
settings = Settings(project_root=__import__("pathlib").Path(sys.argv[1]), data_dir=__import__("pathlib").Path(sys.argv[2]))
store = open_store(settings)
t1 = time.perf_counter()
index = load_or_build(store, settings, load_queries(settings.queries_dir))
t2 = time.perf_counter()
rss1 = int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize()
print(t1 - t0, t2 - t1, rss1 - rss0, len(index))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 1800) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=5)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} not ready")


def start_minimal(port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "bench.minimal_app", "--port", str(port)], cwd=PROJECT_ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/sparql", proc)
    return proc


def measure(url: str, seconds: int) -> tuple[float, float, float]:
    """(req/s, p50 ms, p99 ms) with ``wrk -c2 -t2`` (Debian's wrk), or a sequential httpx client without it."""
    httpx.get(url, timeout=120).raise_for_status()
    if shutil.which("wrk"):
        out = subprocess.run(["wrk", "-c2", "-t2", f"-d{seconds}s", "--latency", url], capture_output=True,
                             text=True, check=True).stdout
        units = {"us": 1e-3, "ms": 1.0, "s": 1e3}

        def latency(p: str) -> float:
            m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
            return float(m.group(1)) * units[m.group(2)] if m else float("nan")

        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
        return rps, latency("50"), latency("99")
    times, stop = [], time.monotonic() + seconds
    with httpx.Client() as client:
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t0) * 1e3)
    return len(times) / seconds, pct(times, 0.5), pct(times, 0.99)


def project(n: int) -> Path:
    """The synthetic project of ``n`` terms, with the named queries beside it (the service loads them)."""
    root = synth.project(n)
    if not (root / "queries").exists():
        (root / "queries").symlink_to(PROJECT_ROOT / "queries")
    return root


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def probes(index: LookupIndex, rnd: random.Random, k: int = 500) -> dict[str, list[str]]:
    """Queries of each kind drawn from the index's own forms."""
    concepts = rnd.sample(list(index.concepts.values()), min(k, len(index.concepts)))
    forms = [rnd.choice(c.forms)[0] for c in concepts]
    zh = [c.pref("zh-Hans") or c.slug for c in concepts]
    ko = [f for c in concepts for f, lang, _ in c.forms if lang == "ko-reading"] or forms

    def one_jamo_off(word: str) -> str:  # change the vowel of the last syllable (삼성일구 → 삼성일고)
        last = ord(word[-1]) - 0xAC00
        if not 0 <= last < 11172:
            return word + "가"
        vowel = (last // 28) % 21
        return word[:-1] + chr(last + ((vowel + 1) % 21 - vowel) * 28)

    return {"exact": forms, "prefix": [f[: max(2, len(f) // 2)] for f in zh],
            "substring": [f[1:3] for f in zh], "fuzzy": [one_jamo_off(w) for w in ko]}


def time_calls(fn: object, args: list[str], repeat: int = 1) -> list[float]:
    out = []
    for a in args:
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn(a)  # type: ignore[operator]
            out.append(time.perf_counter() - t0)
    return out


def text_of(index: LookupIndex, rnd: random.Random, chars: int = 10_000) -> str:
    """About ``chars`` characters of Korean prose mentioning known terms in Korean and Chinese forms."""
    concepts = list(index.concepts.values())
    parts: list[str] = []
    while sum(map(len, parts)) < chars:
        c = rnd.choice(concepts)
        parts.append(f"{c.pref('ko')}({c.pref('zh-Hans')})을 적극 추진하고 관련 정책을 강화할 것입니다. ")
    return "".join(parts)[:chars]


def serve(root: Path, data: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "TIFA_PROJECT_ROOT": str(root), "TIFA_DATA_DIR": str(data)}
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=PROJECT_ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/health", proc)
    return proc


def bench_size(n: int, http_seconds: int) -> None:
    """Print every figure for ``n`` terms."""
    root = project(n)
    data = root / "data-lookup"
    settings = Settings(project_root=root, data_dir=data)
    t0 = time.perf_counter()
    store = open_store(settings)
    print(f"\n{n} terms  (store opened/loaded in {time.perf_counter() - t0:.1f} s)")
    t0 = time.perf_counter()
    concepts = read_concepts(store, QUERIES)
    parents = read_parents(store, QUERIES, concepts)
    t1 = time.perf_counter()
    index = LookupIndex.build(concepts.values(), parents, store.version())
    t2 = time.perf_counter()
    automaton_of(index)
    t3 = time.perf_counter()
    path = cache_path(store, settings)
    save(index, path)
    t4 = time.perf_counter()
    store.close()
    del store  # release the store's lock for the restarted process below
    gc.collect()
    print(f"  build: store read {t1 - t0:.2f} s, index {t2 - t1:.2f} s ({len(index.keys)} keys), "
          f"automaton {t3 - t2:.2f} s, save {t4 - t3:.2f} s ({path.stat().st_size / 1e6:.1f} MB)")
    rnd = random.Random(4)
    search = Searcher(index)
    print(f"  {'lookup':<10} {'p50 µs':>9} {'p99 µs':>9}  (in-process Searcher.search, limit 10)")
    for kind, qs in probes(index, rnd).items():
        times = time_calls(lambda q: search.search(q), qs, repeat=3)
        print(f"  {kind:<10} {pct(times, 0.5) * 1e6:>9.0f} {pct(times, 0.99) * 1e6:>9.0f}")
    text = text_of(index, rnd)
    times = time_calls(lambda t: annotate(index, t), [text] * 5)
    print(f"  annotate 10,000 characters: p50 {pct(times, 0.5) * 1e3:.1f} ms "
          f"({len(annotate(index, text))} occurrences)")
    out = subprocess.run([sys.executable, "-c", RESTART_PROBE, str(root), str(data)], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    print(f"  restart (new process, unchanged graph): imports+store {float(out[0]):.2f} s, index from data folder "
          f"{float(out[1]):.2f} s; index memory (RSS growth) {int(out[2]) / 1e6:.0f} MB")
    port, fixed_port = free_port(), free_port()
    t0 = time.perf_counter()
    proc = serve(root, data, port)
    ready = time.perf_counter() - t0
    print(f"  tifa serve restart → /health answers: {ready:.1f} s")
    minimal = start_minimal(fixed_port)
    try:
        q = probes(index, rnd, 1)["exact"][0]
        api = measure(f"http://127.0.0.1:{port}/api/terms?" + urlencode({"q": q}), http_seconds)
        floor = measure(f"http://127.0.0.1:{fixed_port}/sparql", http_seconds)
    finally:
        for p in (proc, minimal):
            p.terminate()
            p.wait(timeout=30)
    print(f"  HTTP /api/terms (exact): {api[0]:.0f} req/s, p50 {api[1]:.2f} ms, p99 {api[2]:.2f} ms; "
          f"minimal FastAPI fixed JSON: {floor[0]:.0f} req/s, p50 {floor[1]:.2f} ms; ratio {api[0] / floor[0]:.2f}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for every size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("--http-seconds", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    for n in args.sizes:
        bench_size(n, args.http_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
