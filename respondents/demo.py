"""Demo respondents (seed_demo calls seed()): two enterprises with invited cases in every state
of the portal, their logins, and how to sign in. Idempotent: keyed on the intake key and the
usernames. Demo only: the passwords are published in the README."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from complaints.demo.cases import DEMO_ACCESS_CODE
from complaints.demo.staff import DEMO_PASSWORD
from complaints.models import Category, Complaint, District, Kind
from complaints.services import access, lifecycle
from complaints.services.intake import IntakeData, submit_complaint
from complaints.services.validators import uscc_check_char

from . import services
from .models import Enterprise, Invitation, RespondentAnswer, RespondentUser

ENTERPRISES = [
    # credit code without its check character, name, administrator's username
    ("91420100MA4K12345", "武汉光谷运动用品有限公司", "guanggu_admin"),
    ("91420100MA4K67890", "武汉长江数码科技有限公司", "changjiang_admin"),
]
# (state, enterprise index); "invited": a pending invitation whose code is printed.
STATES = [
    ("invited", 0),
    ("open", 0),
    ("accepted", 0),
    ("settle_pending", 0),
    ("settle_accepted", 1),
    ("settle_declined", 1),
    ("disputed", 1),
]


def _case(key: str, uscc: str, name: str, actor) -> Complaint:
    data = IntakeData(
        kind=Kind.COMPLAINT,
        category=Category.objects.get(code="trademark-infringement"),
        district=District.objects.filter(code="jiangan").first(),
        complainant_name="演示投诉人",
        complainant_phone="13900009999",
        respondent_name=name,
        respondent_credit_code=uscc,
        ip_right_type="trademark",
        ip_right_number="12345678",
        facts="演示：被投诉人销售的运动鞋使用了与我方注册商标近似的标志。",
        request="请求责令停止侵权。",
    )
    result = submit_complaint(data, idempotency_key=f"demo-respondent-{key}")
    case = result.complaint
    # Every demo case opens with the demo code (complaints.demo.cases does the same).
    Complaint.objects.filter(pk=case.pk).update(
        access_code_hash=access.hash_access_code(DEMO_ACCESS_CODE)
    )
    if case.status == "submitted":
        case = lifecycle.accept(case, actor=actor)
    return case


def _login(enterprise_uscc: str, name: str, username: str, code: str) -> RespondentUser:
    existing = RespondentUser.objects.filter(user__username=username).first()
    invitation = services.find_invitation(code)
    if invitation is None:
        raise RuntimeError(f"the demo invitation for {name} is not open")
    if existing is not None:
        services.accept_signed_in(invitation, existing)
        return existing
    respondent = services.accept_invitation(
        invitation, uscc=enterprise_uscc, name=name, username=username, password=DEMO_PASSWORD
    )
    return respondent


@transaction.atomic
def seed(stdout=None) -> None:
    staff = get_user_model().objects.filter(username="jiangan_supervisor").first()
    pending_codes = []
    for index, (state, which) in enumerate(STATES):
        base, name, username = ENTERPRISES[which]
        uscc = base + uscc_check_char(base)
        case = _case(f"{index}-{state}", uscc, name, staff)
        if Invitation.objects.filter(complaint=case).exists():
            continue  # seeded before
        invited = services.invite_case(
            case,
            staff,
            phone="13700000000",
            email="",
            facts="演示：投诉人称贵单位销售的运动鞋使用了与其注册商标近似的标志。",
            request_text="请于答复期限内说明商品来源，并提交相关证明材料。",
        )
        if state == "invited":
            pending_codes.append((name, invited.code))
            continue
        respondent = _login(uscc, name, username, invited.code)
        if state == "open":
            continue
        position = {
            "accepted": RespondentAnswer.Position.ACCEPT,
            "disputed": RespondentAnswer.Position.DISPUTE,
        }.get(state, RespondentAnswer.Position.SETTLE)
        services.answer(
            case,
            respondent,
            {
                "position": position,
                "statement": "演示：我司已核查进货渠道，涉案商品已下架。",
                "settlement_terms": "演示：向投诉人赔偿 2000 元并书面致歉。"
                if position == RespondentAnswer.Position.SETTLE
                else "",
            },
        )
        if state in ("settle_accepted", "settle_declined"):
            decision = "accepted" if state == "settle_accepted" else "declined"
            services.decide_settlement(case, {"decision": decision})
    if stdout:
        stdout.write(
            f"  respondents: {Enterprise.objects.count()} enterprises; sign in at "
            f"/respondent/login/ as {', '.join(e[2] for e in ENTERPRISES)} "
            f"(password {DEMO_PASSWORD}); "
            f"tracking pages open with the code {DEMO_ACCESS_CODE}"
        )
        for name, code in pending_codes:
            stdout.write(
                f"  respondents: pending invitation for {name}: enter {code} at "
                f"/respondent/invitation/ (valid until "
                f"{timezone.localdate() + datetime.timedelta(days=services.INVITATION_DAYS)})"
            )
