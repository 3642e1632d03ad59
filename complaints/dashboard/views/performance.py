"""Supervisors' performance page: on-time rate, forecast, satisfaction, volumes."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from complaints import permissions, stats
from complaints.dashboard.forms import local_name
from complaints.models import Bureau, Complaint

MONTH_CHOICES = [(3, _("近3个月")), (6, _("近6个月")), (12, _("近12个月")), (24, _("近24个月"))]


class StatsFilterForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("统计期间"), coerce=int, choices=MONTH_CHOICES, required=False, initial=12
    )
    bureau = forms.ModelChoiceField(
        label=_("办理部门"),
        queryset=Bureau.objects.none(),
        required=False,
        empty_label=_("全部部门"),
    )

    def __init__(self, *args, bureau_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        bureaus = Bureau.objects.all()
        if bureau_ids is not None:
            bureaus = bureaus.filter(pk__in=bureau_ids)
        self.fields["bureau"].queryset = bureaus
        self.fields["bureau"].label_from_instance = local_name
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


# Other apps add figures to the page (respondents: answer rate and time per enterprise):
# callables (cases in scope, period) -> {"template": ..., ...} or None, from AppConfig.ready().
PERFORMANCE_PANELS: list = []


def scope(request) -> tuple[StatsFilterForm, object, "stats.Period"]:
    """The supervisor's cases narrowed by the filter form, and the period chosen."""
    supervised = permissions.supervised_bureau_ids(request.user)
    form = StatsFilterForm(request.GET or None, bureau_ids=supervised)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = Complaint.objects.all()
    if supervised is not None:
        qs = qs.filter(bureau_id__in=supervised)
    if data.get("bureau"):
        qs = qs.filter(bureau_id=data["bureau"].pk)
    return form, qs, stats.Period.last_months(data.get("months") or 12)


def scoped_stats(request) -> tuple[StatsFilterForm, dict]:
    """The figures for the supervisor's bureaus, narrowed by the filter form."""
    form, qs, period = scope(request)
    return form, stats.summary(qs, period)


def chart_data(figures: dict) -> dict:
    return {
        **stats.rate_chart(figures["by_month"]),
        "satisfaction": [count for _score, count in figures["satisfaction"]["distribution"]],
        "volumes": stats.volume_series(figures["by_channel"], "channel__code"),
    }


@permissions.supervisor_required
def performance(request):
    form, qs, period = scope(request)
    figures = stats.summary(qs, period)
    context = {
        "panels": [panel for make in PERFORMANCE_PANELS if (panel := make(qs, period))],
        "form": form,
        "figures": figures,
        "chart_json": chart_data(figures),
        "query_string": request.GET.urlencode(),
        "is_supervisor": True,
    }
    return render(request, "complaints/dashboard/performance.html", context)
