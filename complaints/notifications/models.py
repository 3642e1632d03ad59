"""The outbox: every SMS and e-mail to a complainant, with delivery state visible to staff."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Channel(models.TextChoices):
        SMS = "sms", _("短信")
        EMAIL = "email", _("电子邮件")

    class State(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败（将重试）")
        GAVE_UP = "gave_up", _("多次失败，已放弃")

    class Delivery(models.TextChoices):
        """What the SMS gateway's delivery receipt said about reaching the phone."""

        UNKNOWN = "", _("未收到回执")
        DELIVERED = "delivered", _("已送达")
        UNDELIVERED = "undelivered", _("未送达")

    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("案件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    event = models.ForeignKey(
        "complaints.CaseEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purpose = models.CharField(_("用途"), max_length=20, default="update")
    channel = models.CharField(_("方式"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("接收人"), max_length=254)
    subject = models.CharField(_("标题"), max_length=200, blank=True)
    body = models.TextField(_("内容"))
    status = models.CharField(
        _("状态"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    # The SMS template's parameters (texts.py), kept only until the gateway accepts the message:
    # the receipt's access code is among them.
    sms_params = models.JSONField(_("短信模板参数"), default=dict, blank=True)
    provider_message_id = models.CharField(
        _("短信平台回执编号"), max_length=64, blank=True, db_index=True
    )
    delivery_status = models.CharField(
        _("送达状态"), max_length=12, choices=Delivery.choices, default="", blank=True
    )
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    delivery_error = models.CharField(_("未送达原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知发件箱")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notify_due")]
        constraints = [
            # At most one message per event and channel, however often the signal fires.
            models.UniqueConstraint(
                fields=["event", "channel"],
                condition=models.Q(event__isnull=False),
                name="notify_once_per_event_channel",
            )
        ]

    def __str__(self):
        return f"{self.get_channel_display()} #{self.pk} {self.get_status_display()}"

    @property
    def masked_recipient(self) -> str:
        if "@" in self.recipient:
            local, _at, domain = self.recipient.partition("@")
            return f"{local[:1]}***@{domain}"
        return self.recipient[:3] + "****" + self.recipient[-4:]
