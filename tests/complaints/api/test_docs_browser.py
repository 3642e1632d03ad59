"""The API documentation page in a real browser: accessible in both languages, footer link."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_docs_page_is_reachable_from_the_footer_and_accessible(
    live_server, page, home_page, reference_data
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="开放接口").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("开放接口（Open311 GeoReport v2）")
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open API (Open311 GeoReport v2)")
    assert_no_axe_violations(page)
