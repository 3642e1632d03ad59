"""Counts for staff: the navigation column (my cases, new, due soon, …, saved searches) and the
facet counts beside the queue's filters.

Everything is counted in the database with a fixed number of queries, whatever the number of
cases or saved searches: the navigation is ONE statement of capped counts (each stops at 1,000
rows and shows "999+"), the facets one GROUP BY per facet on indexed columns. A GROUP BY still
reads every row of the scope (a quarter of a million for the largest bureau), so both are
cached for DASHBOARD_COUNTS_TTL seconds (default 30; 0 turns the cache off) per bureau scope and
filter: a count may lag a change by that long, the rows of the queue never do. Searches with a
term are never cached (the term is personal data and would be part of the cache key). On
PostgreSQL the facets of one page share a time budget (DASHBOARD_FACETS_BUDGET_MS, default
400): a facet whose GROUP BY would run past it is cancelled and shows no counts.
"""

import hashlib
import json
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.db.models import Count, Model, Q
from django.utils import timezone

from complaints import permissions
from complaints.models import OPEN_STATUSES, SavedSearch, Status
from complaints.services import tallies, workdays

from . import queue

DUE_SOON_WORKING_DAYS = 2
CAP = 999  # navigation counts above this show as "999+"
FACETS = {
    "status": "status",
    "channel": "channel_id",
    "category": "category_id",
    "district": "district_id",
    "source": "source",
}


def ttl() -> int:
    return int(getattr(settings, "DASHBOARD_COUNTS_TTL", 30))


def budget_ms() -> int:
    """Time the facet counts of one page may take in all (PostgreSQL); past it, the remaining
    facets show no counts rather than hold the page up (a superuser's scope is every case)."""
    return int(getattr(settings, "DASHBOARD_FACETS_BUDGET_MS", 400))


def _within(deadline: float, compute):
    """compute() under PostgreSQL's statement_timeout set to the time left; None if none is
    left or the statement was cancelled. Other databases (SQLite: small ones) just compute."""
    left_ms = int((deadline - time.monotonic()) * 1000)
    if connection.vendor != "postgresql":
        return compute()
    if left_ms <= 0:
        return None
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(left_ms)])
            return compute()
    except OperationalError:  # QueryCanceled: the budget ran out
        return None


def _key(kind: str, user, payload, per_user: bool) -> str:
    """Users with the same bureaus share facet counts unless the filter is about the user."""
    scope = permissions.bureau_ids(user)
    who = user.pk if per_user else None
    raw = json.dumps([scope, who, payload, str(timezone.localdate())], default=str)
    return f"dashboard:{kind}:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def _cached(kind: str, user, payload, compute, per_user: bool):
    seconds = ttl()
    if seconds <= 0:
        return compute()
    key = _key(kind, user, payload, per_user)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


# The navigation column


@dataclass(frozen=True)
class Shortcut:
    """A navigation link into the queue: its filter (query parameters) and its label."""

    key: str
    label: str
    params: dict


def shortcuts() -> list[Shortcut]:
    from django.utils.translation import gettext as _

    return [
        Shortcut("mine", _("我的案件"), {"mine": "on", "status": "open"}),
        Shortcut("new", _("新收案件"), {"status": Status.SUBMITTED}),
        Shortcut(
            "due_soon",
            _("2个工作日内到期"),
            {"due_within": str(DUE_SOON_WORKING_DAYS), "sort": "due"},
        ),
        Shortcut("overdue", _("已超期"), {"overdue": "on", "sort": "due"}),
        Shortcut("awaiting", _("等待投诉人"), {"status": Status.AWAITING_COMPLAINANT}),
        Shortcut("transferred_in", _("移送来的案件"), {"transferred_in": "on", "status": "open"}),
        Shortcut("all", _("本部门全部案件"), {}),
    ]


def saved_searches(user) -> list[SavedSearch]:
    return list(SavedSearch.objects.filter(user=user))


def saved_search_data(saved: SavedSearch) -> dict:
    """A saved search's filters as the queue filter form cleans them (bad values dropped)."""
    from .forms import QueueFilterForm

    form = QueueFilterForm({**saved.filters, "sort": saved.order})
    form.is_valid()
    return {k: v for k, v in form.cleaned_data.items() if k != "q"}


