"""The respondent portal's rules: invitations, accounts bound to a credit code, the enterprise's
cases and its answer, the complainant's decision on a settlement, and the figures per enterprise.

Which action is open now is decided by complaints.services.actions (the rules below are
registered there by registration.py); this module does the work once it is allowed.
"""

import datetime
import hmac
import statistics
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint, Evidence, Kind, Status
from complaints.notifications import texts
from complaints.notifications.models import Notification
from complaints.notifications.tasks import enqueue_delivery
from complaints.services import access, hashing, validators, workdays
from complaints.services.actions import InvalidInput
from complaints.services.audit import log_access
from complaints.services.events import record_event
from complaints.services.evidence import store_evidence
from complaints.services.lifecycle import lock_case

from .models import Enterprise, Invitation, RespondentAnswer, RespondentCase, RespondentUser

INVITATION_DAYS = 7
CODE_PURPOSE = "respondents.invitation"
PAGE_SIZE = 20
INVITABLE_STATUSES = (Status.ACCEPTED, Status.IN_PROGRESS, Status.AWAITING_COMPLAINANT)
RESPONDENT_LABEL = "被投诉人"


# The state halves of the rules (registered in complaints.services.actions) ----------------------


def invitable(case: Complaint) -> bool:
    """A 投诉 accepted and not finished, against a named respondent, not answered yet."""
    return (
        case.kind == Kind.COMPLAINT
        and case.status in INVITABLE_STATUSES
        and bool(case.respondent_name)
        and case.purged_at is None
        and not RespondentAnswer.objects.filter(complaint=case).exists()
    )


def answerable(case: Complaint) -> bool:
    """Open to the enterprise's answer: the case is open and not answered yet."""
    return case.is_open and not RespondentAnswer.objects.filter(complaint=case).exists()


def settlement_pending(case: Complaint) -> bool:
    """A settlement proposed and the complainant has not said yet, on an open case."""
    return (
        case.is_open
        and RespondentAnswer.objects.filter(
            complaint=case, position=RespondentAnswer.Position.SETTLE, complainant_decision=""
        ).exists()
    )


# Invitations -----------------------------------------------------------------------------------


def new_code() -> str:
    """128 bits in the access code's alphabet and shape: the outbox removes it once sent."""
    return access.new_access_code()


def hash_code(code: str, secret: str | None = None) -> str:
    return hashing.keyed(CODE_PURPOSE, access.normalize_code(code), secret).hexdigest()


