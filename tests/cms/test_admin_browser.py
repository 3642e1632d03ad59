"""Editors in a real browser, under the site's real CSP: every page type is created through the
Wagtail admin with its date pickers, choosers and a scheduled go-live, with no CSP errors."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.conf import settings
from playwright.sync_api import expect
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from cms import models
from cms.demo.editorial import DEMO_PASSWORD, seed_editorial
from cms.slugs import pinyin_slug
from tests.factories.cms import PolicyPageFactory, add_page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

GO_LIVE = datetime(2030, 1, 15, 9, 30, tzinfo=ZoneInfo(settings.TIME_ZONE))
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def editor_tree(home_page):
    """The demo editor, and one parent page for each page type that lives below an index."""
    if not Collection.objects.exists():  # a transactional test flushed the migration's root
        Collection.add_root(name="Root")
    seed_editorial([home_page])
    policies = add_page(home_page, models.PolicyIndexPage(title="政策法规", slug="policies"))
    top_ten = add_page(home_page, models.TopTenIndexPage(title="十大案件", slug="top-ten"))
    return {
        "home": home_page,
        "policies": policies,
        "policy": PolicyPageFactory(parent=policies, title="旧政策", slug="old-policy"),
        "guides": add_page(home_page, models.GuideIndexPage(title="培训指南", slug="guides")),
        "collection": add_page(
            top_ten, models.TopTenCollectionPage(title="2025年", slug="2025", year=2025)
        ),
        "top_ten": top_ten,
        "papers": add_page(home_page, models.WhitePaperIndexPage(title="白皮书", slug="papers")),
        "news": add_page(home_page, models.NewsIndexPage(title="新闻动态", slug="news")),
        "overseas": add_page(
            home_page, models.OverseasIndexPage(title="海外信息", slug="overseas")
        ),
    }


@pytest.fixture
def editor_page(browser, live_server, editor_tree):
    """A signed-in editor's tab WITHOUT the suite's bypass_csp, collecting CSP console errors."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 1000})
    page = context.new_page()
    page.csp_errors = []
    page.on(
        "console",
        lambda message: (
            page.csp_errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    yield page
    context.close()


def pick_date(page, field_id, value):
    """Opens the field's date picker (it only exists when the admin's scripts ran), then types."""
    page.click(f"#{field_id}")
    expect(page.locator(".xdsoft_datetimepicker:visible").first).to_be_visible()
    page.fill(f"#{field_id}", value)
    close_date_pickers(page)


def close_date_pickers(page):
    """As a click elsewhere would (Escape closes the dialog, Tab opens the next picker)."""
    page.evaluate("() => window.jQuery('.xdsoft_datetimepicker').trigger('close.xdsoft')")
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)


def type_rich_text(page, field_name, text):
    page.locator(f"[data-field-input]:has(#id_{field_name}) [contenteditable=true]").click()
    page.keyboard.type(text)


def add_paragraph(page, text):
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="正文段落").click()
    page.get_by_role("region", name="正文").locator("[contenteditable=true]").first.click()
    page.keyboard.type(text)


