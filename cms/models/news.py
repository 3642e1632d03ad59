"""News and notices (新闻动态 / 通知公告); the feeds are in cms/feeds.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.base import IndexPage, PortalPage


class NewsPage(PortalPage):
    class Kind(models.TextChoices):
        NEWS = "news", _("新闻动态")
        NOTICE = "notice", _("通知公告")

    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(_("日期"))
    source = models.CharField(_("来源"), max_length=100, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("source")]),
        FieldPanel("body"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
    template = "cms/news_page.html"

    class Meta:
        verbose_name = _("新闻公告")


class NewsIndexPage(IndexPage):
    subpage_types = ["cms.NewsPage"]
    child_model = NewsPage
    template = "cms/news_index_page.html"

    class Meta:
        verbose_name = _("新闻动态栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.entries().order_by("-date", "-pk")
        kind = request.GET.get("kind", "")
        if kind in NewsPage.Kind.values:
            items = items.filter(kind=kind)
        context["items"] = self.paginate(request, items)
        context["kind"] = kind
        context["kinds"] = NewsPage.Kind.choices
        return context
