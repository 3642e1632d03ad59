"""The respondent's and the complainant's pages in a real browser (Debian chromium): the
invitation, the account, the answer, the complainant's decision, then the mediation agreement
both confirm and its PDF; axe-core clean throughout."""

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from respondents.models import RespondentAnswer
from tests.browser.axe import assert_no_axe_violations
from tests.factories.complaints import file_complaint
from tests.factories.respondents import NAME_A, PASSWORD, USCC_A

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invitation_answer_and_settlement_in_the_browser(live_server, page, calendar):
    from complaints.models import Bureau, Role
    from complaints.services import lifecycle
    from respondents import services
    from tests.factories.complaints import staff_member

    supervisor = staff_member(Bureau.objects.get(code="jiangan-amr"), Role.SUPERVISOR)
    filed = file_complaint(respondent_name=NAME_A, respondent_credit_code=USCC_A)
    case = lifecycle.accept(filed.complaint, actor=supervisor)
    code = services.invite_case(
        case,
        supervisor,
        phone="13700000001",
        email="",
        facts="被投诉人销售近似标志的运动鞋。",
        request_text="请说明商品来源。",
    ).code

    page.goto(live_server.url + "/respondent/invitation/")
    assert_no_axe_violations(page)
    page.get_by_label("邀请码").fill(code)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="开通被投诉企业账户")).to_be_visible()
    page.get_by_label("统一社会信用代码").fill(USCC_A)
    page.get_by_label("登录用户名").fill("guanggu_browser")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("再次输入密码").fill(PASSWORD)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="开通账户").click()

    expect(page.get_by_role("heading", name="本企业的案件")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=case.tracking_number).click()
    expect(page.get_by_text("请说明商品来源。")).to_be_visible()
    expect(page.get_by_text("张**")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("提出和解方案").check()
    page.get_by_label("情况说明").fill("已下架涉案商品。")
    page.get_by_label("和解方案（提出和解时填写）").fill("赔偿 2000 元。")
    page.get_by_role("button", name="提交答复").click()
    expect(page.get_by_role("heading", name="本企业的答复")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + "/complaints/track/")
    page.get_by_label("受理编号").fill(case.tracking_number)
    page.get_by_label("访问码").fill(filed.access_code)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="被投诉人的答复")).to_be_visible()
    expect(page.get_by_text("赔偿 2000 元。")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("投诉人接受和解方案").check()
    page.get_by_role("button", name="提交意见").click()
    expect(page.get_by_text("已记录您对和解方案的意见。")).to_be_visible()
    assert RespondentAnswer.objects.get(complaint=case).complainant_decision == "accepted"

    # The handler drafts the agreement; the respondent, still signed in, confirms it.
    from complaints.mediation import services as mediation

    case = lifecycle.start_handling(case, actor=supervisor)
    agreement = mediation.draft_agreement(case, "被申请人向申请人支付赔偿金2000元。", supervisor)
    page.goto(live_server.url + f"/respondent/cases/{case.pk}/")
    expect(page.get_by_text("被申请人向申请人支付赔偿金2000元。")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="确认调解协议").click()
    expect(page.get_by_text("已确认调解协议。双方确认后由办理部门盖章生效。")).to_be_visible()

    # The complainant confirms on the tracking page; the bureau seals; the PDF says so.
    page.goto(live_server.url + "/complaints/track/")
    page.get_by_label("受理编号").fill(case.tracking_number)
    page.get_by_label("访问码").fill(filed.access_code)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="调解协议", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="我同意并确认本调解协议").click()
    agreement.refresh_from_db()
    assert agreement.complainant_confirmed_at and agreement.respondent_confirmed_at
    mediation.seal(agreement, supervisor)
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载调解协议书（PDF）").click()
    pdf = PdfReader(download.value.path())
    text = "".join(p.extract_text() for p in pdf.pages)
    assert case.tracking_number in text and "2000" in text and "张三丰" in text
