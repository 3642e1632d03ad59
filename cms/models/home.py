"""The home page: the site root."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.models.base import PortalPage, localize_pages


class HomePage(PortalPage):
    """The portal's home page: the root of the public site."""

    intro = RichTextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.PolicyIndexPage",
        "cms.GuideIndexPage",
        "cms.TopTenIndexPage",
        "cms.WhitePaperIndexPage",
        "cms.NewsIndexPage",
        "cms.OverseasIndexPage",
        "cms.DirectoryPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        from cms.models.news import NewsPage
        from cms.models.policies import PolicyPage
        from cms.models.topten import TopTenCollectionPage

        context = super().get_context(request, *args, **kwargs)
        home = self.source_page()
        news = NewsPage.objects.live().descendant_of(home).order_by("-date", "-pk")
        context["notices"] = localize_pages(news.filter(kind=NewsPage.Kind.NOTICE)[:5])
        context["latest_news"] = localize_pages(news.filter(kind=NewsPage.Kind.NEWS)[:5])
        policies = PolicyPage.objects.live().descendant_of(home).order_by("-issue_date", "-pk")
        featured = policies.filter(featured=True)[:5]
        context["featured_policies"] = localize_pages(featured or policies[:5])
        collection = (
            TopTenCollectionPage.objects.live()
            .descendant_of(home)
            .filter(year__lte=timezone.localdate().year)
            .order_by("-year")
            .first()
        )
        if collection is not None:
            context["top_ten"] = localize_pages([collection])[0]
            context["top_ten_cases"] = localize_pages(collection.cases())
        return context
