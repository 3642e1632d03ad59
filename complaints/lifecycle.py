"""The case lifecycle as data: which status may follow which."""

from complaints.models import Status

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.SUBMITTED: {Status.ACCEPTED, Status.NOT_ACCEPTED, Status.WITHDRAWN},
    Status.ACCEPTED: {
        Status.IN_PROGRESS,
        Status.AWAITING_COMPLAINANT,
        Status.RESOLVED,
        Status.WITHDRAWN,
    },
    Status.IN_PROGRESS: {Status.AWAITING_COMPLAINANT, Status.RESOLVED, Status.WITHDRAWN},
    Status.AWAITING_COMPLAINANT: {
        Status.IN_PROGRESS,
        Status.ACCEPTED,
        Status.RESOLVED,
        Status.WITHDRAWN,
    },
    Status.RESOLVED: {Status.CLOSED, Status.IN_PROGRESS},
    Status.CLOSED: {Status.IN_PROGRESS},  # reopened on the complainant's request
    Status.NOT_ACCEPTED: set(),
    Status.WITHDRAWN: set(),
}


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_TRANSITIONS.get(from_status, set())
