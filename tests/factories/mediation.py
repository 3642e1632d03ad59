"""Factories for mediation: a case in handling at 江岸区市场监督管理局 with its handler, and
agreements at each step, all through the real services."""

from complaints.mediation import services
from complaints.mediation.models import Party
from complaints.models import Bureau, Role
from complaints.services import lifecycle
from complaints.services.actions import COMPLAINANT

from .complaints import UserFactory, file_complaint, received_file, staff_member

TERMS = (
    "一、被申请人于2026年12月31日前停止销售带有涉案近似标志的运动鞋，并下架网店相关商品。\n"
    "二、被申请人于2027年1月15日前向申请人支付赔偿金人民币伍万元整（50000元）。\n"
    "三、双方就本纠纷再无其他争议。"
)


def handled_case(files=(), **overrides):
    """A complaint accepted and in handling; returns (case, access code, handler)."""
    from complaints.demo import seed_provisional_calendar

    seed_provisional_calendar()  # deadlines from December on run into a year not yet published
    filed = file_complaint(files=files, **overrides)
    handler = staff_member(filed.complaint.bureau, Role.HANDLER)
    case = lifecycle.start_handling(lifecycle.accept(filed.complaint, actor=handler), actor=handler)
    return case, filed.access_code, handler


def with_evidence():
    """One piece of evidence: a small PNG, as the intake receives it."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return [received_file("合同.png", out.getvalue())]


def respondent_user(**fields):
    """A user of the respondent portal (the portal authorises them for the case)."""
    return UserFactory(**fields)


def drafted(terms: str = TERMS, **overrides):
    case, code, handler = handled_case(**overrides)
    agreement = services.draft_agreement(case, terms, handler)
    return agreement, code, handler


def confirmed_by_both(**overrides):
    agreement, code, handler = drafted(**overrides)
    agreement = services.confirm(agreement, Party.COMPLAINANT, COMPLAINANT)
    agreement = services.respondent_confirm(agreement, respondent_user())
    return agreement, code, handler


def sealed(**overrides):
    agreement, code, handler = confirmed_by_both(**overrides)
    return services.seal(agreement, handler), code, handler


def other_bureau_handler():
    return staff_member(Bureau.objects.get(code="wh-copyright"), Role.HANDLER)
