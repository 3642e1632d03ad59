"""A case received by telephone: which hotline took the call, who recorded it, and the
caller's spoken consent to the personal-information notice (kept as read out)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Complaint
from .reference import Channel


class PhoneIntake(models.Model):
    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, related_name="phone_intake", verbose_name=_("案件")
    )
    hotline = models.ForeignKey(
        Channel,
        verbose_name=_("接听热线"),
        help_text=_("来电人拨打的热线；可能与案件类别所属的热线不同。"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接线员"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_given_at = models.DateTimeField(_("来电人同意时间"))
    # The notice exactly as it was read to the caller: a later rewording does not change what
    # this caller agreed to.
    consent_text = models.TextField(_("宣读的个人信息处理说明"))

    class Meta:
        verbose_name = _("电话受理记录")
        verbose_name_plural = _("电话受理记录")
        default_permissions = ("view",)
        permissions = [("record_call", _("可以记录热线来电（接线员）"))]

    def __str__(self):
        return f"{self.complaint_id} ← {self.hotline_id}"
