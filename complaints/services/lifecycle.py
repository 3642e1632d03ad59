"""Every change to a case goes through here: checks, event, clock, signal.

Which action is open in which state is decided in `actions` (the one place); each function here
enforces the state half of its rule under the row lock, whoever calls it. The role half (bureau
membership, supervisor) is checked by `casework.perform`, the entry point of views and bulk
actions; citizen actions are authorised by the tracking number + access code before.

Who reads what: the system's text (a code + parameters, see `event_texts`) and a `public_note`
go to the complainant (tracking page, SMS) and to the public (Open311), so only staff or system
text goes there. The complainant's own words go to
`complainant_note`, reasons for staff to `internal_note`.
"""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.lifecycle import can_transition
from complaints.models import Bureau, ClockStep, Complaint, Evidence, Outcome, RefusalReason, Status

from . import clock, event_texts
from .actions import COMPLAINANT, REOPEN_WINDOW_DAYS, ActionRefused, InvalidInput, require_state
from .events import record_event
from .evidence import CheckedUpload, store_evidence


class TransitionNotAllowed(ActionRefused):
    """The lifecycle map (or the action's rule) does not allow this change now."""


class MediationNotRecorded(InvalidInput):
    """A mediation outcome was chosen but no such mediation result is on the record."""


def _check(case: Complaint, rule: str | None, actor) -> None:
    if rule is None:
        return
    try:
        require_state(case, rule, COMPLAINANT if actor is COMPLAINANT else None)
    except ActionRefused as refused:
        raise TransitionNotAllowed(refused.message, **refused.params) from None


# The public texts of the complainant's own actions: fixed system texts, never their words.
WITHDRAWN_NOTE = event_texts.note(event_texts.WITHDRAWN)
SUPPLIED_NOTE = event_texts.note(event_texts.SUPPLIED)
REOPENED_NOTE = event_texts.note(event_texts.REOPENED)
# A mediation's result is its action; the public learns only whether it reached an agreement.
MEDIATION_AGREED = "mediation_agreed"
MEDIATION_FAILED = "mediation_failed"
MEDIATION_NOTES = {
    MEDIATION_AGREED: event_texts.note(event_texts.MEDIATION_AGREED),
    MEDIATION_FAILED: event_texts.note(event_texts.MEDIATION_FAILED),
}


def _default_note(public_note: str, code: str) -> dict:
    """Staff's own public note, or else the system's text for this action."""
    if public_note.strip():
        return {"public_note": public_note}
    return event_texts.note(code)


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
    rule: str | None = None,
    rule_actor=None,
    note_code: str = "",
    note_params: dict | None = None,
    public_note: str = "",
    complainant_note: str = "",
    internal_note: str = "",
    **changes,
) -> Complaint:
    """Move a case to `to_status`, applying `changes` (model fields) and the clock rules.

    `rule` names the action of `actions` whose state rule must hold (checked under the lock)."""
    case = lock_case(complaint)
    _check(case, rule, rule_actor)
    if not can_transition(case.status, to_status):
        raise TransitionNotAllowed(
            _("案件当前为“%(from)s”，不能改为“%(to)s”。"),
            **{"from": Status(case.status).label, "to": Status(to_status).label},
        )
    from_status = case.status
    for name, value in changes.items():
        setattr(case, name, value)
    action = action or to_status
    finished = _apply_clock(case, from_status, to_status, action)
    case.status = to_status
    case.save()
    event = record_event(
        case,
        action,
        actor=actor,
        actor_label=actor_label,
        from_status=from_status,
        to_status=to_status,
        note_code=note_code,
        note_params=note_params,
        public_note=public_note,
        complainant_note=complainant_note,
        internal_note=internal_note,
    )
    clock.keep_record(finished, event)
    return case


def _apply_clock(case: Complaint, from_status: str, to_status: str, action: str):
    """Move the clock for this change; returns the record of a step it ended, if any."""
    now = timezone.now()
    today = timezone.localdate(now)
    if to_status == Status.AWAITING_COMPLAINANT:
        clock.pause(case, now)
    elif from_status == Status.AWAITING_COMPLAINANT:
        clock.resume(case, now)
    if to_status == Status.ACCEPTED and from_status == Status.SUBMITTED:
        case.accepted_at = now
        finished = clock.finish_step(case, today, action)
        clock.start_step(case, ClockStep.HANDLING, today)
        return finished
    if to_status in (Status.NOT_ACCEPTED, Status.WITHDRAWN, Status.CLOSED, Status.RESOLVED):
        # Keep due_on and is_overdue: they describe the step that ended (closing a resolved
        # case ends no step).
        finished = clock.finish_step(case, today, action)
        case.closed_at = now if to_status == Status.RESOLVED else case.closed_at or now
        case.step = ClockStep.NONE
        case.paused_since = None
        return finished
    if to_status == Status.IN_PROGRESS and from_status in (Status.CLOSED, Status.RESOLVED):
        case.closed_at = None
        clock.start_step(case, ClockStep.HANDLING, today)
    return None


