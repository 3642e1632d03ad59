"""Overseas IP environment information (海外知识产权环境信息) by country or region."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.base import IndexPage, PortalPage


class Region(models.TextChoices):
    ASIA = "asia", _("亚洲")
    EUROPE = "europe", _("欧洲")
    AMERICAS = "americas", _("美洲")
    AFRICA = "africa", _("非洲")
    OCEANIA = "oceania", _("大洋洲")


class OverseasInfoPage(PortalPage):
    country = models.CharField(_("国家或地区"), max_length=100)
    region = models.CharField(_("所在洲"), max_length=20, choices=Region.choices)
    updated = models.DateField(_("信息更新日期"))
    body = StreamField(BodyBlock(), verbose_name=_("正文"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("country"), FieldPanel("region"), FieldPanel("updated")]),
        FieldPanel("body"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("country"),
        index.SearchField("body"),
        index.FilterField("region"),
    ]
    parent_page_types = ["cms.OverseasIndexPage"]
    subpage_types = []
    template = "cms/overseas_info_page.html"

    class Meta:
        verbose_name = _("海外知识产权信息")


class OverseasIndexPage(IndexPage):
    subpage_types = ["cms.OverseasInfoPage"]
    child_model = OverseasInfoPage
    template = "cms/overseas_index_page.html"

    class Meta:
        verbose_name = _("海外信息栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = self.entries().order_by("region", "country")
        region = request.GET.get("region", "")
        if region in Region.values:
            pages = pages.filter(region=region)
        context["pages"] = self.paginate(request, pages)
        context["region"] = region
        context["regions"] = Region.choices
        return context
