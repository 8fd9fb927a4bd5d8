"""Issue #8: drafts of new candidates are the ontology's Turtle, enriched, attested, and valid but for a person's part."""

from __future__ import annotations

from rdflib import Graph, Literal

from api.canonical import canonical_turtle
from api.extract.draft import drafts_graph
from api.extract.known import KnownTerms
from api.extract.report import PERSON_RULES, validate_drafts
from api.extract.service import extract_texts
from api.model import from_graph, term_iri
from api.vocab import TIFA
from tests.extract.test_new_terms import KOREAN
from tests.graph_data import graph, terms


def _drafts():  # noqa: ANN202
    return extract_texts([("report-2024.txt", KOREAN)], KnownTerms.from_terms(terms()))[0].drafts


def test_a_draft_per_new_formulation_with_text_given_fields_and_derivations() -> None:
    drafts = {d.term.slug: d for d in _drafts()}
    assert sorted(drafts) == ["fangguanfu", "liuwenliubao", "sanyansanshi", "shuangxunhuan"]
    g = Graph().parse(data=canonical_turtle(drafts_graph(drafts.values())), format="turtle")
    term = from_graph(g, term_iri("sanyansanshi"))
    assert term.status == "draft"
    assert (term.pref("ko"), term.pref("zh-Hans"), term.pref("zh-Hant")) == ("세 가지 엄격 세 가지 충실", "三严三实",
                                                                             "三嚴三實")
    assert term.pref("zh-Latn-pinyin") == "sān yán sān shí"
    assert term.sino_korean_reading == "삼엄삼실"
    assert term.pref_label("zh-Hans").origin == "source"
    att = term.attestations[0]
    assert (att.section, att.source, att.chinese_given, att.form) == (2, "report-2024", True, term.pref("ko"))
    assert [(grp.numeral, grp.unit, len(grp.components)) for grp in term.groups] == [(3, "严", 3), (3, "实", 3)]
    assert (term_iri("sanyansanshi"), TIFA.enumerative, Literal(True)) in g


def test_what_only_a_person_can_supply_is_reported() -> None:
    drafts = {d.term.slug: d for d in _drafts()}
    assert drafts["fangguanfu"].needs == ["definition (ko)"]
    assert "numeral groups" in drafts["liuwenliubao"].needs[-1]
    assert any("엄격한 수신" in need for need in drafts["sanyansanshi"].needs)


def test_draft_slugs_never_take_a_slug_of_the_graph() -> None:
    known = KnownTerms.from_terms(terms())
    text = "'장성국가문화공원(长城国家文化公园)'과 새로운 '창안가(长安街北)' 구간을 조성할 것입니다."
    drafts = extract_texts([("t", text)], known)[0].drafts
    slugs = [d.term.slug for d in drafts]
    assert len(set(slugs)) == len(slugs) and not set(slugs) & known.slugs


def test_drafts_validate_but_for_what_a_person_supplies() -> None:
    g = drafts_graph(_drafts())
    context = graph()
    findings = validate_drafts(g + context)
    assert findings is not None
    draft_nodes = {str(s) for s in g.subjects()}
    mine = [f for f in findings if str(f["focus"]).split("#")[0] in draft_nodes]
    unexpected = [f for f in mine if f["severity"] == "Violation" and not f["person"]]
    assert unexpected == [], unexpected
    assert {f["rule"] for f in mine if f["person"]} & set(PERSON_RULES)
