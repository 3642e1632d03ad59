"""Supervisors' bulk actions on the queue: the same rules per case as the case page."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints import permissions
from complaints.dashboard.forms import BulkActionForm
from complaints.services import casework


@require_POST
@permissions.supervisor_required
def bulk_actions(request):
    form = BulkActionForm(
        request.POST, prefix="bulk", bureau_ids=permissions.supervised_bureau_ids(request.user)
    )
    ids = [value for value in request.POST.getlist("cases") if value.isdigit()]
    form.data = form.data.copy()
    form.data.setlist("bulk-cases", ids)
    form.fields["cases"].choices = [(value, value) for value in ids]
    if not ids:
        form.add_error(None, _("请先在队列中勾选案件。"))
    if not form.is_valid():
        return render(
            request,
            "complaints/dashboard/bulk_result.html",
            {"form": form, "outcomes": None},
            status=400,
        )
    data = form.cleaned_data
    outcomes = casework.bulk_perform(
        request.user,
        data["cases"],
        data["bulk_action"],
        {
            "handler": data.get("handler"),
            "to_bureau": data.get("to_bureau"),
            "reason": data.get("reason", ""),
            "public_note": data.get("public_note", ""),
            "internal_note": data.get("internal_note", ""),
        },
        template=data.get("template"),
    )
    context = {
        "form": form,
        "outcomes": outcomes,
        "done": sum(outcome.done for outcome in outcomes),
        "refused": sum(not outcome.done for outcome in outcomes),
        "action_label": dict(form.fields["bulk_action"].choices)[data["bulk_action"]],
    }
    return render(request, "complaints/dashboard/bulk_result.html", context)
