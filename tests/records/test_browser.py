"""The public complaint database in a real browser: axe-core WCAG 2.1 AA, keyboard, chart."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.factories.complaints import valid_uscc
from tests.factories.records import public_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CODE = valid_uscc("91420100MA4K3B2C1")


@pytest.fixture
def records(reference_data):
    made = [
        public_record(
            respondent_name="武汉某某贸易有限公司",
            respondent_credit_code=CODE,
            narrative="店主[姓名]在网店销售假冒运动鞋，电话[电话]。",
        ),
        public_record(closed_on=datetime.date(2024, 3, 1), outcome="mediated"),
        public_record(closed_on=datetime.date(2025, 1, 9), all_limits_met=False),
    ]
    return made


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}]
)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_pages_are_accessible(live_server, page, records, viewport, prefix):
    page.set_viewport_size(viewport)
    base = live_server.url + prefix + "/complaints/database/"
    name = f"{'en' if prefix else 'zh'}-{viewport['width']}"
    for path, shot in (
        ("", "browse"),
        (f"{records[0].pk}/", "detail"),
        ("trends/", "trends"),
        (f"respondent/{CODE}/", "respondent"),
    ):
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(page)
        page.screenshot(path=f"/tmp/pubdb-{shot}-{name}.png", full_page=True)


def test_keyboard_filters_by_a_facet_and_the_chart_draws(live_server, page, records):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/complaints/database/")
    link = page.get_by_role("link", name="调解达成协议")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**outcome=mediated**")
    expect(page.get_by_role("status")).to_contain_text("1")
    page.goto(live_server.url + "/complaints/database/trends/")
    expect(page.locator("#records-chart")).to_be_visible()
    drawn = page.evaluate("() => !!Chart.getChart(document.getElementById('records-chart'))")
    assert drawn
