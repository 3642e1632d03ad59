"""The public complaint database: one row per published case, holding only what is public.

Rows are written by `services.publish` (the `publish_records` step), never by a request: the
narrative is scrubbed once there, and browsing, counting and exporting read this table alone,
never the case table with its personal data.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import Category, Channel, Complaint, District, Kind, Outcome


class PublicRecordQuerySet(models.QuerySet):
    def public(self):
        return self.filter(withheld=False)


class PublicRecord(models.Model):
    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, related_name="public_record", editable=False
    )
    published_at = models.DateTimeField(_("公开时间"), default=timezone.now)
    received_on = models.DateField(_("收到日期"))
    closed_on = models.DateField(_("结案日期"))
    received_month = models.DateField(_("收到月份"))  # first day of the month: the trends
    channel = models.ForeignKey(Channel, verbose_name=_("热线"), on_delete=models.PROTECT)
    category = models.ForeignKey(Category, verbose_name=_("类别"), on_delete=models.PROTECT)
    district = models.ForeignKey(
        District, verbose_name=_("行政区"), null=True, blank=True, on_delete=models.PROTECT
    )
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    outcome = models.CharField(_("办理结果"), max_length=20, choices=Outcome.choices, blank=True)
    # Only an organisation with a valid 统一社会信用代码 is named (records.rules); blank otherwise.
    respondent_name = models.CharField(_("被投诉企业"), max_length=200, blank=True)
    respondent_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    # From the recorded clock steps (ClockRecord), never recomputed. None: no such step.
    acceptance_on_time = models.BooleanField(_("按期受理"), null=True, blank=True)
    handling_on_time = models.BooleanField(_("按期办结"), null=True, blank=True)
    all_limits_met = models.BooleanField(_("各项法定期限均按期"), default=True)
    # Filled once a respondent answer channel exists; None means "not available".
    respondent_answered = models.BooleanField(_("被投诉人是否答复"), null=True, blank=True)
    respondent_answered_in_time = models.BooleanField(
        _("被投诉人是否按时答复"), null=True, blank=True
    )
    narrative = models.TextField(
        _("事实陈述（已脱敏）"),
        blank=True,
        help_text=_("仅在投诉人提交时同意公开的情况下，去除个人信息后向公众公开。"),
    )
    withheld = models.BooleanField(_("暂不公开"), default=False)
    withheld_reason = models.CharField(_("暂不公开理由"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PublicRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-closed_on", "-id"]
        verbose_name = _("公开投诉记录")
        verbose_name_plural = _("公开投诉记录")
        # Each facet filter walks its index newest first and stops at the page size.
        indexes = [
            models.Index(fields=["withheld", "-closed_on", "-id"], name="record_newest"),
            models.Index(fields=["channel", "-closed_on", "-id"], name="record_channel"),
            models.Index(fields=["category", "-closed_on", "-id"], name="record_category"),
            models.Index(fields=["district", "-closed_on", "-id"], name="record_district"),
            models.Index(fields=["kind", "-closed_on", "-id"], name="record_kind"),
            models.Index(fields=["outcome", "-closed_on", "-id"], name="record_outcome"),
            models.Index(fields=["received_on"], name="record_received"),
            models.Index(fields=["received_month"], name="record_month"),
            models.Index(fields=["-published_at", "-id"], name="record_published"),
            models.Index(
                fields=["respondent_credit_code", "-closed_on", "-id"], name="record_respondent"
            ),
        ]

    def __str__(self):
        return f"#{self.pk}"

    @property
    def has_narrative(self) -> bool:
        return bool(self.narrative)


class WithholdingLog(models.Model):
    """Every withholding and release, with its reason: kept when the record itself leaves."""

    class Action(models.TextChoices):
        WITHHELD = "withheld", _("暂不公开")
        RELEASED = "released", _("恢复公开")

    complaint = models.ForeignKey(
        Complaint, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    record_number = models.BigIntegerField(_("公开记录编号"))
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    reason = models.CharField(_("理由"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("操作人"), max_length=150)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("暂不公开记录")
        verbose_name_plural = _("暂不公开记录")
        indexes = [models.Index(fields=["complaint", "-created_at"], name="withholding_case")]

    def __str__(self):
        return f"{self.record_number} {self.action}"
