"""The account pages in a real browser: signed in by keyboard alone, axe-core clean."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.factories.citizens import last_code
from tests.factories.complaints import file_complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "13812345678"


def test_sign_in_by_keyboard_open_a_case_and_manage_data(live_server, page, reference_data):
    case = file_complaint(complainant_phone=PHONE).complaint
    page.goto(live_server.url + "/account/")
    assert_no_axe_violations(page)

    page.get_by_label("手机号码").fill(PHONE)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="输入短信验证码")).to_be_visible()
    code_field = page.get_by_label("短信验证码")
    expect(code_field).to_have_attribute("autocomplete", "one-time-code")

    code = last_code(PHONE)
    code_field.fill(f"{(int(code) + 1) % 1_000_000:06d}")
    page.keyboard.press("Enter")
    expect(page.get_by_text("验证码不正确")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("短信验证码").fill(code)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="我的案件")).to_be_visible()
    expect(page.get_by_role("rowheader", name=case.tracking_number)).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name=f"查看进度 {case.tracking_number}").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"办理进度 {case.tracking_number}")).to_be_visible()

    page.goto(live_server.url + "/account/data/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="删除我的账户").click()
    expect(page.get_by_text("请勾选确认后再删除账户。")).to_be_visible()
    assert_no_axe_violations(page)
