"""Issue #7: the server-rendered pages, parsed as HTML and checked element by element."""

from __future__ import annotations

import pytest
from lxml import html

from api.web.i18n import COOKIE


def doc(response) -> html.HtmlElement:
    assert response.headers["content-type"].startswith("text/html")
    return html.fromstring(response.text)


def texts(root: html.HtmlElement, xpath: str) -> list[str]:
    return [el.text_content().strip() for el in root.xpath(xpath)]


def test_home_is_korean_by_default_with_counts_and_search_form(web) -> None:
    r = web.get("/")
    assert r.status_code == 200
    root = doc(r)
    assert root.get("lang") == "ko"
    form = root.xpath("//form[@action='/search' and @method='get']")[0]
    field = form.xpath(".//input[@name='q']")[0]
    assert form.xpath(f".//label[@for='{field.get('id')}']"), "the search box has a label"
    assert root.xpath("//dd[@data-count='terms']")[0].text == "12"
    assert root.xpath("//dd[@data-count='numbered']")[0].text == "1"
    assert root.xpath("//dd[@data-count='components']")[0].text == "7"
    assert root.xpath("//a[@class='skip-link' and @href='#main']") and root.xpath("//main[@id='main']")


@pytest.mark.parametrize(("lang", "html_lang", "nav"), [("zh", "zh-Hans", "浏览"), ("en", "en", "Browse"),
                                                        ("ko", "ko", "둘러보기")])
def test_lang_parameter_switches_interface_and_sets_cookie(web, lang: str, html_lang: str, nav: str) -> None:
    r = web.get("/browse", params={"lang": lang})
    root = doc(r)
    assert root.get("lang") == html_lang
    assert nav in texts(root, "//nav[@class='site-nav']//a")
    assert r.cookies.get(COOKIE) == lang or web.cookies.get(COOKIE) == lang
    assert r.headers["content-language"] == html_lang
    web.cookies.clear()


def test_cookie_keeps_the_language_and_bad_values_fall_back_to_korean(web) -> None:
    web.cookies.set(COOKIE, "en")
    assert doc(web.get("/")).get("lang") == "en"
    web.cookies.set(COOKIE, "fr")
    assert doc(web.get("/")).get("lang") == "ko"
    assert doc(web.get("/", params={"lang": "<x>"})).get("lang") == "ko"
    web.cookies.clear()


def test_every_page_states_display_language_and_fallback_order(web) -> None:
    for lang, order in (("ko", ["ko", "zh-Hans", "en"]), ("zh", ["zh-Hans", "zh-Hant", "ko", "en"])):
        root = doc(web.get("/browse/numbered", params={"lang": lang}))
        steps = root.xpath("//p[@id='display-lang']//span[@class='fallback-step']/@data-lang")
        assert steps == order
    web.cookies.clear()


def test_topic_list_has_the_twelve_areas_with_counts(web) -> None:
    root = doc(web.get("/browse"))
    links = root.xpath("//ol[@class='topic-list']/li/a/@href")
    assert root.xpath("//ol[@class='topic-list']/li/a")[0].get("lang") == "ko"
    assert [h for h in links if h.startswith("/browse/topic/s")] == [f"/browse/topic/s{n:02d}" for n in range(1, 13)]
    s10 = root.xpath("//a[@href='/browse/topic/s10']/..//span[@class='count']")[0].text
    assert "8" in s10  # 七有 and its seven components


def test_topic_page_lists_terms_in_hangul_order(web) -> None:
    root = doc(web.get("/browse/topic/s09"))
    assert texts(root, "//ul[@class='term-list']//span[@class='form-ko']") == ["길", "까치 <b>새</b>", "녹색", "화로"]
    assert web.get("/browse/topic/s99").status_code == 404


def test_korean_index_files_by_initial_consonant_not_syllable(web) -> None:
    root = doc(web.get("/browse/ko", params={"initial": "ㄱ"}))
    # 길 and 까치 share the tab ㄱ (ㄲ is filed under ㄱ); Hangul order puts 길 first
    assert texts(root, "//ul[@class='term-list']//span[@class='form-ko']") == ["교육", "길", "까치 <b>새</b>"]
    tabs = {a.text.strip(): a.get("href") for a in root.xpath("//nav[@class='index-tabs']//a")}
    assert "ㄲ" not in tabs and "ㄴ" in tabs and "0–9" in tabs
    digits = doc(web.get("/browse/ko", params={"initial": "#"}))
    assert texts(digits, "//span[@class='form-ko']") == ["7유"]
    assert web.get("/browse/ko", params={"initial": "가"}).status_code == 404


