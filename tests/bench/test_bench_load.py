"""Issue #10: the load test runs end to end on the real graph (so bench/bench_load.py cannot rot).

A few seconds of the mixed load on a real ``tifa serve``: every endpoint gets answers and none is
an error. No timing is asserted; the figures belong to ``make bench``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.load_mix import ENDPOINTS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("store", ["embedded", pytest.param("remote", marks=pytest.mark.remote)])
def test_bench_load_runs_without_errors(store: str, tmp_path: Path) -> None:
    if not shutil.which("wrk"):
        pytest.fail("wrk is missing: run `make system-test-deps` (apt-get install wrk)")
    proc = subprocess.run(
        [sys.executable, "-m", "bench.bench_load", "--sizes", "--store", store, "--workers", "2", "--duration", "3",
         "--warmup", "1", "--connections", "1", "--noise", "1000", "--work", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=280)
    out = proc.stdout
    assert proc.returncode == 0, out[-3000:] + proc.stderr[-3000:]
    assert "errors: none (0 non-2xx, 0 socket errors on every endpoint)" in out
    for endpoint in ENDPOINTS:
        row = re.search(rf"^  {endpoint} +(\d+) +(\d+) +[\d.]+ .* (\d+) +(\d+)$", out, re.M)
        assert row, f"no row for {endpoint}:\n{out}"
        connections, requests, non2xx, socket_errors = map(int, row.groups())
        assert (connections, non2xx, socket_errors) == (1, 0, 0)
        assert requests > 0
    assert re.search(r"^    end +RSS +[\d.]+ MB", out, re.M)  # the server's memory was read from /proc
    assert f"target real graph/ {store}: zero errors: met" in out
