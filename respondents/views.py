"""/respondent/: the enterprise's sign-in (throttled by django-axes like staff's), accepting an
invitation, its cases (its own only, every view logged), its answer, and colleagues."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from complaints.mediation import services as mediation
from complaints.services import actions, casework, ratelimit
from complaints.services.audit import log_access
from complaints.services.uploads import extension_for
from complaints.views.common import ip_hash, too_many_requests

from . import services
from .forms import (
    AccountForm,
    AgreementDeclineForm,
    AnswerForm,
    CodeForm,
    ColleagueForm,
    LoginForm,
)

INVITATION_KEY = "respondents_invitation"
# Wrong invitation codes allowed per client address (codes carry 128 bits: this only stops noise).
CODE_FAILURES, CODE_WINDOW = 20, 15 * 60


def respondent_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        respondent = services.respondent_for(request.user)
        if respondent is None:
            return redirect_to_login(request.get_full_path(), reverse("respondents:login"))
        return view(request, respondent, *args, **kwargs)

    return never_cache(wrapper)


class LoginView(auth_views.LoginView):
    """django-axes watches authenticate(request=…) here as on the staff sign-in."""

    template_name = "respondents/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = False
    next_page = reverse_lazy("respondents:cases")


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("respondents:login")


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request):
    """Enter the code of an invitation; a valid one is kept in the session for the next step."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = f"respondents:code:{ip_hash(request)}"
        limit = ratelimit.peek(key, CODE_FAILURES, CODE_WINDOW)
        if not limit.allowed:
            return too_many_requests(request, limit, _("邀请码错误次数过多。"))
        found = services.find_invitation(form.cleaned_data["code"])
        if found is None:
            ratelimit.hit(key, CODE_FAILURES, CODE_WINDOW)
            form.add_error("code", _("邀请码不正确或已失效，请联系办理部门重新发送。"))
        else:
            request.session[INVITATION_KEY] = found.pk
            return redirect("respondents:accept")
    return render(request, "respondents/invitation.html", {"form": form})


def _pending_invitation(request):
    pk = request.session.get(INVITATION_KEY)
    if not pk:
        return None
    found = services.Invitation.objects.select_related("complaint", "enterprise").filter(pk=pk)
    found = found.first()
    if found is None or found.accepted_at is not None or found.is_expired:
        request.session.pop(INVITATION_KEY, None)
        return None
    return found


@never_cache
@require_http_methods(["GET", "POST"])
def accept(request):
    """A new login bound to the enterprise's credit code, or (signed in) the case joins it."""
    pending = _pending_invitation(request)
    if pending is None:
        messages.info(request, _("请先输入邀请码。"))
        return redirect("respondents:invitation")
    respondent = services.respondent_for(request.user)
    if respondent is not None:
        if request.method == "POST":
            try:
                services.accept_signed_in(pending, respondent)
            except actions.CaseError as error:
                messages.error(request, str(error))
                return redirect("respondents:cases")
            request.session.pop(INVITATION_KEY, None)
            messages.success(request, _("案件已加入本企业的案件列表。"))
            return redirect("respondents:cases")
        return render(request, "respondents/accept_signed_in.html", {"respondent": respondent})
    initial = {"uscc": pending.uscc}
    if pending.enterprise_id:
        initial["name"] = pending.enterprise.name
    elif pending.complaint_id:
        initial["name"] = pending.complaint.respondent_name
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.accept_invitation(
                pending,
                uscc=data["uscc"],
                name=data["name"],
                username=data["username"],
                password=data["password1"],
            )
        except actions.CaseError as error:
            form.add_error(None, str(error))
        else:
            request.session.pop(INVITATION_KEY, None)
            login(request, created.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("账户已开通。"))
            return redirect("respondents:cases")
    return render(request, "respondents/accept.html", {"form": form, "invitation": pending})


@require_http_methods(["GET"])
@respondent_required
def cases(request, respondent):
    page = services.cases_page(respondent, request.GET.get("after", ""))
    return render(
        request,
        "respondents/cases.html",
        {"respondent": respondent, "cases": page.cases, "next_cursor": page.next_cursor},
    )


def _case_page(request, respondent, opened, form=None, status=200, decline_form=None):
    case = opened.complaint
    can_answer = "answer" in actions.available_actions(case, respondent)
    agreement = mediation.current(case)
    steps = mediation.available_steps(
        case, respondent.user, party=mediation.Party.RESPONDENT, agreement=agreement
    )
    context = {
        "respondent": respondent,
        "opened": opened,
        "case": case,
        "events": case.events.public().order_by("created_at", "id"),
        "answer": services.RespondentAnswer.objects.filter(complaint=case).first(),
        "own_files": services.respondent_files(case),
        "form": (form or AnswerForm()) if can_answer else None,
        "agreement": agreement if steps else None,
        "agreement_steps": steps,
        "decline_form": (decline_form or AgreementDeclineForm()) if "decline" in steps else None,
    }
    return render(request, "respondents/case.html", context, status=status)


