"""The record of each retention run: counts only, so the purge stays accountable without
keeping the personal data it removed."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PurgeRecord(models.Model):
    """One `purge_expired_cases --apply` run: who ran it, when, and how much it removed."""

    class Mode(models.TextChoices):
        ANONYMISE = "anonymise", _("匿名化")
        DELETE = "delete", _("删除")

    started_at = models.DateTimeField(_("开始时间"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    run_by = models.CharField(_("执行人"), max_length=150)
    mode = models.CharField(_("方式"), max_length=10, choices=Mode.choices)
    cases = models.PositiveIntegerField(_("案件数"), default=0)
    # {category code: cases}: which retention periods the run applied.
    cases_by_category = models.JSONField(_("各类别案件数"), default=dict)
    evidence_files = models.PositiveIntegerField(_("删除的证据文件"), default=0)
    notifications = models.PositiveIntegerField(_("清空的通知"), default=0)
    access_logs = models.PositiveIntegerField(_("清空说明的访问日志"), default=0)
    abandoned_uploads = models.PositiveIntegerField(_("删除的未提交上传"), default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("保存期限清除记录")
        verbose_name_plural = _("保存期限清除记录")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_mode_display()} {self.cases}"
