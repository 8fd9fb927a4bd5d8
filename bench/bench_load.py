"""Load test on loopback: lookups, term pages, annotate and SPARQL at once on a real ``tifa serve`` (issue #10).

For the real ``graph/`` and synthetic graphs (:mod:`bench.synth`), on the embedded store (one
process) and on a remote store (a real ``oxigraph serve`` from PyPI ``oxigraph``, ``tifa serve
--workers N``), one Debian ``wrk`` per endpoint runs concurrently (:mod:`bench.load_mix`):

- lookup: ``GET /api/terms?q=`` over the graph's preferred Hangul, hanzi and pinyin forms;
- term page: ``GET /term/{slug}`` as HTML;
- annotate: ``POST /api/annotate`` with paragraphs naming known terms;
- sparql: a label-lookup SELECT on ``GET /sparql``, evaluated every time (``Cache-Control: no-cache``).

With several ``--connections`` counts it first steps up (``--calibrate`` seconds each) and keeps
the count with the highest total throughput and zero errors, then warms up and runs for
``--duration`` seconds. Prints throughput, p50/p99 per endpoint, non-2xx and socket errors
(the target is zero), and the memory of the server's process tree (uvicorn workers and SPARQL
worker processes included; /proc) at start, after warm-up and at the end.

    python -m bench.bench_load                                  # real graph + 10k, embedded and remote, 60 s
    python -m bench.bench_load --sizes --store embedded --duration 5 --warmup 2 --connections 1
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from api.settings import PROJECT_ROOT
from bench import load_mix, procmem, synth
from bench.bench_lookup import free_port, wait_for

NOISE_PCT = 10.0  # memory growth after warm-up below this is noise (allocator arenas, caches filling)


@contextmanager
def process(args: list[str], ready_url: str, log: Path, env: dict[str, str] | None = None) -> Iterator[int]:
    """Run ``args`` until the block ends; yield its pid once ``ready_url`` answers."""
    with open(log, "wb") as fh:  # one run per log
        proc = subprocess.Popen(args, cwd=PROJECT_ROOT, env={**os.environ, **(env or {})}, stdout=fh,
                                stderr=subprocess.STDOUT)
        try:
            try:
                wait_for(ready_url, proc)
            except RuntimeError as exc:
                raise RuntimeError(f"{exc}\n{log.read_text(errors='replace')[-2000:]}") from exc
            yield proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def serve_accepts_workers() -> bool:
    """Whether this checkout's ``tifa serve`` has ``--workers``."""
    out = subprocess.run([sys.executable, "-m", "api.cli", "serve", "--help"], cwd=PROJECT_ROOT,
                         capture_output=True, text=True).stdout
    return "--workers" in out


