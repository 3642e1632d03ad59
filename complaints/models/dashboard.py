"""Staff-side helpers: public-note templates and a record of deadline reminders sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Complaint
from .reference import Category


class ResponseTemplate(models.Model):
    """A ready-made public note for a category (or any category) and a case action.

    The text may use the placeholders {受理编号}, {办理期限} and {办理部门} (see
    services.templates.render); nothing else in braces is interpreted."""

    class Action(models.TextChoices):
        ACCEPT = "accept", _("受理")
        REFUSE = "refuse", _("不予受理")
        REQUEST_INFO = "request_info", _("要求补充材料")
        START = "start", _("开始办理")
        RESOLVE = "resolve", _("办结")
        CLOSE = "close", _("结案")
        TRANSFER = "transfer", _("移送其他部门")

    category = models.ForeignKey(
        Category,
        verbose_name=_("类别"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("为空时适用于所有类别"),
    )
    action = models.CharField(_("适用操作"), max_length=24, choices=Action.choices)
    title = models.CharField(_("标题"), max_length=100)
    title_en = models.CharField(
        _("英文标题"),
        max_length=150,
        blank=True,
        help_text=_("英文界面中工作人员选择模板时看到的名称；正文始终以中文告知投诉人。"),
    )
    text = models.TextField(
        _("公开说明内容"),
        help_text=_(
            "投诉人可见并短信告知，也对公众公开。可用占位符：{受理编号}、{办理期限}、{办理部门}。"
        ),
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["action", "category_id", "title"]
        verbose_name = _("答复模板")
        verbose_name_plural = _("答复模板")
        indexes = [models.Index(fields=["action", "category"], name="template_action_category")]

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


class SavedSearch(models.Model):
    """A staff member's named queue filter, listed in the navigation column with its count.

    `filters` holds the queue filter form's query parameters (status, channel, category, …) as
    they appear in the queue's URL. Search terms (a phone number, a name) are never saved: they
    are personal data, kept only in the session while the member works with them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("名称"), max_length=40)
    filters = models.JSONField(_("筛选条件"), default=dict, blank=True)
    order = models.CharField(_("排序"), max_length=12, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("常用检索")
        verbose_name_plural = _("常用检索")
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_unique_name")
        ]

    def __str__(self):
        return self.name
