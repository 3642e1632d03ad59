"""API keys for partner systems and the record of what each key submitted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    SUBMIT = "submit", _("提交案件")
    READ = "read", _("查询（不限速）")


def default_scopes():
    return [Scope.SUBMIT.value, Scope.READ.value]


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    """A partner's key: only its SHA-256 is stored; the key itself is shown once."""

    name = models.CharField(_("名称"), max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("负责人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="open311_keys",
    )
    prefix = models.CharField(_("前缀"), max_length=16, editable=False, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("权限"), default=default_scopes)
    rate_limit_per_minute = models.PositiveIntegerField(_("每分钟请求上限"), default=1000)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("接口密钥")
        verbose_name_plural = _("接口密钥")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])


class ApiSubmission(models.Model):
    """One case filed through the API: who sent it, under which client key, the media URL.

    The client's idempotency key is unique per API key, so two partners can never collide.
    """

    api_key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="submissions")
    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="open311_submission"
    )
    client_key = models.CharField(_("幂等键"), max_length=64, blank=True)
    media_url = models.URLField(_("媒体链接（未下载）"), max_length=500, blank=True)
    # The access code encrypted for a retry by the same submitter (see sealing.py).
    sealed_access_code = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("接口提交记录")
        verbose_name_plural = _("接口提交记录")
        constraints = [
            models.UniqueConstraint(
                fields=["api_key", "client_key"],
                condition=~models.Q(client_key=""),
                name="open311_unique_client_key_per_api_key",
            )
        ]

    def __str__(self):
        return f"{self.api_key.name}: {self.complaint}"
