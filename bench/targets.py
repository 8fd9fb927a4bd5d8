"""The project's speed and robustness targets, read from the output of the bench scripts (for ``bench/README.md``).

Each target names its issue, the script whose output holds the figure, and how to judge it.
A figure missing from the output (the script failed, or did not run at the target's size)
is "not measured", never a pass. Targets stated "at 100k" are judged at the largest size
that ran, and say so when that is smaller.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Judge = Callable[[str], "Verdict | None"]


@dataclass(frozen=True)
class Verdict:
    """A figure and whether it meets its target (``None``: a figure with no threshold)."""

    figure: str
    met: bool | None
    size: int | None = None  # terms the figure was measured at, when the target names a size


@dataclass(frozen=True)
class Target:
    """One target of the report."""

    text: str
    issue: int
    bench: str
    judge: Judge
    size: int | None = None  # the size the target is stated at


def sections(out: str, header: str) -> dict[int, str]:
    """The output split at lines matching ``header`` (its first group is the size), keyed by size."""
    parts = re.split(rf"^(?={header})", out, flags=re.M)
    found: dict[int, str] = {}
    for part in parts:
        m = re.match(header, part)
        if m:
            found[int(m.group(1))] = part
    return found


def largest(out: str, header: str) -> tuple[int, str] | None:
    """The section of the largest size in ``out``."""
    found = sections(out, header)
    return max(found.items()) if found else None


def _num(pattern: str, text: str) -> float | None:
    m = re.search(pattern, text, re.M)
    return float(m.group(1)) if m else None


def at_largest(header: str, pattern: str, unit: str, limit: float | None, below: bool = True) -> Judge:
    """Judge the first group of ``pattern`` in the largest section against ``limit``."""
    def judge(out: str) -> Verdict | None:
        sec = largest(out, header)
        value = _num(pattern, sec[1]) if sec else None
        if sec is None or value is None:
            return None
        met = None if limit is None else (value < limit if below else value >= limit)
        return Verdict(f"{value:g} {unit}".strip(), met, sec[0])
    return judge


LOOKUP = r"(\d+) terms  \(store"
SPARQL = r"(\d+) terms, 2 connections"


def lookup_http(out: str) -> Verdict | None:
    """HTTP lookup p50 against the minimal FastAPI endpoint's p50 (target ratio <= 1.5)."""
    sec = largest(out, LOOKUP)
    m = sec and re.search(r"HTTP /api/terms.*?p50 ([\d.]+) ms.*minimal FastAPI.*?p50 ([\d.]+) ms", sec[1])
    if not sec or not m:
        return None
    api, floor = float(m.group(1)), float(m.group(2))
    return Verdict(f"{api:g} ms vs {floor:g} ms = {api / floor:.2f}×", api / floor <= 1.5, sec[0])


def sparql_cheap(out: str) -> Verdict | None:
    """Label lookup and components, evaluated every time, against the minimal FastAPI endpoint's req/s."""
    sec = largest(out, SPARQL)
    if not sec:
        return None
    ratios = {}
    for query in ("label lookup", "components"):
        for target in ("tifa", "tifa+c"):
            r = _num(rf"^\s+{query}: {re.escape(target)}/minimal FastAPI req/s = ([\d.]+)", sec[1])
            if r is None:
                return None
            ratios[(query, target)] = r
    figure = "; ".join(f"{q}: {ratios[(q, 'tifa')]:.2f} (cached {ratios[(q, 'tifa+c')]:.2f})"
                       for q in ("label lookup", "components"))
    return Verdict(figure, all(ratios[(q, "tifa")] >= 0.7 for q in ("label lookup", "components")), sec[0])


def sparql_scan(out: str) -> Verdict | None:
    """Full-scan aggregate p50, tifa (evaluated) over bare Oxigraph."""
    sec = largest(out, SPARQL)
    r = _num(r"full-scan aggregate: tifa/oxigraph p50 = ([\d.]+)", sec[1]) if sec else None
    return None if r is None else Verdict(f"{r:.2f}×", r <= 1.3, sec[0])


def validate_one(out: str) -> Verdict | None:
    """p50 of validating one added term at the largest size."""
    rows = {int(n): float(v) for n, v in re.findall(r"^\s*(\d+) terms  store .*?p50\s+([\d.]+) ms", out, re.M)}
    if not rows:
        return None
    n = max(rows)
    return Verdict(f"{rows[n]:g} ms", rows[n] < 300, n)


def write_rate(out: str) -> Verdict | None:
    """Accepted writes per second, in-process at the largest size and over HTTP."""
    rows = {int(n): float(v) for n, v in re.findall(r"^\s*(\d+) terms \|.*?writes\s+([\d.]+) terms/s", out, re.M)}
    http = re.search(r"^HTTP: (\d+) writes by (\d+) .*?([\d.]+) terms/s \((\d+) refused\)", out, re.M)
    if not rows and not http:
        return None
    parts = [f"{rows[max(rows)]:g} terms/s in-process at {max(rows)}"] if rows else []
    if http:
        parts.append(f"{http.group(3)} terms/s over HTTP ({http.group(2)} editors, {http.group(4)} refused)")
    return Verdict("; ".join(parts), None)


