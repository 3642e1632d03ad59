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
from complaints.models import OPEN_STATUSES, Complaint
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


def filtered(user, data: dict):
    """The user's cases narrowed by the filter form's cleaned data (no ordering, no slicing)."""
    qs = permissions.visible_cases(user)
    status = data.get("status")
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    for name in ("channel", "category", "district"):
        if data.get(name):
            qs = qs.filter(**{f"{name}_id": data[name].pk})
    if data.get("mine"):
        qs = qs.filter(assigned_to=user)
    if data.get("overdue"):
        qs = qs.overdue()
    if data.get("due_within") is not None:
        qs = qs.due_by(workdays.add_working_days(timezone.localdate(), data["due_within"]))
    if data.get("date_from"):
        qs = qs.filter(submitted_at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        qs = qs.filter(submitted_at__lt=_day_start(data["date_to"] + datetime.timedelta(days=1)))
    search_used = ""
    if data.get("q"):
        ids, search_used = search_ids(data["q"], permissions.bureau_ids(user))
        qs = qs.filter(pk__in=ids) if ids is not None else qs.filter(fallback_filter(data["q"]))
    if data.get("sort") == "due":
        qs = qs.filter(due_on__isnull=False)
    return qs, search_used


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


def page(user, data: dict, cursor: str = "", size: int = PAGE_SIZE) -> QueuePage:
    sort = data.get("sort") or "-submitted"
    qs, search_used = filtered(user, data)
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
