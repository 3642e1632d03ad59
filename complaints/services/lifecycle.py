"""Every change to a case goes through here: checks, event, clock, signal.

Staff permission (bureau membership, supervisor role) is checked by `permissions`; citizen actions
are authorised by the tracking number + access code before these functions are called.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from complaints.lifecycle import can_transition
from complaints.models import Bureau, ClockStep, Complaint, Outcome, RefusalReason, Status

from . import clock
from .events import record_event


class TransitionNotAllowed(Exception):
    """The lifecycle map does not allow this change from the case's current status."""


def lock_case(complaint: Complaint) -> Complaint:
    """Re-read the case under a row lock so two staff actions cannot interleave.

    Only the case row is locked: PostgreSQL refuses FOR UPDATE on the nullable side of the
    outer join to report_clock_profile.
    """
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("category__clock_profile", "category__report_clock_profile", "bureau")
        .get(pk=complaint.pk)
    )


@transaction.atomic
def transition(
    complaint: Complaint,
    to_status: str,
    *,
    actor=None,
    actor_label: str = "",
    action: str | None = None,
    public_note: str = "",
    internal_note: str = "",
    **changes,
) -> Complaint:
    """Move a case to `to_status`, applying `changes` (model fields) and the clock rules."""
    case = lock_case(complaint)
    if not can_transition(case.status, to_status):
        raise TransitionNotAllowed(f"{case.status} → {to_status}")
    from_status = case.status
    for name, value in changes.items():
        setattr(case, name, value)
    _apply_clock(case, from_status, to_status)
    case.status = to_status
    case.save()
    record_event(
        case,
        action or to_status,
        actor=actor,
        actor_label=actor_label,
        from_status=from_status,
        to_status=to_status,
        public_note=public_note,
        internal_note=internal_note,
    )
    return case


def _apply_clock(case: Complaint, from_status: str, to_status: str) -> None:
    now = timezone.now()
    if to_status == Status.AWAITING_COMPLAINANT:
        clock.pause(case, now)
    elif from_status == Status.AWAITING_COMPLAINANT:
        clock.resume(case, now)
    if to_status == Status.ACCEPTED and from_status == Status.SUBMITTED:
        case.accepted_at = now
        clock.start_step(case, ClockStep.HANDLING, timezone.localdate(now))
    elif to_status in (Status.NOT_ACCEPTED, Status.WITHDRAWN, Status.CLOSED):
        # Keep due_on and is_overdue: the on-time closure rate is computed from them.
        if from_status != Status.RESOLVED:
            case.is_overdue = bool(case.due_on and timezone.localdate(now) > case.due_on)
        case.closed_at = case.closed_at or now
        case.step = ClockStep.NONE
        case.paused_since = None
    elif to_status == Status.RESOLVED:
        case.is_overdue = bool(case.due_on and timezone.localdate(now) > case.due_on)
        case.closed_at = now
        case.step = ClockStep.NONE
        case.paused_since = None
    elif to_status == Status.IN_PROGRESS and from_status in (Status.CLOSED, Status.RESOLVED):
        case.closed_at = None
        clock.start_step(case, ClockStep.HANDLING, timezone.localdate(now))


def accept(complaint, *, actor, public_note="", internal_note=""):
    return transition(
        complaint,
        Status.ACCEPTED,
        actor=actor,
        action="accepted",
        public_note=public_note or "您的投诉举报已受理。",
        internal_note=internal_note,
    )


def refuse(complaint, *, actor, reason: str, public_note="", internal_note=""):
    if reason not in RefusalReason.values:
        raise ValueError("a refusal needs a reason from the list")
    label = RefusalReason(reason).label
    return transition(
        complaint,
        Status.NOT_ACCEPTED,
        actor=actor,
        action="not_accepted",
        refusal_reason=reason,
        public_note=public_note or f"不予受理：{label}",
        internal_note=internal_note,
    )


def request_information(complaint, *, actor, public_note: str, internal_note=""):
    if not public_note.strip():
        raise ValueError("say what the complainant must supply")
    return transition(
        complaint,
        Status.AWAITING_COMPLAINANT,
        actor=actor,
        action="information_requested",
        public_note=public_note,
        internal_note=internal_note,
    )


def start_handling(complaint, *, actor, public_note="", internal_note=""):
    return transition(
        complaint,
        Status.IN_PROGRESS,
        actor=actor,
        action="in_progress",
        public_note=public_note,
        internal_note=internal_note,
    )