def load_errors(out: str) -> Verdict | None:
    """Zero errors in every load run (graph × store)."""
    runs = re.findall(r"^  target (.+?): zero errors: (met|NOT met[^;]*);", out, re.M)
    if not runs:
        return None
    failed = [run for run, verdict in runs if verdict != "met"]
    rate = [float(x) for x in re.findall(r"^  total +\d+ +\d+ +([\d.]+)$", out, re.M)]
    figure = f"{len(runs) - len(failed)} of {len(runs)} runs without error"
    if rate:
        figure += f"; total throughput {min(rate):.0f}–{max(rate):.0f} req/s"
    return Verdict(figure + (f"; errors in {', '.join(failed)}" if failed else ""), not failed)


def load_memory(out: str) -> Verdict | None:
    """RSS growth after warm-up below the noise threshold in every load run."""
    runs = re.findall(r"^  target (.+?):.*RSS growth after warm-up < ([\d.]+) % \(noise\): (met|NOT met) \(([+-][\d.]+) %\)",
                      out, re.M)
    if not runs:
        return None
    growths = [float(g) for *_, g in runs]
    return Verdict(f"growth {min(growths):+.1f} % … {max(growths):+.1f} % over {len(runs)} runs "
                   f"(noise threshold {runs[0][1]} %)", all(v == "met" for *_, v, _ in runs))


def restart_serving(out: str) -> Verdict | None:
    """bench_restart: median seconds to the first 200 of /api/terms over the restarts at the largest size."""
    rows: dict[int, list[float]] = {}
    for n, terms in re.findall(r"^\s*(\d+) restart\d+ +[\d.]+ +([\d.]+) ", out, re.M):
        rows.setdefault(int(n), []).append(float(terms))
    if not rows:
        return None
    n = max(rows)
    times = sorted(rows[n])
    median = times[len(times) // 2]
    return Verdict(f"{median:g} s (median of {len(times)} restarts)", median < 3, n)


def printed_verdict(pattern: str) -> Judge:
    """A target the script judges itself: the figure is the matching line, the verdict its met/missed word."""
    def judge(out: str) -> Verdict | None:
        m = re.search(pattern, out, re.M)
        if not m:
            return None
        line = m.group(0).strip()
        return Verdict(line, not re.search(r"NOT met|MISSED", line))
    return judge


TARGETS = [
    Target("in-process exact lookup p50 < 50 µs", 4, "bench_lookup",
           at_largest(LOOKUP, r"^\s+exact\s+([\d.]+)", "µs", 50), 100_000),
    Target("in-process substring lookup p50 < 10 ms", 4, "bench_lookup",
           at_largest(LOOKUP, r"^\s+substring\s+([\d.]+)", "µs", 10_000), 100_000),
    Target("in-process fuzzy lookup p50 (no threshold set)", 4, "bench_lookup",
           at_largest(LOOKUP, r"^\s+fuzzy\s+([\d.]+)", "µs", None), 100_000),
    Target("HTTP lookup p50 within 1.5× of a minimal FastAPI endpoint", 4, "bench_lookup", lookup_http, 100_000),
    Target("annotate 10,000 characters < 20 ms", 4, "bench_lookup",
           at_largest(LOOKUP, r"annotate 10,000 characters: p50 ([\d.]+) ms", "ms", 20), 100_000),
    Target("restart with an unchanged graph: tifa serve answers < 3 s", 4, "bench_lookup",
           at_largest(LOOKUP, r"tifa serve restart → /health answers: ([\d.]+) s", "s", 3), 100_000),
    Target("restart with an unchanged graph: /api/terms answers < 3 s after process start", 4, "bench_restart",
           restart_serving, 100_000),
    Target("/sparql cheap queries ≥ 70 % of a minimal FastAPI endpoint's req/s (evaluated, no cache)", 5,
           "bench_sparql", sparql_cheap),
    Target("/sparql full-scan aggregate p50 within 1.3× of bare oxigraph serve", 5, "bench_sparql", sparql_scan,
           100_000),
    Target("validate one added term in context < 300 ms", 6, "bench_validate", validate_one, 100_000),
    Target("write throughput (no threshold set)", 6, "bench_writes", write_rate),
    Target("a write reaches every worker's lookups < 1 s", 10, "bench_workers",
           printed_verdict(r"^write -> found by every worker's lookups:.*$")),
    Target("load test: zero errors (non-2xx and socket errors) on every endpoint", 10, "bench_load", load_errors),
    Target("load test: server memory growth after warm-up within noise", 10, "bench_load", load_memory),
    Target("fuzzing: no 5xx and no schema violation", 10, "bench_fuzz", printed_verdict(r"^target: no 5xx.*$")),
]


def judge_all(outputs: dict[str, str]) -> list[tuple[Target, Verdict | None, str]]:
    """Every target with its verdict and the verdict's word (met, missed, figure, not measured, not run)."""
    rows = []
    for t in TARGETS:
        if t.bench not in outputs:
            rows.append((t, None, "not run"))
            continue
        v = t.judge(outputs[t.bench])
        if v is None:
            word = "not measured"
        else:
            word = "figure" if v.met is None else ("met" if v.met else "missed")
            if t.size and v.size and v.size < t.size and v.met is not None:
                word += f" at {v.size:,} (target at {t.size:,})"
        rows.append((t, v, word))
    return rows