def invitation_url() -> str:
    """Where the code is entered: the site's public address (WAGTAILADMIN_BASE_URL)."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return f"{base}/respondent/invitation/"


def _queue_invitation(invitation: Invitation, complaint, text: texts.SMSText, subject: str) -> None:
    rows = []
    if invitation.phone:
        rows.append((Notification.Channel.SMS, invitation.phone))
    if invitation.email:
        rows.append((Notification.Channel.EMAIL, invitation.email))
    created = [
        Notification.objects.create(
            complaint=complaint,
            purpose=text.kind,
            channel=channel,
            recipient=recipient,
            subject=subject,
            body=text.body,
            sms_params=text.params if channel == Notification.Channel.SMS else {},
        )
        for channel, recipient in rows
    ]
    for notification in created:
        transaction.on_commit(partial(enqueue_delivery, notification.pk))


def respondent_due_on(case: Complaint, start: datetime.date | None = None) -> datetime.date:
    """The answer's deadline: the category's working days (10 by default) after `start`."""
    start = start or timezone.localdate()
    return workdays.add_working_days(start, case.category.respondent_days)


def clean_uscc(value: str) -> str:
    value = validators.normalize(value)
    if not validators.is_valid_uscc(value):
        raise InvalidInput(_("统一社会信用代码格式或校验位不正确。"))
    return value


@dataclass(frozen=True)
class Invited:
    invitation: Invitation
    code: str  # shown to nobody; sent once through the outbox, then removed from it


def invite_case(
    case: Complaint, actor, *, phone: str, email: str, facts: str, request_text: str
) -> Invited:
    """The bureau invites the respondent of `case` (actions.require has allowed it)."""
    if not phone and not email:
        raise InvalidInput(_("请至少填写被投诉人的手机号码或电子邮箱。"))
    if not facts.strip() or not request_text.strip():
        raise InvalidInput(_("请填写告知被投诉人的事实和办理部门的要求。"))
    with transaction.atomic():
        case = lock_case(case)
        code = new_code()
        invitation = Invitation.objects.create(
            complaint=case,
            uscc=case.respondent_credit_code,
            phone=phone,
            email=email,
            token_hash=hash_code(code),
            expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
            invited_by=actor,
            as_admin=True,
            facts_text=facts.strip(),
            request_text=request_text.strip(),
            due_on=respondent_due_on(case),
        )
        until = timezone.localtime(invitation.expires_at)
        text = texts.respondent_invitation(
            case.bureau.name,
            case.tracking_number,
            case.respondent_name,
            until,
            invitation_url(),
            code,
            invitation.due_on,
        )
        _queue_invitation(invitation, case, text, f"案件 {case.tracking_number} 答复邀请")
        record_event(
            case,
            "respondent_invited",
            actor=actor,
            internal_note=f"已邀请被投诉人在线答复（答复期限 {invitation.due_on:%Y-%m-%d}）",
        )
    return Invited(invitation, code)


def invite_colleague(admin: RespondentUser, *, phone: str, email: str) -> Invited:
    """An enterprise administrator invites a colleague to a login of the same enterprise."""
    if not admin.is_admin:
        raise InvalidInput(_("只有企业管理员可以邀请同事。"))
    if not phone and not email:
        raise InvalidInput(_("请至少填写同事的手机号码或电子邮箱。"))
    code = new_code()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            enterprise=admin.enterprise,
            uscc=admin.enterprise.uscc,
            phone=phone,
            email=email,
            token_hash=hash_code(code),
            expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
            invited_by=admin.user,
            as_admin=False,
        )
        text = texts.colleague_invitation(
            admin.enterprise.name,
            timezone.localtime(invitation.expires_at),
            invitation_url(),
            code,
        )
        _queue_invitation(invitation, None, text, "被投诉企业账户邀请")
    return Invited(invitation, code)


def _colleague(admin: RespondentUser, member_id: int) -> RespondentUser:
    if not admin.is_admin:
        raise InvalidInput(_("只有企业管理员可以管理同事账户。"))
    member = (
        RespondentUser.objects.select_related("user")
        .filter(pk=member_id, enterprise=admin.enterprise)
        .first()
    )
    if member is None:
        raise InvalidInput(_("本企业没有这个账户。"))
    if member.pk == admin.pk:
        raise InvalidInput(_("不能对自己的账户执行该操作；请先将管理员移交给另一位同事。"))
    return member


@transaction.atomic
def disable_colleague(admin: RespondentUser, member_id: int) -> RespondentUser:
    """The enterprise's administrator closes a colleague's login (someone who left): it can no
    longer sign in and its open sessions end. The row stays: its answers keep their author."""
    member = _colleague(admin, member_id)
    member.user.is_active = False
    member.user.save(update_fields=["is_active"])
    member.is_admin = False
    member.save(update_fields=["is_admin"])
    return member


@transaction.atomic
def hand_over_admin(admin: RespondentUser, member_id: int) -> RespondentUser:
    """The administrator makes an active colleague the enterprise's administrator instead."""
    member = _colleague(admin, member_id)
    if not member.user.is_active:
        raise InvalidInput(_("该账户已停用，不能成为企业管理员。"))
    RespondentUser.objects.filter(pk=member.pk).update(is_admin=True)
    RespondentUser.objects.filter(pk=admin.pk).update(is_admin=False)
    member.is_admin, admin.is_admin = True, False
    return member


def find_invitation(code: str) -> Invitation | None:
    """The open invitation of `code` (not expired, not accepted), under any key in use."""
    candidates = [hash_code(code, key) for key in hashing.secrets_in_use()]
    found = (
        Invitation.objects.filter(token_hash__in=candidates)
        .select_related("complaint__category", "complaint__bureau", "enterprise")
        .first()
    )
    if found is None or not any(hmac.compare_digest(found.token_hash, c) for c in candidates):
        return None
    if found.accepted_at is not None or found.expires_at <= timezone.now():
        return None
    return found


def _open_case(invitation: Invitation, enterprise: Enterprise) -> RespondentCase | None:
    complaint = invitation.complaint
    if complaint is None or invitation.due_on is None:
        return None
    case, _created = RespondentCase.objects.update_or_create(
        complaint=complaint,
        defaults={
            "enterprise": enterprise,
            "facts_text": invitation.facts_text,
            "request_text": invitation.request_text,
            "invited_at": invitation.created_at,
            "due_on": invitation.due_on,
        },
    )
    record_event(
        complaint,
        "respondent_joined",
        actor_label=RESPONDENT_LABEL,
        internal_note=f"被投诉人已接受答复邀请（{enterprise.name}，{enterprise.uscc}）",
    )
    return case


