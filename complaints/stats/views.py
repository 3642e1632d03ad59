"""Public statistics page: figures per bureau and month, no personal data."""

from django.shortcuts import render
from django.utils.translation import get_language

from .public import public_figures


def public_stats(request):
    figures = public_figures()
    english = get_language() == "en"
    months = [row["month"].strftime("%Y-%m") for row in figures["by_month"]]
    chart = {
        "months": months,
        "rates": [
            round(row["rate"] * 100, 2) if row["rate"] is not None else None
            for row in figures["by_month"]
        ],
        "target": 98,
    }
    for row in figures["by_bureau"] + figures["by_bureau_month"]:
        row["label"] = (row["bureau__name_en"] if english else "") or row["bureau__name"]
    return render(
        request,
        "complaints/stats/public.html",
        {"figures": figures, "chart_json": chart},
    )
