"""Issue #10: schemathesis against the service's own OpenAPI schema, every operation, a small fixed budget.

A real ``tifa serve`` on part of the real graph (so exports stay quick), with an editor token so the
write operations get past authentication; the write operations run once more without a token.
``bench/bench_fuzz.py`` runs the same with a large budget on the full graph.
"""

from __future__ import annotations

from tests.fuzz.conftest import FuzzServer
from tests.fuzz.harness import WRITE_METHODS, FuzzReport, fuzz

MAX_EXAMPLES = 10  # per operation and phase: the CI budget
SEED = 10


def _assert_clean(report: FuzzReport) -> None:
    assert report.operations, "the engine tested no operation"
    assert not report.failures, "\n\n".join(report.failures)


def test_every_operation_as_an_editor(fuzz_server: FuzzServer) -> None:
    """Every operation (reads and writes, with a valid token): no 5xx, every response as documented."""
    report = fuzz(fuzz_server.url, max_examples=MAX_EXAMPLES, seed=SEED, token=fuzz_server.token)
    _assert_clean(report)
    assert {"POST /api/terms", "PUT /api/terms/{slug}", "DELETE /api/terms/{slug}", "GET /api/terms",
            "POST /sparql", "POST /api/annotate", "GET /api/export"} <= set(report.operations)
    assert all(op.examples > 0 for op in report.operations.values())


def test_writes_without_a_token(fuzz_server: FuzzServer) -> None:
    """The write operations anonymously: 401 as documented, never a 5xx."""
    report = fuzz(fuzz_server.url, max_examples=MAX_EXAMPLES, seed=SEED, methods=WRITE_METHODS)
    _assert_clean(report)
    assert "DELETE /api/terms/{slug}" in report.operations
