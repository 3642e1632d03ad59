"""Optional citizen accounts: a verified mobile number, and the one-time codes that verify it.

Separate from staff auth on purpose: a citizen is never a Django user, so no staff permission,
group or admin login can ever be reached through a citizen session.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class Citizen(models.Model):
    """One verified mobile number (normalised, 11 digits) and its preferences."""

    class Notify(models.TextChoices):
        # The default changes nothing: what the citizen gave when filing (SMS to the phone, and
        # e-mail when an address was given) keeps being used until they choose otherwise.
        AS_FILED = "as_filed", _("按提交案件时留下的联系方式（短信，留有邮箱的同时发邮件）")
        SMS = "sms", _("仅短信")
        EMAIL = "email", _("仅电子邮件")

    phone = models.CharField(_("手机号码"), max_length=11, unique=True)
    notify_by = models.CharField(
        _("通知方式"), max_length=8, choices=Notify.choices, default=Notify.AS_FILED
    )
    email = models.EmailField(_("电子邮箱"), max_length=254, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_login = models.DateTimeField(null=True, blank=True)
    # Every signed-in session holds this token; a new one (or deleting the row) ends them all.
    session_token = models.CharField(max_length=64, default=new_session_token)

    class Meta:
        verbose_name = _("市民账户")
        verbose_name_plural = _("市民账户")

    def __str__(self):
        return f"{self.phone[:3]}****{self.phone[-4:]}"


class SignInCode(models.Model):
    """A 6-digit code sent by SMS: only its keyed hash is kept, with its expiry and attempts.

    The phone is kept as a keyed digest too: the row proves nothing about a number to whoever
    reads the table."""

    phone_digest = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("登录验证码")
        verbose_name_plural = _("登录验证码")

    def __str__(self):
        return f"code {self.pk} ({self.created_at:%Y-%m-%d %H:%M})"
