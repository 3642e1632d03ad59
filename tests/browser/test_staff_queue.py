"""The staff queue in a real browser: fits 1366 px, one card per case at 390 px, axe-core at
WCAG 2.1 AA, keyboard-only work, the language switch; and the screenshots in docs/screenshots/.

The screenshot test runs only when asked (SCREENSHOTS=1), so CI stays fast:

    SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_staff_queue.py -k screenshots
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from complaints.models import Bureau, Role
from tests.browser.axe import assert_no_axe_violations
from tests.factories.complaints import staff_member, varied_queue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def staff(db, settings):
    from django.core.cache import cache

    from complaints.demo import seed_reference_data

    settings.DASHBOARD_COUNTS_TTL = 0
    cache.clear()
    seed_reference_data()
    bureau = Bureau.objects.get(code="jiangan-amr")
    supervisor = staff_member(bureau, Role.SUPERVISOR, username="queue_supervisor")
    supervisor.first_name, supervisor.last_name = "芳", "李"
    supervisor.save()
    handler = staff_member(bureau, Role.HANDLER, username="queue_handler")
    handler.first_name, handler.last_name = "伟", "王"
    handler.save()
    cases = varied_queue(supervisor, handler)
    return {"supervisor": supervisor, "handler": handler, "cases": cases}


def sign_in(page, base: str, username: str, path: str = "/dashboard/login/") -> None:
    page.goto(base + path)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("main button[type=submit]")
    expect(page.locator("#queue-rows")).to_be_visible()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_queue_fits_1366_without_horizontal_scrolling(live_server, page, staff, language):
    page.set_viewport_size(WIDE)
    prefix = "/en" if language == "en" else ""
    sign_in(page, live_server.url, "queue_supervisor", f"{prefix}/dashboard/login/")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]
    for column in (-1, -2):  # 承办人 and 提交时间, the last two headers
        box = page.locator(".queue-table thead th").nth(column).bounding_box()
        assert box["x"] + box["width"] <= WIDE["width"]
    for badge in page.locator(".col-status .status-badge").all():
        assert badge.bounding_box()["height"] < 30  # one line: 状态 never wraps
    header = page.locator(".queue-table thead th").first
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(200)
    assert header.bounding_box()["y"] >= -1  # the header row sticks to the top
    assert_no_axe_violations(page)


def test_queue_is_one_card_per_case_at_390(live_server, page, staff):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "queue_handler")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    rows = page.locator("#queue-rows tr").all()
    assert len(rows) == len(staff["cases"])
    first, second = rows[0].bounding_box(), rows[1].bounding_box()
    assert first["width"] > PHONE["width"] * 0.85  # a card spans the width
    assert second["y"] >= first["y"] + first["height"]  # and the next one sits below it
    expect(page.locator(".queue-table thead")).to_have_css("position", "absolute")
    assert_no_axe_violations(page)


def test_keyboard_only_search_filter_and_open_a_case(live_server, page, staff):
    page.set_viewport_size(WIDE)
    page.goto(live_server.url + "/dashboard/login/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")

    def tab_to(selector: str, limit: int = 60) -> None:
        for _ in range(limit):
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"{selector} is not reachable with Tab")

    tab_to("input[name=username]")
    page.keyboard.type("queue_handler")
    page.keyboard.press("Tab")
    page.keyboard.type("pw-for-tests")
    page.keyboard.press("Enter")
    expect(page.locator("#queue-rows")).to_be_visible()
    # The skip link takes a keyboard user past the navigation column to the queue.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    tab_to("input[name=q]")
    respondent = staff["cases"]["awaiting"].respondent_name
    page.keyboard.type(respondent)
    page.keyboard.press("Enter")
    expect(page.locator(".search-term")).to_contain_text(respondent)
    assert respondent not in page.url and "q=" not in page.url
    tab_to("select[name=status]")
    page.keyboard.press("ArrowDown")  # 未办结 (open)
    tab_to(".queue-filter-buttons button[type=submit]:not([name])")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/dashboard/?status=open")
    tab_to("#queue-rows a")
    number = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(number)


def test_language_switch_keeps_the_dashboard_page(live_server, page, staff):
    page.set_viewport_size(WIDE)
    sign_in(page, live_server.url, "queue_handler")
    page.goto(live_server.url + "/dashboard/?status=open")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith("/en/dashboard/?status=open")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="简体中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    assert page.url.endswith("/dashboard/?status=open") and "/en/" not in page.url


def shoot(page, name: str) -> None:
    """A screenshot as a small palette PNG (a few dozen kB) for the repository."""
    from PIL import Image

    path = SCREENSHOTS / name
    page.screenshot(path=path)
    Image.open(path).convert("RGB").quantize(colors=96).save(path, optimize=True)


@pytest.mark.opt_in
@pytest.mark.skipif(
    os.environ.get("SCREENSHOTS") != "1", reason="writes docs/screenshots/ (SCREENSHOTS=1)"
)
def test_screenshots(live_server, page, staff):
    """Small PNGs of what staff see: the queue at 1366 and 390 px, and a case page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(WIDE)
    sign_in(page, live_server.url, "queue_supervisor")
    shoot(page, "queue-1366.png")
    page.goto(live_server.url + f"/dashboard/cases/{staff['cases']['awaiting'].pk}/")
    shoot(page, "case-1366.png")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/dashboard/")
    shoot(page, "queue-390.png")
