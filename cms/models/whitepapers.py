"""White papers (白皮书): the annual 武汉知识产权发展状况 with its PDF and key figures."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.base import IndexPage, PortalPage


class WhitePaperPage(PortalPage):
    year = models.PositiveSmallIntegerField(_("年度"))
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("白皮书 PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("pdf"),
        InlinePanel("figures", label=_("关键数据")),
        FieldPanel("body"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("body"),
        index.FilterField("year"),
    ]
    parent_page_types = ["cms.WhitePaperIndexPage"]
    subpage_types = []
    template = "cms/white_paper_page.html"

    class Meta:
        verbose_name = _("白皮书")

    def chart_data(self) -> dict:
        rows = [figure for figure in self.figures.all() if figure.in_chart]
        return {
            "labels": [figure.label for figure in rows],
            "values": [float(figure.value) for figure in rows],
            "previous": [
                float(figure.previous_value) if figure.previous_value is not None else None
                for figure in rows
            ],
        }


class KeyFigure(Orderable):
    page = ParentalKey(WhitePaperPage, related_name="figures", on_delete=models.CASCADE)
    label = models.CharField(_("指标"), max_length=100)
    value = models.DecimalField(_("本年数值"), max_digits=14, decimal_places=2)
    previous_value = models.DecimalField(
        _("上年数值"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    in_chart = models.BooleanField(_("显示在图表中"), default=False)

    panels = [
        FieldPanel("label"),
        FieldPanel("value"),
        FieldPanel("previous_value"),
        FieldPanel("unit"),
        FieldPanel("in_chart"),
    ]

    def change_percent(self):
        if not self.previous_value:
            return None
        return round((self.value - self.previous_value) / self.previous_value * 100, 1)


class WhitePaperIndexPage(IndexPage):
    subpage_types = ["cms.WhitePaperPage"]
    child_model = WhitePaperPage
    template = "cms/white_paper_index_page.html"

    class Meta:
        verbose_name = _("白皮书栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["papers"] = self.paginate(request, self.entries().order_by("-year"))
        return context