@require_http_methods(["GET", "POST"])
@respondent_required
def case(request, respondent, case_id: int):
    opened = services.case_for(respondent, case_id, request=request)
    if opened is None:
        raise Http404
    if request.method == "GET":
        return _case_page(request, respondent, opened)
    form = AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        return _case_page(request, respondent, opened, form=form, status=400)
    try:
        casework.perform(opened.complaint, respondent, "answer", form.cleaned_data)
    except actions.CaseError as error:
        messages.error(request, str(error))
        return redirect("respondents:case", case_id=case_id)
    messages.success(request, _("答复已提交，办理部门和投诉人将看到您的答复。"))
    return redirect("respondents:case", case_id=case_id)


@require_http_methods(["GET", "POST"])
@respondent_required
def colleagues(request, respondent):
    if not respondent.is_admin:
        raise Http404
    manage = request.POST.get("manage") if request.method == "POST" else None
    if manage in ("disable", "admin"):
        change = services.disable_colleague if manage == "disable" else services.hand_over_admin
        try:
            member = change(respondent, int(request.POST.get("member") or 0))
        except (actions.CaseError, ValueError) as error:
            messages.error(request, str(error))
        else:
            name = member.user.get_username()
            if manage == "disable":
                messages.success(request, _("已停用 %(name)s 的账户。") % {"name": name})
            else:
                messages.success(request, _("%(name)s 现为企业管理员。") % {"name": name})
                return redirect("respondents:cases")
        return redirect("respondents:colleagues")
    form = ColleagueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_colleague(
                respondent, phone=form.cleaned_data["phone"], email=form.cleaned_data["email"]
            )
        except actions.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("邀请已发送。"))
            return redirect("respondents:colleagues")
    members = respondent.enterprise.users.select_related("user").order_by("created_at")
    return render(
        request,
        "respondents/colleagues.html",
        {"respondent": respondent, "form": form, "members": members},
    )


def _open_agreement(request, respondent, case_id: int, step: str):
    """The case's current agreement when `step` is open to this login's enterprise, else 404."""
    opened = services.case_for(respondent, case_id, request=request)
    if opened is None:
        raise Http404
    agreement = mediation.current(opened.complaint)
    steps = mediation.available_steps(
        opened.complaint, respondent.user, party=mediation.Party.RESPONDENT, agreement=agreement
    )
    if agreement is None or step not in steps:
        raise Http404
    return opened, agreement


@require_http_methods(["GET"])
@respondent_required
def agreement_pdf(request, respondent, case_id: int):
    """The respondent's copy: the complainant's name masked, no identity number or address."""
    opened, agreement = _open_agreement(request, respondent, case_id, "download")
    log_access(
        opened.complaint,
        "respondent_mediation_pdf",
        user=respondent.user,
        request=request,
        detail=f"respondent {respondent.enterprise.uscc} v{agreement.version}",
    )
    response = HttpResponse(mediation.respondent_pdf(agreement), content_type="application/pdf")
    name = mediation.filename(agreement, "-respondent")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["POST"])
@respondent_required
def agreement_confirm(request, respondent, case_id: int):
    _opened, agreement = _open_agreement(request, respondent, case_id, "confirm")
    try:
        mediation.respondent_confirm(agreement, respondent.user)
    except actions.CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已确认调解协议。双方确认后由办理部门盖章生效。"))
    return redirect("respondents:case", case_id=case_id)


@require_http_methods(["POST"])
@respondent_required
def agreement_decline(request, respondent, case_id: int):
    opened, agreement = _open_agreement(request, respondent, case_id, "decline")
    form = AgreementDeclineForm(request.POST)
    if not form.is_valid():
        return _case_page(request, respondent, opened, status=400, decline_form=form)
    try:
        mediation.respondent_decline(agreement, respondent.user, form.cleaned_data["reason"])
    except actions.CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已告知办理部门您不同意该调解协议。"))
    return redirect("respondents:case", case_id=case_id)


@require_http_methods(["GET"])
@respondent_required
def own_file(request, respondent, case_id: int, evidence_id: int):
    """A file this enterprise gave with its answer (the cleaned copy staff read), logged."""
    opened = services.case_for(respondent, case_id, request=request)
    if opened is None:
        raise Http404
    item = services.respondent_files(opened.complaint).filter(pk=evidence_id).first()
    if item is None:
        raise Http404
    log_access(
        opened.complaint,
        "respondent_file",
        user=respondent.user,
        request=request,
        detail=str(item.pk),
    )
    name = f"{opened.complaint.tracking_number}-{item.pk}.{extension_for(item.content_type)}"
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
