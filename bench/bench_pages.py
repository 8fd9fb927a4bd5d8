"""Web pages over HTTP: requests/s and p50/p99 latency of each page, on the real graph and on synthetic graphs.

    python -m bench.bench_pages [--sizes 10000] [--seconds 5]

Serves ``tifa serve`` in a subprocess (as deployed) and loads each page with the same client as
``bench_lookup`` (``wrk -c2 -t2`` when Debian's wrk is installed, else a sequential httpx client).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from urllib.parse import quote

import httpx

from bench.bench_lookup import PROJECT_ROOT, free_port, measure, project, serve

PAGES = ("/", "/term/{slug}", "/search?q={q}", "/browse", "/browse/ko", "/browse/pinyin?letter=S",
         "/browse/topic/s01", "/browse/numbered", "/query")


def bench_root(label: str, root: Path, slug: str, q: str, seconds: int) -> None:
    """Print one row per page for the project at ``root``."""
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        proc = serve(root, Path(data), port)
        try:
            base = f"http://127.0.0.1:{port}"
            for path in PAGES:
                url = base + path.format(slug=quote(slug), q=quote(q))
                first = httpx.get(url, timeout=120)
                if first.status_code == 404:  # synthetic graphs have no topics
                    print(f"{label:>10}  {path:<24} (404 on this graph)")
                    continue
                size = len(first.content)
                load = os.getloadavg()[0]  # the machine is shared: figures compare only at similar load
                rps, p50, p99 = measure(url, seconds)
                print(f"{label:>10}  {path:<24} {rps:8.0f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  {size:>8} B"
                      f"  load {load:.2f}", flush=True)
        finally:
            proc.terminate()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    """Run the page benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000", help="synthetic graph sizes, comma-separated ('' for none)")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per page")
    args = parser.parse_args(argv)
    print("graph        page                        throughput       latency                       body")
    bench_root("real", PROJECT_ROOT, "qiyou", "七有", args.seconds)
    for n in (int(s) for s in args.sizes.split(",") if s):
        root = project(n)
        slug = _first_slug(root)
        bench_root(f"{n}", root, slug, "삼", args.seconds)
    return 0


def _first_slug(root: Path) -> str:
    for path in sorted((root / "graph").glob("*.ttl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("<") and "/term/" in line and "#" not in line:
                return line.split("/term/", 1)[1].split(">", 1)[0]
            if line.startswith("term:"):
                return line.split()[0][5:]
    raise RuntimeError(f"no term in {root}")


if __name__ == "__main__":
    raise SystemExit(main())
