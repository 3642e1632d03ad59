"""What an inspection found. Public fields are shown on the results page; notes are marked."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Outcome
from .draws import Inspection
from .pools import InspectionItem


class InspectionResult(models.Model):
    inspection = models.OneToOneField(
        Inspection, verbose_name=_("检查任务"), on_delete=models.CASCADE, related_name="result"
    )
    inspected_on = models.DateField(_("检查日期"))
    checked_items = models.ManyToManyField(InspectionItem, verbose_name=_("已检查事项"))
    outcome = models.CharField(_("检查结果"), max_length=20, choices=Outcome.choices)
    violation_found = models.BooleanField(
        _("违法"),
        default=False,
        help_text=_("认定存在违法行为时勾选；勾选后可据此建立信用记录。"),
    )
    public_note = models.TextField(
        _("公开说明"), blank=True, help_text=_("公开显示在抽查结果页面，不得包含个人信息。")
    )
    internal_note = models.TextField(
        _("内部备注"), blank=True, help_text=_("仅本部门工作人员可见，不公开。")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("录入时间"), auto_now=True)

    class Meta:
        verbose_name = _("检查结果")
        verbose_name_plural = _("检查结果")
        indexes = [models.Index(fields=["violation_found"], name="insp_result_violation")]

    def __str__(self):
        return f"{self.inspection}: {self.get_outcome_display()}"
