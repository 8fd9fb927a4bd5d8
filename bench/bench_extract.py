"""Extraction speed: seconds per 10,000 characters of Korean and of Chinese text (kiwipiepy model load apart).

Run: ``python -m bench.bench_extract [--repeat N]``. The Korean text is the source document
(about 18,000 characters; the analysis caches are cleared before each run); the Chinese one is a
paragraph of formulations repeated to 100,000 characters. The graph's forms come from ``graph/``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHINESE = ("深化“放管服”改革，做好六稳六保工作，加快构建“双循环”新发展格局，增强四个意识，坚定四个自信，"
           "做到两个维护，坚持两个毫不动摇，落实三区三线，推进三城一区融合发展，保障七有五性需求。")
SIZE = 100_000


def _fresh_caches() -> None:
    from api.extract import morph

    morph.analyse.cache_clear()
    morph.tags.cache_clear()


def main() -> None:
    """Print model load time, then extraction time per 10,000 characters."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from api.extract import morph
    from api.extract.known import KnownTerms
    from api.extract.pipeline import extract
    from tests.graph_data import SOURCE, terms

    t0 = time.perf_counter()
    morph.kiwi()
    print(f"kiwipiepy model load: {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    known = KnownTerms.from_terms(terms())
    print(f"graph forms ({len(terms())} terms) read and indexed: {time.perf_counter() - t0:.2f} s")

    source = SOURCE.read_text(encoding="utf-8")
    for label, unit in (("Korean (source document)", source), ("Chinese", CHINESE)):
        # The source as it is (repeating it would let the analysis caches answer); Chinese repeated to SIZE.
        text = unit if unit is source else (unit * (SIZE // len(unit) + 1))[:SIZE]
        times, found = [], 0
        for _ in range(args.repeat):
            _fresh_caches()  # repeated text would otherwise hit the analysis caches
            t0 = time.perf_counter()
            found = len(extract(text, known))
            times.append(time.perf_counter() - t0)
        per_10k = statistics.median(times) / (len(text) / 10_000)
        print(f"{label}: {len(text):,} chars, {found} candidates, {per_10k * 1000:.1f} ms per 10,000 chars "
              f"(median of {args.repeat})")


if __name__ == "__main__":
    main()
