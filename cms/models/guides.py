"""Training guides (培训指南): courses, guides and videos for a given audience."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.base import IndexPage, PortalPage


class Audience(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    AGENCY = "agency", _("代理机构")
    RESEARCH = "research", _("高校与科研院所")
    PUBLIC = "public", _("社会公众")
    OFFICIAL = "official", _("执法人员")


class GuideFormat(models.TextChoices):
    COURSE = "course", _("培训课程")
    GUIDE = "guide", _("办事指南")
    VIDEO = "video", _("视频")


class GuidePage(PortalPage):
    audience = models.CharField(_("对象"), max_length=20, choices=Audience.choices)
    format = models.CharField(_("形式"), max_length=20, choices=GuideFormat.choices)
    date = models.DateField(_("日期"))
    location = models.CharField(_("地点"), max_length=200, blank=True)
    registration_url = models.URLField(_("报名链接"), blank=True)
    video_url = models.URLField(_("视频链接"), blank=True)
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("audience"), FieldPanel("format"), FieldPanel("date")]),
        FieldPanel("location"),
        FieldRowPanel([FieldPanel("registration_url"), FieldPanel("video_url")]),
        FieldPanel("contact"),
        FieldPanel("body"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("body"),
        index.FilterField("audience"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.GuideIndexPage"]
    subpage_types = []
    template = "cms/guide_page.html"

    class Meta:
        verbose_name = _("培训指南")


class GuideIndexPage(IndexPage):
    subpage_types = ["cms.GuidePage"]
    child_model = GuidePage
    template = "cms/guide_index_page.html"

    class Meta:
        verbose_name = _("培训指南栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guides = self.entries().order_by("-date", "-pk")
        every = guides
        audience = request.GET.get("audience", "")
        year = request.GET.get("year", "")
        if audience in Audience.values:
            guides = guides.filter(audience=audience)
        if year.isdigit():
            guides = guides.filter(date__year=int(year))
        context["guides"] = self.paginate(request, guides)
        context["filters"] = {"audience": audience, "year": year}
        context["audiences"] = Audience.choices
        context["years"] = sorted(
            {d.year for d in every.values_list("date", flat=True)}, reverse=True
        )
        return context