def accept(complaint, *, actor, public_note="", internal_note=""):
    return transition(
        complaint,
        Status.ACCEPTED,
        actor=actor,
        action="accepted",
        rule="accept",
        **_default_note(public_note, event_texts.ACCEPTED),
        internal_note=internal_note,
    )


def refuse(complaint, *, actor, reason: str, public_note="", internal_note=""):
    if reason not in RefusalReason.values:
        raise InvalidInput(_("请从列表中选择不予受理理由。"))
    return transition(
        complaint,
        Status.NOT_ACCEPTED,
        actor=actor,
        action="not_accepted",
        rule="refuse",
        refusal_reason=reason,
        **({"public_note": public_note} if public_note.strip() else event_texts.refused(reason)),
        internal_note=internal_note,
    )


def request_information(complaint, *, actor, public_note: str, internal_note=""):
    if not public_note.strip():
        raise InvalidInput(_("请在公开说明中写明需要投诉人补充的材料。"))
    return transition(
        complaint,
        Status.AWAITING_COMPLAINANT,
        actor=actor,
        action="information_requested",
        rule="request_info",
        public_note=public_note,
        internal_note=internal_note,
    )


def start_handling(complaint, *, actor, public_note="", internal_note=""):
    return transition(
        complaint,
        Status.IN_PROGRESS,
        actor=actor,
        action="in_progress",
        rule="start",
        public_note=public_note,
        internal_note=internal_note,
    )


@transaction.atomic
def resolve(
    complaint, *, actor, outcome: str, public_note: str, outcome_detail="", internal_note=""
):
    """Staff choose the outcome and write the reply the complainant receives: no defaults."""
    if outcome not in Outcome.values:
        raise InvalidInput(_("请选择办理结果。"))
    if not public_note.strip():
        raise InvalidInput(_("请填写告知投诉人的办理结果答复。"))
    case = lock_case(complaint)
    _check(case, "resolve", actor)
    _require_mediation_for(case, outcome)
    return transition(
        complaint,
        Status.RESOLVED,
        actor=actor,
        action="resolved",
        rule="resolve",
        outcome=outcome,
        outcome_detail=outcome_detail,
        public_note=public_note,
        internal_note=internal_note,
    )


def _require_mediation_for(case: Complaint, outcome: str) -> None:
    """调解达成协议 needs an agreement on record, 调解不成 a mediation; since the last reopening."""
    if outcome not in (Outcome.MEDIATED, Outcome.MEDIATION_FAILED):
        return
    events = case.events.all()
    reopened = events.filter(action="reopened").order_by("-created_at", "-id").first()
    if reopened is not None:  # the earlier result was disputed: a new mediation is needed
        events = events.filter(
            Q(created_at__gt=reopened.created_at)
            | Q(created_at=reopened.created_at, pk__gt=reopened.pk)
        )
    if outcome == Outcome.MEDIATED:
        if not events.filter(action=MEDIATION_AGREED).exists():
            raise MediationNotRecorded(
                _("办理结果为“调解达成协议”，但本案尚未记录达成协议的调解。请先记录调解结果。")
            )
    elif not events.filter(action__in=MEDIATION_NOTES).exists():
        raise MediationNotRecorded(
            _("办理结果为“调解不成”，但本案尚未记录调解。请先记录调解结果。")
        )


@transaction.atomic
def record_mediation(complaint, *, actor, agreed: bool, internal_note="") -> Complaint:
    """A mediation session's result; the case stays in handling until resolved.

    The public note says only whether an agreement was reached; the terms stay internal.
    """
    case = lock_case(complaint)
    _check(case, "mediation", actor)
    action = MEDIATION_AGREED if agreed else MEDIATION_FAILED
    record_event(
        case,
        action,
        actor=actor,
        from_status=case.status,
        to_status=case.status,
        **MEDIATION_NOTES[action],
        internal_note=internal_note,
    )
    return case


def close(complaint, *, actor, public_note="", internal_note=""):
    return transition(
        complaint,
        Status.CLOSED,
        actor=actor,
        action="closed",
        rule="close",
        **_default_note(public_note, event_texts.CLOSED),
        internal_note=internal_note,
    )


def withdraw(complaint, *, reason: str, actor_label="投诉人"):
    if not reason.strip():
        raise InvalidInput(_("请填写撤回理由。"))
    return transition(
        complaint,
        Status.WITHDRAWN,
        actor_label=actor_label,
        action="withdrawn",
        rule="withdraw",
        rule_actor=COMPLAINANT,
        **WITHDRAWN_NOTE,
        complainant_note=reason,
    )


