"""The access log (PIPL accountability): the one helper that writes it.

Every full view of a case, evidence download or release, export and tracking lookup goes
through `log_access`; no view creates AccessLog rows itself.
"""

from complaints.models import AccessLog, Complaint

from .hashing import keyed
from .ratelimit import client_ip


def client_hash(request) -> str:
    """A keyed hash of the client address: logs can be correlated, never reversed (until the
    secret key is rotated: then the same address hashes differently)."""
    return keyed("complaints.client_address", client_ip(request)).hexdigest()


def log_access(
    complaint: Complaint | None,
    action: str,
    *,
    user=None,
    request=None,
    detail: str = "",
) -> AccessLog:
    """Record who (a staff user, or the hashed address of a citizen) did `action` to a case."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return AccessLog.objects.create(
        complaint=complaint,
        user=user,
        action=action,
        ip_hash=client_hash(request) if request is not None else "",
        detail=detail[:200],
    )
