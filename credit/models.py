"""Credit records of infringers: publication rules, records, credit repair and the audit trail.

A record is never deleted. It is public while its publication period runs and it has not been
repaired; afterwards staff still see it, with its status. The period end is computed from the
rule when the record is saved and stored, so that the public filter is one indexed comparison
and a later change of a rule never silently changes records already published.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import Bureau, Complaint
from complaints.services.validators import validate_uscc
from complaints.services.workdays import add_months


class PublicationRule(models.Model):
    """How long a kind of record stays public; reference data administrators edit."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(
        _("名称"), max_length=100, help_text=_("工作人员录入信用记录时选择的规则名称。")
    )
    period_months = models.PositiveSmallIntegerField(
        _("公示期限（月）"), help_text=_("自公示之日起计算的公示月数，届满后记录不再公开。")
    )
    legal_basis = models.CharField(
        _("依据"),
        max_length=300,
        help_text=_("公示期限的法律依据（条文），供工作人员和公众查阅。"),
    )
    is_example = models.BooleanField(
        _("示例数值"),
        default=False,
        help_text=_("演示数据中的规则标记为示例：上线前请管理员按现行规定核对。"),
    )
    is_active = models.BooleanField(
        _("启用"), default=True, help_text=_("停用的规则不能再用于新记录，已有记录不受影响。")
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("公示期限规则")
        verbose_name_plural = _("公示期限规则")

    def __str__(self):
        return f"{self.name}（{self.period_months}个月）"


class RecordKind(models.TextChoices):
    PENALTY = "penalty", _("行政处罚")
    WILFUL = "wilful", _("故意侵权")
    REPEATED = "repeated", _("重复侵权")
    SERIOUS_LIST = "serious_list", _("列入严重违法失信名单")


class RecordStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("待公示")
    CURRENT = "current", _("公示中")
    EXPIRED = "expired", _("公示期满")
    REPAIRED = "repaired", _("已信用修复")


class CreditRecordQuerySet(models.QuerySet):
    def public(self, today: datetime.date | None = None):
        """Records the public may see today: period running, not repaired."""
        today = today or timezone.localdate()
        return self.filter(
            repaired_on__isnull=True, published_on__lte=today, publication_ends_on__gt=today
        )

    def with_status(self, status: str, today: datetime.date | None = None):
        today = today or timezone.localdate()
        if status == RecordStatus.CURRENT:
            return self.public(today)
        if status == RecordStatus.REPAIRED:
            return self.filter(repaired_on__isnull=False)
        if status == RecordStatus.EXPIRED:
            return self.filter(repaired_on__isnull=True, publication_ends_on__lte=today)
        if status == RecordStatus.SCHEDULED:
            return self.filter(repaired_on__isnull=True, published_on__gt=today)
        return self

    def for_bureaus(self, ids: list[int] | None):
        return self if ids is None else self.filter(bureau_id__in=ids)


class CreditRecord(models.Model):
    enterprise_name = models.CharField(
        _("企业名称"),
        max_length=200,
        help_text=_("当事人（企业）全称，将在公示页面公开。不得录入自然人姓名。"),
    )
    uscc = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        validators=[validate_uscc],
        help_text=_("18位统一社会信用代码，公开显示，公众可按此查询。"),
    )
    kind = models.CharField(_("记录类型"), max_length=16, choices=RecordKind.choices)
    facts = models.TextField(
        _("主要违法事实"),
        help_text=_("公开显示的违法事实摘要，不含个人信息和商业秘密。"),
    )
    legal_basis = models.CharField(
        _("处罚依据"), max_length=300, help_text=_("适用的法律条款，公开显示。")
    )
    decision_number = models.CharField(
        _("决定书文号"),
        max_length=80,
        help_text=_("行政处罚或认定决定书文号，同一部门内不得重复，公开显示。"),
    )
    decision_date = models.DateField(_("决定日期"), help_text=_("决定书落款日期。"))
    bureau = models.ForeignKey(
        Bureau,
        verbose_name=_("决定机关"),
        on_delete=models.PROTECT,
        related_name="credit_records",
        help_text=_("作出决定的部门，公开显示。"),
    )
    penalty = models.CharField(
        _("处罚内容"),
        max_length=300,
        help_text=_("如“责令停止侵权，罚款5万元”，公开显示。"),
    )
    fine_amount = models.DecimalField(
        _("罚款金额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("没有罚款请留空；导出时换算为万元。"),
    )
    rule = models.ForeignKey(
        PublicationRule,
        verbose_name=_("公示期限规则"),
        on_delete=models.PROTECT,
        help_text=_("决定公示期限；公示截止日由规则自动计算。"),
    )
    published_on = models.DateField(
        _("公示起始日"), help_text=_("开始向社会公示的日期，通常为决定作出后20个工作日内。")
    )
    publication_ends_on = models.DateField(_("公示截止日"), editable=False)
    repaired_on = models.DateField(_("信用修复日期"), null=True, blank=True, editable=False)
    cases = models.ManyToManyField(
        Complaint,
        verbose_name=_("来源案件"),
        blank=True,
        related_name="credit_records",
        help_text=_("本记录所依据的投诉举报案件（仅限本部门案件），不公开显示。"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CreditRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("信用记录")
        verbose_name_plural = _("信用记录")
        ordering = ["-decision_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "decision_number"], name="credit_decision_number_per_bureau"
            )
        ]
        indexes = [
            # The public list: period still running, newest decision first.
            models.Index(
                fields=["publication_ends_on", "-decision_date", "-id"], name="credit_public"
            ),
            models.Index(fields=["-decision_date", "-id"], name="credit_decision_date"),
            models.Index(fields=["bureau", "-decision_date", "-id"], name="credit_bureau_date"),
            models.Index(fields=["uscc"], name="credit_uscc"),
            models.Index(fields=["enterprise_name"], name="credit_enterprise_name"),
        ]

    def __str__(self):
        return f"{self.decision_number} {self.enterprise_name}"

    def save(self, *args, **kwargs):
        if self.published_on and self.rule_id:
            self.publication_ends_on = self.compute_period_end()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("credit:detail", args=[self.pk])

    def compute_period_end(self) -> datetime.date:
        return add_months(self.published_on, self.rule.period_months)

    def status(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.repaired_on:
            return RecordStatus.REPAIRED
        if self.published_on > today:
            return RecordStatus.SCHEDULED
        if self.publication_ends_on <= today:
            return RecordStatus.EXPIRED
        return RecordStatus.CURRENT

    def get_status_display(self) -> str:
        return str(RecordStatus(self.status()).label)

    def is_public(self, today: datetime.date | None = None) -> bool:
        return self.status(today) == RecordStatus.CURRENT


class RepairSource(models.TextChoices):
    STAFF = "staff", _("工作人员代为录入（书面申请）")
    RESPONDENT_PORTAL = "respondent_portal", _("被投诉人门户在线申请")


class RepairStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("准予修复")
    REJECTED = "rejected", _("不予修复")


class RepairApplication(models.Model):
    """信用修复申请. Created by staff today; the respondent portal will create the same object."""

    record = models.ForeignKey(
        CreditRecord,
        verbose_name=_("信用记录"),
        on_delete=models.PROTECT,
        related_name="repair_applications",
    )
    source = models.CharField(
        _("申请方式"), max_length=20, choices=RepairSource.choices, default=RepairSource.STAFF
    )
    applied_on = models.DateField(_("申请日期"), help_text=_("企业提出信用修复申请的日期。"))
    grounds = models.TextField(
        _("申请理由"),
        help_text=_("企业陈述的修复理由及已履行义务、纠正违法行为的情况（仅工作人员可见）。"),
    )
    status = models.CharField(
        _("审核结果"), max_length=10, choices=RepairStatus.choices, default=RepairStatus.PENDING
    )
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision = models.TextField(
        _("决定说明"), blank=True, help_text=_("准予或不予修复的理由（仅工作人员可见）。")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("信用修复申请")
        verbose_name_plural = _("信用修复申请")
        ordering = ["-applied_on", "-id"]
        indexes = [models.Index(fields=["status", "-applied_on"], name="credit_repair_status")]

    def __str__(self):
        return f"{self.record} · {self.get_status_display()}"


class CreditEvent(models.Model):
    """Audit trail of a record: who created, changed, exported or repaired it, and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("录入")
        CHANGED = "changed", _("修改")
        REPAIR_APPLIED = "repair_applied", _("收到信用修复申请")
        REPAIRED = "repaired", _("准予信用修复")
        REPAIR_REJECTED = "repair_rejected", _("不予信用修复")

    record = models.ForeignKey(CreditRecord, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    detail = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("信用记录操作日志")
        verbose_name_plural = _("信用记录操作日志")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["record", "at"], name="credit_event_record")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"
