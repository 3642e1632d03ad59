"""Policies and regulations (政策法规), their interpretations, and the filterable listing."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.base import IndexPage, PortalPage


class PolicyLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    DISTRICT = "district", _("区级")


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("现行有效")
    AMENDED = "amended", _("已修订")
    REPEALED = "repealed", _("已废止")


class PolicyPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.PolicyPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class PolicyPage(PortalPage):
    """One policy document with its metadata, full text and attachments."""

    document_number = models.CharField(
        _("文号"), max_length=100, blank=True, help_text=_("例如：武政〔2017〕30号")
    )
    issuer = models.CharField(_("发文机关"), max_length=200)
    issue_date = models.DateField(_("发布日期"))
    effective_date = models.DateField(_("施行日期"), null=True, blank=True)
    level = models.CharField(_("层级"), max_length=20, choices=PolicyLevel.choices)
    validity = models.CharField(
        _("效力状态"), max_length=20, choices=Validity.choices, default=Validity.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("被以下文件替代"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("已修订或废止时，链接到替代它的文件"),
    )
    featured = models.BooleanField(_("首页推荐"), default=False)
    tags = ClusterTaggableManager(through=PolicyPageTag, blank=True, verbose_name=_("主题"))
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("issuer")]),
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("effective_date")]),
                FieldRowPanel([FieldPanel("level"), FieldPanel("validity")]),
                FieldPanel("replaced_by"),
                FieldPanel("tags"),
                FieldPanel("featured"),
            ],
            heading=_("文件信息"),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("document_number"),
        index.SearchField("issuer"),
        index.SearchField("body"),
        index.FilterField("level"),
        index.FilterField("validity"),
        index.FilterField("issue_date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["cms.PolicyIndexPage"]
    subpage_types = ["cms.PolicyInterpretationPage"]
    template = "cms/policy_page.html"

    class Meta:
        verbose_name = _("政策法规")
        verbose_name_plural = _("政策法规")

    def clean(self):
        super().clean()
        if self.validity == Validity.IN_FORCE and self.replaced_by_id:
            raise ValidationError({"replaced_by": _("现行有效的文件不应设置替代文件。")})
        if self.effective_date and self.effective_date < self.issue_date:
            raise ValidationError({"effective_date": _("施行日期不能早于发布日期。")})

    def section_headings(self):
        """Top-level headings of the full text, for the table of contents."""
        return [
            block
            for block in self.body
            if block.block_type == "heading" and block.value["level"] == "h2"
        ]

    def interpretations(self):
        return PolicyInterpretationPage.objects.live().child_of(self)


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    def __str__(self):
        return self.title or self.document.title


class PolicyInterpretationPage(PortalPage):
    """政策解读: a plain-language explanation of its parent policy."""

    date = models.DateField(_("发布日期"))
    author = models.CharField(_("解读单位"), max_length=200, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("body"),
    ]
    search_fields = [*PortalPage.search_fields, index.SearchField("body")]
    parent_page_types = ["cms.PolicyPage"]
    subpage_types = []
    template = "cms/policy_interpretation_page.html"

    class Meta:
        verbose_name = _("政策解读")


class PolicyIndexPage(IndexPage):
    """政策法规 listing, filterable by level, issuer, year, topic and validity."""

    subpage_types = ["cms.PolicyPage"]
    child_model = PolicyPage
    template = "cms/policy_index_page.html"

    class Meta:
        verbose_name = _("政策法规栏目")

    def filtered(self, params):
        policies = self.entries().order_by("-issue_date", "-pk")
        if params.get("level") in PolicyLevel.values:
            policies = policies.filter(level=params["level"])
        if params.get("validity") in Validity.values:
            policies = policies.filter(validity=params["validity"])
        if issuer := params.get("issuer", "").strip():
            policies = policies.filter(issuer=issuer)
        if (year := params.get("year", "")).isdigit():
            policies = policies.filter(issue_date__year=int(year))
        if topic := params.get("topic", "").strip():
            policies = policies.filter(tags__slug=topic)
        return policies.distinct()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        every = self.entries()
        context["policies"] = self.paginate(request, self.filtered(request.GET))
        context["filters"] = {
            key: request.GET.get(key, "")
            for key in ("level", "validity", "issuer", "year", "topic")
        }
        context["levels"] = PolicyLevel.choices
        context["validities"] = Validity.choices
        context["issuers"] = sorted(set(every.values_list("issuer", flat=True)))
        context["years"] = sorted(
            {date.year for date in every.values_list("issue_date", flat=True)}, reverse=True
        )
        context["topics"] = (
            Tag.objects.filter(cms_policypagetag_items__content_object__in=every)
            .distinct()
            .order_by("name")
        )
        return context
