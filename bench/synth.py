"""A synthetic tifa graph of N terms with realistic Hangul and Han strings, for every benchmark.

Terms are built as :class:`api.model.Term` values and written with :func:`api.model.to_graph`,
so the synthetic graph has exactly the real graph's shape (SKOS-XL labels with rendering
types, numeral groups with ordered ``skos:memberList`` components, attestations, topics).
Output is N-Triples (valid Turtle), written term by term and cached under ``bench/out/``.

    python -m bench.synth 10000            # writes bench/out/synth-10000/graph/synth.ttl
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph

from api.model import Attestation, Group, Label, Term, to_graph
from api.settings import PROJECT_ROOT

OUT = Path(__file__).resolve().parent / "out"

# (simplified, traditional, Sino-Korean reading, pinyin) of characters common in policy formulations
CHARS = [c.split(":") for c in """
区:區:구:qū 线:線:선:xiàn 城:城:성:chéng 有:有:유:yǒu 网:網:망:wǎng 通:通:통:tōng 办:辦:판:bàn 创:創:창:chuàng
新:新:신:xīn 发:發:발:fā 展:展:전:zhǎn 安:安:안:ān 全:全:전:quán 文:文:문:wén 化:化:화:huà 科:科:과:kē
技:技:기:jì 生:生:생:shēng 态:態:태:tài 绿:綠:록:lǜ 色:色:색:sè 经:經:경:jīng 济:濟:제:jì 社:社:사:shè
会:會:회:huì 民:民:민:mín 服:服:복:fú 务:務:무:wù 改:改:개:gǎi 革:革:혁:gé 开:開:개:kāi 放:放:방:fàng
治:治:치:zhì 理:理:리:lǐ 能:能:능:néng 力:力:력:lì 京:京:경:jīng 津:津:진:jīn 冀:冀:기:jì 协:協:협:xié
同:同:동:tóng 高:高:고:gāo 质:質:질:zhì 量:量:량:liàng 数:數:수:shù 字:字:자:zì 智:智:지:zhì 慧:慧:혜:huì
农:農:농:nóng 村:村:촌:cūn 业:業:업:yè 工:工:공:gōng 人:人:인:rén 才:才:재:cái 教:教:교:jiào 育:育:육:yù
医:醫:의:yī 疗:療:료:liáo 住:住:주:zhù 房:房:방:fáng 交:交:교:jiāo 环:環:환:huán 境:境:경:jìng 保:保:보:bǎo
""".split()]
NUMERALS = [("一", "일", "yī", 1), ("两", "양", "liǎng", 2), ("三", "삼", "sān", 3), ("四", "사", "sì", 4),
            ("五", "오", "wǔ", 5), ("六", "육", "liù", 6), ("七", "칠", "qī", 7), ("八", "팔", "bā", 8)]
KO_WORDS = ["발전", "혁신", "보장", "건설", "추진", "강화", "협력", "개혁", "서비스", "관리", "체계", "공간"]


def make_terms(n: int, seed: int = 5) -> Iterator[Term]:
    """``n`` terms: every fifth a numbered formulation whose components are the four terms before it."""
    rnd = random.Random(seed)
    for i in range(n):
        if i % 5 == 4:
            (num_zh, num_ko, num_py, count) = NUMERALS[3]
            unit = rnd.choice(CHARS)
            body = rnd.sample(CHARS, 2)
            zh_s = num_zh + "".join(c[0] for c in body) + unit[0]
            zh_t = num_zh + "".join(c[1] for c in body) + unit[1]
            reading = num_ko + "".join(c[2] for c in body) + unit[2]
            pinyin = " ".join([num_py, *(c[3] for c in body), unit[3]])
            ko = f"{count}{unit[2]} {rnd.choice(KO_WORDS)}"
            groups = [Group(1, count, unit[0], [f"t{j}" for j in range(i - 4, i)])]
            rendering = "numeric-abbreviation"
        else:
            chars = rnd.sample(CHARS, 4)
            zh_s, zh_t = "".join(c[0] for c in chars), "".join(c[1] for c in chars)
            reading = "".join(c[2] for c in chars)
            pinyin = " ".join(c[3] for c in chars)
            ko = f"{reading[:2]} {rnd.choice(KO_WORDS)}"
            groups, rendering = [], "literal-translation"
        section = i % 12 + 1
        att = Attestation(section, f"{ko}을(를) 적극 추진할 것입니다 ({i}).", ko, chinese_given=i % 3 == 0)
        yield Term(
            slug=f"t{i}",
            labels=[Label(zh_s, "zh-Hans", True, origin="source" if i % 3 == 0 else "editor",
                          confidence=None if i % 3 == 0 else "medium"),
                    Label(zh_t, "zh-Hant", True, origin="derived"),
                    Label(ko, "ko", True, rendering, attested_in=[att.key]),
                    Label(reading, "ko", False, "sino-korean-reading"),
                    Label(pinyin, "zh-Latn-pinyin", True, origin="derived"),
                    Label(f"Synthetic term {i}", "en", True)],
            definitions={"ko": f"{ko}에 관한 정책 제법.", "zh-Hans": f"关于{zh_s}的提法。"},
            sino_korean_reading=reading, groups=groups, enumerative=True if groups else None,
            attestations=[att], topics=[f"s{section:02d}"],
        )


def write_ntriples(n: int, path: Path, seed: int = 5) -> int:
    """Write the synthetic graph of ``n`` terms to ``path`` as N-Triples; return the triple count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8") as fh:
        for term in make_terms(n, seed):
            g = to_graph(term, graph=Graph())
            lines = [f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in g]
            fh.writelines(lines)
            count += len(lines)
    return count


def project(n: int, seed: int = 5) -> Path:
    """A project folder (``ontology/``, ``graph/synth.ttl``, links to ``queries/`` and ``shapes/``) with ``n``
    synthetic terms, made once and cached."""
    root = OUT / f"synth-{n}"
    graph = root / "graph" / "synth.ttl"
    if not graph.exists():
        tmp = graph.with_suffix(".tmp")
        write_ntriples(n, tmp, seed)
        tmp.rename(graph)
    if not (root / "ontology").exists():
        shutil.copytree(PROJECT_ROOT / "ontology", root / "ontology")
    for shared in ("queries", "shapes"):  # a tifa server on this project needs them as they are
        if not (root / shared).exists():
            (root / shared).symlink_to(PROJECT_ROOT / shared)
    return root


def main(argv: list[str] | None = None) -> int:
    """Write the synthetic project for each N given and print how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int)
    args = parser.parse_args(argv)
    for n in args.sizes:
        t0 = time.perf_counter()
        root = project(n)
        size = (root / "graph" / "synth.ttl").stat().st_size
        print(f"{n:>7} terms  {size / 1e6:7.1f} MB  {time.perf_counter() - t0:6.1f} s  {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
