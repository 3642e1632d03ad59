"""Who works for which bureau, and who looked at which record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Complaint
from .choices import Role
from .reference import Bureau


class StaffMembership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    bureau = models.ForeignKey(Bureau, on_delete=models.CASCADE)
    role = models.CharField(_("角色"), max_length=12, choices=Role.choices, default=Role.HANDLER)

    class Meta:
        verbose_name = _("部门人员")
        verbose_name_plural = _("部门人员")
        constraints = [
            models.UniqueConstraint(fields=["user", "bureau"], name="staff_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} @ {self.bureau} ({self.get_role_display()})"


class AccessLog(models.Model):
    """Every full view, export or tracking lookup of a case (PIPL accountability)."""

    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.SET_NULL, related_name="access_logs"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=30)
    ip_hash = models.CharField(max_length=64, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("访问日志")
        verbose_name_plural = _("访问日志")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
