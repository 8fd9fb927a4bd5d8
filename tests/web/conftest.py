"""A small graph for the page tests, built from :mod:`api.model` terms, served in-process on a real embedded store.

The terms cover the edge cases the pages must get right: a numbered formulation with ordered
components (七有), a Korean form starting with a digit (7유) and one with a tense consonant (까),
pinyin with ü and tones to order (绿色 lǜ sè, 路 lù, 炉 lú), a deprecated term, an editor-supplied
Chinese with low confidence, and HTML-looking text that must come out escaped.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from api.app import create_app
from api.model import Attestation, Group, Label, Term, to_graph
from api.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
QIYOU_PARTS = [("youyousuoyu", "幼有所育", "육아"), ("xueyousuojiao", "学有所教", "교육"),
               ("laoyousuode", "劳有所得", "노동"), ("bingyousuoyi", "病有所医", "의료"),
               ("laoyousuoyang", "老有所养", "노후"), ("zhuyousuoju", "住有所居", "주거"),
               ("ruoyousuofu", "弱有所扶", "취약계층 지원")]
SENTENCE = "'7유(七有, 육아, 교육, 노동, 의료, 노후, 주거, 취약계층 지원)' 요구 사항과 연결하여 민생 복지 증진에 힘쓸 것입니다."


def _term(slug: str, ko: str, zh: str | None, pinyin: str | None, **kw: object) -> Term:
    labels = [Label(ko, "ko", True, rendering=kw.pop("rendering", "literal-translation"))]
    if zh:
        labels.append(Label(zh, "zh-Hans", True, origin=kw.pop("origin", "source"),
                            confidence=kw.pop("confidence", None)))
    if pinyin:
        labels.append(Label(pinyin, "zh-Latn-pinyin", True, origin="derived"))
    return Term(slug=slug, labels=labels, definitions=kw.pop("definitions", {"ko": f"{ko}의 정의."}),
                topics=kw.pop("topics", ["s10"]), **kw)  # type: ignore[arg-type]


def fixture_terms() -> list[Term]:
    """The page-test terms."""
    att = Attestation(section=10, sentence=SENTENCE, form="7유", chinese_given=True)
    qiyou = _term("qiyou", "7유", "七有", "qī yǒu", rendering="numeric-abbreviation", enumerative=True,
                  definitions={"ko": "일곱 민생 분야의 보장 요구.", "zh-Hans": "七个方面民生保障要求的简称。"},
                  groups=[Group(1, 7, "有", [s for s, _, _ in QIYOU_PARTS])], attestations=[att],
                  related=["lvse"], sino_korean_reading="칠유")
    qiyou.labels.append(Label("칠유", "ko", False, rendering="sino-korean-reading"))
    qiyou.labels.append(Label("七有", "zh-Hant", True, origin="derived"))
    qiyou.labels[0].attested_in = [att.key]
    terms = [qiyou]
    for slug, zh, ko in QIYOU_PARTS:
        terms.append(_term(slug, ko, zh, None))
    terms += [
        _term("lvse", "녹색", "绿色", "lǜ sè", topics=["s09"]),
        _term("lu", "길", "路", "lù", topics=["s09"], sino_korean_reading="로"),
        _term("lu-2", "화로", "炉", "lú", topics=["s09"], origin="editor", confidence="low"),
        _term("kkachi", "까치 <b>새</b>", "喜鹊", "xǐ què", topics=["s09"], status="deprecated"),
    ]
    return terms


@pytest.fixture(scope="session")
def web_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project root with the real ontology and topics and the fixture terms."""
    root = tmp_path_factory.mktemp("web-root")
    for entry in ROOT.iterdir():  # everything the app may read (ontology, shapes, queries …) except the graph
        if entry.name not in ("graph", "data", ".venv", ".git"):
            (root / entry.name).symlink_to(entry)
    (root / "graph").mkdir()
    shutil.copy(ROOT / "graph" / "topics.ttl", root / "graph" / "topics.ttl")
    g = Graph()
    for term in fixture_terms():
        to_graph(term, graph=g)
    g.serialize(root / "graph" / "terms.ttl", format="turtle")
    return root


@pytest.fixture(scope="session")
def web(web_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The real app on an embedded store of the fixture graph."""
    settings = Settings(project_root=web_root, data_dir=tmp_path_factory.mktemp("web-data"))
    with TestClient(create_app(settings)) as client:
        yield client
