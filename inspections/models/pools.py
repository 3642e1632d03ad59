"""What is checked, who may be drawn as a target, who may be drawn as an inspector."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import Bureau, District, StaffMembership
from complaints.services.validators import normalize, validate_uscc

from .choices import RiskLevel

INSPECTOR_CODE = RegexValidator(
    re.compile(r"^[A-Z0-9][A-Z0-9-]{1,31}$"),
    _("公开编号只能使用大写字母、数字和连字符（2至32位）。"),
)


class InspectionItem(models.Model):
    """One thing an inspection checks, with its legal basis (抽查事项)."""

    bureau = models.ForeignKey(
        Bureau, verbose_name=_("实施部门"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(_("事项代码"), max_length=60, unique=True)
    name = models.CharField(_("抽查事项"), max_length=200)
    content = models.TextField(_("检查内容"), help_text=_("检查人员和公众阅读：具体查什么。"))
    legal_basis = models.TextField(
        _("法律依据"), help_text=_("公开显示：设定该抽查事项的法律、法规或规章条款。")
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["bureau_id", "code"]
        verbose_name = _("抽查事项")
        verbose_name_plural = _("抽查事项")

    def __str__(self):
        return self.name


class InspectionTarget(models.Model):
    """An enterprise in the inspection target list (检查对象名录库)."""

    name = models.CharField(_("企业名称"), max_length=200)
    uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc]
    )
    district = models.ForeignKey(
        District, verbose_name=_("所在区"), null=True, blank=True, on_delete=models.PROTECT
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    risk_level = models.CharField(
        _("风险等级"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.LOW
    )
    is_active = models.BooleanField(_("在库"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["uscc"]
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象")
        indexes = [
            models.Index(fields=["is_active", "risk_level", "district"], name="insp_target_pool")
        ]

    def __str__(self):
        return f"{self.name} ({self.uscc})"

    def clean(self):
        self.uscc = normalize(self.uscc)


class Inspector(models.Model):
    """A staff member of a bureau who may be drawn as an inspector (执法检查人员名录库)."""

    membership = models.OneToOneField(
        StaffMembership,
        verbose_name=_("部门人员"),
        on_delete=models.CASCADE,
        related_name="inspector",
    )
    code = models.CharField(
        _("公开编号"),
        max_length=32,
        unique=True,
        validators=[INSPECTOR_CODE],
        help_text=_("公开显示，代替姓名出现在抽取结果中，例如执法证号。"),
    )
    is_active = models.BooleanField(_("在库"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("检查人员")
        verbose_name_plural = _("检查人员")

    def __str__(self):
        user = self.membership.user
        return f"{self.code} {user.get_full_name() or user.username}"

    @property
    def bureau_id(self):
        return self.membership.bureau_id


class ConflictOfInterest(models.Model):
    """An inspector who must not inspect a target (回避), declared before any draw."""

    inspector = models.ForeignKey(
        Inspector, verbose_name=_("检查人员"), on_delete=models.CASCADE, related_name="conflicts"
    )
    target = models.ForeignKey(
        InspectionTarget,
        verbose_name=_("检查对象"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    reason = models.CharField(
        _("回避理由"),
        max_length=200,
        help_text=_("仅内部可见：公开页面只显示回避关系，不显示理由。"),
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申报人"), null=True, on_delete=models.SET_NULL
    )
    declared_at = models.DateTimeField(_("申报时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("回避申报")
        verbose_name_plural = _("回避申报")
        constraints = [
            models.UniqueConstraint(fields=["inspector", "target"], name="insp_conflict_unique")
        ]

    def __str__(self):
        return f"{self.inspector.code} ↔ {self.target.uscc}"

    def clean(self):
        if self.reason is not None and not self.reason.strip():
            raise ValidationError({"reason": _("请填写回避理由。")})
