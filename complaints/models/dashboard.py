"""Staff-side helpers: public-note templates and a record of deadline reminders sent."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Complaint
from .choices import Status
from .reference import Category


class ResponseTemplate(models.Model):
    """A ready-made public note for a category (or any category) and a target status."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("类别"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("为空时适用于所有类别"),
    )
    status = models.CharField(_("适用状态"), max_length=24, choices=Status.choices)
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("公开说明内容"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["status", "title"]
        verbose_name = _("答复模板")
        verbose_name_plural = _("答复模板")

    def __str__(self):
        return self.title


class DeadlineReminder(models.Model):
    """One reminder per case and deadline, so sla_tick can run any number of times."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="deadline_reminders"
    )
    due_on = models.DateField(_("法定期限"))
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)
    recipients = models.CharField(_("接收人"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("到期提醒")
        verbose_name_plural = _("到期提醒")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "due_on"], name="reminder_once_per_due")
        ]

    def __str__(self):
        return f"{self.complaint_id} {self.due_on}"
