"""Run every benchmark of the project and write one report, ``bench/README.md`` (``make bench``).

Each ``bench/bench_*.py`` runs in its own process at 1k/10k/100k synthetic terms where it takes
sizes; its output goes to the console as it comes and verbatim into its section of the report.
The report describes the machine (load average at start and end: the machine may be shared),
states every target of the issues with its figure and met / missed (:mod:`bench.targets`), and
records a failing or timed-out benchmark in its section without stopping the others.

    python -m bench.run_all                          # the full report (takes long: 100k terms)
    python -m bench.run_all --quick                  # small sizes, short durations: checks the pipeline
    python -m bench.run_all --only bench_load bench_sparql --sizes 10000
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import targets
from bench.machine import describe, load_average

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SIZES = [1_000, 10_000, 100_000]
QUICK_SIZE = ["1000"]


@dataclass(frozen=True)
class Bench:
    """How to run one script: full arguments for the given sizes, and the ``--quick`` arguments."""

    name: str
    what: str
    full: Callable[[list[str]], list[str]]
    quick: list[str]


BENCHES = [
    Bench("bench_lookup", "lookup and annotation: index build, in-process and HTTP lookup, annotate, restart (#4)",
          lambda s: ["--sizes", *s], ["--sizes", *QUICK_SIZE, "--http-seconds", "1"]),
    Bench("bench_restart", "tifa serve restart on a built data folder: time to the first answers",
          lambda s: ["--sizes", *s], ["--sizes", *QUICK_SIZE, "--repeat", "1"]),
    Bench("bench_sparql", "/sparql against bare oxigraph serve and a minimal FastAPI endpoint (#5)",
          lambda s: ["--sizes", *s], ["--sizes", *QUICK_SIZE, "--duration", "1"]),
    Bench("bench_validate", "validation of one added term in the context of the graph (#6)",
          lambda s: list(s), QUICK_SIZE),
    Bench("bench_writes", "validation and write throughput, in-process and over HTTP (#6)",
          lambda s: ["--sizes", *s], ["--sizes", *QUICK_SIZE, "--validations", "5", "--writes", "10",
                                      "--http-writes", "2"]),
    Bench("bench_pages", "web pages over HTTP (#7)",
          lambda s: ["--sizes", ",".join(s)], ["--sizes", *QUICK_SIZE, "--seconds", "1"]),
    Bench("bench_extract", "term extraction from Korean and Chinese text (#8)", lambda s: [], ["--repeat", "1"]),
    Bench("bench_workers", "tifa serve --workers: a write reaching every worker's lookups (#10)",
          lambda s: [], ["--workers", "2", "--writes", "3"]),
    Bench("bench_load", "60 s mixed load, embedded store and remote store with workers (#10)",
          lambda s: ["--sizes", *s],
          ["--sizes", *QUICK_SIZE, "--duration", "3", "--warmup", "1", "--connections", "1"]),
    Bench("bench_fuzz", "schemathesis against /openapi.json, large budget (#10)",
          lambda s: [], ["--examples", "3", "--graph", "small"]),
]


@dataclass
class Run:
    """One script's run."""

    bench: Bench
    args: list[str]
    output: str
    seconds: float
    exit_code: int | None  # None: killed at the time limit
    error: str = ""


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # ended on its own meanwhile


def run(bench: Bench, args: list[str], limit: float) -> Run:
    """Run one script, echoing its output; a crash, a non-zero exit or the time limit is recorded, not raised."""
    cmd = [sys.executable, "-u", "-m", f"bench.{bench.name}", *args]
    print(f"\n=== {bench.name} {' '.join(args)}", flush=True)
    start = time.monotonic()
    lines: list[str] = []
    try:
        # its own process group, so the time limit also stops the servers and load generators it started
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                start_new_session=True)
    except OSError as exc:
        return Run(bench, args, "", 0.0, -1, f"could not start: {exc}")
    timer = threading.Timer(limit, _kill_group, (proc.pid,))
    timer.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            print("  " + line, end="", flush=True)
            lines.append(line)
        code = proc.wait()
    finally:
        timer.cancel()
    seconds = time.monotonic() - start
    killed = code < 0 and seconds >= limit
    error = (f"killed at the time limit ({limit:.0f} s)" if killed
             else f"exit status {code}" if code else "")
    return Run(bench, args, "".join(lines), seconds, None if killed else code, error)


