"""Staff actions not covered by the core lifecycle: extension, mediation result, bulk actions.

Every function checks the staff permission itself, so no view can skip it.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from complaints import permissions
from complaints.models import ClockStep, Complaint, StaffMembership, Status
from complaints.services import clock, lifecycle
from complaints.services.events import record_event


def _require_act(user, case: Complaint) -> None:
    if not permissions.can_act(user, case):
        raise PermissionDenied


@transaction.atomic
def extend_deadline(case: Complaint, *, actor, months: int, reason: str) -> Complaint:
    """A supervisor approves an extension of the handling deadline (capped by the profile)."""
    case = lifecycle.lock_case(case)
    if not permissions.is_supervisor(actor, case.bureau_id):
        raise PermissionDenied
    if not case.is_open or case.step != ClockStep.HANDLING or case.due_on is None:
        raise lifecycle.TransitionNotAllowed("only a case in handling can be extended")
    if not reason.strip():
        raise ValueError("an extension needs a reason")
    old_due = case.due_on
    clock.extend(case, months)
    case.is_overdue = case.due_on < timezone.localdate()
    case.save()
    record_event(
        case,
        "extended",
        actor=actor,
        from_status=case.status,
        to_status=case.status,
        public_note=f"办理期限经批准延长{months}个月，至{case.due_on:%Y-%m-%d}。",
        internal_note=f"原期限 {old_due:%Y-%m-%d}；理由：{reason}",
    )
    return case


def record_mediation(case: Complaint, *, actor, agreed: bool, note: str = "") -> Complaint:
    """Record a mediation session's result (the terms in `note`, for staff only)."""
    _require_act(actor, case)
    return lifecycle.record_mediation(case, actor=actor, agreed=agreed, internal_note=note)


def assignable_handlers(bureau_id: int):
    """Users who work for the bureau (handlers and supervisors alike)."""
    return (
        StaffMembership.objects.filter(bureau_id=bureau_id)
        .select_related("user")
        .order_by("user__username")
    )


def assign(case: Complaint, *, actor, handler) -> Complaint:
    _require_act(actor, case)
    if not StaffMembership.objects.filter(user=handler, bureau_id=case.bureau_id).exists():
        raise ValueError("the handler does not work for this bureau")
    return lifecycle.assign(case, handler=handler, actor=actor)


def _bulk_cases(actor, ids):
    supervised = permissions.supervised_bureau_ids(actor)
    qs = Complaint.objects.filter(pk__in=list(ids)[:200])
    if supervised is not None:
        qs = qs.filter(bureau_id__in=supervised)
    return list(qs.order_by("pk"))


def bulk_accept(actor, ids) -> tuple[int, int]:
    """Accept the submitted cases among `ids` in bureaus the actor supervises: (done, skipped)."""
    done = skipped = 0
    for case in _bulk_cases(actor, ids):
        if case.status != Status.SUBMITTED:
            skipped += 1
            continue
        lifecycle.accept(case, actor=actor)
        done += 1
    return done, skipped


def bulk_assign(actor, ids, handler) -> tuple[int, int]:
    done = skipped = 0
    for case in _bulk_cases(actor, ids):
        try:
            assign(case, actor=actor, handler=handler)
        except ValueError:
            skipped += 1
            continue
        done += 1
    return done, skipped
