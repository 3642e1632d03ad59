"""Credit pages in a real browser: public search and detail, staff entry and repair; axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from complaints.models import Bureau, Role
from tests.browser.axe import assert_no_axe_violations
from tests.factories.complaints import staff_member
from tests.factories.credit import CreditRecordFactory, PublicationRuleFactory, make_uscc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bureau(reference_data):
    return Bureau.objects.get(code="jiangan-amr")


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}]
)
def test_public_search_and_detail(live_server, page, bureau, viewport):
    page.set_viewport_size(viewport)
    record = CreditRecordFactory(bureau=bureau, enterprise_name="武汉浏览器测试鞋业有限公司")
    CreditRecordFactory.create_batch(2, bureau=bureau)
    page.goto(live_server.url + "/credit/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    assert_no_axe_violations(page)

    search = page.get_by_label("企业名称或统一社会信用代码")
    search.fill(record.uscc.lower())
    search.press("Enter")
    expect(page.locator("#credit-count")).to_contain_text("1")
    page.get_by_role("link", name="武汉浏览器测试鞋业有限公司").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("武汉浏览器测试鞋业有限公司")
    assert_no_axe_violations(page)

    page.goto(live_server.url + "/en/credit/?q=nothing-like-this")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_no_axe_violations(page)


def test_staff_enter_a_record_then_repair_it(live_server, page, bureau):
    PublicationRuleFactory()
    staff_member(bureau, Role.SUPERVISOR, username="credit_sup")
    page.goto(live_server.url + reverse("dashboard:login"))
    page.fill("#id_username", "credit_sup")
    page.fill("#id_password", "pw-for-tests")
    page.get_by_role("button", name="登录").click()
    page.goto(live_server.url + reverse("credit_staff:list"))
    assert_no_axe_violations(page)

    page.get_by_role("link", name="新增信用记录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("新增信用记录")
    page.get_by_role("textbox", name="企业名称", exact=True).fill("武汉录入测试有限公司")
    page.get_by_label("统一社会信用代码").fill("91420102MA4KXR8P10")  # wrong check character
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("统一社会信用代码")
    expect(page.get_by_role("textbox", name="企业名称", exact=True)).to_have_value(
        "武汉录入测试有限公司"
    )
    assert_no_axe_violations(page)

    page.get_by_label("统一社会信用代码").fill(make_uscc(99))
    page.get_by_label("记录类型").select_option("wilful")
    page.get_by_label("决定书文号").fill("江市监罚〔2026〕7号")
    page.get_by_label("决定日期").fill("2026-11-20")
    page.get_by_label("主要违法事实").fill("故意销售侵权商品。")
    page.get_by_role("textbox", name="处罚依据", exact=True).fill(
        "《中华人民共和国商标法》第六十条"
    )
    page.get_by_label("处罚内容").fill("罚款10万元")
    page.get_by_label("公示期限规则").select_option(index=1)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_contain_text("武汉录入测试有限公司")
    expect(page.get_by_role("heading", level=1)).to_contain_text("公示中")
    assert_no_axe_violations(page)

    page.get_by_label("申请日期").fill("2026-11-25")
    page.get_by_label("申请理由").fill("已整改。")
    page.get_by_label("准予修复", exact=True).check()
    page.get_by_label("决定说明").fill("符合条件。")
    page.get_by_role("button", name="记录修复决定").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("已信用修复")
    assert_no_axe_violations(page)

    page.goto(live_server.url + "/credit/")
    expect(page.get_by_text("武汉录入测试有限公司")).to_have_count(0)
