"""Issue 17 in a real browser: zero axe-core violations (WCAG 2.1 AA) on every public page type
and every step of the complaint wizard, in Chinese and in English; ``lang`` on every page and on
each fragment in the other language; the language switch keeps the reader on the same page.

One test per language walks every page and reports all violations of all pages at the end, so a
run shows the whole list (and seeding the demo site once per language keeps the run short).
"""

import datetime
import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from complaints.models import Bureau, Role
from tests.browser.axe import axe_violations
from tests.complaints.conftest import frozen_today, reference_data  # noqa: F401 (fixtures)
from tests.complaints.intake.conftest import answers  # noqa: F401 (fixture)
from tests.factories.complaints import file_complaint, resolve_case, staff_member
from tests.factories.credit import CreditRecordFactory
from tests.factories.inspections import drawn, inspection_setup
from tests.factories.records import public_record

pytestmark = [
    pytest.mark.browser,
    # Not serialized_rollback: its flush skips post_migrate, so the next transactional test
    # would find no permissions. The root collection the flush removes is made again below.
    pytest.mark.django_db(transaction=True),
]

# Text with Chinese characters (or full-width punctuation) outside a lang="zh…" element.
CJK_OUTSIDE_ZH = """() => {
  const han = /[\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const leaks = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!han.test(node.data) || parent.closest('script,style,template,textarea')) continue;
    const marked = parent.closest('[lang]');
    if (!marked || !marked.getAttribute('lang').toLowerCase().startsWith('zh')) {
      leaks.push(parent.tagName + ': ' + node.data.trim().slice(0, 80));
    }
  }
  return leaks;
}"""


class Walk:
    """Visits pages in one language and keeps every problem found, page by page."""

    def __init__(self, page, base: str, language: str):
        self.page, self.base, self.language = page, base, language
        self.prefix = "/en" if language == "en" else ""
        self.problems: dict[str, list[str]] = {}

    def url(self, path: str) -> str:
        return self.base + self.prefix + path

    def goto(self, path: str, expected_status: int = 200):
        response = self.page.goto(self.url(path))
        assert response.status == expected_status, (path, response.status)

    def check(self, where: str):
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:4]]}"
            for v in axe_violations(self.page)
        ]
        lang = self.page.locator("html").get_attribute("lang")
        if lang != ("en" if self.language == "en" else "zh-Hans"):
            found.append(f"html lang is {lang!r}")
        if self.language == "en":
            found += [
                f"Chinese outside lang=zh: {leak}" for leak in self.page.evaluate(CJK_OUTSIDE_ZH)
            ]
        if found:
            self.problems[f"{where} ({self.page.url})"] = found

    def visit(self, path: str, expected_status: int = 200):
        self.goto(path, expected_status)
        self.check(path)

    def assert_clean(self):
        report = "\n".join(
            f"{where}:\n  " + "\n  ".join(found) for where, found in self.problems.items()
        )
        assert not self.problems, f"{len(self.problems)} page(s) with problems:\n{report}"


@pytest.fixture
def public_data(reference_data, answers, frozen_today):  # noqa: F811 (fixtures)
    """The demo site's pages, a filed and a resolved case, a public record, credit records
    and a drawn inspection campaign."""
    from wagtail.models import Collection

    from cms.demo import seed_editorial_groups, seed_pages

    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    frozen_today(datetime.date(2026, 3, 2))
    seed_editorial_groups()
    seed_pages()
    bureau = Bureau.objects.get(code="jiangan-amr")
    supervisor = staff_member(bureau, Role.SUPERVISOR, username="a11y_supervisor")
    filed = file_complaint()
    resolved = file_complaint().complaint
    from complaints.services import lifecycle

    lifecycle.accept(resolved, actor=supervisor)
    resolve_case(resolved, supervisor, public_note="已依法处理。")
    record = public_record(closed_on=datetime.date(2025, 6, 30))
    credit = CreditRecordFactory(bureau=bureau)
    draw = drawn(inspection_setup(bureau, targets=6)[0], supervisor)
    return {
        "filed": filed,
        "record": record,
        "credit": credit,
        "draw": draw,
        "answers": answers,
    }


def cms_paths() -> list[str]:
    """One live page of each CMS page type (the default-language path)."""
    seen, paths = set(), []
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        kind = type(page).__name__
        if kind in seen or page.locale.language_code != "zh-hans":
            continue
        seen.add(kind)
        paths.append(page.get_url(None) or "/")
    return paths


def fill(page, data: dict):
    for name, value in data.items():
        field = page.locator(f"main [name={name}]").first
        kind = field.evaluate("e => e.tagName === 'SELECT' ? 'select' : e.type")
        if kind == "select":
            field.select_option(value)
        elif kind in {"radio", "checkbox"}:
            page.locator(f"main [name={name}][value='{value}']").check()
        else:
            field.fill(value)