@transaction.atomic
def supply_information(
    complaint, *, note: str, files: Sequence[CheckedUpload] = (), actor_label="投诉人"
):
    """The complainant answered a request for information (with files already checked by
    `uploads.check_uploads`): the clock runs again. The files are stored in the same
    transaction, so a refused answer keeps none of them."""
    if not note.strip():
        raise InvalidInput(_("请填写补充说明。"))
    target = Status.IN_PROGRESS if complaint.accepted_at else Status.ACCEPTED
    case = transition(
        complaint,
        target,
        actor_label=actor_label,
        action="information_supplied",
        rule="supply",
        rule_actor=COMPLAINANT,
        **SUPPLIED_NOTE,
        complainant_note=note,
    )
    for upload in files:
        store_evidence(case, upload, Evidence.Uploader.COMPLAINANT, note="补充材料")
    return case


@transaction.atomic
def add_evidence(complaint, *, files: list[CheckedUpload], note: str = "") -> Complaint:
    """The complainant adds evidence to an open case (no request for it pending): stored in
    custody like the intake's, with an event staff and the complainant see (not public, no
    message back); the clock is not touched."""
    if not files:
        raise InvalidInput(_("请选择要上传的文件。"))
    case = lock_case(complaint)
    _check(case, "add_evidence", COMPLAINANT)
    for upload in files:
        store_evidence(case, upload, Evidence.Uploader.COMPLAINANT, note="补充证据")
    names = "、".join(upload.original_name for upload in files)
    record_event(
        case,
        "evidence_added",
        actor_label="投诉人",
        complainant_note=(f"{note.strip()}\n" if note.strip() else "") + f"补充证据：{names}",
    )
    return case


def reopen(complaint, *, reason: str, actor=None, actor_label="投诉人"):
    """On the complainant's request (staff may enter it for them): the reason is their words."""
    if not reason.strip():
        raise InvalidInput(_("请填写申请重新办理的理由。"))
    return transition(
        complaint,
        Status.IN_PROGRESS,
        actor=actor,
        actor_label=actor_label,
        action="reopened",
        rule="reopen",
        **REOPENED_NOTE,
        complainant_note=reason,
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
                **event_texts.note(event_texts.AUTO_CLOSED),
            )
            closed += 1
    return closed


@transaction.atomic
def rate(complaint, *, score: int, comment: str = "") -> Complaint:
    case = lock_case(complaint)
    _check(case, "rate", COMPLAINANT)
    if not 1 <= int(score) <= 5:
        raise InvalidInput(_("请选择 1 至 5 分的评价。"))
    case.satisfaction, case.satisfaction_comment = int(score), comment
    case.rated_at = timezone.now()
    case.save(update_fields=["satisfaction", "satisfaction_comment", "rated_at", "updated_at"])
    words = f"满意度评价：{score}/5" + (f"。{comment}" if comment else "")
    record_event(case, "rated", actor_label="投诉人", complainant_note=words)
    return case


@transaction.atomic
def transfer(complaint, *, to_bureau: Bureau, actor, reason: str, public_note=""):
    """Hand the case to another bureau; history and evidence stay with it.

    `reason` is for staff only; the complainant is told the new bureau and `public_note`.
    """
    if not reason.strip():
        raise InvalidInput(_("请填写移送理由。"))
    case = lock_case(complaint)
    _check(case, "transfer", actor)
    if to_bureau.pk == case.bureau_id:
        raise InvalidInput(_("案件已由该部门办理，请选择其他部门。"))
    from_bureau = case.bureau
    case.bureau = to_bureau
    case.assigned_to = None
    finished = None
    if case.category.clock_profile_for(case.kind).restart_on_transfer:
        today = timezone.localdate()
        finished = clock.finish_step(case, today, "transferred")
        clock.start_step(case, case.step, today)
    case.save()
    event = record_event(
        case,
        "transferred",
        actor=actor,
        from_bureau=from_bureau,
        to_bureau=to_bureau,
        from_status=case.status,
        to_status=case.status,
        **event_texts.transferred(to_bureau),
        public_note=public_note.strip(),
        internal_note=f"移送理由：{reason}",
    )
    clock.keep_record(finished, event)
    return case


@transaction.atomic
def assign(complaint, *, handler, actor):
    case = lock_case(complaint)
    _check(case, "assign", actor)
    case.assigned_to = handler
    case.save(update_fields=["assigned_to", "updated_at"])
    record_event(
        case,
        "assigned",
        actor=actor,
        internal_note=f"承办人：{handler.get_full_name() or handler.get_username()}",
    )
    return case
