"""The inspection pages in a real browser: zero axe violations, keyboard use, both languages."""

import datetime

import pytest
from playwright.sync_api import expect

from inspections.models import Outcome
from inspections.services import draws, results
from tests.browser.axe import assert_no_axe_violations
from tests.factories.inspections import drawn, inspection_setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(bureau, supervisor, handler):
    """One drawn campaign with one result, one committed campaign."""
    draw = drawn(inspection_setup(bureau, targets=8)[0], supervisor)
    results.record_result(
        draw.inspections.order_by("order").first(),
        {
            "inspected_on": datetime.date(2026, 11, 2),
            "checked_items": list(draw.items.all()),
            "outcome": Outcome.RECTIFY,
            "violation_found": True,
            "public_note": "专利标识不规范，已责令改正。",
            "internal_note": "",
        },
        handler,
    )
    pending = draws.commit(inspection_setup(bureau, targets=4, inspectors=2)[0], supervisor)
    return draw, pending


def sign_in(page, base, username):
    page.goto(f"{base}/dashboard/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/dashboard/")


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}]
)
def test_public_pages_are_accessible_in_both_languages(live_server, page, published, viewport):
    draw, pending = published
    page.set_viewport_size(viewport)
    for prefix in ("", "/en"):
        page.goto(f"{live_server.url}{prefix}/inspections/")
        assert_no_axe_violations(page)
        page.goto(f"{live_server.url}{prefix}/inspections/{draw.pk}/")
        expect(page.locator("#seed")).to_have_text(draw.seed)
        assert_no_axe_violations(page)
        page.goto(f"{live_server.url}{prefix}/inspections/{pending.pk}/")
        expect(page.locator("#seed-hash")).to_have_text(pending.seed_hash)
        expect(page.locator("#seed")).to_have_count(0)
        assert_no_axe_violations(page)


def test_staff_pages_are_accessible_and_errors_are_announced(live_server, page, published):
    draw, pending = published
    base = live_server.url
    sign_in(page, base, "insp_supervisor")
    for path in (
        "/dashboard/inspections/",
        "/dashboard/inspections/new/",
        f"/dashboard/inspections/{draw.pk}/",
        f"/dashboard/inspections/{pending.pk}/",
        "/dashboard/inspections/conflicts/",
        "/dashboard/inspections/targets/import/",
    ):
        page.goto(base + path)
        assert_no_axe_violations(page)

    inspection = draw.inspections.order_by("order").last()
    page.goto(f"{base}/dashboard/inspections/inspections/{inspection.pk}/result/")
    page.select_option("select[name=outcome]", Outcome.CASE_OPENED)
    page.fill("textarea[name=public_note]", "保留的说明")
    page.get_by_role("button", name="保存并公示").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("textarea[name=public_note]")).to_have_value("保留的说明")
    assert_no_axe_violations(page)

    page.goto(f"{base}/dashboard/inspections/{pending.pk}/")
    page.get_by_role("button", name="执行抽取并公开种子").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#seed")).to_be_visible()
