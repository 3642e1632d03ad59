"""A hotline operator records a call keyboard-only in a real browser; axe-core at WCAG 2.1 AA
in Chinese and English, at 1366 and 390 px. The keystrokes are the benchmark's own script
(benchmarks/bench_operator_call.py) typed without delay, so the figure it prints is for a page
this test proves works."""

import os
import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from benchmarks.bench_operator_call import CALL, sign_in, type_call
from complaints.models import Category, Complaint, District, Source
from complaints.notifications import sms
from complaints.notifications.models import Notification
from tests.browser.axe import assert_no_axe_violations
from tests.factories.complaints import hotline_operator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "operator-pw-2026"
VIEWPORTS = [{"width": 390, "height": 844}, {"width": 1366, "height": 900}]
SCREENSHOTS = os.environ.get("CALL_SCREENSHOTS", "")  # a folder: save what the tests see


@pytest.fixture
def operator(db):
    from django.core.cache import cache

    from complaints.demo import seed_reference_data
    from complaints.services import workdays

    cache.clear()
    workdays.invalidate_cache()
    seed_reference_data()
    user = hotline_operator(first_name="吴倩")
    user.set_password(PASSWORD)
    user.save()
    sms.outbox.clear()
    yield user
    sms.outbox.clear()


def _shoot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"hotline-{name}.png"), full_page=True)


def _ready(page) -> None:
    expect(page.locator("#id_hotline")).to_be_focused()
    expect(page.locator("#id_is_anonymous")).to_be_disabled()  # calls.js asked the server


def test_operator_records_a_call_keyboard_only(live_server, page, operator):
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server.url, operator.username, PASSWORD, "/dashboard/calls/new/")
    _ready(page)
    assert_no_axe_violations(page)
    _shoot(page, "new-zh-1366")

    values = {
        "category_value": str(Category.objects.get(code=CALL["category"]).pk),
        "district_value": str(District.objects.get(code=CALL["district"]).pk),
    }
    type_call(page, 0, values)

    # Filing indexes the case and sends the SMS (jieba starts on a cold process): be patient.
    expect(page.get_by_role("heading", level=1)).to_contain_text("来电已登记", timeout=60_000)
    number = page.get_by_test_id("tracking-number").inner_text()
    code = page.get_by_test_id("access-code").inner_text()
    expect(page.get_by_test_id("sms-status")).to_contain_text("138****5678")
    assert number not in page.url and code not in page.url
    assert_no_axe_violations(page)
    _shoot(page, "done-zh-1366")

    case = Complaint.objects.select_related("bureau", "phone_intake__hotline").get(
        tracking_number=number
    )
    assert case.source == Source.PHONE and case.bureau.name == "武昌区市场监督管理局"
    assert case.complainant_name == CALL["complainant_name"] and case.facts == CALL["facts"]
    assert case.phone_intake.hotline.code == "12315" and case.phone_intake.operator == operator
    event = case.events.get()
    assert event.action == "submitted" and event.actor == operator and event.actor_label == "吴倩"
    message = next(m for m in sms.outbox if m.to == CALL["complainant_phone"])
    assert number in message.body and code in message.body
    note = Notification.objects.get(complaint=case, channel="sms")
    assert note.purpose == "confirmation" and note.status == Notification.State.SENT

    # The next call starts clean; the receipt is gone.
    page.keyboard.press("Alt+n")
    _ready(page)
    expect(page.locator("#id_complainant_name")).to_have_value("")


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}]
)
def test_errors_keep_everything_and_are_accessible(live_server, page, operator, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, live_server.url, operator.username, PASSWORD, "/dashboard/calls/new/")
    _ready(page)
    assert_no_axe_violations(page)
    # The routing preview follows the answers, without a reload.
    page.locator("#id_category").select_option(label="商标侵权（12315）")
    page.locator("#id_district").select_option(label="江岸区")
    expect(page.get_by_test_id("route-bureau")).to_contain_text("江岸区市场监督管理局")
    expect(page.get_by_test_id("route-due")).to_contain_text("7 个工作日")
    page.locator("#id_complainant_name").fill("张三丰")
    page.locator("#id_complainant_phone").fill("12345")
    page.locator("#id_facts").fill("该店销售假冒我公司商标的运动鞋。")
    page.locator("#id_facts").press("Control+Enter")

    summary = page.locator("#call-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("请向来电人宣读个人信息处理说明")
    expect(summary).to_contain_text("请填写有效的手机号码")
    expect(page.locator("#id_complainant_name")).to_have_value("张三丰")
    expect(page.locator("#id_facts")).to_have_value("该店销售假冒我公司商标的运动鞋。")
    expect(page.locator("#id_complainant_phone")).to_have_attribute("aria-invalid", "true")
    assert not page.locator("input[name=consent]:checked").count()  # no answer was made up
    assert not Complaint.objects.exists()
    assert_no_axe_violations(page)
    width = viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shoot(page, f"errors-zh-{width}")


@pytest.mark.urls("tests.complaints.dashboard.calls_i18n_urls")
@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}]
)
def test_english_page_is_accessible(live_server, page, operator, viewport):
    page.set_viewport_size(viewport)
    with translation.override("en"):
        from django.urls import reverse

        url = reverse("dashboard:call_new")
    sign_in(page, live_server.url, operator.username, PASSWORD, url)
    _ready(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a call")
    assert_no_axe_violations(page)
    width = viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shoot(page, f"new-en-{width}")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#call-errors")).to_be_focused()
    text = page.locator("#call-errors").inner_text()
    assert not re.search(r"[\u4e00-\u9fff]", text), text
    assert_no_axe_violations(page)
    _shoot(page, f"errors-en-{width}")


def test_page_works_without_javascript(live_server, browser, operator):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    sign_in(page, live_server.url, operator.username, PASSWORD, "/dashboard/calls/new/")
    page.locator("#id_category").select_option(label="商标侵权（12315）")
    page.locator("#id_district").select_option(label="武昌区")
    page.locator("#id_complainant_name").fill("张三丰")
    page.get_by_role("button", name="查看办理部门和期限").click()
    expect(page.get_by_test_id("route-bureau")).to_contain_text("武昌区市场监督管理局")
    expect(page.locator("#id_complainant_name")).to_have_value("张三丰")
    expect(page.locator("#call-errors")).to_have_count(0)  # a preview is not a save
    assert not Complaint.objects.exists()
    context.close()
