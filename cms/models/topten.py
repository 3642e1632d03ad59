"""Top-ten cases (十大案件): a yearly collection of exactly ranked case pages."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.models.base import IndexPage, PortalPage, PortalPageForm

MAX_CASES = 10


class CaseType(models.TextChoices):
    PATENT = "patent", _("专利")
    TRADEMARK = "trademark", _("商标")
    COPYRIGHT = "copyright", _("著作权")
    UNFAIR_COMPETITION = "unfair_competition", _("不正当竞争")
    TRADE_SECRET = "trade_secret", _("商业秘密")
    PLANT_VARIETY = "plant_variety", _("植物新品种")
    OTHER = "other", _("其他")


class TopTenCaseForm(PortalPageForm):
    def clean(self):
        # The model's clean() needs the parent, which a page being created does not have yet.
        self.instance._parent_for_validation = self.parent_page
        return super().clean()


class TopTenCasePage(PortalPage):
    rank = models.PositiveSmallIntegerField(
        _("排名"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CASES)]
    )
    case_type = models.CharField(_("案件类型"), max_length=30, choices=CaseType.choices)
    authority = models.CharField(_("审理法院或执法机关"), max_length=200)
    case_number = models.CharField(_("案号"), max_length=100, blank=True)
    case_summary = RichTextField(_("基本案情"))
    significance = RichTextField(_("典型意义"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("rank"), FieldPanel("case_type")]),
        FieldRowPanel([FieldPanel("authority"), FieldPanel("case_number")]),
        FieldPanel("case_summary"),
        FieldPanel("significance"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("case_number"),
        index.SearchField("authority"),
        index.SearchField("case_summary"),
        index.SearchField("significance"),
        index.FilterField("case_type"),
    ]
    base_form_class = TopTenCaseForm
    parent_page_types = ["cms.TopTenCollectionPage"]
    subpage_types = []
    template = "cms/top_ten_case_page.html"

    class Meta:
        verbose_name = _("十大案件")
        verbose_name_plural = _("十大案件")

    def clean(self):
        super().clean()
        parent = getattr(self, "_parent_for_validation", None)
        if parent is None and self.path:
            parent = self.get_parent()
        if parent is None:
            return
        siblings = TopTenCasePage.objects.child_of(parent).filter(locale_id=self.locale_id)
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        if siblings.count() >= MAX_CASES:
            raise ValidationError(
                {
                    "rank": _(
                        "本年度已有%(max)s个案件，十大案件不能超过%(max)s个；请先删除或替换一个案件。"
                    )
                    % {"max": MAX_CASES}
                }
            )
        if self.rank and siblings.filter(rank=self.rank).exists():
            other = siblings.get(rank=self.rank)
            raise ValidationError(
                {
                    "rank": _("第%(rank)s名已被“%(title)s”占用，每个名次只能有一个案件。")
                    % {"rank": self.rank, "title": other.title}
                }
            )


class TopTenCollectionPage(PortalPage):
    """e.g. 2025年武汉地区知识产权十大案件."""

    year = models.PositiveSmallIntegerField(_("年度"))
    intro = RichTextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("year"), FieldPanel("intro")]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("intro"),
        index.FilterField("year"),
    ]
    parent_page_types = ["cms.TopTenIndexPage"]
    subpage_types = ["cms.TopTenCasePage"]
    template = "cms/top_ten_collection_page.html"

    class Meta:
        verbose_name = _("年度十大案件")

    def cases(self):
        return TopTenCasePage.objects.live().child_of(self).order_by("rank")

    def get_context(self, request, *args, **kwargs):
        from cms.models.base import localize_pages

        context = super().get_context(request, *args, **kwargs)
        context["cases"] = localize_pages(
            TopTenCasePage.objects.live().child_of(self.source_page()).order_by("rank")
        )
        return context


class TopTenIndexPage(IndexPage):
    subpage_types = ["cms.TopTenCollectionPage"]
    child_model = TopTenCollectionPage
    template = "cms/top_ten_index_page.html"

    class Meta:
        verbose_name = _("十大案件栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["collections"] = self.paginate(request, self.entries().order_by("-year"))
        return context