def upload_in_document_chooser(page, choose_button, title):
    """The document chooser's modal: upload a new PDF and take it."""
    choose_button.click()
    modal = page.locator(".modal-dialog")
    modal.locator("#tab-label-upload").click()
    modal.locator("#id_document-chooser-upload-title").fill(title)
    modal.locator("#id_document-chooser-upload-file").set_input_files(
        {"name": "attachment.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    modal.locator("#tab-upload button[type=submit]").click()
    expect(modal).to_be_hidden()


def choose_page(page, field_id, title):
    page.locator(f"#{field_id}-chooser .chooser__choose-button").click()
    modal = page.locator(".modal-dialog")
    modal.locator("#id_q").fill(title)
    modal.get_by_role("link", name=title).first.click()
    expect(modal).to_be_hidden()
    expect(page.locator(f"#{field_id}-title")).to_have_text(title)


def fill_policy(page, tree):
    page.fill("#id_issuer", "武汉市人民政府")
    pick_date(page, "id_issue_date", "2026-03-01")
    page.select_option("#id_level", "municipal")
    page.select_option("#id_validity", "repealed")  # only a repealed policy has a successor
    choose_page(page, "id_replaced_by", tree["policy"].title)
    page.click("#id_attachments-ADD")
    upload_in_document_chooser(
        page, page.locator("#id_attachments-0-document-chooser .chooser__choose-button"), "政策原文"
    )


def fill_white_paper(page, tree):
    page.fill("#id_year", "2026")
    upload_in_document_chooser(
        page, page.locator("#id_pdf-chooser .chooser__choose-button"), "白皮书全文"
    )


def fill_guide(page, tree):
    page.select_option("#id_audience", index=1)
    page.select_option("#id_format", index=1)
    pick_date(page, "id_date", "2026-04-01")


def fill_news(page, tree):
    pick_date(page, "id_date", "2026-04-02")
    add_paragraph(page, "新闻正文")


def fill_overseas(page, tree):
    page.fill("#id_country", "德国")
    page.select_option("#id_region", index=1)
    pick_date(page, "id_updated", "2026-04-03")
    add_paragraph(page, "海外知识产权环境")


def fill_interpretation(page, tree):
    pick_date(page, "id_date", "2026-04-04")
    add_paragraph(page, "政策解读")


def fill_case(page, tree):
    page.fill("#id_rank", "1")
    page.select_option("#id_case_type", index=1)
    page.fill("#id_authority", "武汉市中级人民法院")
    type_rich_text(page, "case_summary", "基本案情")
    type_rich_text(page, "significance", "典型意义")


def fill_collection(page, tree):
    page.fill("#id_year", "2026")


def fill_nothing(page, tree):
    pass


def parent_without(model):
    """An index page type may exist once per home: make room by creating it on a fresh tree."""

    def parent(tree):
        model.objects.all().delete()
        return tree["home"]

    return parent


# (page type, its parent in the tree, what the editor fills in beyond the title).
PAGE_TYPES = [
    (models.PolicyPage, lambda tree: tree["policies"], fill_policy),
    (models.WhitePaperPage, lambda tree: tree["papers"], fill_white_paper),
    (models.PolicyInterpretationPage, lambda tree: tree["policy"], fill_interpretation),
    (models.GuidePage, lambda tree: tree["guides"], fill_guide),
    (models.NewsPage, lambda tree: tree["news"], fill_news),
    (models.OverseasInfoPage, lambda tree: tree["overseas"], fill_overseas),
    (models.TopTenCasePage, lambda tree: tree["collection"], fill_case),
    (models.TopTenCollectionPage, lambda tree: tree["top_ten"], fill_collection),
    (models.PolicyIndexPage, parent_without(models.PolicyIndexPage), fill_nothing),
    (models.GuideIndexPage, parent_without(models.GuideIndexPage), fill_nothing),
    (models.NewsIndexPage, parent_without(models.NewsIndexPage), fill_nothing),
    (models.OverseasIndexPage, parent_without(models.OverseasIndexPage), fill_nothing),
    (models.TopTenIndexPage, parent_without(models.TopTenIndexPage), fill_nothing),
    (models.WhitePaperIndexPage, parent_without(models.WhitePaperIndexPage), fill_nothing),
    (models.DirectoryPage, lambda tree: tree["home"], fill_nothing),
]


def schedule_and_save_draft(page):
    page.click("[data-side-panel-toggle=status]")
    page.get_by_role("button", name="设置计划").first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_visible()
    page.click("#id_go_live_at")
    expect(page.locator(".xdsoft_datetimepicker:visible").first).to_be_visible()
    page.fill("#id_go_live_at", GO_LIVE.strftime("%Y-%m-%d %H:%M"))
    close_date_pickers(page)
    dialog.get_by_role("button", name="保存计划").click()
    # Saving a page with an uploaded document can take more than Playwright's 5 s on a loaded
    # two-core CI machine (seen once on PostgreSQL): wait as long as an editor would.
    saved = page.locator(".messages .success, .messages [class*=success]").first
    expect(saved).to_be_visible(timeout=30_000)


def test_page_types_cover_the_models():
    """Every page type an editor can add is walked below (the home page is edited instead)."""
    page_types = {
        model for model in apps.get_app_config("cms").get_models() if issubclass(model, Page)
    }
    assert page_types - {models.HomePage} == {model for model, _, _ in PAGE_TYPES}


@pytest.mark.parametrize(
    ("model", "parent_of", "fill"), PAGE_TYPES, ids=[model.__name__ for model, _, _ in PAGE_TYPES]
)
def test_editor_creates_each_page_type_with_no_csp_errors(
    live_server, editor_page, editor_tree, model, parent_of, fill
):
    page = editor_page
    parent = parent_of(editor_tree)
    opts = model._meta
    page.goto(f"{live_server.url}/admin/pages/add/{opts.app_label}/{opts.model_name}/{parent.pk}/")
    title = f"新建{opts.verbose_name} 2026"
    page.fill("#id_title", title)
    # Wagtail fills the slug from the title when the title loses focus, after a debounce. It
    # keeps ASCII only (no percent-encoded Chinese), so "-2026"; the server makes it pinyin.
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value(re.compile(r"^-?2026$"), timeout=10_000)
    fill(page, editor_tree)
    schedule_and_save_draft(page)

    assert page.csp_errors == []
    created = model.objects.get(title=title)
    assert created.slug == pinyin_slug(title)
    assert created.slug.startswith("xinjian-") and created.slug.endswith("-2026")
    revision = created.latest_revision.as_object()
    assert revision.go_live_at == GO_LIVE
    assert not created.live
    if model is models.PolicyPage:
        assert revision.replaced_by_id == editor_tree["policy"].pk
        assert [a.document.title for a in revision.attachments.all()] == ["政策原文"]
    if model is models.WhitePaperPage:
        assert revision.pdf.title == "白皮书全文"
    documents = get_document_model().objects.values_list("file", flat=True)
    assert all(name.endswith(".pdf") for name in documents)


def test_editor_edits_the_home_page_with_no_csp_errors(live_server, editor_page, editor_tree):
    page = editor_page
    page.goto(f"{live_server.url}/admin/pages/{editor_tree['home'].pk}/edit/")
    schedule_and_save_draft(page)
    assert page.csp_errors == []
    home = models.HomePage.objects.get(pk=editor_tree["home"].pk)
    assert home.latest_revision.as_object().go_live_at == GO_LIVE