def shortcut_data(shortcut: Shortcut) -> dict:
    from .forms import QueueFilterForm

    form = QueueFilterForm(shortcut.params)
    form.is_valid()
    return form.cleaned_data


def capped_counts(querysets: dict) -> dict[str, int]:
    """{name: min(count, CAP + 1)} for several querysets, in ONE statement.

    Each count stops after CAP + 1 rows (shown as "999+"), so a link over a whole bureau (or,
    for a superuser, every case) costs a bounded index walk instead of reading every row."""
    if not querysets:
        return {}
    parts, params = [], []
    for index, qs in enumerate(querysets.values()):
        sql, values = qs.order_by().values("pk")[: CAP + 1].query.sql_with_params()
        # The SQL is the ORM's own, with every value still a separate parameter.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped_{index})")  # noqa: S608
        params.extend(values)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))


def nav_counts(user, saved: list[SavedSearch]) -> dict[str, int | None]:
    """{shortcut key or "saved-<pk>": count (capped at CAP + 1), None when unknown}."""

    def compute():
        filters = {shortcut.key: shortcut_data(shortcut) for shortcut in shortcuts()}
        filters.update({f"saved-{item.pk}": saved_search_data(item) for item in saved})
        querysets, unknown = {}, {}
        for name, data in filters.items():
            try:
                querysets[name] = queue.filtered(user, data)[0]
            except workdays.CalendarUnavailable:  # "due within N working days" past the calendar
                unknown[name] = None
        return {**capped_counts(querysets), **unknown}

    payload = [[item.pk, item.filters, item.order] for item in saved]
    return _cached("nav", user, payload, compute, per_user=True)


# The facets beside the queue's filters


def _plain(data: dict) -> dict:
    return {
        k: (v.pk if isinstance(v, Model) else v) for k, v in data.items() if v not in (None, "")
    }


def _active(value) -> bool:
    return value is not None and value != "" and value is not False


def tally_condition(data: dict) -> Q | None:
    """The filters as a condition on the case tallies, or None when one of them is not a
    tallied column (a search term, a date, "mine", overdue, due within N days)."""
    condition = Q()
    for name, value in data.items():
        if not _active(value):
            continue
        if name == "status":
            condition &= Q(status__in=OPEN_STATUSES) if value == "open" else Q(status=value)
        elif name in ("channel", "category", "district"):
            condition &= Q(**{f"{name}_id": value.pk})
        elif name == "source":
            condition &= Q(source=value)
        else:
            return None
    return condition


def facet_counts(user, data: dict, found=None) -> dict:
    """Counts per value of each facet, each under every OTHER active filter (so a chosen status
    still shows how many cases the other statuses hold), plus the overdue count.

    {"status": {"submitted": 12, …, "open": 40}, "channel": {pk: n}, …, "overdue": 3}
    """

    def compute():
        deadline = time.monotonic() + budget_ms() / 1000
        out = {}
        for name, column in FACETS.items():
            rest = {k: v for k, v in data.items() if k not in (name, "sort")}
            condition = tally_condition(rest)
            if condition is not None:
                out[name] = tallies.facet(column, permissions.bureau_ids(user), condition)
                continue
            qs, _used = queue.filtered(user, rest, found)
            rows = qs.order_by().values(column).annotate(n=Count("id")).values_list(column, "n")
            out[name] = _within(deadline, lambda rows=rows: dict(rows))
        if out["status"] is not None:
            out["status"]["open"] = sum(out["status"].get(s, 0) for s in OPEN_STATUSES)
        rest = {k: v for k, v in data.items() if k not in ("overdue", "sort")}
        qs, _used = queue.filtered(user, rest, found)
        overdue = qs.filter(queue.overdue_q(timezone.localdate()))
        out["overdue"] = _within(deadline, overdue.count)
        return out

    if data.get("q"):
        return compute()
    return _cached("facets", user, _plain(data), compute, per_user=bool(data.get("mine")))