def resolve(complaint, *, actor, outcome: str, outcome_detail="", public_note="", internal_note=""):
    if outcome not in Outcome.values:
        raise ValueError("a resolution needs an outcome from the list")
    return transition(
        complaint,
        Status.RESOLVED,
        actor=actor,
        action="resolved",
        outcome=outcome,
        outcome_detail=outcome_detail,
        public_note=public_note or f"办理结果：{Outcome(outcome).label}",
        internal_note=internal_note,
    )


def close(complaint, *, actor, public_note="", internal_note=""):
    return transition(
        complaint,
        Status.CLOSED,
        actor=actor,
        action="closed",
        public_note=public_note or "本案已结案。",
        internal_note=internal_note,
    )


def withdraw(complaint, *, reason: str, actor_label="投诉人"):
    return transition(
        complaint,
        Status.WITHDRAWN,
        actor_label=actor_label,
        action="withdrawn",
        public_note=f"投诉人撤回：{reason}",
    )


def supply_information(complaint, *, note: str, actor_label="投诉人"):
    """The complainant answered a request for information: the clock runs again."""
    target = Status.IN_PROGRESS if complaint.accepted_at else Status.ACCEPTED
    return transition(
        complaint, target, actor_label=actor_label, action="information_supplied", public_note=note
    )


REOPEN_WINDOW_DAYS = 15


def reopen(complaint, *, reason: str, actor=None, actor_label="投诉人"):
    closed_at = complaint.closed_at
    if closed_at and (timezone.now() - closed_at).days > REOPEN_WINDOW_DAYS:
        raise TransitionNotAllowed("the reopening window has passed")
    return transition(
        complaint,
        Status.IN_PROGRESS,
        actor=actor,
        actor_label=actor_label,
        action="reopened",
        public_note=f"申请重新办理：{reason}",
    )


def close_after_reopen_window(now=None, limit: int = 2000) -> int:
    """Close resolved cases whose reopening window has passed (actor 系统), so the retention
    period then applies to them. Same window as reopen(): more than REOPEN_WINDOW_DAYS whole
    days since the resolution. At most `limit` per call, oldest first, so a backlog drains over
    several sla_tick runs instead of one long one. Returns how many were closed."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=REOPEN_WINDOW_DAYS + 1)
    due = Complaint.objects.filter(status=Status.RESOLVED, closed_at__lte=cutoff)
    closed = 0
    for pk in list(due.order_by("closed_at", "pk").values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            case = lock_case(Complaint(pk=pk))
            if case.status != Status.RESOLVED or case.closed_at > cutoff:
                continue  # reopened (or resolved again) since the query
            transition(
                case,
                Status.CLOSED,
                actor_label="系统",
                action="closed",
                public_note="申请重新办理的期限已过，本案已结案。",
            )
            closed += 1
    return closed


@transaction.atomic
def rate(complaint, *, score: int, comment: str = "") -> Complaint:
    case = lock_case(complaint)
    if case.status not in (Status.RESOLVED, Status.CLOSED):
        raise TransitionNotAllowed("only a resolved or closed case can be rated")
    if not 1 <= int(score) <= 5:
        raise ValueError("score must be 1–5")
    case.satisfaction, case.satisfaction_comment = int(score), comment
    case.rated_at = timezone.now()
    case.save(update_fields=["satisfaction", "satisfaction_comment", "rated_at", "updated_at"])
    record_event(case, "rated", actor_label="投诉人", public_note=f"满意度评价：{score}/5")
    return case


@transaction.atomic
def transfer(complaint, *, to_bureau: Bureau, actor, reason: str, internal_note=""):
    """Hand the case to another bureau; history and evidence stay with it."""
    case = lock_case(complaint)
    if not case.is_open:
        raise TransitionNotAllowed("only an open case can be transferred")
    if to_bureau.pk == case.bureau_id:
        raise ValueError("the case is already with this bureau")
    from_bureau = case.bureau
    case.bureau = to_bureau
    case.assigned_to = None
    if case.category.clock_profile_for(case.kind).restart_on_transfer:
        clock.start_step(case, case.step, timezone.localdate())
    case.save()
    record_event(
        case,
        "transferred",
        actor=actor,
        from_bureau=from_bureau,
        to_bureau=to_bureau,
        from_status=case.status,
        to_status=case.status,
        public_note=f"已移送{to_bureau.name}办理：{reason}",
        internal_note=internal_note,
    )
    return case


@transaction.atomic
def assign(complaint, *, handler, actor):
    case = lock_case(complaint)
    case.assigned_to = handler
    case.save(update_fields=["assigned_to", "updated_at"])
    record_event(
        case,
        "assigned",
        actor=actor,
        internal_note=f"承办人：{handler.get_full_name() or handler.get_username()}",
    )
    return case
