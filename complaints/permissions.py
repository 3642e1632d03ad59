"""Bureau-scoped access for staff: who may see and act on which case.

A case outside the user's bureaus is a 404 (its existence is not revealed). Cases a user's bureau
transferred away stay readable, never actionable. Superusers see and act on everything.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from complaints.models import CaseEvent, Complaint, Role, StaffMembership


def bureau_ids(user) -> list[int] | None:
    """Bureaus the user works for; None means all (superuser). Cached on the user object."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return None
    if not hasattr(user, "_complaints_roles"):
        user._complaints_roles = dict(
            StaffMembership.objects.filter(user=user).values_list("bureau_id", "role")
        )
    return sorted(user._complaints_roles)


def is_staff_member(user) -> bool:
    ids = bureau_ids(user)
    return ids is None or bool(ids)


def is_supervisor(user, bureau_id: int | None = None) -> bool:
    """Supervisor of `bureau_id` (of any bureau when None)."""
    if bureau_ids(user) is None:
        return True
    roles = user._complaints_roles
    if bureau_id is None:
        return Role.SUPERVISOR in roles.values()
    return roles.get(bureau_id) == Role.SUPERVISOR


def supervised_bureau_ids(user) -> list[int] | None:
    ids = bureau_ids(user)
    if ids is None:
        return None
    return [bid for bid in ids if user._complaints_roles[bid] == Role.SUPERVISOR]


def visible_cases(user):
    """Cases currently routed to the user's bureaus (the queue)."""
    return Complaint.objects.for_bureaus(bureau_ids(user))


def can_act(user, case: Complaint) -> bool:
    ids = bureau_ids(user)
    return ids is None or case.bureau_id in ids


def get_case(user, pk: int, *, write: bool = False, queryset=None) -> Complaint:
    """The case if the user may see it (and act on it when `write`), else Http404."""
    ids = bureau_ids(user)
    qs = queryset if queryset is not None else Complaint.objects.all()
    case = qs.filter(pk=pk).first()
    if case is None:
        raise Http404
    if ids is None or case.bureau_id in ids:
        return case
    if not write and transferred_away(case, ids):
        return case
    raise Http404


def transferred_away(case: Complaint, ids: list[int]) -> bool:
    """True when one of `ids` handled the case before it was transferred elsewhere."""
    return CaseEvent.objects.filter(
        Q(from_bureau_id__in=ids), complaint_id=case.pk, action="transferred"
    ).exists()


def staff_required(view):
    """Signed-in staff with at least one bureau (or a superuser); others go to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
        if not is_staff_member(request.user):
            raise PermissionDenied
        response = view(request, *args, **kwargs)
        # Staff pages and exports carry full personal data: never kept by a browser or proxy.
        add_never_cache_headers(response)
        return response

    return wrapper


def supervisor_required(view):
    @wraps(view)
    @staff_required
    def wrapper(request, *args, **kwargs):
        if not is_supervisor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