@contextmanager
def server(root: Path, store: str, workers: int, work: Path) -> Iterator[tuple[str, int, int | None, str]]:
    """A ``tifa serve`` on ``root``: (base URL, server pid, oxigraph pid or None, description)."""
    with ExitStack() as stack:
        env = {"TIFA_PROJECT_ROOT": str(root), "TIFA_DATA_DIR": str(work / "data")}
        extra: list[str] = []
        ox_pid = None
        if store == "remote":
            oxi = Path(sys.executable).with_name("oxigraph")
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            ox_pid = stack.enter_context(process(
                [str(oxi), "serve", "--location", str(work / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
                f"{url}/query?query=ASK%7B%7D", work / "oxigraph.log"))
            env.update(TIFA_STORE="remote", TIFA_QUERY_URL=f"{url}/query", TIFA_UPDATE_URL=f"{url}/update")
            if serve_accepts_workers():
                extra = ["--workers", str(workers)]
                what = f"remote store (oxigraph serve), {workers} workers"
            else:
                print("  NOTE: this tifa serve has no --workers option (it comes with the scale work); "
                      "the remote mode runs ONE process", flush=True)
                what = "remote store (oxigraph serve), 1 process (no --workers in this checkout)"
        else:
            what = "embedded store, 1 process"
        port = free_port()
        t0 = time.perf_counter()
        pid = stack.enter_context(process(
            [sys.executable, "-m", "api.cli", "serve", "--port", str(port), *extra],
            f"http://127.0.0.1:{port}/health", work / f"tifa-{store}.log", env))
        print(f"  {what}: tifa serve answered /health after {time.perf_counter() - t0:.1f} s", flush=True)
        yield f"http://127.0.0.1:{port}", pid, ox_pid, what


def step_up(url: str, requests: dict[str, list[load_mix.Request]], counts: list[int], seconds: int,
            timeout: int) -> int:
    """The connection count (per endpoint) with the highest total throughput and zero errors."""
    best, best_rate = counts[0], -1.0
    for c in counts:
        results = load_mix.run_all(url, requests, c, seconds, timeout)
        rate, errors = sum(r.rate for r in results), sum(r.errors for r in results)
        print(f"  step-up {c} connection(s) per endpoint, {seconds} s: {rate:7.0f} req/s, {errors} errors", flush=True)
        if errors == 0 and rate > best_rate:
            best, best_rate = c, rate
    return best


def report(results: list[load_mix.Result], seconds: int) -> int:
    """Print the per-endpoint table; return the error count."""
    print(f"  {'endpoint':<10} {'conns':>5} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}"
          f" {'non-2xx':>8} {'socket errors':>14}")
    for r in results:
        sock = sum(r.socket_errors.values())
        detail = ", ".join(f"{k} {v}" for k, v in r.socket_errors.items() if v)
        print(f"  {r.endpoint:<10} {r.connections:>5} {r.requests:>9} {r.rate:>8.1f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f}"
              f" {r.max_ms:>8.1f} {r.non2xx:>8} {sock:>14}" + (f" ({detail})" if detail else "")
              + (f" statuses: {r.statuses}" if r.statuses else ""))
    total = sum(r.requests for r in results)
    print(f"  {'total':<10} {sum(r.connections for r in results):>5} {total:>9} {sum(r.rate for r in results):>8.1f}")
    errors = sum(r.errors for r in results)
    print(f"  errors: {'none (0 non-2xx, 0 socket errors on every endpoint)' if not errors else errors} "
          f"in {seconds} s")
    return errors


def load(url: str, pid: int, ox_pid: int | None, args: argparse.Namespace,
         rnd: random.Random) -> tuple[list[load_mix.Result], dict[str, procmem.Memory], dict[str, procmem.Memory]]:
    """Step up, warm up and run the mix; the results and the memory of tifa's and Oxigraph's process trees."""
    counts = [int(c) for c in str(args.connections).split(",")]
    mem = {"start": procmem.memory(pid)}
    ox_mem = {"start": procmem.memory(ox_pid)} if ox_pid else {}
    forms, slugs = load_mix.sample_forms(url, rnd)
    requests = load_mix.mix(forms, slugs, rnd, args.annotate_chars)
    load_mix.check(url, requests)
    print("  mix: " + "; ".join(f"{e} {len(r)} requests" for e, r in requests.items())
          + f" (lookup forms: {', '.join(f'{load_mix.FORM_LANGS[k]} {len(v)}' for k, v in forms.items())};"
          f" annotate paragraphs of {args.annotate_chars} characters; SPARQL with Cache-Control: no-cache)")
    conns = step_up(url, requests, counts, args.calibrate, args.timeout) if len(counts) > 1 else counts[0]
    if args.warmup:
        warm = load_mix.run_all(url, requests, conns, args.warmup, args.timeout)
        print(f"  warm-up {args.warmup} s: {sum(r.rate for r in warm):.0f} req/s, "
              f"{sum(r.errors for r in warm)} errors", flush=True)
    mem["after warm-up"] = procmem.memory(pid)
    print(f"  run: {args.duration} s, {conns} connection(s) per endpoint "
          f"({conns * len(requests)} in all), wrk timeout {args.timeout} s", flush=True)
    results = load_mix.run_all(url, requests, conns, args.duration, args.timeout)
    mem["end"] = procmem.memory(pid)
    if ox_pid:
        ox_mem["end"] = procmem.memory(ox_pid)
    return results, mem, ox_mem


def run_one(label: str, root: Path, store: str, args: argparse.Namespace) -> bool:
    """Load one graph on one store; True when there were no errors and memory stayed within noise."""
    # kept between runs (each graph's store is built once); the servers' logs stay there too
    work = args.work / f"{label.split()[0]}-{store}"
    work.mkdir(parents=True, exist_ok=True)
    shown = work.relative_to(PROJECT_ROOT) if work.is_relative_to(PROJECT_ROOT) else work
    print(f"\n{label}, {store} store (store and logs in {shown})", flush=True)
    with server(root, store, args.workers, work) as (url, pid, ox_pid, what):
        try:
            results, mem, ox_mem = load(url, pid, ox_pid, args, random.Random(10))
        except RuntimeError:
            log = work / f"tifa-{store}.log"
            print(f"  tifa log ({log}), last lines:\n" + log.read_text(errors="replace")[-3000:], flush=True)
            raise
    errors = report(results, args.duration)
    print(f"  memory of the tifa process tree ({what}):")
    for when, m in mem.items():
        print(f"    {when:<14} {m.mb()}")
    for since in ("start", "after warm-up"):
        rss_mb, rss_pct = procmem.growth(mem[since], mem["end"], "rss")
        pss_mb, pss_pct = procmem.growth(mem[since], mem["end"], "pss")
        print(f"    growth {since} → end: RSS {rss_mb:+.1f} MB ({rss_pct:+.1f} %), PSS {pss_mb:+.1f} MB ({pss_pct:+.1f} %)")
    if ox_mem:
        print(f"  memory of oxigraph serve: start {ox_mem['start'].mb()}; end {ox_mem['end'].mb()}")
    _, pct = procmem.growth(mem["after warm-up"], mem["end"], "rss")
    steady = pct < args.noise
    print(f"  target {label} {store}: zero errors: {'met' if not errors else f'NOT met ({errors} errors)'}; "
          f"RSS growth after warm-up < {args.noise:g} % (noise): {'met' if steady else 'NOT met'} ({pct:+.1f} %)")
    return not errors and steady


def main(argv: list[str] | None = None) -> int:
    """Run the load test on every graph and store asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[10_000], help="synthetic graph sizes (none: only real)")
    parser.add_argument("--real", action=argparse.BooleanOptionalAction, default=True, help="load the real graph/")
    parser.add_argument("--store", nargs="+", choices=["embedded", "remote"], default=["embedded", "remote"])
    parser.add_argument("--workers", type=int, default=2, help="tifa serve --workers on the remote store")
    parser.add_argument("--duration", type=int, default=60, help="seconds of the measured run")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of load before the memory baseline")
    parser.add_argument("--connections", default="1,2,4",
                        help="connections per endpoint; several (comma-separated) step up and keep the best")
    parser.add_argument("--calibrate", type=int, default=10, help="seconds per step-up count")
    parser.add_argument("--timeout", type=int, default=10, help="wrk request timeout in seconds (a timeout is an error)")
    parser.add_argument("--annotate-chars", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=synth.OUT / "load",
                        help="folder of the stores (kept between runs) and the servers' logs")
    parser.add_argument("--noise", type=float, default=NOISE_PCT, help="memory growth (percent) counted as noise")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk (make system-test-deps)", file=sys.stderr)
        return 2
    print(f"machine: {os.cpu_count()} CPUs; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"load generator: wrk, one process per endpoint (it shares the CPUs with the server)")
    graphs = ([("real graph/", PROJECT_ROOT)] if args.real else []) + \
             [(f"{n} synthetic terms", synth.project(n)) for n in args.sizes]
    ok = True
    for label, root in graphs:
        for store in args.store:
            ok &= run_one(label, root, store, args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
