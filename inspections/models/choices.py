from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskLevel(models.TextChoices):
    LOW = "low", _("低风险")
    MEDIUM = "medium", _("中风险")
    HIGH = "high", _("高风险")


class DrawStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    COMMITTED = "committed", _("已公示承诺值，待抽取")
    DRAWN = "drawn", _("已抽取，检查中")
    COMPLETED = "completed", _("检查完成")


class Outcome(models.TextChoices):
    """Result categories as used in the national enterprise credit publicity system."""

    NO_PROBLEM = "no_problem", _("未发现问题")
    RECTIFY = "rectify", _("发现问题已责令整改")
    CASE_OPENED = "case_opened", _("发现违法行为立案查处")
    PENDING = "pending", _("发现问题待后续处理")
    NO_ACTIVITY = "no_activity", _("未发现开展本次抽查涉及的经营活动")
    UNREACHABLE = "unreachable", _("通过登记的住所（经营场所）无法联系")
    REFUSED = "refused", _("不配合检查情节严重")
    CLOSED = "closed", _("已关闭停业或正在组织清算")


# Outcomes that are themselves a finding of a violation, and outcomes that exclude one.
VIOLATION_OUTCOMES = frozenset({Outcome.CASE_OPENED})
NO_VIOLATION_OUTCOMES = frozenset({Outcome.NO_PROBLEM, Outcome.NO_ACTIVITY, Outcome.CLOSED})
