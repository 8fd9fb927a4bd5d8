"""Time to validate one added term in the context of graphs of 1k, 10k and 100k synthetic terms (issue #6).

Target at 100k terms: under 300 ms. Also prints the time to validate the real graph/ standalone.

    python -m bench.bench_validate [SIZES…]      # default: 1000 10000 100000
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph

from api.model import Group, Label, Term, to_graph
from api.settings import PROJECT_ROOT, Settings
from api.store import open_store
from api.validation import validate_addition, validate_graph
from bench.synth import make_terms, project

REPEAT = 30


def new_term(n: int) -> Graph:
    """A numbered formulation whose components exist in the synthetic graph; its Korean label is taken."""
    taken = next(t for t in make_terms(5) if t.slug == "t3")
    term = Term(slug=f"t-new-{n}", status="draft", enumerative=True, topics=["s01"],
                definitions={"ko": "새 제법.", "zh-Hans": "新提法。"},
                groups=[Group(1, 4, "区", ["t0", "t1", "t2", "t3"])],
                labels=[Label(taken.pref("ko") or "", "ko", preferred=True),
                        Label("四新区", "zh-Hans", preferred=True, origin="editor", confidence="low")])
    return to_graph(term)


def bench_size(n: int) -> None:
    root = project(n)
    with tempfile.TemporaryDirectory() as data:
        t0 = time.perf_counter()
        store = open_store(Settings(project_root=root, data_dir=Path(data)))
        loaded = time.perf_counter() - t0
        addition = new_term(n)
        validate_addition(store, addition)  # warm: shapes parsed, queries prepared
        times = []
        for _ in range(REPEAT):
            t = time.perf_counter()
            report = validate_addition(store, addition)
            times.append(time.perf_counter() - t)
        store.close()
    times.sort()
    rules = sorted({f.rule for f in report.findings})
    print(f"{n:>7} terms  store {loaded:6.1f} s   validate one term: p50 {statistics.median(times) * 1000:6.1f} ms"
          f"  p99 {times[int(len(times) * 0.99) - 1] * 1000:6.1f} ms  min {times[0] * 1000:6.1f} ms"
          f"  (findings: {', '.join(rules) or 'none'})")
    if n == 100_000:
        p50 = statistics.median(times) * 1000
        print(f"target: one term against 100k terms under 300 ms: {'met' if p50 < 300 else 'NOT met'} "
              f"(p50 {p50:.1f} ms)")


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [1000, 10000, 100000]
    print("validate one added term in context (target at 100k: < 300 ms)")
    for n in sizes:
        bench_size(n)
    g = Graph()
    for path in sorted((PROJECT_ROOT / "graph").glob("*.ttl")):
        g.parse(path, format="turtle")
    t = time.perf_counter()
    report = validate_graph(g)
    print(f"whole graph/ standalone ({len(g)} triples): {time.perf_counter() - t:.1f} s, "
          f"{report.counts()['Violation']} Violations, {report.counts()['Warning']} Warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
