"""Schemathesis against a running tifa server's own ``/openapi.json``: every operation, a fixed budget.

Shared by the CI test (``tests/fuzz/test_fuzz.py``, a small budget on a small project) and
``bench/bench_fuzz.py`` (a large budget on the full graph). Both drive schemathesis' engine, the same
one its ``st run`` command uses, so the phases are the CLI's: the schema's examples, the coverage
phase (boundary values: empty, over-long and odd strings, missing and extra parameters, wrong
types), random fuzzing in positive and negative mode, and stateful sequences along the schema's links.
A fixed seed makes a run reproducible.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import schemathesis
from schemathesis.engine import events, from_schema
from schemathesis.engine.recorder import ScenarioRecorder

from tests.conftest import ROOT

# No 5xx, and every response conforms to the schema: a documented status code, a documented content
# type, a body that validates against the documented response schema.
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance")
WRITE_METHODS = ("POST", "PUT", "DELETE")


@dataclass
class OperationStats:
    """What the engine did with one operation (or with the stateful sequences)."""

    label: str
    examples: int = 0
    seconds: float = 0.0
    failures: Counter[str] = field(default_factory=Counter)  # check name -> failing examples
    samples: list[str] = field(default_factory=list)  # first failures: check, message, curl


@dataclass
class FuzzReport:
    """Per-operation figures of one run."""

    operations: dict[str, OperationStats] = field(default_factory=dict)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # engine errors (unreachable server, bad schema…)

    def stats(self, label: str) -> OperationStats:
        """The figures of ``label``, created on first use."""
        return self.operations.setdefault(label, OperationStats(label))

    @property
    def failures(self) -> list[str]:
        """Every failure sample and engine error, one readable block each."""
        return self.errors + [s for op in self.operations.values() for s in op.samples]


def small_project(dest: Path, graph_files: tuple[str, ...] = ("s04.ttl", "topics.ttl")) -> Path:
    """A project root with part of the real graph (``TIFA_PROJECT_ROOT``): exports of it take milliseconds."""
    (dest / "graph").mkdir(parents=True, exist_ok=True)
    for name in graph_files:
        shutil.copy(ROOT / "graph" / name, dest / "graph" / name)
    for shared in ("ontology", "queries", "shapes"):
        if not (dest / shared).exists():
            (dest / shared).symlink_to(ROOT / shared)
    return dest


def _config(max_examples: int, seed: int, headers: dict[str, str], workers: int) -> schemathesis.Config:
    config = schemathesis.Config()
    config.update(seed=seed, max_failures=None)
    project = config.projects.override
    project.checks.update(included_check_names=list(CHECKS))
    # no shrinking: the budget stays fixed, and the seed reproduces any failure as it was found
    project.generation.update(max_examples=max_examples, no_shrink=True)
    project.update(headers=headers or None, workers=workers, continue_on_failure=True, request_timeout=60)
    return config


def _record(report: FuzzReport, recorder: ScenarioRecorder, elapsed: float, keep: int) -> None:
    op = report.stats(recorder.label)
    op.examples += len(recorder.cases)
    op.seconds += elapsed
    for nodes in recorder.checks.values():
        for node in nodes:
            info = node.failure_info
            if info is None:
                continue
            op.failures[node.name] += 1
            if len(op.samples) < keep:
                op.samples.append(f"{op.label}: {node.name}: {info.failure.title}\n"
                                  f"{info.failure.message}\n{info.code_sample}")


def fuzz(base_url: str, *, max_examples: int, seed: int = 1, token: str | None = None,
         methods: tuple[str, ...] | None = None, workers: int = 1, keep: int = 3) -> FuzzReport:
    """Run every operation of ``base_url``'s schema (or only ``methods``) with ``max_examples`` per phase.

    Args:
        base_url: the server, e.g. ``http://127.0.0.1:8000``.
        max_examples: the fuzzing budget per operation (the coverage phase adds its boundary cases).
        seed: generation seed; the same seed sends the same requests.
        token: an editor token sent as ``Authorization: Bearer`` on every request (None: anonymous).
        methods: only operations with these HTTP methods.
        workers: concurrent engine workers.
        keep: failure samples kept per operation.

    Returns:
        Examples, seconds and failures by check for each operation, and any engine error.
    """
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    schema = schemathesis.openapi.from_url(base_url + "/openapi.json",
                                           config=_config(max_examples, seed, headers, workers))
    if methods:
        schema = schema.include(method=list(methods))
    report = FuzzReport()
    start = time.monotonic()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            _record(report, event.recorder, event.elapsed_time, keep)
        elif isinstance(event, events.NonFatalError):
            report.errors.append(f"{event.label}: {event.info.title}: {event.info}")
        elif isinstance(event, events.FatalError):
            report.errors.append(f"fatal: {event.exception!r}")
    report.seconds = time.monotonic() - start
    return report
