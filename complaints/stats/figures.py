"""On-time closure rate, on-time rate per step, breach forecast, satisfaction and volumes.

On-time closure rate (按期办结率) = cases concluded within their limits ÷ cases whose limit fell
in the period (per case type, bureau, month). The period and month are those of the case's last
limit (`due_on`: the handling limit once accepted, the acceptance limit for a case not accepted).
A case counts once that limit has passed or it was concluded; withdrawn cases and paused clocks
are left out. It is on time only if no step of it ever ran past its limit (`ever_breached`, set
for good by the lifecycle and sla_tick): a case accepted late and then concluded in time is late.
An open case past its limit counts as late.

On-time rate per step (各环节按期率) = steps finished within their limit ÷ steps whose limit fell
in the period, per step (acceptance review, handling), from the recorded steps (`ClockRecord`)
plus the running steps already past their limit (late). Steps ended by a transfer count too.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from complaints.models import OPEN_STATUSES, ClockRecord, ClockStep, Status

TARGET_RATE = 0.98
ON_TIME = Q(closed_at__isnull=False, ever_breached=False)
TIMED_STEPS = (ClockStep.ACCEPTANCE, ClockStep.HANDLING)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def last_months(cls, months: int = 12, today: datetime.date | None = None) -> "Period":
        today = today or timezone.localdate()
        first = today.replace(day=1)
        for _ in range(months - 1):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return cls(first, today)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def limit_fell(qs, period: Period, today: datetime.date | None = None):
    """Cases whose limit fell in the period and is decided (concluded or passed)."""
    today = today or timezone.localdate()
    return (
        qs.filter(due_on__gte=period.start, due_on__lte=period.end)
        .exclude(status=Status.WITHDRAWN)
        .filter(Q(closed_at__isnull=False) | Q(due_on__lt=today, paused_since__isnull=True))
    )


def _with_rate(row: dict) -> dict:
    row["rate"] = row["on_time"] / row["total"] if row["total"] else None
    row["meets_target"] = row["rate"] is not None and row["rate"] >= TARGET_RATE
    return row


def on_time_rates(qs, period: Period, by: tuple[str, ...] = (), *, monthly=False, today=None):
    """Rows of {by…, [month], total, on_time, rate, meets_target}, grouped in SQL."""
    base = limit_fell(qs, period, today)
    keys = list(by)
    if monthly:
        base = base.annotate(month=TruncMonth("due_on"))
        keys.append("month")
    if not keys:
        totals = base.aggregate(total=Count("id"), on_time=Count("id", filter=ON_TIME))
        return [_with_rate(totals)]
    rows = (
        base.values(*keys)
        .annotate(total=Count("id"), on_time=Count("id", filter=ON_TIME))
        .order_by(*keys)
    )
    return [_with_rate(dict(row)) for row in rows]


def step_rates(qs, period: Period, today: datetime.date | None = None) -> list[dict]:
    """Rows of {step, total, on_time, rate, meets_target}, one per timed step."""
    today = today or timezone.localdate()
    in_period = Q(due_on__gte=period.start, due_on__lte=period.end)
    finished = dict.fromkeys(TIMED_STEPS, (0, 0))
    recorded = (
        ClockRecord.objects.filter(in_period, complaint__in=qs.values("pk"))
        .values("step")
        .annotate(total=Count("id"), on_time=Count("id", filter=Q(late_working_days=0)))
    )
    for row in recorded:
        finished[row["step"]] = (row["total"], row["on_time"])
    running_late = dict(
        qs.filter(in_period, status__in=OPEN_STATUSES, paused_since__isnull=True)
        .filter(step__in=TIMED_STEPS, due_on__lt=today)
        .values("step")
        .annotate(n=Count("id"))
        .values_list("step", "n")
    )
    return [
        _with_rate(
            {
                "step": str(step),
                "total": finished[step][0] + running_late.get(step, 0),
                "on_time": finished[step][1],
            }
        )
        for step in TIMED_STEPS
    ]


def breach_forecast(qs, today: datetime.date | None = None):
    """Open running clocks: due today (breach unless handled today) and already overdue."""
    today = today or timezone.localdate()
    running = qs.filter(status__in=OPEN_STATUSES, paused_since__isnull=True)
    return running.aggregate(
        due_today=Count("id", filter=Q(due_on=today)),
        overdue=Count("id", filter=Q(due_on__lt=today)),
    )


def breach_forecast_by_bureau(qs, today: datetime.date | None = None):
    today = today or timezone.localdate()
    return list(
        qs.filter(status__in=OPEN_STATUSES, paused_since__isnull=True, due_on=today)
        .values("bureau__name", "bureau__name_en")
        .annotate(count=Count("id"))
        .order_by("-count", "bureau__name")
    )


def satisfaction(qs, period: Period):
    rated = qs.filter(
        satisfaction__isnull=False,
        rated_at__gte=_start_of(period.start),
        rated_at__lt=_start_of(period.end + datetime.timedelta(days=1)),
    )
    overall = rated.aggregate(average=Avg("satisfaction"), count=Count("id"))
    counts = dict(
        rated.values("satisfaction").annotate(n=Count("id")).values_list("satisfaction", "n")
    )
    overall["distribution"] = [(score, counts.get(score, 0)) for score in range(1, 6)]
    return overall


def volumes(qs, period: Period, *by: str):
    """Cases submitted per month and `by` (e.g. "channel__code", or "category__name" with
    "category__name_en" for the English page)."""
    rows = (
        qs.filter(
            submitted_at__gte=_start_of(period.start),
            submitted_at__lt=_start_of(period.end + datetime.timedelta(days=1)),
        )
        .annotate(month=TruncMonth("submitted_at"))
        .values("month", *by)
        .annotate(count=Count("id"))
        .order_by("month", *by)
    )
    return [dict(row) for row in rows]


def summary(qs, period: Period, today: datetime.date | None = None) -> dict:
    """Everything the performance page shows, each figure one grouped query."""
    return {
        "period": period,
        "target": TARGET_RATE,
        "overall": on_time_rates(qs, period, today=today)[0],
        "by_category": on_time_rates(
            qs, period, ("category__name", "category__name_en"), today=today
        ),
        "by_bureau": on_time_rates(qs, period, ("bureau__name", "bureau__name_en"), today=today),
        "by_month": on_time_rates(qs, period, monthly=True, today=today),
        "by_step": step_rates(qs, period, today),
        "forecast": breach_forecast(qs, today),
        "forecast_by_bureau": breach_forecast_by_bureau(qs, today),
        "satisfaction": satisfaction(qs, period),
        "by_channel": volumes(qs, period, "channel__code"),
        "by_category_volume": volumes(qs, period, "category__name", "category__name_en"),
        "by_district": volumes(qs, period, "district__name", "district__name_en"),
    }


def volume_series(rows, key: str) -> dict:
    """`volumes()` rows as one count list per `key` value over the months: a chart's series
    and a month × value table's columns."""
    months = sorted({row["month"].strftime("%Y-%m") for row in rows})
    position = {month: index for index, month in enumerate(months)}
    series: dict[str, list[int]] = {}
    for row in rows:
        counts = series.setdefault(row[key] or "-", [0] * len(months))
        counts[position[row["month"].strftime("%Y-%m")]] = row["count"]
    return {"months": months, "series": dict(sorted(series.items()))}


def rate_chart(by_month: list[dict]) -> dict:
    """The monthly on-time rate in percent, with the city's target line."""
    return {
        "months": [row["month"].strftime("%Y-%m") for row in by_month],
        "rates": [
            round(row["rate"] * 100, 2) if row["rate"] is not None else None for row in by_month
        ],
        "target": round(TARGET_RATE * 100, 2),
    }
