"""Writes (issue #6): time to validate one added term in context, and write throughput.

For graphs of 1k, 10k and 100k synthetic terms (:mod:`bench.synth`, the real graph's shape)
on the embedded store, prints:

- the median and 95th percentile time of :func:`api.write_checks.check_write` for one new
  term (the validation every write runs; target at 100k: under 300 ms);
- the throughput of accepted writes through :class:`api.term_writer.TermWriter` (validation,
  fsynced change log, one atomic update each), in terms per second;
- the throughput over HTTP with 8 concurrent editors on a live ``tifa serve`` of the real graph.

    python -m bench.bench_writes                 # 1k, 10k, 100k
    python -m bench.bench_writes --sizes 1000    # quicker
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from api.auth import add_token, token_path
from api.changelog import ChangeLog, log_dir
from api.model import Label, Term, term_iri, to_graph
from api.settings import PROJECT_ROOT, Settings
from api.store import open_store
from api.term_writer import TermWriter
from api.write_checks import check_write, violations
from api.write_input import Draft
from bench.synth import project


def new_term(i: int) -> Term:
    """A valid new term (both forms, both definitions, a topic)."""
    return Term(slug=f"bench-new-{i}", labels=[Label(f"벤치 용어 {i}", "ko", True, origin="editor"),
                                              Label(f"基准术语{i}", "zh-Hans", True, origin="editor", confidence="medium")],
                definitions={"ko": f"벤치마크 용어 {i}의 정의.", "zh-Hans": f"基准术语{i}的定义。"}, topics=["s01"])


def draft(term: Term, base: str) -> Draft:
    """The term as the write API receives it."""
    return Draft(term_iri(term.slug, base), term.slug, to_graph(term, base))


def bench_size(n: int, validations: int, writes: int) -> None:
    """Build a store of ``n`` synthetic terms; time validations and in-process writes."""
    root = project(n)
    tmp = Path(tempfile.mkdtemp(prefix="bench-writes-"))
    store_settings = Settings(project_root=root, data_dir=tmp)
    t0 = time.perf_counter()
    store = open_store(store_settings)
    load = time.perf_counter() - t0
    settings = Settings(data_dir=tmp)  # the real queries/ and shapes/, the same data folder
    times = []
    for i in range(validations):
        d = draft(new_term(i), store.base)
        t0 = time.perf_counter()
        report = check_write(store, d.iri, d.graph, replace=False)
        times.append(time.perf_counter() - t0)
        assert not violations(report), report.to_json_text()
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    writer = TermWriter(store, settings, ChangeLog(log_dir(settings)))
    t0 = time.perf_counter()
    for i in range(writes):
        writer.create(draft(new_term(10_000 + i), store.base), "bench")
    rate = writes / (time.perf_counter() - t0)
    store.close()
    del writer, store  # RocksDB releases its files only when the store object goes
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{n:>7} terms | load {load:6.1f} s | validate one term: median {statistics.median(times) * 1e3:6.1f} ms,"
          f" p95 {p95 * 1e3:6.1f} ms | writes {rate:6.1f} terms/s (in-process, {writes} writes)", flush=True)


def bench_http(writes_per_editor: int, editors: int = 8) -> None:
    """Throughput of POST /api/terms on a live server of the real graph, ``editors`` threads at once."""
    import httpx

    from tests.conftest import LiveServer

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        tokens = [add_token(token_path(Settings(data_dir=data)), f"ed{k}") for k in range(editors)]
        server = LiveServer(data)
        try:
            failures: list[int] = []

            def run(k: int) -> None:
                with httpx.Client(headers={"Authorization": f"Bearer {tokens[k]}"}, timeout=60) as client:
                    for i in range(writes_per_editor):
                        term = new_term(100_000 + k * writes_per_editor + i)
                        body = {"slug": term.slug, "ko": term.pref("ko"), "zh": term.pref("zh-Hans"),
                                "definition_ko": term.definitions["ko"], "definition_zh": term.definitions["zh-Hans"],
                                "topics": ["s01"]}
                        r = client.post(server.url + "/api/terms", json=body)
                        if r.status_code != 201:
                            failures.append(r.status_code)

            threads = [threading.Thread(target=run, args=(k,)) for k in range(editors)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - t0
        finally:
            server.stop()
    total = editors * writes_per_editor
    print(f"HTTP: {total} writes by {editors} concurrent editors on the real graph: {total / elapsed:6.1f} terms/s"
          f" ({len(failures)} refused)", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for each size, then over HTTP."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10_000, 100_000])
    parser.add_argument("--validations", type=int, default=30)
    parser.add_argument("--writes", type=int, default=100)
    parser.add_argument("--http-writes", type=int, default=25, help="writes per editor over HTTP (0: skip)")
    args = parser.parse_args(argv)
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    print(f"bench_writes at {rev.stdout.strip()}", flush=True)
    for n in args.sizes:
        bench_size(n, args.validations, args.writes)
    if args.http_writes:
        bench_http(args.http_writes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
