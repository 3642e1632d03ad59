"""The queue page and the supervisors' bulk actions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints import permissions
from complaints.dashboard import queue as queue_service
from complaints.dashboard import services
from complaints.dashboard.forms import AssignForm, BulkForm, QueueFilterForm
from complaints.services.workdays import CalendarUnavailable


def filter_form(request) -> tuple[QueueFilterForm, dict]:
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, data


@permissions.staff_required
def queue(request):
    form, data = filter_form(request)
    result = queue_service.page(request.user, data, request.GET.get("after", ""))
    params = request.GET.copy()
    params.pop("after", None)
    supervisor = permissions.is_supervisor(request.user)
    context = {
        "form": form,
        "page": result,
        "cases": result.cases,
        "query_string": params.urlencode(),
        "is_supervisor": supervisor,
        "assign_form": AssignForm(bureau_ids=permissions.bureau_ids(request.user))
        if supervisor
        else None,
        "bureau_ids": permissions.bureau_ids(request.user) or [],
        "is_first_page": not request.GET.get("after"),
    }
    return render(request, "complaints/dashboard/queue.html", context)


@require_POST
@permissions.supervisor_required
def bulk(request):
    form = BulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择案件和批量操作。"))
        return redirect("dashboard:queue")
    ids = form.cleaned_data["cases"]
    if form.cleaned_data["action"] == "accept":
        try:
            done, skipped = services.bulk_accept(request.user, ids)
        except CalendarUnavailable as exc:
            messages.error(request, str(exc))
            return redirect("dashboard:queue")
    else:
        assign_form = AssignForm(request.POST, bureau_ids=permissions.bureau_ids(request.user))
        if not assign_form.is_valid():
            messages.error(request, _("请选择承办人。"))
            return redirect("dashboard:queue")
        done, skipped = services.bulk_assign(request.user, ids, assign_form.cleaned_data["handler"])
    messages.success(
        request, _("已处理 %(done)d 件，跳过 %(skipped)d 件。") % {"done": done, "skipped": skipped}
    )
    return redirect("dashboard:queue")