def test_pinyin_index_sorts_toneless_then_by_tone_with_u_umlaut_after_u(web) -> None:
    root = doc(web.get("/browse/pinyin", params={"letter": "l"}))
    assert texts(root, "//ul[@class='term-list']//span[@class='form-pinyin']") == ["lú", "lù", "lǜ sè"]


def test_numbered_page_shows_groups(web) -> None:
    root = doc(web.get("/browse/numbered"))
    rows = root.xpath("//ul[@class='term-list']/li")
    assert len(rows) == 1
    assert rows[0].xpath(".//span[@lang='zh-Hans']")[0].text == "七有"
    assert rows[0].xpath(".//span[@class='group-chip']")[0].text_content() == "(7, 有)"


def test_graph_text_is_escaped_not_markup(web) -> None:
    r = web.get("/browse/topic/s09")
    assert "<b>새</b>" not in r.text and "&lt;b&gt;새&lt;/b&gt;" in r.text
    assert not doc(r).xpath("//b")


def test_pages_forbid_inline_script(web) -> None:
    r = web.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert all(s.get("src") for s in doc(r).xpath("//script")), "no inline <script>"


def test_static_files_are_a_fixed_set(web) -> None:
    assert web.get("/static/tifa.css").headers["content-type"].startswith("text/css")
    assert web.get("/static/..%2Fapp.py").status_code == 404
    assert web.get("/static/nothing.js").status_code == 404


def test_term_page_heads_with_chinese_and_lists_components_in_order(web) -> None:
    root = doc(web.get("/term/qiyou"))
    assert root.xpath("//h1")[0].get("lang") == "zh-Hans" and root.xpath("//h1")[0].text == "七有"
    assert root.xpath("//p[@class='subtitle']")[0].get("lang") == "ko"
    items = root.xpath("//ol[@class='components']/li")
    assert [li.xpath(".//span[@lang='zh-Hans']")[0].text for li in items] == [
        "幼有所育", "学有所教", "劳有所得", "病有所医", "老有所养", "住有所居", "弱有所扶"]
    assert items[0].xpath(".//a/@href") == ["/term/youyousuoyu"]


def test_term_page_shows_every_form_with_language_and_rendering(web) -> None:
    root = doc(web.get("/term/qiyou"))
    rows = root.xpath("//table[@class='forms']/tbody/tr")
    forms = [(r.get("data-lang"), r.xpath(".//td[@class='form']/span")[0].text) for r in rows]
    assert forms[:5] == [("ko", "7유"), ("ko", "칠유"), ("zh-Hans", "七有"), ("zh-Hant", "七有"),
                         ("zh-Latn-pinyin", "qī yǒu")]
    assert all(r.xpath(".//td[@class='form']/span/@lang") == [r.get("data-lang")] for r in rows[:5])
    assert [b.get("data-copy") for b in root.xpath("//button[contains(@class, 'copy')]")][:2] == ["7유", "칠유"]
    assert "숫자 약칭" in rows[0].text_content() and "한자음 독음" in rows[1].text_content()


def test_term_page_lists_a_sino_korean_reading_once(web) -> None:
    # 七有 records 칠유 both as a Korean label and as its reading: one row, the label's (with its rendering).
    rows = doc(web.get("/term/qiyou")).xpath("//table[@class='forms']/tbody/tr")
    assert [r.xpath(".//td[@class='form']/span")[0].text for r in rows].count("칠유") == 1
    assert not [r for r in rows if r.get("data-lang") == "sino-korean"]
    # a reading that is no label keeps its own row
    lu = doc(web.get("/term/lu")).xpath("//table[@class='forms']/tbody/tr[@data-lang='sino-korean']")
    assert [r.xpath(".//td[@class='form']/span")[0].text for r in lu] == ["로"]


def test_term_page_marks_the_form_in_each_attestation(web) -> None:
    root = doc(web.get("/term/qiyou"))
    quote = root.xpath("//ul[@class='attestations']//blockquote")[0]
    assert quote.get("lang") == "ko"
    assert [m.text for m in quote.xpath(".//mark")] == ["7유"]
    assert quote.text_content().startswith("'7유(七有")


def test_term_page_provenance_status_and_links(web) -> None:
    root = doc(web.get("/term/qiyou"))
    assert root.xpath("//*[@data-provenance]/@data-provenance") == ["source"]
    assert root.xpath("//*[@data-status]/@data-status") == ["accepted"]
    hrefs = root.xpath("//section[contains(@class, 'downloads')]//a/@href")
    assert "/term/qiyou?format=ttl" in hrefs and "/term/qiyou?format=jsonld" in hrefs
    assert root.xpath("//section[@aria-labelledby='rel-h']//a/@href") == ["/term/lvse"]
    low = doc(web.get("/term/lu-2"))
    assert low.xpath("//*[@data-provenance]/@data-provenance") == ["editor", "unverified"]
    old = doc(web.get("/term/kkachi"))
    assert old.xpath("//*[@data-status]/@data-status") == ["deprecated"]


