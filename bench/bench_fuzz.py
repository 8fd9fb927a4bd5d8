"""Schemathesis against the service's own OpenAPI schema with a large budget: every operation, per-operation figures.

    python -m bench.bench_fuzz [--examples 100] [--seed 1] [--graph full|small] [--store embedded|remote]
                               [--workers 1]

The CI test (``tests/fuzz/``) runs the same harness with 10 examples on a small project; this runs
``--examples`` per operation and phase on the full graph (``--graph small``: graph/s04.ttl and
topics). A real ``tifa serve`` subprocess on the embedded store (``--store remote``: on a real
``oxigraph serve``): every operation with an editor
token (created with ``tifa token add``), then the write operations without one. Prints, per
operation, the examples sent, the failures by check and the seconds; then totals, the server's
own count of unhandled exceptions, and the target (no 5xx, no response that violates the schema).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tests.conftest import LiveServer, OxigraphServer
from tests.editors.conftest import add_token
from tests.fuzz.harness import CHECKS, WRITE_METHODS, FuzzReport, fuzz, small_project

SHORT = {"not_a_server_error": "5xx", "status_code_conformance": "status", "content_type_conformance": "ctype",
         "response_schema_conformance": "schema"}


def print_report(title: str, report: FuzzReport) -> tuple[int, int]:
    """One row per operation; returns (examples, failures)."""
    print(f"\n{title}: {report.seconds:.1f} s")
    print(f"  {'operation':<28} {'examples':>8} {'seconds':>8}  " + " ".join(f"{SHORT[c]:>6}" for c in CHECKS))
    examples = failures = 0
    for op in sorted(report.operations.values(), key=lambda o: o.label):
        examples += op.examples
        failures += sum(op.failures.values())
        print(f"  {op.label:<28} {op.examples:>8} {op.seconds:>8.1f}  "
              + " ".join(f"{op.failures.get(c, 0):>6}" for c in CHECKS))
    for sample in report.failures[:10]:
        print("  ! " + sample.replace("\n", "\n    "))
    return examples, failures + len(report.errors)


def main(argv: list[str] | None = None) -> int:
    """Start a server, fuzz it as an editor and anonymously, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=100, help="examples per operation and phase")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--graph", choices=("full", "small"), default="full")
    parser.add_argument("--store", choices=("embedded", "remote"), default="embedded")
    parser.add_argument("--workers", type=int, default=1, help="concurrent schemathesis workers")
    args = parser.parse_args(argv)
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        token = add_token(root / "data", "fuzzer")
        env = {"TIFA_PROJECT_ROOT": str(small_project(root / "project"))} if args.graph == "small" else {}
        oxigraph = OxigraphServer(root / "oxigraph") if args.store == "remote" else None
        server = LiveServer(root / "data", env={**env, **(oxigraph.env() if oxigraph else {})})
        try:
            print(f"schemathesis on the {args.graph} graph, {args.store} store, {args.examples} examples per "
                  f"operation and phase, seed {args.seed}, {args.workers} worker(s)")
            kw = {"max_examples": args.examples, "seed": args.seed, "workers": args.workers}
            editor = fuzz(server.url, token=token, **kw)
            anonymous = fuzz(server.url, methods=WRITE_METHODS, **kw)
        finally:
            server.stop()
            if oxigraph:
                oxigraph.stop()
        crashes = server.log.read_text(errors="replace").count("Exception in ASGI application")
    totals = [print_report("every operation, editor token", editor),
              print_report("write operations, no token", anonymous)]
    examples, failures = sum(t[0] for t in totals), sum(t[1] for t in totals)
    print(f"\ntotal: {examples} examples, {failures} failures, {crashes} unhandled exceptions in the server log, "
          f"{time.monotonic() - start:.0f} s")
    met = failures == 0 and crashes == 0
    print(f"target: no 5xx and no schema violation over {examples} examples: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
