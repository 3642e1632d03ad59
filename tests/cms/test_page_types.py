"""Each page type can be created only where it belongs."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms import models

INDEXES = [
    (models.PolicyIndexPage, models.PolicyPage),
    (models.GuideIndexPage, models.GuidePage),
    (models.TopTenIndexPage, models.TopTenCollectionPage),
    (models.WhitePaperIndexPage, models.WhitePaperPage),
    (models.NewsIndexPage, models.NewsPage),
    (models.OverseasIndexPage, models.OverseasInfoPage),
]


class PagePlacementTests(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(models.HomePage, {Page})
        self.assertCanNotCreateAt(models.PolicyIndexPage, models.HomePage)

    def test_index_pages_sit_under_the_home_page(self):
        for index_model, child_model in INDEXES:
            self.assertAllowedParentPageTypes(index_model, {models.HomePage})
            self.assertCanCreateAt(models.HomePage, index_model)
            self.assertCanNotCreateAt(Page, index_model)
            self.assertAllowedParentPageTypes(child_model, {index_model})

    def test_content_pages_only_in_their_own_section(self):
        self.assertCanCreateAt(models.PolicyIndexPage, models.PolicyPage)
        self.assertCanNotCreateAt(models.NewsIndexPage, models.PolicyPage)
        self.assertCanNotCreateAt(models.HomePage, models.PolicyPage)
        self.assertCanNotCreateAt(models.PolicyIndexPage, models.NewsPage)
        self.assertCanNotCreateAt(models.GuideIndexPage, models.OverseasInfoPage)

    def test_policy_interpretation_belongs_to_a_policy(self):
        self.assertAllowedParentPageTypes(models.PolicyInterpretationPage, {models.PolicyPage})
        self.assertAllowedSubpageTypes(models.PolicyPage, {models.PolicyInterpretationPage})

    def test_top_ten_cases_live_in_a_yearly_collection(self):
        self.assertAllowedParentPageTypes(models.TopTenCasePage, {models.TopTenCollectionPage})
        self.assertAllowedSubpageTypes(models.TopTenCollectionPage, {models.TopTenCasePage})
        self.assertCanNotCreateAt(models.TopTenIndexPage, models.TopTenCasePage)

    def test_leaf_pages_have_no_children(self):
        for model in (
            models.GuidePage,
            models.NewsPage,
            models.OverseasInfoPage,
            models.WhitePaperPage,
            models.TopTenCasePage,
            models.DirectoryPage,
        ):
            self.assertAllowedSubpageTypes(model, set())