def test_component_page_names_parent_and_position(web) -> None:
    root = doc(web.get("/term/laoyousuoyang"))
    box = root.xpath("//p[@class='parent-box']")[0]
    assert box.get("data-parent") == "qiyou"
    assert box.xpath(".//a[@rel='up']/@href") == ["/term/qiyou"]
    assert "5" in box.text_content() and "7" in box.text_content()


def test_unknown_term_is_an_html_404(web) -> None:
    r = web.get("/term/no-such-term")
    assert r.status_code == 404
    assert doc(r).xpath("//p[@role='alert']")[0].text_content().strip() == "‘no-such-term’ 용어가 없습니다."


def test_query_page_offers_every_named_query_and_loads_one(web) -> None:
    root = doc(web.get("/query"))
    names = root.xpath("//ul[@class='examples']//a/@data-example")
    assert {"list_terms", "list_topics", "describe_term"} <= set(names)
    field = root.xpath("//textarea[@name='query']")[0]
    assert root.xpath(f"//label[@for='{field.get('id')}']")
    chosen = doc(web.get("/query", params={"example": "list_topics"}))
    assert "skos:topConceptOf" in chosen.xpath("//textarea[@name='query']")[0].text
    assert chosen.xpath("//a[@aria-current='true']/@data-example") == ["list_topics"]
    assert web.get("/query", params={"example": "nope"}).status_code == 404


def test_results_rank_rows_with_forms_definition_and_why(web) -> None:
    root = doc(web.get("/search", params={"q": "七有"}))
    rows = root.xpath("//ol[contains(@class, 'results')]/li")
    assert rows[0].get("data-term") == "qiyou"
    assert rows[0].xpath(".//span[@class='form-zh']")[0].get("lang") == "zh-Hans"
    assert rows[0].xpath(".//span[@class='form-ko']")[0].text == "7유"
    assert rows[0].xpath(".//p[@class='why']/@data-match") == ["exact"]
    assert rows[0].xpath(".//p[@class='definition']")[0].get("lang") == "ko"
    assert root.xpath("//input[@name='q']/@value") == ["七有"]


def test_a_component_result_names_its_parent_and_position(web) -> None:
    root = doc(web.get("/search", params={"q": "老有所养"}))
    first = root.xpath("//ol[contains(@class, 'results')]/li")[0]
    assert first.get("data-term") == "laoyousuoyang"
    assert "/term/qiyou" in first.xpath(".//p[@class='why']//a/@href")
    assert "(5/7)" in first.xpath(".//p[@class='why']")[0].text_content()


def test_search_without_query_or_too_long(web) -> None:
    assert web.get("/search").status_code == 200
    r = web.get("/search", params={"q": "가" * 201})
    assert r.status_code == 400 and doc(r).xpath("//p[@role='alert']")


def test_annotate_marks_terms_and_lists_them(web) -> None:
    from tests.web.conftest import SENTENCE

    r = web.post("/annotate", data={"text": SENTENCE})
    root = doc(r)
    hits = root.xpath("//div[@class='annotated']//span[@class='hit']")
    assert "qiyou" in [h.get("data-term") for h in hits]
    qiyou = next(h for h in hits if h.get("data-term") == "qiyou")
    assert qiyou.get("tabindex") == "0" and qiyou.xpath("./mark")[0].text in ("7유", "七有")
    assert qiyou.xpath(".//span[@role='tooltip']//span[@lang='zh-Hans']")[0].text == "七有"
    shown = root.xpath("//div[@class='annotated']//text()[not(ancestor::span[@class='tip'])]")
    assert "".join(shown) == SENTENCE, "the text is shown whole, marks in place"
    assert "qiyou" in root.xpath("//table[@class='found']/tbody/tr/@data-term")


