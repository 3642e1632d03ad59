"""Top-ten case proposals: a supervisor proposes a closed case for next year's 十大案件."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Complaint


class TopTenProposal(models.Model):
    case = models.ForeignKey(
        Complaint,
        verbose_name=_("案件"),
        on_delete=models.CASCADE,
        related_name="top_ten_proposals",
    )
    year = models.PositiveSmallIntegerField(_("评选年度"), db_index=True)
    reason = models.TextField(
        _("推荐理由"),
        help_text=_("为什么本案具有典型意义；网站编辑撰写十大案件时阅读，不对公众公开。"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("推荐人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("推荐时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("十大案件推荐")
        verbose_name_plural = _("十大案件推荐")
        ordering = ["-year", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "year"], name="top_ten_proposal_once_a_year")
        ]

    def __str__(self):
        return f"{self.year} · {self.case.tracking_number}"

    # Columns for editors in the Wagtail admin: the case without any personal data.
    @property
    def tracking_number(self) -> str:
        return self.case.tracking_number

    @property
    def category_name(self) -> str:
        return self.case.category.name

    @property
    def bureau_name(self) -> str:
        return self.case.bureau.name

    @property
    def outcome_label(self) -> str:
        return self.case.get_outcome_display()

    @property
    def proposer_name(self) -> str:
        user = self.proposed_by
        return (user.get_full_name() or user.username) if user else ""
