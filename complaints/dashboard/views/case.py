"""Case workbench (every view logged): facts, clock, the actions open now, timeline, related
cases, evidence with previews. Which actions are open is asked of `services.actions`; the work
is done by `services.casework.perform`."""

import io

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from complaints import permissions
from complaints.dashboard import forms
from complaints.dashboard.queue import annotate_time_left
from complaints.models import Complaint
from complaints.services import actions, casework, replies
from complaints.services import evidence as evidence_custody
from complaints.services.audit import log_access
from complaints.services.clock import limit_for
from complaints.services.uploads import extension_for

DETAIL_RELATED = (
    "channel",
    "category__clock_profile",
    "category__report_clock_profile",
    "bureau",
    "district",
    "assigned_to",
)
RELATED_LIMIT = 10
# Other apps add sections to the page (respondents: the invitation and the answer): callables
# (case, action forms by name) -> {"template": ..., ...} or None, appended from AppConfig.ready().
CASE_PANELS: list = []
THUMBNAIL_SIZE = (320, 320)


def _case(request, pk, *, write=False):
    qs = Complaint.objects.select_related(*DETAIL_RELATED)
    return permissions.get_case(request.user, pk, write=write, queryset=qs)


def _page(request, case, bound=None, status=200):
    """The workbench; `bound` is (action name, bound form) when an action's input was refused."""
    annotate_time_left([case])
    names = actions.available_actions(case, request.user)
    action_forms = []
    for name in names:
        form = bound[1] if bound and bound[0] == name else forms.action_form(name, case)
        action_forms.append((name, actions.label(name), form))
    evidence = list(case.evidence.select_related("uploader"))
    context = {
        "case": case,
        "writable": permissions.can_act(request.user, case),
        "profile": case.category.clock_profile_for(case.kind),
        "limit": limit_for(case, case.step) if case.step != "none" else None,
        "events": case.events.select_related("actor", "from_bureau", "to_bureau", "clock_record"),
        "evidence": [item for item in evidence if item.uploaded_by != item.Uploader.STAFF],
        "attachments": [item for item in evidence if item.uploaded_by == item.Uploader.STAFF],
        "original_form": forms.OriginalReleaseForm(),
        "related": _related(case, request.user),
        "actions": action_forms,
        "open_action": bound[0] if bound else "",
        "reopen_until": actions.reopen_until(case),
        "template_texts": _template_texts(case, names),
    }
    by_name = {name: form for name, _label, form in action_forms}
    context["panels"] = [panel for make in CASE_PANELS if (panel := make(case, by_name))]
    return render(request, "complaints/dashboard/case.html", context, status=status)


def _template_texts(case: Complaint, names: list[str]) -> dict[str, str]:
    """Each reply template open to this case's actions, rendered for it (for the form script
    that fills the public note when a template is chosen; escaped by json_script)."""
    return {
        str(template.pk): replies.render(template.text, case)
        for template in replies.templates_for_case(case, names)
    }


@permissions.staff_required
def detail(request, pk: int):
    case = _case(request, pk)
    log_access(case, "view_full", user=request.user, request=request)
    return _page(request, case)


