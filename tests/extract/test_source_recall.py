"""Issue #8: on the source document, every parenthetical and quoted term the graph holds is extracted.

Ground truth is independent of the extractor: the coverage test's own regexes list every
``(中文 …)`` and every ``'…'`` of the source, and the graph says which term each one is. The
extracted candidate on that line must be that term, with its Korean boundary equal to one of
the term's Korean forms.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from api.extract.document import squeeze
from api.extract.known import KnownTerms
from api.extract.pipeline import extract
from api.lookup.normalize import match_key as fold
from tests.graph_data import SOURCE, terms
from tests.test_graph_coverage import NOT_TERMS_ZH, parentheticals, quotes


@lru_cache(maxsize=1)
def _run() -> tuple[str, tuple]:
    text = SOURCE.read_text(encoding="utf-8")
    return text, tuple(extract(text, KnownTerms.from_terms(terms())))


def _by_slug() -> dict:
    return {t.slug: t for t in terms()}


def _on_line(line: int) -> list:
    text, cands = _run()
    return [c for c in cands if text.count("\n", 0, c.start) + 1 == line]


def _ko_forms(slug: str) -> set[str]:
    return {squeeze(f) for f in _by_slug()[slug].forms("ko")}


def _expected_slugs(line: int, zh: str) -> set[str]:
    """Terms that the parenthetical (中文) on ``line`` is: same zh-Hans form, or attested there holding it."""
    exact = {t.slug for t in terms() if zh in t.forms("zh-Hans")}
    if exact:
        return exact
    sentence_terms = [t for t in terms() if any(a.sentence in squeeze(SOURCE.read_text().split("\n")[line - 1])
                                                for a in t.attestations)]
    return {t.slug for t in sentence_terms if any(zh in f for f in t.forms("zh-Hans"))}


def _found_parenthetical(line: int, zh: str) -> bool:
    slugs = _expected_slugs(line, zh)
    return any(c.term in slugs and c.korean in _ko_forms(c.term) for c in _on_line(line)
               if c.kind in ("parenthetical", "gloss-pair") and c.chinese == zh)


def test_recall_on_parentheticals_is_total_and_precision_is_printed() -> None:
    expected = [(line, zh) for line, zh in parentheticals() if zh not in NOT_TERMS_ZH]
    missed = [(line, zh) for line, zh in expected if not _found_parenthetical(line, zh)]
    recall = 1 - len(missed) / len(expected)
    _text, cands = _run()
    proposed = [c for c in cands if c.kind in ("parenthetical", "gloss-pair")]
    right = [c for c in proposed if c.status == "known" and c.korean in _ko_forms(c.term)]
    print(f"\nparentheticals: {len(expected)} expected, recall {recall:.1%}; "
          f"{len(proposed)} proposed, precision {len(right) / len(proposed):.1%}")
    assert len(expected) >= 43
    assert missed == []


@pytest.mark.parametrize(("line", "quoted"), quotes(), ids=lambda v: str(v))
def test_every_quoted_slogan_in_the_graph_is_found_with_its_boundary(line: int, quoted: str) -> None:
    cands = [c for c in _on_line(line) if c.quoted and c.status == "known"]
    # The candidate for this quote: its Korean holds the quoted text (with a bracket's gloss removed).
    key = fold(quoted.split("(")[0])
    mine = [c for c in cands if key and key in fold(c.korean or "")]
    assert mine, f"line {line}: '{quoted}' not extracted as a known term ({[c.korean for c in _on_line(line)]})"
    assert all(c.korean in _ko_forms(c.term) for c in mine), [(c.korean, c.term) for c in mine]


def test_nothing_in_the_source_is_new_but_the_graph_knows_every_candidate() -> None:
    _text, cands = _run()
    new = [(c.kind, c.korean, c.chinese) for c in cands if c.status == "new"]
    assert new == []
