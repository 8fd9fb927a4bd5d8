"""SPARQL endpoint benchmark: tifa's /sparql vs a bare ``oxigraph serve`` vs a minimal FastAPI endpoint.

Three queries (label lookup, components of a formulation, a full-scan aggregate) at
each size of synthetic graph (:mod:`bench.synth`), under a bounded load of 2
connections (``wrk -c2 -t2``; a Python keep-alive client when wrk is missing).
Prints requests/s, p50 and p99 per target and query, and the ratios the issue sets
as targets: cheap queries >= 70% of minimal FastAPI's req/s; the full scan's p50
within 1.3x of bare Oxigraph's at the largest size.

    python -m bench.bench_sparql --sizes 10000 100000 --duration 10
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

import httpx
from rdflib import URIRef

from api.sparql_text import inject_values
from bench import synth

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PREFIXES = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX skosxl: <http://www.w3.org/2008/05/skos-xl#> "
            "PREFIX tifa: <https://w3id.org/tifa/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ")


def queries(n: int) -> dict[str, str]:
    """The three benchmark queries for a graph of ``n`` synthetic terms (labels read from the graph)."""
    terms = list(synth.make_terms(n // 2 + 5))
    looked_up = terms[n // 2].pref("zh-Hans")
    numbered = next(t for t in reversed(terms) if t.groups)
    components = (ROOT / "queries" / "concept_components.rq").read_text(encoding="utf-8")
    term_iri = f"https://w3id.org/tifa/term/{numbered.slug}"
    return {
        "label lookup": PREFIXES + f'SELECT ?t WHERE {{ ?t skos:prefLabel "{looked_up}"@zh-Hans }}',
        # the named query, with its parameter bound the way /api/queries binds it
        "components": inject_values(components, {"term": [URIRef(term_iri)]}),
        "full-scan aggregate": PREFIXES + "SELECT ?lang (COUNT(*) AS ?n) WHERE { ?l skosxl:literalForm ?f } "
                                          "GROUP BY (LANG(?f) AS ?lang)",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 900) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=5)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} not ready")


def start_tifa(root: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "TIFA_PROJECT_ROOT": str(root), "TIFA_DATA_DIR": str(root / "data-tifa")}
    proc = subprocess.Popen([str(BIN / "python"), "-m", "api.cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/health", proc)
    return proc


def start_oxigraph(root: Path, port: int) -> subprocess.Popen:
    location = root / "data-oxigraph"
    if not (location / "CURRENT").exists():
        shutil.rmtree(location, ignore_errors=True)
        files = [str(root / "graph" / "synth.ttl"), *map(str, sorted((root / "ontology").glob("*.ttl")))]
        subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(location), "--file", *files], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc = subprocess.Popen([str(BIN / "oxigraph"), "serve-read-only", "--location", str(location),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", proc)
    return proc


def start_minimal(port: int) -> subprocess.Popen:
    proc = subprocess.Popen([str(BIN / "python"), "-m", "bench.minimal_app", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/sparql", proc)
    return proc


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


NO_CACHE = "Cache-Control: no-cache"  # tifa evaluates the query again instead of answering from its cache


def run_wrk(url: str, duration: int, headers: tuple[str, ...] = ()) -> tuple[float, float, float]:
    """(req/s, p50 ms, p99 ms) from ``wrk -c2 -t2 --latency``."""
    extra = [arg for h in headers for arg in ("-H", h)]
    out = subprocess.run(["wrk", "-c2", "-t2", f"-d{duration}s", "--timeout", "120s", "--latency", "-H",
                          "Accept: application/sparql-results+json", *extra, url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def pct(p: str) -> float:
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        return float(m.group(1)) * _UNITS[m.group(2)] if m else float("nan")

    return rps, pct("50"), pct("99")


def run_python(url: str, duration: int, headers: tuple[str, ...] = ()) -> tuple[float, float, float]:
    """The same measurement with two keep-alive http.client threads (when wrk is not installed)."""
    host, rest = url.split("//", 1)[1].split("/", 1)
    latencies: list[float] = []
    stop = time.monotonic() + duration

    def client() -> None:
        conn = HTTPConnection(host, timeout=120)
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            conn.request("GET", "/" + rest, headers={"Accept": "application/sparql-results+json",
                                                     **dict(h.split(": ", 1) for h in headers)})
            conn.getresponse().read()
            latencies.append((time.perf_counter() - t0) * 1e3)

    threads = [threading.Thread(target=client) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return len(latencies) / duration, latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99)]


def measure(url: str, duration: int, headers: tuple[str, ...] = ()) -> tuple[float, float, float]:
    """One target, one query: req/s, p50 and p99 (ms)."""
    httpx.get(url, timeout=120).raise_for_status()  # warm up, and fail loudly on a bad query
    return run_wrk(url, duration, headers) if shutil.which("wrk") else run_python(url, duration, headers)


def bench_size(n: int, duration: int) -> dict[tuple[str, str], tuple[float, float, float]]:
    """Every target × query at ``n`` terms."""
    root = synth.project(n)
    ports = {"tifa": free_port(), "oxigraph": free_port(), "fastapi": free_port()}
    procs = []
    results: dict[tuple[str, str], tuple[float, float, float]] = {}
    try:
        t0 = time.perf_counter()
        procs.append(start_tifa(root, ports["tifa"]))
        print(f"  tifa ready after {time.perf_counter() - t0:.1f} s", flush=True)
        t0 = time.perf_counter()
        procs.append(start_oxigraph(root, ports["oxigraph"]))
        print(f"  oxigraph ready after {time.perf_counter() - t0:.1f} s", flush=True)
        procs.append(start_minimal(ports["fastapi"]))
        results[("fastapi", "fixed JSON")] = measure(f"http://127.0.0.1:{ports['fastapi']}/sparql", duration)
        for name, query in queries(n).items():
            q = urlencode({"query": query})
            results[("tifa", name)] = measure(f"http://127.0.0.1:{ports['tifa']}/sparql?{q}", duration, (NO_CACHE,))
            results[("tifa+c", name)] = measure(f"http://127.0.0.1:{ports['tifa']}/sparql?{q}", duration)
            results[("oxigraph", name)] = measure(f"http://127.0.0.1:{ports['oxigraph']}/query?{q}", duration)
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=30)
    return results


def report(n: int, results: dict[tuple[str, str], tuple[float, float, float]], largest: bool) -> None:
    """Print one size's table and the target ratios."""
    print(f"\n{n} terms, 2 connections")
    print(f"  {'target':<9} {'query':<20} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9}")
    for (target, query), (rps, p50, p99) in results.items():
        print(f"  {target:<9} {query:<20} {rps:>9.0f} {p50:>9.2f} {p99:>9.2f}")
    print("  (tifa: every request evaluated, Cache-Control: no-cache; tifa+c: repeated query answered from the cache)")
    floor = results[("fastapi", "fixed JSON")][0]
    for query in ("label lookup", "components"):
        for target in ("tifa", "tifa+c"):
            ratio = results[(target, query)][0] / floor
            print(f"  {query}: {target}/minimal FastAPI req/s = {ratio:.2f} "
                  f"(target >= 0.70: {'met' if ratio >= 0.7 else 'NOT met'}); "
                  f"{target}/oxigraph req/s = {results[(target, query)][0] / results[('oxigraph', query)][0]:.2f}")
    scan = results[("tifa", "full-scan aggregate")][1] / max(results[("oxigraph", "full-scan aggregate")][1], 1e-9)
    verdict = ("met" if scan <= 1.3 else "NOT met") if largest else "target applies at 100k"
    print(f"  full-scan aggregate: tifa/oxigraph p50 = {scan:.2f} (target <= 1.3: {verdict})")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for every size and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000])
    parser.add_argument("--duration", type=int, default=10, help="seconds per target and query")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs; load generator: {'wrk' if shutil.which('wrk') else 'python http.client'}")
    for n in args.sizes:
        print(f"\npreparing {n} terms …", flush=True)
        results = bench_size(n, args.duration)
        report(n, results, largest=n == max(args.sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
