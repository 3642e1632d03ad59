"""A mediation agreement (调解协议书): one version per draft; a re-draft supersedes the last.

Who reads what: the terms are written by the handler for both parties and the court; the
complainant's identity (as recorded on the case) is on the bureau's, the complainant's and the
court's copies only, never on the respondent's (see `services.respondent_pdf`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import Bureau, Complaint
from complaints.models.storage import evidence_storage


def agreement_path(instance, filename: str) -> str:
    import secrets

    from django.utils import timezone

    return f"mediation/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.pdf"


class Party(models.TextChoices):
    COMPLAINANT = "complainant", _("申请人（投诉人）")
    RESPONDENT = "respondent", _("被申请人（被投诉人）")


class MediationAgreement(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("待双方确认")
        DECLINED = "declined", _("一方未确认")
        SUPERSEDED = "superseded", _("已被新版本取代")
        SEALED = "sealed", _("已盖章生效")

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="mediation_agreements"
    )
    version = models.PositiveSmallIntegerField(_("版本"))
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.PENDING)
    terms = models.TextField(
        _("协议内容"), help_text=_("由承办人填写；双方当事人和人民法院都会看到。")
    )
    # The parties as recorded on the case when the agreement was drafted.
    complainant_name = models.CharField(_("申请人"), max_length=100)
    complainant_id_type = models.CharField(_("证件类型"), max_length=20, blank=True)
    complainant_id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    complainant_address = models.CharField(_("申请人地址"), max_length=200, blank=True)
    respondent_name = models.CharField(_("被申请人"), max_length=200)
    respondent_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    respondent_address = models.CharField(_("被申请人地址"), max_length=200, blank=True)

    bureau = models.ForeignKey(Bureau, verbose_name=_("调解单位"), on_delete=models.PROTECT)
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("调解员"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    drafted_at = models.DateTimeField(_("拟定时间"))

    complainant_confirmed_at = models.DateTimeField(_("申请人确认时间"), null=True, blank=True)
    # Set when the handler recorded an in-person confirmation (blank: confirmed online).
    complainant_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    complainant_confirmation_note = models.CharField(max_length=300, blank=True)
    respondent_confirmed_at = models.DateTimeField(_("被申请人确认时间"), null=True, blank=True)
    # A respondent user (online, portal) or the handler (in person, with a reason).
    respondent_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    respondent_confirmed_in_person = models.BooleanField(default=False)
    respondent_confirmation_note = models.CharField(max_length=300, blank=True)

    declined_at = models.DateTimeField(_("拒绝确认时间"), null=True, blank=True)
    declined_by = models.CharField(
        _("拒绝确认方"), max_length=12, choices=Party.choices, blank=True
    )
    declined_reason = models.TextField(_("拒绝理由"), blank=True)

    sealed_at = models.DateTimeField(_("盖章时间"), null=True, blank=True)
    sealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The bureau's copy; regenerated at every step until sealed, never afterwards.
    pdf = models.FileField(storage=evidence_storage, upload_to=agreement_path, max_length=200)
    pdf_sha256 = models.CharField(_("SHA-256"), max_length=64)
    # The hash of the text both parties confirmed (the PDF before the seal), printed in the seal.
    confirmed_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["complaint", "-version"]
        verbose_name = _("调解协议")
        verbose_name_plural = _("调解协议")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "version"], name="mediation_agreement_version"
            )
        ]

    def __str__(self):
        return f"{self.complaint_id} v{self.version}"

    @property
    def is_sealed(self) -> bool:
        return self.state == self.State.SEALED

    @property
    def both_confirmed(self) -> bool:
        return bool(self.complainant_confirmed_at and self.respondent_confirmed_at)

    def confirmed_at(self, party: str):
        return getattr(self, f"{party}_confirmed_at")
