"""Propose a closed case for next year's top ten (the panel on the case page)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints import permissions
from complaints.services import topten


@require_POST
@permissions.staff_required
def propose(request, pk: int):
    case = permissions.get_case(request.user, pk, write=True)
    try:
        topten.propose(case, actor=request.user, reason=request.POST.get("reason", "")[:2000])
    except topten.ProposalNotAllowed as exc:
        messages.error(request, _("未能推荐：%(error)s") % {"error": exc})
    else:
        messages.success(request, _("已推荐为下一年度十大案件候选。"))
    return redirect("dashboard:case", pk=case.pk)
