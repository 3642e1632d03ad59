"""The case workbench in a real browser: axe-core at WCAG 2.1 AA, keyboard use, screenshots."""

import io
import os

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image
from playwright.sync_api import expect

from complaints.services import lifecycle
from tests.browser.axe import assert_no_axe_violations
from tests.factories.complaints import file_complaint, received_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("CASEWORK_SHOTS", "/tmp")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 120, 200)).save(out, "PNG")
    return out.getvalue()


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_case_workbench_is_accessible_and_keyboard_usable(
    live_server, page, handler_a, frozen_today
):
    import datetime as dt

    frozen_today(dt.date(2026, 9, 1))
    case = file_complaint(files=[received_file("现场照片.png", _png())]).complaint
    file_complaint(complainant_name="李四")  # a related case (same respondent)
    lifecycle.accept(case, actor=handler_a, internal_note="材料齐全，建议现场检查")
    lifecycle.request_information(case, actor=handler_a, public_note="请补充商标注册证。")
    lifecycle.supply_information(case, note="已补充，见附件")
    _sign_in(page, live_server, handler_a)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/dashboard/cases/{case.pk}/")
        expect(page.get_by_role("heading", name="可执行的操作")).to_be_visible()
        assert_no_axe_violations(page)
        page.screenshot(path=f"{SHOTS}/casework-case-{width}.png", full_page=True)
    # Keyboard only: open the "assign" action and reach its select.
    summary = page.locator(".action-assign summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".action-assign select")).to_be_visible()
    assert_no_axe_violations(page)
    expect(page.locator(".note-internal").first).to_contain_text("仅办案工作人员可见")
    expect(page.locator(".note-public").first).to_contain_text("投诉人及公众可见")
