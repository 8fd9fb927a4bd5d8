"""``tifa serve`` restart on an already-built data folder: time to the first 200, at 1k/10k/100k synthetic terms.

For each size the data folder is built once (first start, timed too), then the server is started
again ``--repeat`` times with the graph unchanged. Each restart prints the seconds from process start
to the first 200 of ``/api/terms?q=…`` (serving, lookup index ready), then of a cheap ``/sparql`` query
(a worker answered), then of ``/health`` (whose first answer counts every quad: ~1.5 s at 100k), with
the machine's load average. Target: serving < 3 s at 100k.

    python -m bench.bench_restart --sizes 1000 10000 100000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench.bench_lookup import PROJECT_ROOT, free_port, project

SPARQL = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


def first_200(client: httpx.Client, url: str, proc: subprocess.Popen, started: float, timeout: float) -> float:
    """Seconds from ``started`` until ``url`` answers 200 (polled every 10 ms)."""
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        try:
            if client.get(url, timeout=30).status_code == 200:
                return time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.01)
    raise RuntimeError(f"{url} not ready after {timeout:.0f} s")


def start(root: Path, data: Path, timeout: float) -> tuple[float, float, float]:
    """Start ``tifa serve``; return seconds to the first 200 of /health, /api/terms and /sparql (asked in the
    order /api/terms, /sparql, /health); stop it."""
    port = free_port()
    env = {**os.environ, "TIFA_PROJECT_ROOT": str(root), "TIFA_DATA_DIR": str(data)}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=PROJECT_ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client() as client:
            terms = first_200(client, f"{base}/api/terms?q=t1", proc, started, timeout)
            sparql = first_200(client, f"{base}/sparql?query={SPARQL}", proc, started, timeout)
            health = first_200(client, f"{base}/health", proc, started, timeout)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return health, terms, sparql


def load() -> str:
    """The 1-minute load average (the machine is shared; figures are only comparable at similar load)."""
    return f"{os.getloadavg()[0]:.2f}"


def main(argv: list[str] | None = None) -> int:
    """Print restart figures for every size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(f"{'terms':>7} {'run':<8} {'/health s':>10} {'/api/terms s':>13} {'/sparql s':>10} {'load':>6}"
          "  (seconds from process start to the first 200)")
    for n in args.sizes:
        root = project(n)
        data = root / "data-restart"
        runs = [] if (data / "oxigraph").exists() else ["build"]
        for label in runs + [f"restart{i + 1}" for i in range(args.repeat)]:
            before = load()
            health, terms, sparql = start(root, data, args.timeout)
            print(f"{n:>7} {label:<8} {health:>10.2f} {terms:>13.2f} {sparql:>10.2f} {before:>6}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
