"""The search page in a real browser: keyboard use, facets without JavaScript, axe."""

import pytest

from tests.browser.axe import assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("search_backend", ["database"], indirect=True),
]


def test_search_from_the_header_box_and_filter_by_facet(live_server, page, indexed):
    page.goto(live_server.url + "/search/")
    page.get_by_label("站内搜索").fill("专利")
    page.get_by_label("站内搜索").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-hit").count() == 10
    assert page.locator(".search-hit mark").first.inner_text() == "专利"
    assert_no_axe_violations(page)
    page.get_by_role("link", name="政策法规").last.click()
    assert page.locator(".search-hit").count() == 5
    assert all("政策法规" in meta for meta in page.locator(".search-hit p.small").all_inner_texts())
    assert page.get_by_role("link", name="清除全部筛选").is_visible()
    assert_no_axe_violations(page)


def test_english_results_and_mobile_width(live_server, page, indexed):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/en/search/?q=%E7%99%BD%E7%9A%AE%E4%B9%A6")
    assert page.locator(".search-hit").count() == 2
    assert "Refine results" in page.content()
    assert_no_axe_violations(page)