def _check_uscc_matches(invitation: Invitation, uscc: str) -> None:
    expected = validators.normalize(invitation.uscc)
    if expected and expected != uscc:
        raise InvalidInput(_("统一社会信用代码与案件记录的被投诉人不一致。"))


def accept_invitation(
    invitation: Invitation, *, uscc: str, name: str, username: str, password: str
) -> RespondentUser:
    """A new login from an invitation: its enterprise is found or made by the credit code."""
    uscc = clean_uscc(uscc)
    _check_uscc_matches(invitation, uscc)
    if invitation.enterprise is not None and invitation.enterprise.uscc != uscc:
        raise InvalidInput(_("统一社会信用代码与邀请您的企业不一致。"))
    User = get_user_model()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None or locked.expires_at <= timezone.now():
            raise InvalidInput(_("邀请已失效，请联系邀请人重新发送。"))
        if User.objects.filter(username=username).exists():
            raise InvalidInput(_("该用户名已被使用，请换一个。"))
        enterprise, _created = Enterprise.objects.get_or_create(
            uscc=uscc, defaults={"name": (name or "").strip()[:200] or uscc}
        )
        has_admin = enterprise.users.filter(is_admin=True).exists()
        user = User.objects.create_user(username=username, password=password)
        respondent = RespondentUser.objects.create(
            user=user, enterprise=enterprise, is_admin=locked.as_admin and not has_admin
        )
        locked.accepted_at, locked.accepted_by = timezone.now(), user
        locked.enterprise = enterprise
        locked.save(update_fields=["accepted_at", "accepted_by", "enterprise"])
        _open_case(locked, enterprise)
    return respondent


def accept_signed_in(invitation: Invitation, respondent: RespondentUser) -> RespondentCase | None:
    """A signed-in login enters a case invitation: the case joins its enterprise's list."""
    if invitation.complaint_id is None:
        raise InvalidInput(_("此邀请用于开通新账户，请退出登录后使用。"))
    _check_uscc_matches(invitation, respondent.enterprise.uscc)
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None or locked.expires_at <= timezone.now():
            raise InvalidInput(_("邀请已失效，请联系邀请人重新发送。"))
        locked.accepted_at, locked.accepted_by = timezone.now(), respondent.user
        locked.enterprise = respondent.enterprise
        locked.save(update_fields=["accepted_at", "accepted_by", "enterprise"])
        return _open_case(locked, respondent.enterprise)


# The enterprise's cases --------------------------------------------------------------------------


def respondent_for(user) -> RespondentUser | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return RespondentUser.objects.select_related("enterprise").filter(user=user).first()


@dataclass(frozen=True)
class CasePage:
    cases: list
    next_cursor: str


def cases_page(respondent: RespondentUser, after: str = "") -> CasePage:
    """The enterprise's cases, newest invitation first, PAGE_SIZE at a time (keyset: a
    cursor "<invited timestamp>.<id>", two queries whatever the page)."""
    qs = (
        RespondentCase.objects.filter(enterprise=respondent.enterprise)
        .select_related("complaint__category", "complaint__bureau", "complaint__respondent_answer")
        .order_by("-invited_at", "-id")
    )
    if after:
        try:
            stamp, _dot, pk = after.partition(".")
            moment = datetime.datetime.fromtimestamp(float(stamp), tz=datetime.UTC)
            qs = qs.filter(Q(invited_at__lt=moment) | Q(invited_at=moment, id__lt=int(pk)))
        except (ValueError, OverflowError):
            qs = qs.none()
    rows = list(qs[: PAGE_SIZE + 1])
    cursor = ""
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        last = rows[-1]
        cursor = f"{last.invited_at.timestamp():.6f}.{last.pk}"
    return CasePage(rows, cursor)


def case_for(respondent: RespondentUser, case_id: int, request=None) -> RespondentCase | None:
    """The case when it is this login's enterprise's (the view is logged); None otherwise."""
    found = (
        RespondentCase.objects.filter(enterprise=respondent.enterprise, complaint_id=case_id)
        .select_related("complaint__category", "complaint__bureau", "enterprise")
        .first()
    )
    if found is not None:
        log_access(
            found.complaint,
            "respondent_view",
            user=respondent.user,
            request=request,
            detail=f"respondent {respondent.enterprise.uscc}",
        )
    return found


