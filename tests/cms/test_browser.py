"""Home page and a policy page in a real browser: keyboard use and axe-core WCAG 2.1 AA."""

from datetime import date

import pytest
from playwright.sync_api import expect

from cms import models
from tests.browser.axe import assert_no_axe_violations
from tests.factories.cms import NewsPageFactory, PolicyPageFactory, add_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(home_page):
    policies = add_page(home_page, models.PolicyIndexPage(title="政策法规", slug="policies"))
    news = add_page(home_page, models.NewsIndexPage(title="新闻动态", slug="news"))
    NewsPageFactory(parent=news, kind="notice", title="关于申报专项资金的通知")
    policy = PolicyPageFactory(
        parent=policies,
        title="武汉市推进国家知识产权强市创建工作方案",
        document_number="武政〔2017〕30号",
        issue_date=date(2017, 11, 1),
        featured=True,
        body=[
            {"type": "heading", "value": {"text": "一、总体目标", "level": "h2"}},
            {"type": "paragraph", "value": "<p>到2020年建成全国一流的知识产权强市。</p>"},
        ],
    )
    return policy


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}]
)
def test_home_and_policy_pages_are_accessible(live_server, page, site, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="通知公告")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(live_server.url + site.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(site.title)
    expect(page.locator("nav[aria-label='面包屑导航']")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="English").click()
    expect(page.locator(".untranslated-notice")).to_be_visible()
    expect(page.locator("article.cms-page")).to_have_attribute("lang", "zh-Hans")
    assert_no_axe_violations(page)


def test_keyboard_reaches_a_policy_from_the_home_page(live_server, page, site):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/")
    link = page.get_by_role("link", name=site.title)
    for _ in range(60):
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{site.url}")
    expect(page.get_by_text("武政〔2017〕30号")).to_be_visible()
