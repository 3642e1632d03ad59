"""The filtered case queue: indexed filters, search through the search app, keyset pages.

Keyset pagination (WHERE (submitted_at, id) < (…) ORDER BY … LIMIT n) stays as fast on page 1000
as on page 1 and never counts the whole table.
"""

import base64
import datetime
import json
import logging
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from complaints import permissions
from complaints.models import OPEN_STATUSES, CaseEvent, Complaint
from complaints.services import workdays

log = logging.getLogger(__name__)

PAGE_SIZE = 50
SEARCH_LIMIT = 1000
LIST_RELATED = ("category", "channel", "bureau", "district", "assigned_to")
ORDERINGS = {
    "-submitted": ("-submitted_at", "-id"),
    "submitted": ("submitted_at", "id"),
    "due": ("due_on", "id"),
}


@dataclass
class QueuePage:
    cases: list
    next_cursor: str
    search_used: str  # "search" | "fallback" | ""


def search_ids(query: str, bureau_ids: list[int] | None) -> tuple[list[int] | None, str]:
    """Case ids from the search app, or None when it is unavailable (then use the fallback)."""
    try:
        from search.api import search_case_ids
    except ImportError:
        return None, "fallback"
    try:
        ids = search_case_ids(query, bureau_ids=bureau_ids, limit=SEARCH_LIMIT, offset=0)
    except Exception:
        log.exception("case search failed; falling back to a database filter")
        return None, "fallback"
    return ids, "search"


def fallback_filter(query: str) -> Q:
    return (
        Q(respondent_name__icontains=query)
        | Q(tracking_number__iexact=query.strip().upper())
        | Q(facts__icontains=query)
    )


def transferred_in_ids(bureau_ids: list[int] | None):
    """Ids of cases some bureau transferred to one of `bureau_ids` (a subquery, never loaded)."""
    events = CaseEvent.objects.filter(action="transferred")
    if bureau_ids is not None:
        events = events.filter(to_bureau_id__in=bureau_ids)
    return events.values("complaint_id")


def search(user, data: dict) -> tuple[list[int] | None, str]:
    """The search app's answer for the data's search term: (ids or None, "search"|"fallback"|"")."""
    if not data.get("q"):
        return None, ""
    return search_ids(data["q"], permissions.bureau_ids(user))


def conditions(user, data: dict, found: tuple[list[int] | None, str] | None = None) -> Q:
    """The filter form's cleaned data as one condition on cases (the user's scope apart).

    A Q rather than a queryset, so the navigation can count several filters (saved searches)
    in one aggregate query. `found` is a search already run for data["q"].
    """
    today = timezone.localdate()
    q = Q()
    status = data.get("status")
    if status == "open":
        q &= Q(status__in=OPEN_STATUSES)
    elif status:
        q &= Q(status=status)
    for name in ("channel", "category", "district"):
        if data.get(name):
            q &= Q(**{f"{name}_id": data[name].pk})
    if data.get("source"):
        q &= Q(source=data["source"])
    if data.get("mine"):
        q &= Q(assigned_to=user)
    if data.get("transferred_in"):
        q &= Q(pk__in=transferred_in_ids(permissions.bureau_ids(user)))
    if data.get("overdue"):
        q &= overdue_q(today)
    if data.get("due_within") is not None:
        q &= due_by_q(workdays.add_working_days(today, data["due_within"]))
    if data.get("date_from"):
        q &= Q(submitted_at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        q &= Q(submitted_at__lt=_day_start(data["date_to"] + datetime.timedelta(days=1)))
    if data.get("q"):
        ids, _used = found if found is not None else search(user, data)
        q &= Q(pk__in=ids) if ids is not None else fallback_filter(data["q"])
    if data.get("sort") == "due":
        q &= Q(due_on__isnull=False)
    return q


def overdue_q(today: datetime.date) -> Q:
    """Same cases as ComplaintQuerySet.overdue(), as a condition."""
    return Q(status__in=OPEN_STATUSES, due_on__lt=today, paused_since__isnull=True)


def due_by_q(day: datetime.date) -> Q:
    """Same cases as ComplaintQuerySet.due_by(), as a condition."""
    return Q(status__in=OPEN_STATUSES, due_on__lte=day, paused_since__isnull=True)


def filtered(user, data: dict, found: tuple[list[int] | None, str] | None = None):
    """The user's cases narrowed by the filter form's cleaned data (no ordering, no slicing)."""
    if data.get("q") and found is None:
        found = search(user, data)
    search_used = found[1] if data.get("q") and found else ""
    return permissions.visible_cases(user).filter(conditions(user, data, found)), search_used


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def encode_cursor(sort: str, case: Complaint) -> str:
    value = case.due_on.isoformat() if sort == "due" else case.submitted_at.isoformat()
    raw = json.dumps([value, case.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _after(sort: str, cursor: str) -> Q | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, pk = json.loads(raw)
        pk = int(pk)
        parsed = parse_date(value) if sort == "due" else parse_datetime(value)
    except (ValueError, TypeError):
        return None
    if parsed is None:
        return None
    field = "due_on" if sort == "due" else "submitted_at"
    op = "lt" if sort == "-submitted" else "gt"
    # The OR alone is only a filter to PostgreSQL (a deep page scanned every row before it);
    # the redundant inclusive bound makes it a range start on the (field, id) index.
    bound = Q(**{f"{field}__{op}e": parsed})
    return bound & (Q(**{f"{field}__{op}": parsed}) | Q(**{field: parsed, f"id__{op}": pk}))


def page(user, data: dict, cursor: str = "", size: int = PAGE_SIZE, found=None) -> QueuePage:
    sort = data.get("sort") or "-submitted"
    qs, search_used = filtered(user, data, found)
    if cursor and (after := _after(sort, cursor)) is not None:
        qs = qs.filter(after)
    rows = list(qs.select_related(*LIST_RELATED).order_by(*ORDERINGS[sort])[: size + 1])
    next_cursor = encode_cursor(sort, rows[size - 1]) if len(rows) > size else ""
    cases = rows[:size]
    annotate_time_left(cases)
    return QueuePage(cases, next_cursor, search_used)


def annotate_time_left(cases, today: datetime.date | None = None) -> None:
    """Set case.working_days_left (None without a running clock, or outside the calendar)."""
    today = today or timezone.localdate()
    for case in cases:
        case.working_days_left = None
        case.days_overdue = 0
        case.calendar_unknown = False
        if case.due_on is None or not case.is_open:
            continue
        try:
            case.working_days_left = workdays.working_days_between(today, case.due_on)
            case.days_overdue = max(-case.working_days_left, 0)
        except workdays.CalendarUnavailable:
            case.calendar_unknown = True