def targets_table(runs: dict[str, Run]) -> list[str]:
    """The Markdown table of every target."""
    rows = ["| target | issue | figure | verdict | from |", "|---|---|---|---|---|"]
    outputs = {name: r.output for name, r in runs.items()}
    for t, v, word in targets.judge_all(outputs):
        size = f" (at {t.size:,} terms)" if t.size else ""
        figure = (v.figure + (f" at {v.size:,} terms" if v.size else "")) if v else "—"
        if v is None and t.bench in runs and runs[t.bench].error:
            word = f"not measured: {t.bench} failed"
        rows.append(f"| {t.text}{size} | #{t.issue} | {figure.replace('|', '/')} | **{word}** | {t.bench} |")
    return rows


def report(runs: dict[str, Run], quick: bool, sizes: list[int], started: datetime, machine: list[str],
           load_start: str, total: float) -> str:
    """The whole ``bench/README.md``."""
    mode = ("**Quick run** (`--quick`: 1,000 terms, seconds-long loads): it checks that every benchmark runs; "
            "its figures are not the project's figures." if quick else
            "Full run: synthetic graphs of " + ", ".join(f"{n:,}" for n in sizes) + " terms where a script takes sizes.")
    parts = ["# Benchmarks", "",
             f"Generated by `make bench` (`python -m bench.run_all{' --quick' if quick else ''}`), started "
             f"{started.strftime('%Y-%m-%d %H:%M UTC')}, {total / 60:.0f} min in all. {mode} Scripts print figures; "
             "tests never time anything. Run one script alone with `python -m bench.<name> --help`.", "",
             "## Machine", "", *machine, f"- load average (1, 5, 15 min) at start: {load_start}; "
             f"at end: {load_average()}", "", "## Targets", "",
             "Targets stated at 100k terms are judged at the largest size that ran; the verdict says when that "
             "was smaller. *not measured* means the figure is missing from the script's output.", "",
             *targets_table(runs), "", "## Benchmarks run", "",
             "| script | what | time | outcome |", "|---|---|---|---|"]
    for name, r in runs.items():
        parts.append(f"| [{name}](#{name}) | {r.bench.what} | {r.seconds:.0f} s | {r.error or 'ok'} |")
    for name, r in runs.items():
        parts += ["", f"## {name}", "", "`" + " ".join([f"python -m bench.{name}", *r.args]) + "`", "",
                  f"{r.seconds:.0f} s; " + (f"**FAILED: {r.error}** (the output up to the failure follows)"
                                            if r.error else "exit status 0"), "",
                  "```", r.output.rstrip() or "(no output)", "```"]
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and write the report; exit 1 when any of them failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 terms and short durations (checks the pipeline)")
    parser.add_argument("--sizes", nargs="+", type=int, default=SIZES, help="synthetic sizes for the full run")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these scripts (e.g. bench_load)")
    parser.add_argument("--skip", nargs="+", metavar="NAME", default=[], help="leave these scripts out")
    parser.add_argument("--limit", type=float, help="seconds one script may run (default 900 quick, 14400 full)")
    parser.add_argument("--out", type=Path, default=BENCH / "README.md")
    args = parser.parse_args(argv)
    limit = args.limit or (900 if args.quick else 14_400)
    present = {p.stem for p in BENCH.glob("bench_*.py")}
    known = [b for b in BENCHES if b.name in present]
    # a script nobody listed yet still runs, with its defaults
    known += [Bench(name, "(not described in bench/run_all.py)", lambda s: [], []) for name in sorted(present)
              if name not in {b.name for b in BENCHES}]
    chosen = [b for b in known if (not args.only or b.name in args.only) and b.name not in args.skip]
    started, t0, load_start = datetime.now(UTC), time.monotonic(), load_average()
    machine = describe()
    print("\n".join(machine), flush=True)
    sizes = [str(n) for n in args.sizes]
    runs = {b.name: run(b, b.quick if args.quick else b.full(sizes), limit) for b in chosen}
    text = report(runs, args.quick, args.sizes, started, machine, load_start, time.monotonic() - t0)
    args.out.write_text(text, encoding="utf-8")
    failed = [name for name, r in runs.items() if r.error]
    print(f"\nwrote {args.out} in {(time.monotonic() - t0) / 60:.1f} min"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
