"""Staff-side helpers of the dashboard views. The rules and the work live in
`complaints.services` (actions: who may do what now; casework: the entry point); the names
below are kept for callers of the earlier module."""

from complaints.models import Complaint, StaffMembership
from complaints.services import casework
from complaints.services.casework import assign, extend_deadline

__all__ = [
    "assign",
    "assignable_handlers",
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
