"""Case statistics computed by the database (GROUP BY), never by loading cases into Python."""

from .figures import (
    TARGET_RATE,
    Period,
    breach_forecast,
    on_time_rates,
    rate_chart,
    satisfaction,
    step_rates,
    summary,
    volume_series,
    volumes,
)

__all__ = [
    "TARGET_RATE",
    "Period",
    "breach_forecast",
    "on_time_rates",
    "rate_chart",
    "satisfaction",
    "step_rates",
    "summary",
    "volume_series",
    "volumes",
]