def _related(case: Complaint, user) -> list[Complaint]:
    """Same respondent or same complainant phone, within the user's bureaus (bounded, indexed:
    case_respondent_code / case_respondent_name / case_complainant_phone); non-personal
    columns only."""
    match = Q()
    if case.respondent_credit_code:
        match |= Q(respondent_credit_code=case.respondent_credit_code)
    elif case.respondent_name:
        match |= Q(respondent_name=case.respondent_name)
    if case.complainant_phone:
        match |= Q(complainant_phone=case.complainant_phone)
    if not match:
        return []
    qs = Complaint.objects.filter(match).exclude(pk=case.pk)
    scope = permissions.bureau_ids(user)
    if scope is not None:
        qs = qs.filter(bureau_id__in=scope)
    related = list(
        qs.select_related("channel", "category", "bureau")
        .only(
            "id",
            "tracking_number",
            "status",
            "submitted_at",
            "respondent_credit_code",
            "respondent_name",
            "complainant_phone",
            "bureau_id",
            "bureau__name",
            "channel__code",
            "category__name",
            "category__name_en",
        )
        .order_by("-submitted_at", "-id")[:RELATED_LIMIT]
    )
    for other in related:
        same_respondent = bool(case.respondent_credit_code) and (
            other.respondent_credit_code == case.respondent_credit_code
        )
        same_respondent = same_respondent or (
            not case.respondent_credit_code and other.respondent_name == case.respondent_name
        )
        other.same_respondent = same_respondent
        other.same_complainant = bool(case.complainant_phone) and (
            other.complainant_phone == case.complainant_phone
        )
    return related


@require_POST
@permissions.staff_required
def act(request, pk: int, action: str):
    if action not in forms.ACTION_FORMS:
        raise Http404
    case = _case(request, pk, write=True)
    if action not in actions.available_actions(case, request.user):
        messages.error(request, _("当前状态下不能执行该操作，或您无权执行。"))
        return redirect("dashboard:case", pk=case.pk)
    form = forms.action_form(action, case, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请按提示修改后重新提交。"))
        return _page(request, case, bound=(action, form), status=400)
    try:
        casework.perform(case, request.user, action, form.cleaned_data)
    except actions.CaseError as error:
        messages.error(request, _("操作未完成：%(error)s") % {"error": error})
        return _page(request, case, bound=(action, form), status=409)
    messages.success(request, _("已完成：%(action)s") % {"action": actions.label(action)})
    return redirect("dashboard:case", pk=case.pk)


@permissions.staff_required
def evidence(request, pk: int, evidence_id: int):
    """The cleaned copy: as a download, inline (PDF viewer) or as a small image thumbnail."""
    case = _case(request, pk)
    item = case.evidence.filter(pk=evidence_id).first()
    if item is None:
        raise Http404
    mode = request.GET.get("view", "")
    if mode == "thumb" and item.is_image:
        # Part of the case page already logged as a full view.
        return _thumbnail(item)
    inline = mode == "inline" and (item.is_pdf or item.is_image)
    action = "evidence_view" if inline else "evidence_download"
    log_access(case, action, user=request.user, request=request, detail=str(item.pk))
    return _attachment(item, item.file.open("rb"), item.sha256, inline=inline)


def _thumbnail(item) -> HttpResponse:
    try:
        with item.file.open("rb") as handle, Image.open(handle) as image:
            image.thumbnail(THUMBNAIL_SIZE)
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=80)
    except (FileNotFoundError, UnidentifiedImageError, OSError) as exc:
        raise Http404 from exc
    response = HttpResponse(out.getvalue(), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@permissions.staff_required
def evidence_original(request, pk: int, evidence_id: int):
    """The sealed original as received: for the handling bureau only, with a logged reason."""
    case = _case(request, pk, write=True)
    item = case.evidence.filter(pk=evidence_id).first()
    if item is None or not item.has_original:
        raise Http404
    form = forms.OriginalReleaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("调取原件须填写理由。"))
        return redirect("dashboard:case", pk=case.pk)
    try:
        handle = evidence_custody.release_original(item, request.user, form.cleaned_data["reason"])
    except FileNotFoundError:
        messages.error(request, _("原件文件缺失，请联系系统管理员核查。"))
        return redirect("dashboard:case", pk=case.pk)
    return _attachment(item, handle, item.original_sha256, label="original-")


def _attachment(item, handle, sha256: str, label: str = "", inline=False) -> FileResponse:
    """Named by case data, never the uploaded name; extension and type from the detected type."""
    name = f"evidence-{item.pk}-{label}{sha256[:8]}.{extension_for(item.content_type)}"
    response = FileResponse(
        handle, as_attachment=not inline, filename=name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
