"""Editors' side: every page type's edit view loads and saves in the Wagtail admin."""

from datetime import date

from django.urls import reverse
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from cms import models
from cms.demo import ensure_home_page
from tests.factories.cms import add_page

PARAGRAPH = [{"type": "paragraph", "value": "<p>正文。</p>"}]


class AdminEditingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        with translation.override("zh-hans"):
            home = ensure_home_page()
            policies = add_page(home, models.PolicyIndexPage(title="政策法规", slug="policies"))
            policy = add_page(
                policies,
                models.PolicyPage(
                    title="政策",
                    slug="p",
                    issuer="市政府",
                    issue_date=date(2020, 1, 1),
                    level="municipal",
                    body=PARAGRAPH,
                ),
            )
            guides = add_page(home, models.GuideIndexPage(title="培训指南", slug="guides"))
            top_ten = add_page(home, models.TopTenIndexPage(title="十大案件", slug="top-ten"))
            collection = add_page(
                top_ten, models.TopTenCollectionPage(title="2025年", slug="2025", year=2025)
            )
            papers = add_page(home, models.WhitePaperIndexPage(title="白皮书", slug="white-papers"))
            news = add_page(home, models.NewsIndexPage(title="新闻动态", slug="news"))
            overseas = add_page(home, models.OverseasIndexPage(title="海外信息", slug="overseas"))
            cls.editor = cls.create_superuser("chief-editor")
            cls.pages = [
                home,
                policies,
                policy,
                guides,
                top_ten,
                collection,
                papers,
                news,
                overseas,
                add_page(
                    policy,
                    models.PolicyInterpretationPage(
                        title="解读", slug="i", date=date(2020, 1, 2), body=PARAGRAPH
                    ),
                ),
                add_page(
                    guides,
                    models.GuidePage(
                        title="指南",
                        slug="g",
                        audience="public",
                        format="guide",
                        date=date(2026, 1, 1),
                        body=PARAGRAPH,
                    ),
                ),
                add_page(
                    collection,
                    models.TopTenCasePage(
                        title="案件",
                        slug="c",
                        rank=1,
                        case_type="patent",
                        authority="法院",
                        case_summary="<p>案情</p>",
                        significance="<p>意义</p>",
                    ),
                ),
                add_page(papers, models.WhitePaperPage(title="2025年状况", slug="2025", year=2025)),
                add_page(
                    news,
                    models.NewsPage(title="新闻", slug="n", date=date(2026, 1, 1), body=PARAGRAPH),
                ),
                add_page(
                    overseas,
                    models.OverseasInfoPage(
                        title="美国",
                        slug="us",
                        country="美国",
                        region="americas",
                        updated=date(2026, 1, 1),
                        body=PARAGRAPH,
                    ),
                ),
            ]

    def _post_data(self, page):
        """The edit form as the browser would send it; StreamFields are built by JavaScript."""
        self.client.force_login(self.editor)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
        self.assertEqual(response.status_code, 200)
        data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
        if "body" in {field.name for field in page._meta.fields}:
            data.update(
                nested_form_data(
                    {"body": streamfield([("paragraph", rich_text("<p>改过的正文。</p>"))])}
                )
            )
        return data

    def test_every_page_type_is_editable_and_routable(self):
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                data = self._post_data(page)
                data["title"] = f"{page.title}（修订）"
                edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
                response = self.client.post(edit_url, data)
                errors = response.content.decode()[:3000] if response.status_code != 302 else ""
                self.assertEqual(response.status_code, 302, errors)
                page.refresh_from_db()
                revision = page.get_latest_revision_as_object()
                self.assertEqual(revision.title, data["title"])
                if hasattr(revision, "body"):
                    self.assertIn("改过的正文", str(revision.body))
                self.assertPageIsRoutable(page)