def respondent_files(case: Complaint):
    return case.evidence.filter(uploaded_by=Evidence.Uploader.RESPONDENT)


def answer(case: Complaint, respondent: RespondentUser, data: dict) -> RespondentAnswer:
    """The enterprise's one answer (actions.require has allowed it): statement, evidence in
    custody, and its position; the handler and the complainant see it."""
    position = data["position"]
    statement = (data.get("statement") or "").strip()
    terms = (data.get("settlement_terms") or "").strip()
    if not statement:
        raise InvalidInput(_("请填写情况说明。"))
    if position == RespondentAnswer.Position.SETTLE and not terms:
        raise InvalidInput(_("提出和解方案时请写明方案内容。"))
    if position != RespondentAnswer.Position.SETTLE:
        terms = ""
    with transaction.atomic():
        locked = lock_case(case)
        if not answerable(locked):
            raise InvalidInput(_("本案已答复或已办结，不能再答复。"))
        opened = RespondentCase.objects.get(complaint=locked)
        for upload in data.get("files") or []:
            store_evidence(locked, upload, Evidence.Uploader.RESPONDENT, note="被投诉人答复")
        result = RespondentAnswer.objects.create(
            complaint=locked,
            enterprise=respondent.enterprise,
            position=position,
            statement=statement,
            settlement_terms=terms,
            due_on=opened.due_on,
            answered_at=timezone.now(),
            answered_by=respondent.user,
        )
        label = RespondentAnswer.Position(position).label
        record_event(
            locked,
            "respondent_answered",
            actor_label=RESPONDENT_LABEL,
            internal_note=f"被投诉人已答复：{label}",
        )
    return result


def decide_settlement(case: Complaint, data: dict) -> RespondentAnswer:
    """The complainant accepts the proposed settlement or not (actions.require has allowed it);
    the handler then decides the case."""
    decision = data["decision"]
    with transaction.atomic():
        locked = lock_case(case)
        answer_row = RespondentAnswer.objects.select_for_update().get(complaint=locked)
        if answer_row.complainant_decision:
            raise InvalidInput(_("您已对和解方案表态。"))
        answer_row.complainant_decision = decision
        answer_row.complainant_decided_at = timezone.now()
        answer_row.save(update_fields=["complainant_decision", "complainant_decided_at"])
        record_event(
            locked,
            "settlement_decided",
            actor_label="投诉人",
            complainant_note=str(RespondentAnswer.Decision(decision).label),
        )
    return answer_row


# Figures for the performance page --------------------------------------------------------------


@dataclass(frozen=True)
class EnterpriseFigures:
    enterprise: str
    uscc: str
    invited: int
    answered: int
    on_time: int
    median_hours: float | None

    @property
    def answer_rate(self) -> float:
        return self.answered / self.invited if self.invited else 0.0


def enterprise_figures(cases_qs=None, since=None, until=None) -> list[EnterpriseFigures]:
    """Per enterprise: cases opened to it, answers, answers on time, and the median hours from
    invitation to answer, from the stored timestamps. `cases_qs` (Complaint) limits the scope
    (the performance page's bureaus), `since`/`until` the invitations' period."""
    opened = RespondentCase.objects.select_related("enterprise")
    if cases_qs is not None:
        opened = opened.filter(complaint__in=cases_qs.values("pk"))
    if since is not None:
        opened = opened.filter(invited_at__gte=since)
    if until is not None:
        opened = opened.filter(invited_at__lte=until)
    rows = opened.values_list(
        "enterprise__name",
        "enterprise__uscc",
        "invited_at",
        "complaint__respondent_answer__answered_at",
        "complaint__respondent_answer__due_on",
    )
    grouped: dict[str, dict] = {}
    for name, uscc, invited_at, answered_at, due_on in rows:
        entry = grouped.setdefault(uscc, {"name": name, "invited": 0, "hours": [], "on_time": 0})
        entry["invited"] += 1
        if answered_at is not None:
            entry["hours"].append((answered_at - invited_at).total_seconds() / 3600)
            if due_on is not None and timezone.localtime(answered_at).date() <= due_on:
                entry["on_time"] += 1
    figures = [
        EnterpriseFigures(
            enterprise=entry["name"],
            uscc=uscc,
            invited=entry["invited"],
            answered=len(entry["hours"]),
            on_time=entry["on_time"],
            median_hours=statistics.median(entry["hours"]) if entry["hours"] else None,
        )
        for uscc, entry in grouped.items()
    ]
    return sorted(figures, key=lambda f: (-f.invited, f.uscc))
