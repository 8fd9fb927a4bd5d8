"""Issue #9: the TBX export is TBX-Basic (RELAX NG + the dialect's Schematron) and says what tifa knows."""

from __future__ import annotations

import pytest
from lxml import etree

from api.exchange.formats import export
from api.exchange.tbx_schema import tbx_basic_errors
from api.settings import Settings
from api.store import open_store
from tests.exchange.conftest import snapshot, tbx_schema_dir

NS = {"t": "urn:iso:std:iso:30042:ed-2"}


@pytest.fixture
def fixture_tbx(fixture_store, fixture_settings) -> bytes:
    return export(snapshot(fixture_store, fixture_settings), "tbx").body


def test_fixture_export_is_valid_tbx_basic(fixture_tbx: bytes) -> None:
    errors = tbx_basic_errors(fixture_tbx, tbx_schema_dir())
    assert errors == [], "\n".join(map(str, errors))


def test_whole_graph_export_is_valid_tbx_basic(tmp_path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    store = open_store(settings)
    try:
        snap = snapshot(store, settings)
    finally:
        store.close()
    if not snap.terms:
        pytest.skip("graph/ holds no terms yet")
    errors = tbx_basic_errors(export(snap, "tbx").body, tbx_schema_dir())
    assert errors == [], "\n".join(map(str, errors[:20]))


@pytest.mark.parametrize("old, new, check", [
    (b'<termNote type="termType">abbreviation</termNote>', b'<termNote type="termType">numericAbbreviation</termNote>',
     "schematron module.basic.termNote"),
    (b'<descrip type="subjectField">s09</descrip>', b'<descrip type="context">s09</descrip>',
     "schematron module.basic.descrip"),
    (b'type="TBX-Basic"', b'type="TBX-Min"', "schematron dialectEnforcement"),
    (b'<termNote type="partOfSpeech">noun</termNote>', b'<termNote type="partOfSpeech">slogan</termNote>',
     "schematron module.min.termNote"),
    (b'<term>7\xec\x9c\xa0</term>', b'', "relaxng"),
])
def test_validation_catches_broken_tbx(fixture_tbx: bytes, old: bytes, new: bytes, check: str) -> None:
    assert old in fixture_tbx
    errors = tbx_basic_errors(fixture_tbx.replace(old, new, 1), tbx_schema_dir())
    assert any(e.check == check for e in errors), errors


def test_qiyou_entry(fixture_tbx: bytes) -> None:
    root = etree.fromstring(fixture_tbx)
    entry = root.find(".//t:conceptEntry[@id='qi-you']", NS)
    refs = entry.findall("t:ref[@type='crossReference']", NS)
    components = [r for r in refs if r.text.startswith("component: ")]
    assert [r.get("target") for r in components] == [
        "you-you-suo-yu", "xue-you-suo-jiao", "lao-you-suo-de", "bing-you-suo-yi", "lao-you-suo-yang",
        "zhu-you-suo-ju", "ruo-you-suo-fu"]
    assert components[0].text == "component: 1.1 幼有所育"
    assert entry.find("t:descrip[@type='subjectField']", NS).text == "s09"
    ko = entry.find("t:langSec[@xml:lang='ko']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    assert ko.find("t:descrip[@type='definition']", NS).text.startswith("유아 양육")
    first = ko.find("t:termSec", NS)
    assert first.find("t:term", NS).text == "7유"
    notes = {n.get("type"): n.text for n in first.findall("t:termNote", NS)}
    assert notes == {"termType": "abbreviation", "partOfSpeech": "noun", "administrativeStatus": "preferredTerm-admn-sts"}
    assert "rendering: numeric-abbreviation" in [n.text for n in first.findall("t:note", NS)]
    context = first.find("t:descripGrp/t:descrip[@type='context']", NS)
    assert "7유(七有)" in context.text
    assert first.find("t:descripGrp/t:admin[@type='source']", NS).text == "beijing-gwr-2023-ko, section 9"
    zh = entry.find("t:langSec[@xml:lang='zh-Hans']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    assert "pinyin: qī yǒu [origin=derived]" in [n.text for n in zh.findall("t:termSec/t:note", NS)]


def test_filtered_export_points_outside_with_external_references(fixture_store, fixture_settings) -> None:
    from api.exchange.filters import make_filter

    body = export(snapshot(fixture_store, fixture_settings), "tbx", make_filter(topics="s09", langs="ko-zh")).body
    root = etree.fromstring(body)
    assert {e.get("id") for e in root.iterfind(".//t:conceptEntry", NS)} >= {"qi-you", "you-you-suo-yu"}
    assert root.find(".//t:conceptEntry[@id='san-qu-san-xian']", NS) is None
    langs = {s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in root.iterfind(".//t:langSec", NS)}
    assert langs == {"ko", "zh-Hans"}
    assert tbx_basic_errors(body, tbx_schema_dir()) == []
