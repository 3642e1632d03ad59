"""Enumerations shared by the complaint models, services and views."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")
    ASSISTANCE = "assistance", _("维权援助")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    ACCEPTED = "accepted", _("已受理")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    IN_PROGRESS = "in_progress", _("办理中")
    AWAITING_COMPLAINANT = "awaiting_complainant", _("待补充材料")
    RESOLVED = "resolved", _("已办结")
    CLOSED = "closed", _("已结案")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.ACCEPTED,
    Status.IN_PROGRESS,
    Status.AWAITING_COMPLAINANT,
)


class Outcome(models.TextChoices):
    MEDIATED = "mediated", _("调解达成协议")
    MEDIATION_FAILED = "mediation_failed", _("调解不成")
    PENALTY = "penalty", _("作出行政处罚决定")
    ADJUDICATED = "adjudicated", _("作出行政裁决")
    NO_VIOLATION = "no_violation", _("未发现违法行为")
    TO_POLICE = "to_police", _("移送公安机关")
    TO_COURT = "to_court", _("移送法院或仲裁")
    ASSISTED = "assisted", _("已提供维权援助")


class RefusalReason(models.TextChoices):
    OUT_OF_REMIT = "out_of_remit", _("不属于本部门职责范围")
    HANDLED_ELSEWHERE = "handled_elsewhere", _("已由法院、仲裁机构或其他部门处理")
    TIME_LIMIT = "time_limit", _("超过法定时限")
    INCOMPLETE = "incomplete", _("材料不全且未按要求补正")
    NO_CLEAR_RESPONDENT = "no_clear_respondent", _("没有明确的被投诉人")


class ClockStep(models.TextChoices):
    ACCEPTANCE = "acceptance", _("受理审查")
    HANDLING = "handling", _("办理")
    NONE = "none", _("无")


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "wd", _("工作日")
    MONTHS = "months", _("月")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    USCC = "uscc", _("统一社会信用代码")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他证件")


class IpRightType(models.TextChoices):
    PATENT = "patent", _("专利")
    TRADEMARK = "trademark", _("商标")
    COPYRIGHT = "copyright", _("著作权")
    OTHER = "other", _("其他")


class RespondentType(models.TextChoices):
    """Who the respondent is, as the complainant says (blank: they do not know). The public
    complaint database never names a respondent the complainant calls an individual."""

    ORGANISATION = "organisation", _("企业或其他组织")
    INDIVIDUAL = "individual", _("个人（含个体工商户、自媒体账号）")


class Role(models.TextChoices):
    HANDLER = "handler", _("承办人")
    SUPERVISOR = "supervisor", _("负责人")


class Source(models.TextChoices):
    WEB = "web", _("网上提交")
    OPEN311 = "open311", _("开放接口")
    STAFF = "staff", _("工作人员录入")
    # A call to 12330 / 12315 / 12390 recorded by a hotline operator (PhoneIntake holds which
    # hotline, who recorded it and the caller's spoken consent).
    PHONE = "phone", _("热线电话受理")