def next_step(page):
    page.locator("main button[name=nav][value=next]").click()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_public_page_has_no_axe_violation(live_server, page, public_data, language):
    walk = Walk(page, live_server.url, language)
    paths = cms_paths()
    assert len(paths) >= 10, paths
    for path in paths:
        walk.visit(path)
    walk.visit("/search/?q=%E4%B8%93%E5%88%A9")
    walk.visit("/search/?q=patent")
    walk.visit("/stats/")
    walk.visit("/complaints/database/")
    walk.visit(f"/complaints/database/{public_data['record'].pk}/")
    walk.visit("/complaints/database/trends/")
    walk.visit("/credit/")
    walk.visit(f"/credit/{public_data['credit'].pk}/")
    walk.visit("/inspections/")
    walk.visit(f"/inspections/{public_data['draw'].pk}/")
    walk.visit("/account/")
    walk.visit("/no-such-page/", expected_status=404)
    page.goto(live_server.url + f"/open311/v2/?locale={language}")
    walk.check("/open311/v2/")
    walk.assert_clean()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_wizard_and_tracking_have_no_axe_violation(live_server, page, public_data, language):
    walk = Walk(page, live_server.url, language)
    answers = public_data["answers"]  # noqa: F811 (not the fixture)
    walk.goto("/complaints/new/")
    for step in ("what", "who", "respondent", "details"):
        expect(page).to_have_url(re.compile(f"/complaints/new/{step}/$"))
        walk.check(step)
        # Submitted empty (the browser's own checks off): the step with its error messages.
        page.evaluate("document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
        for field in page.locator("main input[type=text], main textarea").all():
            field.fill("")
        next_step(page)
        expect(page.locator("main .invalid-feedback, main [role=alert]").first).to_be_visible()
        walk.check(f"{step} with errors")
        fill(page, answers[step])
        next_step(page)
    expect(page).to_have_url(re.compile("/complaints/new/review/$"))
    walk.check("review")
    page.locator("main [name=consent]").check()
    page.locator("main button[name=nav][value=submit]").click()
    expect(page).not_to_have_url(re.compile("/review/$"))
    walk.check("receipt")

    filed = public_data["filed"]
    walk.visit("/complaints/track/")
    page.fill("[name=tracking_number]", filed.complaint.tracking_number)
    page.fill("[name=access_code]", "AAAAA-BBBBB")
    page.locator("main button[type=submit]").first.click()
    walk.check("lookup with a wrong code")
    page.fill("[name=tracking_number]", filed.complaint.tracking_number)
    page.fill("[name=access_code]", filed.access_code)
    page.locator("main button[type=submit]").first.click()
    expect(page).to_have_url(re.compile("/complaints/track/case/$"))
    walk.check("tracking case page")
    walk.assert_clean()


def switch_language(page, to: str):
    name = "English" if to == "en" else "简体中文"
    page.locator(".language-switch").get_by_role("link", name=name).click()
    expect(page.locator("html")).to_have_attribute("lang", "en" if to == "en" else "zh-Hans")


def test_the_language_switch_keeps_the_dashboard_query_and_the_cms_page(
    live_server, page, public_data
):
    base = live_server.url
    page.goto(base + "/dashboard/login/")
    page.fill("input[name=username]", "a11y_supervisor")
    page.fill("input[name=password]", "pw-for-tests")
    page.click("main button[type=submit]")
    expect(page.locator("#queue-rows")).to_be_visible()
    page.goto(base + "/dashboard/?status=received&sort=-created_at")
    switch_language(page, "en")
    assert page.url == base + "/en/dashboard/?status=received&sort=-created_at"
    case = public_data["filed"].complaint
    page.goto(base + f"/en/dashboard/cases/{case.pk}/")
    switch_language(page, "zh")
    assert page.url == base + f"/dashboard/cases/{case.pk}/"

    from cms.models import PolicyPage

    policy = PolicyPage.objects.live().filter(locale__language_code="zh-hans").first()
    path = policy.get_url(None)
    page.goto(base + path)
    switch_language(page, "en")
    assert page.url == base + policy.language_urls(None)["en"]
    switch_language(page, "zh")
    assert page.url == base + path


@pytest.mark.parametrize("language", ["zh", "en"])
def test_staff_pages_have_no_axe_violation(live_server, page, public_data, language):
    """The dashboard pages staff read in either language: queue, a case, performance, saved
    searches, and the hotline operator's call form."""
    walk = Walk(page, live_server.url, language)
    walk.goto("/dashboard/login/")
    walk.check("staff sign-in")
    page.fill("input[name=username]", "a11y_supervisor")
    page.fill("input[name=password]", "pw-for-tests")
    page.click("main button[type=submit]")
    expect(page.locator("#queue-rows")).to_be_visible()
    walk.check("queue")
    walk.visit(f"/dashboard/cases/{public_data['filed'].complaint.pk}/")
    walk.visit("/dashboard/performance/")
    walk.visit("/dashboard/saved/")
    walk.assert_clean()
