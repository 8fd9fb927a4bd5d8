"""Issue #3 / #6: derived forms (traditional, pinyin, Sino-Korean reading, romanisation) and ``tifa enrich``."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from api.cli import main
from api.enrich import enrich_graph, enrich_term, hanja_reading, romanize, supplied_pinyin, to_pinyin, traditional
from api.model import Label, Term, term_iri, to_graph
from api.vocab import HANS, HANT, PINYIN, ROMAN, SKOS, SKOSXL, TIFA


def draft(zh: str = "三区三线", ko: str = "3구 3선", *extra: Label) -> Term:
    return Term(slug="t", status="draft", labels=[
        Label(form=ko, lang="ko", preferred=True, rendering="numeric-abbreviation", origin="source"),
        Label(form=zh, lang=HANS, preferred=True, origin="source"), *extra])


def test_sanqusanxian_gets_every_derived_form() -> None:
    term = draft()
    changes = enrich_term(term)
    assert term.pref(HANT) == "三區三線"
    assert term.pref(PINYIN) == "sān qū sān xiàn"
    assert term.sino_korean_reading == "삼구삼선"
    assert term.pref(ROMAN) == "3gu 3seon"
    assert {c.field for c in changes if c.action == "added"} == {HANT, PINYIN, ROMAN, "sinoKoreanReading"}
    assert all(term.pref_label(lang).origin == "derived" for lang in (HANT, PINYIN, ROMAN))


@pytest.mark.parametrize(("hans", "pinyin"), [
    ("长安街", "cháng ān jiē"),  # 长 zhǎng/cháng
    ("银行", "yín háng"),  # 行 háng/xíng
    ("行动", "xíng dòng"),
    ("重点", "zhòng diǎn"),  # 重 zhòng/chóng
    ("重庆", "chóng qìng"),
])
def test_pinyin_reads_polyphones_in_context(hans: str, pinyin: str) -> None:
    assert to_pinyin(hans) == pinyin


def test_pinyin_keeps_digits_and_latin_and_drops_punctuation() -> None:
    assert to_pinyin("21世纪海上丝绸之路") == "21 shì jì hǎi shàng sī chóu zhī lù"
    assert to_pinyin("6+4一体化") == "6+4 yī tǐ huà"
    assert to_pinyin("精治、共治") == "jīng zhì gòng zhì"


def test_traditional_is_character_conversion_not_taiwan_vocabulary() -> None:
    # s2t keeps the word: 数据 → 數據 (s2twp would give 資料, another word).
    assert traditional("数据") == "數據"
    assert traditional("两谷一园") == "兩谷一園"


def test_hanja_reading_and_romanisation() -> None:
    assert hanja_reading("七有") == "칠유"
    assert hanja_reading("三城一區") == "삼성일구"
    assert hanja_reading("國企敢幹、民企敢闖") == "국기감간 민기감틈"  # clause mark becomes a space
    assert romanize("삼성일구") == "samseongilgu"


def test_reviewed_label_is_never_overwritten() -> None:
    reviewed = Label(form="bāo gàn zhì", lang=PINYIN, preferred=True, origin="derived", reviewed=True)
    term = draft("包干制", "포괄제", reviewed)
    changes = enrich_term(term)
    assert term.pref(PINYIN) == "bāo gàn zhì"
    assert [(c.field, c.action) for c in changes if c.field == PINYIN] == [(PINYIN, "kept")]


def test_supplied_label_that_differs_is_kept_and_stale_derived_label_is_updated() -> None:
    supplied = Label(form="三區三線（審定）", lang=HANT, preferred=True, origin="editor", confidence="high")
    stale = Label(form="qī yǒu", lang=PINYIN, preferred=True, origin="derived")  # zh-Hans changed since
    term = draft("三区三线", "3구 3선", supplied, stale)
    actions = {c.field: c.action for c in enrich_term(term)}
    assert (actions[HANT], term.pref(HANT)) == ("kept", "三區三線（審定）")
    assert (actions[PINYIN], term.pref(PINYIN)) == ("updated", "sān qū sān xiàn")


def test_sino_korean_reading_already_present_is_kept() -> None:
    term = draft("复兴", "부흥")
    term.sino_korean_reading = "부흥"  # hanja gives 복흥 for 復興; the reviewed reading stays
    enrich_term(term)
    assert term.sino_korean_reading == "부흥"


def test_author_pinyin_differing_from_pypinyin_is_marked_reviewed() -> None:
    term = draft("双一流", "쌍일류")
    assert supplied_pinyin(term, "shuāng yī liú").reviewed is (to_pinyin("双一流") != "shuāng yī liú")
    assert supplied_pinyin(term, to_pinyin("双一流")).reviewed is False


def test_enrich_graph_adds_labels_and_keeps_unmodelled_triples() -> None:
    g = to_graph(draft())
    s = term_iri("t")
    g.add((s, RDFS.comment, Literal("kept as is")))
    enrich_graph(g)
    node = URIRef(f"{s}#zh-Hant")
    assert (s, SKOSXL.prefLabel, node) in g
    assert g.value(node, TIFA.origin) == TIFA.Derived
    assert (s, SKOS.prefLabel, Literal("三區三線", lang=HANT)) in g
    assert (s, RDFS.comment, Literal("kept as is")) in g
    assert enrich_graph(g) == [], "a second run changes nothing"


def test_enrich_command_writes_canonical_turtle(tmp_path: Path) -> None:
    src, out = tmp_path / "draft.ttl", tmp_path / "out.ttl"
    to_graph(draft("七有", "7유")).serialize(src, format="turtle")
    before = src.read_text(encoding="utf-8")
    assert main(["enrich", str(src), "-o", str(out)]) == 0
    assert src.read_text(encoding="utf-8") == before, "-o leaves the draft alone"
    g = Graph().parse(out)
    assert (term_iri("t"), SKOS.prefLabel, Literal("qī yǒu", lang=PINYIN)) in g
    assert (term_iri("t"), TIFA.sinoKoreanReading, Literal("칠유", lang="ko")) in g
    assert main(["fmt", "--check", str(out)]) == 0


def test_enrich_command_rejects_bad_turtle_and_writes_nothing(tmp_path: Path, capsys) -> None:
    src = tmp_path / "bad.ttl"
    src.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b \"unterminated .\n", encoding="utf-8")
    assert main(["enrich", str(src)]) == 2
    assert "not valid Turtle" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8").startswith("@prefix ex:")
