"""Public figures per bureau and month: no personal data, cached."""

from django.core.cache import cache
from django.utils import timezone

from complaints.models import Complaint

from .figures import Period, on_time_rates, satisfaction, step_rates, volumes

CACHE_SECONDS = 600


def public_figures(months: int = 12) -> dict:
    today = timezone.localdate()
    key = f"complaints:public-stats:{months}:{today.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = _compute(Period.last_months(months, today), today)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def _compute(period: Period, today) -> dict:
    qs = Complaint.objects.all()
    bureau = ("bureau__code", "bureau__name", "bureau__name_en")
    return {
        "period": period,
        "overall": on_time_rates(qs, period, today=today)[0],
        "by_bureau": on_time_rates(qs, period, bureau, today=today),
        "by_bureau_month": on_time_rates(qs, period, bureau, monthly=True, today=today),
        "by_month": on_time_rates(qs, period, monthly=True, today=today),
        "by_step": step_rates(qs, period, today),
        "volumes": volumes(qs, period, "channel__code"),
        "satisfaction": satisfaction(qs, period),
    }
