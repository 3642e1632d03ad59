"""Bureau scoping for the inspection pages: a bureau's staff manage only their bureau's draws."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from complaints import permissions
from inspections.models import Draw, Inspection, Inspector


def bureau_ids(user) -> list[int] | None:
    return permissions.bureau_ids(user)


def draws_for(user):
    ids = bureau_ids(user)
    qs = Draw.objects.select_related("bureau")
    return qs if ids is None else qs.filter(bureau_id__in=ids)


def get_draw(user, pk: int) -> Draw:
    draw = draws_for(user).filter(pk=pk).first()
    if draw is None:
        raise Http404
    return draw


def get_inspection(user, pk: int) -> Inspection:
    ids = bureau_ids(user)
    qs = Inspection.objects.select_related(
        "draw__bureau", "pool_target", "inspector_1", "inspector_2"
    )
    if ids is not None:
        qs = qs.filter(draw__bureau_id__in=ids)
    inspection = qs.filter(pk=pk).first()
    if inspection is None:
        raise Http404
    return inspection


def require_supervisor(user, bureau_id: int) -> None:
    """Committing and running a draw is a supervisor's decision."""
    if not permissions.is_supervisor(user, bureau_id):
        raise PermissionDenied


def inspectors_for(user):
    ids = bureau_ids(user)
    qs = Inspector.objects.select_related("membership__user", "membership__bureau")
    return qs if ids is None else qs.filter(membership__bureau_id__in=ids)
