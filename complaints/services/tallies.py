"""The case tallies (complaints.models.CaseTally): facet counts from them, and their check.

Triggers keep the tallies (see the model); this module only reads them, compares them with a
live count and, when asked, rebuilds them.
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce

from complaints.models import Complaint
from complaints.models.tally import KEY_COLUMNS, CaseTally


def facet(column: str, bureau_ids: Iterable[int] | None, condition: Q) -> dict:
    """{value of `column`: number of cases} within the bureaus (all when None), under a
    condition on the tally columns. Values with no case are left out; district 0 is None."""
    rows = CaseTally.objects.filter(condition, cases__gt=0)
    if bureau_ids is not None:
        rows = rows.filter(bureau_id__in=list(bureau_ids))
    counted = rows.order_by().values_list(column).annotate(n=Sum("cases"))
    out = {}
    for value, n in counted:
        if n:
            out[None if column == "district_id" and value == 0 else value] = n
    return out


def live_counts() -> dict[tuple, int]:
    """The tallies as a GROUP BY over every case computes them (reads the whole table)."""
    rows = (
        Complaint.objects.order_by()
        .annotate(district_key=Coalesce("district_id", Value(0)))
        .values_list("bureau_id", "status", "category_id", "district_key", "channel_id", "source")
        .annotate(n=Count("id"))
    )
    return {tuple(row[:-1]): row[-1] for row in rows}


def stored_counts() -> dict[tuple, int]:
    rows = CaseTally.objects.exclude(cases=0).values_list(*KEY_COLUMNS, "cases")
    return {tuple(row[:-1]): row[-1] for row in rows}


def differences() -> list[tuple[tuple, int, int]]:
    """[(key, stored, live)] for every combination where the tallies are wrong."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for both reads, so a case filed in between is no false alarm.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        stored, live = stored_counts(), live_counts()
    keys = sorted(set(stored) | set(live), key=lambda key: tuple(map(str, key)))
    return [
        (key, stored.get(key, 0), live.get(key, 0))
        for key in keys
        if stored.get(key, 0) != live.get(key, 0)
    ]


def rebuild() -> int:
    """Replace the tallies with a live count; returns the number of combinations."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Writers wait until the new tallies are in (the triggers then carry on from them).
            with connection.cursor() as cursor:
                cursor.execute("LOCK TABLE complaints_complaint IN SHARE ROW EXCLUSIVE MODE")
        live = live_counts()
        CaseTally.objects.all().delete()
        CaseTally.objects.bulk_create(
            CaseTally(**dict(zip(KEY_COLUMNS, key, strict=True)), cases=n)
            for key, n in live.items()
        )
    return len(live)
