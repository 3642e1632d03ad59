"""Saved searches: a staff member names the queue's current filters, renames and deletes them.

Only the filters in the queue's URL are saved, never the search term (personal data)."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints import permissions
from complaints.dashboard.forms import QueueFilterForm, SavedSearchForm
from complaints.models import SavedSearch

from .queue import queue_url, url_params

MAX_SAVED = 20  # the navigation counts them all in one query; keep the column readable


def _saved_filters(post) -> tuple[dict, str]:
    params = url_params(post)
    form = QueueFilterForm(params)
    form.is_valid()
    valid = {k: v for k, v in params.items() if k not in form.errors}
    order = valid.pop("sort", "")
    return valid, order


@permissions.staff_required
def saved_list(request):
    items = SavedSearch.objects.filter(user=request.user)
    return render(
        request,
        "complaints/dashboard/saved_searches.html",
        {
            "items": items,
            "form": SavedSearchForm(),
            "is_supervisor": permissions.is_supervisor(request.user),
        },
    )


@require_POST
@permissions.staff_required
def saved_create(request):
    form = SavedSearchForm(request.POST)
    filters, order = _saved_filters(request.POST)
    back = queue_url(url_params(request.POST))
    if not form.is_valid():
        messages.error(request, _("请填写常用检索的名称（最多40个字）。"))
        return redirect(back)
    if SavedSearch.objects.filter(user=request.user).count() >= MAX_SAVED:
        messages.error(request, _("常用检索最多保存 %(n)d 个，请先删除不用的。") % {"n": MAX_SAVED})
        return redirect(back)
    try:
        with transaction.atomic():
            SavedSearch.objects.create(
                user=request.user, name=form.cleaned_data["name"], filters=filters, order=order
            )
    except IntegrityError:
        messages.error(request, _("已有同名的常用检索，请换一个名称。"))
        return redirect(back)
    messages.success(
        request,
        _("已保存常用检索“%(name)s”（检索词不保存）。") % {"name": form.cleaned_data["name"]},
    )
    return redirect(back)


@require_POST
@permissions.staff_required
def saved_rename(request, pk: int):
    item = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    form = SavedSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写常用检索的名称（最多40个字）。"))
        return redirect("dashboard:saved_list")
    item.name = form.cleaned_data["name"]
    try:
        with transaction.atomic():
            item.save(update_fields=["name"])
    except IntegrityError:
        messages.error(request, _("已有同名的常用检索，请换一个名称。"))
        return redirect("dashboard:saved_list")
    messages.success(request, _("已重命名为“%(name)s”。") % {"name": item.name})
    return redirect("dashboard:saved_list")


@require_POST
@permissions.staff_required
def saved_delete(request, pk: int):
    item = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    item.delete()
    messages.success(request, _("已删除常用检索“%(name)s”。") % {"name": item.name})
    return redirect("dashboard:saved_list")