def test_annotate_csv_download(web) -> None:
    import csv
    import io

    from tests.web.conftest import SENTENCE

    r = web.post("/annotate", data={"text": SENTENCE, "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv") and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    qiyou = next(row for row in rows if row["id"] == "qiyou")
    assert SENTENCE[int(qiyou["start"]):int(qiyou["end"])] == qiyou["text"] and qiyou["zh_hans"] == "七有"


def test_annotate_rejects_empty_text_with_a_message(web) -> None:
    r = web.post("/annotate", data={"text": "  "})
    assert r.status_code == 400 and doc(r).xpath("//p[@role='alert']")
    assert web.get("/annotate").status_code == 200


def test_index_pages_are_paged(web, monkeypatch) -> None:
    from api.routers import pages

    monkeypatch.setattr(pages, "INDEX_PAGE", 2)
    first = doc(web.get("/browse/ko", params={"initial": "ㄱ"}))
    assert len(first.xpath("//ul[@class='term-list']/li")) == 2
    assert first.xpath("//nav[contains(@class, 'pager')]//a/text()") == ["1", "2"]
    second = doc(web.get("/browse/ko", params={"initial": "ㄱ", "page": 2}))
    assert texts(second, "//ul[@class='term-list']//span[@class='form-ko']") == ["까치 <b>새</b>"]
    assert web.get("/browse/ko", params={"initial": "ㄱ", "page": 3}).status_code == 404
INVALID_DRAFT = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix tifa: <https://w3id.org/tifa/ontology#> .
<https://w3id.org/tifa/term/fangguanfu> a tifa:Term, skos:Concept ;
    skos:notation "fangguanfu" ;
    skos:prefLabel "放管服"@zh-Hans .
"""
XL_DRAFT = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix skosxl: <http://www.w3.org/2008/05/skos-xl#> .
@prefix tifa: <https://w3id.org/tifa/ontology#> .
<https://w3id.org/tifa/term/lvsefazhan> a tifa:Term, skos:Concept ;
    skos:notation "lvsefazhan" ;
    skos:prefLabel "绿色发展"@zh-Hans, "녹색 발전"@ko ;
    skosxl:prefLabel <https://w3id.org/tifa/term/lvsefazhan#zh-Hans>, <https://w3id.org/tifa/term/lvsefazhan#ko> .
<https://w3id.org/tifa/term/lvsefazhan#zh-Hans> a skosxl:Label ; skosxl:literalForm "绿色发展"@zh-Hans .
<https://w3id.org/tifa/term/lvsefazhan#ko> a skosxl:Label ; skosxl:literalForm "녹색 발전"@ko .
"""


def test_validate_groups_findings_by_term_with_korean_messages(web) -> None:
    r = web.post("/validate", data={"draft": INVALID_DRAFT, "action": "validate"})
    assert r.status_code == 200
    root = doc(r)
    block = root.xpath("//section[contains(@class, 'report')]//div[@data-term='fangguanfu']")[0]
    rules = block.xpath(".//li[@data-severity='Violation']/@data-rule")
    assert "D01" in rules, "a Korean definition is required"
    message = block.xpath(".//li[@data-rule='D01']/span[@lang='ko']")[0].text
    assert "한국어 정의" in message
    assert root.xpath("//p[@role='alert']"), "not conforming is announced"


def test_validate_reports_syntax_errors_with_line_and_column(web) -> None:
    r = web.post("/validate", data={"draft": "@prefix x: <http://x/> .\nx:a x:b \"unclosed .\n"})
    assert r.status_code == 400
    alert = doc(r).xpath("//section[contains(@class, 'report')]//p[@role='alert']")[0].text_content()
    assert "2행" in alert


def test_validate_takes_an_uploaded_file(web) -> None:
    r = web.post("/validate", data={"action": "validate"},
                 files={"file": ("draft.ttl", INVALID_DRAFT.encode(), "text/turtle")})
    assert doc(r).xpath("//div[@data-term='fangguanfu']")
    assert web.post("/validate", data={"draft": " "}).status_code == 400


def test_enrich_fills_derivable_fields_in_the_draft(web) -> None:
    root = doc(web.post("/validate", data={"draft": XL_DRAFT, "action": "enrich"}))
    draft = root.xpath("//textarea[@name='draft']")[0].text
    assert '"綠色發展"@zh-Hant' in draft and "lǜ sè fā zhǎn" in draft
    assert "added" in root.xpath("//ul[@class='changes']/li/@data-action")


def test_home_counts_from_the_lookup_index_agree_with_the_browse_catalogue(web) -> None:
    """The home page counts from the in-memory index; the browse pages read every term from the store."""
    from api.web import browse

    root = doc(web.get("/"))
    state = web.app.state
    terms, _ = browse.Catalogue().get(state.store, state.queries)
    expected = {"terms": len(terms), "numbered": sum(e.numbered for e in terms),
                "components": sum(e.component for e in terms), "named": sum(e.kind == "named-entity" for e in terms)}
    shown = {key: int(root.xpath(f"//dd[@data-count='{key}']")[0].text) for key in expected}
    assert shown == expected
