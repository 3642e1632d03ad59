"""Respondent accounts: an enterprise (by its 统一社会信用代码), the people who sign in for it,
the invitations that create them, and the enterprise's answer to a case.

Respondent users are Django users with no staff membership: every staff permission check
(complaints.permissions) finds no bureau for them, so no dashboard page opens to them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Enterprise(models.Model):
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("企业名称"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("被投诉企业")
        verbose_name_plural = _("被投诉企业")

    def __str__(self):
        return f"{self.name} ({self.uscc})"


class RespondentUser(models.Model):
    """One login of an enterprise; its administrator may invite colleagues."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="respondent"
    )
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="users")
    is_admin = models.BooleanField(_("企业管理员"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("被投诉企业账户")
        verbose_name_plural = _("被投诉企业账户")

    def __str__(self):
        return f"{self.user.get_username()} @ {self.enterprise.uscc}"

    # The actor of complaints.services.actions: its role half is "the case is my enterprise's".
    is_respondent_actor = True
    is_authenticated = True

    def may_act_on(self, case) -> bool:
        return RespondentCase.objects.filter(
            complaint_id=case.pk, enterprise_id=self.enterprise_id
        ).exists()


class Invitation(models.Model):
    """An invitation sent by SMS or e-mail: only the keyed hash of its code is kept.

    A case invitation (from a bureau) names the case; a colleague invitation (from an enterprise
    administrator) names the enterprise and no case."""

    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="respondent_invitations",
    )
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    phone = models.CharField(_("手机号码"), max_length=11, blank=True)
    email = models.EmailField(_("电子邮箱"), max_length=254, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    as_admin = models.BooleanField(default=True)
    # Case invitations only: the facts as the bureau tells them, what it asks, and by when.
    facts_text = models.TextField(_("案件事实（告知被投诉人）"), blank=True)
    request_text = models.TextField(_("办理部门的要求"), blank=True)
    due_on = models.DateField(_("答复期限"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("被投诉人邀请")
        verbose_name_plural = _("被投诉人邀请")

    def __str__(self):
        return f"invitation {self.pk}"

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.accepted_at is None and self.expires_at <= timezone.now()


class RespondentCase(models.Model):
    """A case opened to an enterprise (once its invitation is accepted): the enterprise's
    case list reads only these rows."""

    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="respondent_case"
    )
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="cases")
    facts_text = models.TextField(_("案件事实（告知被投诉人）"))
    request_text = models.TextField(_("办理部门的要求"))
    invited_at = models.DateTimeField()
    opened_at = models.DateTimeField(auto_now_add=True)
    due_on = models.DateField(_("答复期限"))

    class Meta:
        ordering = ["-invited_at", "-id"]
        indexes = [models.Index(fields=["enterprise", "-invited_at", "-id"], name="resp_case_list")]
        verbose_name = _("被投诉企业案件")
        verbose_name_plural = _("被投诉企业案件")

    def __str__(self):
        return f"{self.enterprise.uscc}: {self.complaint_id}"


class RespondentAnswer(models.Model):
    class Position(models.TextChoices):
        ACCEPT = "accept", _("接受办理部门的要求")
        SETTLE = "settle", _("提出和解方案")
        DISPUTE = "dispute", _("提出异议")

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("投诉人接受和解方案")
        DECLINED = "declined", _("投诉人不接受和解方案")

    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="respondent_answer"
    )
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="answers")
    position = models.CharField(_("答复意见"), max_length=8, choices=Position.choices)
    statement = models.TextField(_("情况说明"))
    settlement_terms = models.TextField(_("和解方案"), blank=True)
    due_on = models.DateField(_("答复期限"))
    answered_at = models.DateTimeField(_("答复时间"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    complainant_decision = models.CharField(
        _("投诉人意见"), max_length=8, choices=Decision.choices, blank=True
    )
    complainant_decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("被投诉人答复")
        verbose_name_plural = _("被投诉人答复")

    def __str__(self):
        return f"answer {self.complaint_id}: {self.position}"

    @property
    def on_time(self) -> bool:
        return self.answered_at.date() <= self.due_on
