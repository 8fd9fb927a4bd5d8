"""Issue #7: the pages in a real browser (Debian's chromium through Playwright) against a live ``tifa serve``."""

from __future__ import annotations

from tests.graph_data import SOURCE

QIYOU_PARTS = ["幼有所育", "学有所教", "劳有所得", "病有所医", "老有所养", "住有所居", "弱有所扶"]


def source_paragraph(marker: str) -> str:
    """The first paragraph of the source text that contains ``marker``."""
    return next(p for p in SOURCE.read_text(encoding="utf-8").splitlines() if marker in p)


def components(page) -> list[str]:
    return page.locator("ol.components li [lang='zh-Hans']").all_inner_texts()


def test_search_qiyou_reach_term_follow_component_and_back(live_server, page) -> None:
    page.goto(live_server.url + "/")
    page.get_by_label("용어 검색").fill("七有")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    page.locator(".term-list a.term-link", has_text="七有").first.click()
    page.wait_for_url("**/term/qiyou")
    assert page.locator("h1[lang='zh-Hans']").inner_text() == "七有"
    assert components(page) == QIYOU_PARTS
    page.locator("ol.components a", has_text="病有所医").click()
    page.wait_for_url("**/term/bingyousuoyi")
    box = page.locator("p.parent-box")
    assert "4" in box.inner_text() and "7" in box.inner_text()
    box.locator("a[rel='up']").click()
    page.wait_for_url("**/term/qiyou")
    assert components(page) == QIYOU_PARTS


def test_suggestions_appear_while_typing(live_server, page) -> None:
    page.goto(live_server.url + "/")
    page.get_by_label("용어 검색").press_sequentially("칠유", delay=50)
    option = page.locator("#suggest li a").first
    option.wait_for()
    assert option.get_attribute("href") == "/term/qiyou"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/term/qiyou")


def test_term_page_fits_a_phone_and_copies_forms(live_server, open_page) -> None:
    pg = open_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg.goto(live_server.url + "/term/qiyou")
    assert pg.locator("h1[lang='zh-Hans']").inner_text() == "七有"
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert pg.locator("button.copy").first.is_visible()


def test_annotate_a_source_paragraph_marks_sanqusanxian(live_server, page) -> None:
    page.goto(live_server.url + "/annotate")
    page.get_by_label("한국어 또는 중국어 본문").fill(source_paragraph("三区三线"))
    page.get_by_role("button", name="용어 표시").click()
    hit = page.locator(".annotated [data-term='sanqusanxian']").first
    hit.wait_for()
    hit.focus()
    tip = hit.locator(".tip")
    assert tip.is_visible() and "三区三线" in tip.inner_text()
    assert page.locator("table.found tbody tr[data-term='sanqusanxian']").count() == 1


def test_run_a_named_query_and_see_the_table(live_server, page) -> None:
    page.goto(live_server.url + "/query")
    page.locator("a[data-example='list_topics']").click()
    page.wait_for_url("**/query?example=list_topics")
    page.get_by_role("button", name="실행").click()
    rows = page.locator("#result-table table tbody tr")
    rows.first.wait_for()
    assert rows.count() >= 12
    assert "?notation" in page.locator("#result-table thead").inner_text()


def test_invalid_draft_gets_the_korean_message(live_server, page) -> None:
    draft = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix tifa: <https://w3id.org/tifa/ontology#> .
<https://w3id.org/tifa/term/fangguanfu> a tifa:Term, skos:Concept ;
    skos:notation "fangguanfu" ;
    skos:prefLabel "放管服"@zh-Hans .
"""
    page.goto(live_server.url + "/validate")
    page.get_by_label("초안").fill(draft)
    page.get_by_role("button", name="검증").click()
    report = page.locator("section.report")
    report.wait_for()
    assert report.locator(".finding [lang='ko']").count() >= 1
    assert "fangguanfu" in report.inner_text()


def test_keyboard_starts_at_the_skip_link_and_browse_works(live_server, page) -> None:
    page.goto(live_server.url + "/browse")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.locator("ol.topic-list li").count() >= 12
    page.locator("a[hreflang='zh-Hans']").click()
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.goto(live_server.url + "/browse")  # the cookie keeps the choice
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_reading_works_without_javascript(live_server, open_page) -> None:
    pg = open_page(java_script_enabled=False)
    pg.goto(live_server.url + "/?lang=en")
    pg.get_by_label("Search terms").fill("sanqusanxian")
    pg.get_by_role("button", name="Search").click()
    pg.wait_for_url("**/search?q=sanqusanxian")
    pg.locator(".term-list a.term-link").first.click()
    pg.wait_for_url("**/term/sanqusanxian")
    assert pg.locator("h1[lang='zh-Hans']").inner_text() == "三区三线"
    assert pg.locator("ol.components").count() == 2, "two numeral groups: three zones, three lines"
