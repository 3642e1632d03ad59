"""Public statistics page: figures per bureau and month, no personal data."""

from django.shortcuts import render
from django.utils.translation import get_language

from .figures import rate_chart, volume_series
from .public import public_figures


def public_stats(request):
    figures = public_figures()
    english = get_language() == "en"
    volumes = volume_series(figures["volumes"], "channel__code")
    chart = {**rate_chart(figures["by_month"]), "volumes": volumes}
    per_month = zip(*volumes["series"].values(), strict=True)  # one count per hotline
    volume_rows = [
        (month, counts, sum(counts))
        for month, counts in zip(volumes["months"], per_month, strict=False)
    ]
    for row in figures["by_bureau"] + figures["by_bureau_month"]:
        row["label"] = (row["bureau__name_en"] if english else "") or row["bureau__name"]
    return render(
        request,
        "complaints/stats/public.html",
        {
            "figures": figures,
            "chart_json": chart,
            "volume_channels": list(volumes["series"]),
            "volume_rows": volume_rows,
        },
    )
