"""Staff-side helpers of the dashboard views. The rules and the work live in
`complaints.services` (actions: who may do what now; casework: the entry point); the names
below are kept for callers of the earlier module."""

from complaints.models import Complaint, StaffMembership
from complaints.services import casework
from complaints.services.casework import assign, extend_deadline

__all__ = [
    "assign",
    "assignable_handlers",
    "bulk_accept",
    "bulk_assign",
    "extend_deadline",
    "record_mediation",
]


def record_mediation(case: Complaint, *, actor, agreed: bool, note: str = "") -> Complaint:
    """Record a mediation session's result (the terms in `note`, for staff only)."""
    return casework.perform(case, actor, "mediation", {"agreed": agreed, "internal_note": note})


def assignable_handlers(bureau_id: int):
    """Users who work for the bureau (handlers and supervisors alike)."""
    return (
        StaffMembership.objects.filter(bureau_id=bureau_id)
        .select_related("user")
        .order_by("user__username")
    )


def _counts(outcomes) -> tuple[int, int]:
    done = sum(outcome.done for outcome in outcomes)
    return done, len(outcomes) - done


def bulk_accept(actor, ids) -> tuple[int, int]:
    """(done, skipped): see casework.bulk_perform for the per-case outcomes."""
    return _counts(casework.bulk_perform(actor, ids, "accept", {}))


def bulk_assign(actor, ids, handler) -> tuple[int, int]:
    return _counts(casework.bulk_perform(actor, ids, "assign", {"handler": handler}))
