"""Issue #3: every parenthetical ``Korean(中文 …)`` and every quoted slogan of the source has a term.

The source marks its formulations two ways: a Korean form followed by the Chinese in parentheses
(``3구 3선(三区三线, 도시 공간, …)``, also ``팡산·房山`` pairs inside a gloss), and single quotes
(``'솽젠'``). Each one must be found in the graph, by its Chinese (any zh-Hans form) or by its Korean
(any ko form, compared with spaces and quotes ignored).
"""

from __future__ import annotations

import re

import pytest

from tests.graph_data import norm_ko, source_lines, terms

HAN = r"\u3400-\u9fff"
PAREN = re.compile(rf"\(([{HAN}][^,()]*)")  # ( then Chinese up to the first comma or bracket
DOT_PAIR = re.compile(rf"[가-힣]+·([{HAN}]+)")  # 팡산·房山 inside a gloss
QUOTE = re.compile(r"'([^'\n]+)'")

# Parentheticals that are not terms: a one-character gloss of a Korean prefix.
NOT_TERMS_ZH = {
    "非": "비(非)수도 기능: glosses the prefix 비- (non-), not a formulation of its own",
}
# Quoted spans that are not terms (kept deliberately small; each says why). Quotes that mark part of a
# longer printed form ('1μg' 행동, '스펀지' 도시) are not listed here: they match that form's term below.
NOT_TERMS_KO: dict[str, str] = {}


def _zh_forms() -> set[str]:
    return {lb.form for t in terms() for lb in t.labels if lb.lang == "zh-Hans"}


def _ko_forms() -> set[str]:
    return {norm_ko(lb.form) for t in terms() for lb in t.labels if lb.lang == "ko"}


def _on_line(line: int) -> list:
    """Terms attested in a sentence of source line ``line``."""
    text = source_lines()[line - 1]
    return [t for t in terms() if any(a.sentence in text for a in t.attestations)]


def parentheticals() -> list[tuple[int, str]]:
    """(line number, Chinese) for every Korean(中文 …) and every ·中文 pair of the source."""
    found = []
    for no, line in enumerate(source_lines(), 1):
        found += [(no, m.group(1).strip()) for m in PAREN.finditer(line)]
        found += [(no, m.group(1)) for m in DOT_PAIR.finditer(line)]
    return found


def quotes() -> list[tuple[int, str]]:
    """(line number, quoted text) for every '…' span of the source."""
    return [(no, m.group(1)) for no, line in enumerate(source_lines(), 1) for m in QUOTE.finditer(line)]


def test_source_has_the_expected_markers() -> None:
    # Guards the regexes themselves: a pattern that silently matched nothing would pass everything below.
    assert len(parentheticals()) >= 43
    assert len(quotes()) >= 60
    # Quotes are paired line by line; an odd count would shift every pair after it into fragments.
    odd = [no for no, line in enumerate(source_lines(), 1) if line.count("'") % 2]
    assert not odd, f"lines with an unpaired quote: {odd}"


@pytest.mark.parametrize(("line", "zh"), parentheticals(), ids=lambda v: str(v))
def test_every_parenthetical_has_a_term(line: int, zh: str) -> None:
    if zh in NOT_TERMS_ZH:
        return
    if zh in _zh_forms():
        return
    # The text may gloss part of a term: '펑차오(枫桥) 경험' is 枫桥经验, attested on that line.
    partial = [t.slug for t in _on_line(line) if any(zh in f for f in t.forms("zh-Hans"))]
    assert partial, f"line {line}: ({zh} …) has no term with that zh-Hans form"


@pytest.mark.parametrize(("line", "quoted"), quotes(), ids=lambda v: str(v))
def test_every_quoted_slogan_has_a_term(line: int, quoted: str) -> None:
    if quoted.strip() in NOT_TERMS_KO:
        return
    chinese = PAREN.search(quoted)
    if chinese and chinese.group(1).strip() in _zh_forms():
        return
    korean = norm_ko(re.sub(r"\([^)]*\)?", "", quoted))  # '펑차오(枫桥) 경험' → 펑차오경험
    if korean in _ko_forms():
        return
    # The quote marks part of a longer form printed on that line: '1μg' 행동, '스펀지' 도시.
    printed = norm_ko(source_lines()[line - 1])
    longer = [t.slug for t in _on_line(line) for f in t.forms("ko")
              if korean in norm_ko(f) and norm_ko(f) in printed]
    assert longer, f"line {line}: '{quoted}' has no term with that Korean form"
