"""The intake wizard and tracking in a real browser, with axe-core at WCAG 2.1 AA."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def next_step(page):
    page.get_by_role("button", name="下一步").click()


def test_wizard_keeps_earlier_steps_after_a_step_four_error(live_server, page, reference_data):
    page.goto(live_server.url + "/complaints/new/")
    assert_no_axe_violations(page)
    page.get_by_label("用几句话说说发生了什么").fill("网店在卖假冒我公司商标的运动鞋")
    page.get_by_role("button", name="推荐类别").click()
    expect(page.locator("#suggestions")).to_contain_text("假冒注册商标商品")
    page.get_by_label("商标侵权").check()
    page.get_by_label("被投诉人所在区").select_option(label="武昌区")
    page.get_by_role("button", name="查看办理部门").click()
    expect(page.get_by_role("complementary")).to_contain_text("武昌区市场监督管理局")
    next_step(page)

    page.get_by_label("姓名或单位名称").fill("张三丰")
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("联系地址").fill("武汉市武昌区中北路1号")
    next_step(page)
    page.get_by_label("名称或姓名").fill("武汉某某贸易有限公司")
    next_step(page)

    page.get_by_label("事实与理由").fill("被投诉人销售使用我方注册商标的运动鞋，已公证购买。")
    page.get_by_label("请求事项").fill("请求责令停止侵权。")
    page.get_by_label("涉及的权利").select_option("trademark")
    page.get_by_label("专利号、商标注册号或著作权登记号").fill("ABC-不是号码")
    next_step(page)
    error = page.locator("#id_ip_right_number")
    expect(error).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("商标注册号应为数字")
    expect(page.get_by_label("事实与理由")).to_have_value(
        "被投诉人销售使用我方注册商标的运动鞋，已公证购买。"
    )
    assert_no_axe_violations(page)

    # Steps 1–3 are intact when going back.
    page.get_by_role("button", name="上一步").click()
    expect(page.get_by_label("名称或姓名")).to_have_value("武汉某某贸易有限公司")
    page.get_by_role("button", name="上一步").click()
    expect(page.get_by_label("姓名或单位名称")).to_have_value("张三丰")
    expect(page.get_by_label("联系电话")).to_have_value("13812345678")
    page.get_by_role("button", name="上一步").click()
    expect(page.get_by_label("商标侵权")).to_be_checked()
    expect(page.get_by_label("被投诉人所在区")).to_have_value(
        page.locator("#id_district option", has_text="武昌区").get_attribute("value")
    )
    for _ in range(3):
        next_step(page)
    # The invalid step-4 input was kept too; fix it and continue.
    expect(page.get_by_label("专利号、商标注册号或著作权登记号")).to_have_value("ABC-不是号码")
    page.get_by_label("专利号、商标注册号或著作权登记号").fill("12345678")
    next_step(page)

    expect(page.get_by_role("heading", name="个人信息处理说明")).to_be_visible()
    expect(page.locator("main")).to_contain_text("武汉某某贸易有限公司")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="确认提交").click()
    expect(page.get_by_role("alert")).to_contain_text("须同意个人信息处理说明")
    page.get_by_label("我已阅读上述个人信息处理说明").check()
    page.get_by_role("button", name="确认提交").click()

    expect(page.get_by_role("heading", name="提交成功")).to_be_visible()
    number = page.get_by_test_id("tracking-number").inner_text()
    code = page.get_by_test_id("access-code").inner_text()
    assert number.startswith("IP-") and code not in page.url and number not in page.url
    assert_no_axe_violations(page)

    page.goto(live_server.url + "/complaints/track/")
    assert_no_axe_violations(page)
    page.get_by_label("受理编号").fill(number)
    page.get_by_label("访问码").fill("WRONG-CODE")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("alert")).to_contain_text("受理编号或访问码不正确")
    assert_no_axe_violations(page)
    page.get_by_label("访问码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_test_id("status")).to_have_text("已提交")
    expect(page.locator("main")).to_contain_text("武昌区市场监督管理局")
    assert_no_axe_violations(page)
    page.get_by_label("撤回理由").fill("已与对方和解")
    page.get_by_label("我确认撤回").check()
    page.get_by_role("button", name="撤回本案").click()
    expect(page.get_by_test_id("status")).to_have_text("已撤回")


def test_english_form_is_accessible_on_a_phone(live_server, page, reference_data):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/en/complaints/new/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Step 1: What happened")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_axe_violations(page)
