"""The intake wizard at /complaints/new/: five steps, state in the session, idempotent submit."""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from complaints.forms.intake import FORMS, STEP_NAMES
from complaints.forms.suggest import suggest_categories
from complaints.models import Complaint, Evidence
from complaints.notifications.services import queue_confirmation
from complaints.services import challenge, event_texts, ratelimit, routing
from complaints.services.evidence import discard_files
from complaints.services.intake import IntakeData, IntakeError, submit_complaint

from .common import ip_hash, route_reason, too_many_requests
from .state import WizardState
from .summary import review_sections

SUBMIT_LIMIT, SUBMIT_WINDOW = 10, 3600
RECEIPT_SESSION_KEY = "complaints_receipt"
RECEIPT_FALLBACK_KEY = "complaints_receipt_fallback"
RECEIPT_TTL = 15 * 60
# Other apps pre-fill a step the citizen has not answered yet (citizens: the signed-in phone):
# callables (request, step) -> initial data, appended from their AppConfig.ready().
INITIAL_PROVIDERS: list = []
STEP_LABELS = {
    "what": gettext_lazy("发生了什么"),
    "who": gettext_lazy("您的信息"),
    "respondent": gettext_lazy("被投诉对象"),
    "details": gettext_lazy("事实与证据"),
    "review": gettext_lazy("核对提交"),
}


def _receipt_key(token: str) -> str:
    return "complaints:receipt:" + hashlib.sha256(token.encode()).hexdigest()


def _context(state: WizardState, cleaned: dict) -> dict:
    evidence = state.files("evidence")
    return {
        "kind": cleaned.get("kind"),
        "category": cleaned.get("category"),
        "is_online": cleaned.get("is_online", False),
        "has_poa": bool(state.files("poa")),
        "evidence_count": len(evidence),
        "evidence_bytes": sum(meta["size"] for meta in evidence),
        "needs_challenge": bool(cleaned.get("is_anonymous")),
    }


def validate_steps(state: WizardState, upto: str):
    """Re-check the stored answers of every step before `upto`: (cleaned, first invalid)."""
    cleaned: dict = {}
    for name in STEP_NAMES[: STEP_NAMES.index(upto)]:
        form = FORMS[name](data=state.data(name) or {}, context=_context(state, cleaned))
        if state.data(name) is None or not form.is_valid():
            return cleaned, name
        cleaned.update(form.cleaned_data)
    return cleaned, None


def _route(cleaned: dict):
    if not cleaned.get("category"):
        return None
    try:
        decision = routing.route(
            cleaned["category"],
            cleaned.get("district"),
            is_online=cleaned.get("is_online", False),
            is_cross_district=cleaned.get("is_cross_district", False),
        )
    except routing.NoBureauAvailable:
        return None
    return {"bureau": decision.bureau, "reason": route_reason(decision)}


def _step1_preview(state: WizardState) -> dict:
    """Suggestions and the handling bureau from what step 1 holds so far (even if incomplete)."""
    data = state.data("what") or {}
    form = FORMS["what"](data=data, context={})
    form.is_valid()
    cleaned = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    return {
        "suggestions": suggest_categories(data.get("description", "")),
        "route": _route(cleaned),
    }


def _steps_nav(current: str) -> list[dict]:
    index = STEP_NAMES.index(current)
    return [
        {"name": name, "label": STEP_LABELS[name], "number": i + 1, "state": state}
        for i, name in enumerate(STEP_NAMES)
        for state in ["done" if i < index else "current" if i == index else "todo"]
    ]


def start(request):
    return redirect("complaints:step", step=STEP_NAMES[0])


def _render_step(request, state, step, form, cleaned, status=200):
    context = {
        "form": form,
        "step": step,
        "steps": _steps_nav(step),
        "step_number": STEP_NAMES.index(step) + 1,
        "step_count": len(STEP_NAMES),
        "previous": STEP_NAMES[STEP_NAMES.index(step) - 1] if step != STEP_NAMES[0] else None,
        "route": _route(cleaned),
        "evidence_files": state.files("evidence"),
        "poa_files": state.files("poa"),
    }
    if step == "what":
        context.update(_step1_preview(state))
    if step == "review":
        context["sections"] = review_sections(cleaned, state)
        if form.context.get("needs_challenge"):
            # Every rendering asks a fresh question: a token is accepted only once.
            issued = challenge.issue()
            context["challenge_question"] = issued.question
            form.initial["challenge_token"] = issued.token
            if form.is_bound:
                form.data = form.data.copy()
                form.data["challenge_token"] = issued.token
                form.data["challenge_answer"] = ""
    return render(request, f"complaints/intake/{step}.html", context, status=status)


def _initial_for(step: str, state: WizardState) -> dict:
    initial = dict(state.data(step) or {})
    if step == "details" and not initial.get("facts"):
        initial["facts"] = (state.data("what") or {}).get("description", "")
    return initial


@never_cache
@require_http_methods(["GET", "POST"])
def step_view(request, step):
    if step not in FORMS:
        raise Http404
    state = WizardState(request.session)
    if step == "review" and request.method == "POST":
        # A retried or double-clicked POST after the case was filed: show that case's receipt.
        existing = _existing_receipt(request, request.POST.get("form_token", ""))
        if existing:
            return existing
    cleaned, invalid = validate_steps(state, step)
    if invalid is not None:
        return redirect("complaints:step", step=invalid)
    form_class = FORMS[step]
    context = _context(state, cleaned)
    if request.method == "GET":
        initial = _initial_for(step, state)
        if state.data(step) is None:
            for provider in INITIAL_PROVIDERS:
                initial = {**provider(request, step), **initial}
        if step == "review":
            initial = {"form_token": state.token}
        return _render_step(
            request, state, step, form_class(initial=initial, context=context), cleaned
        )
    if step == "review":
        return _submit(request, state, cleaned, context)

    nav = request.POST.get("nav", "next")
    posted = {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "nav")}
    state.set_data(step, posted)
    if nav.startswith("remove-"):
        slot, _sep, index = nav.removeprefix("remove-").partition("-")
        if slot in ("evidence", "poa") and index.isdigit():
            state.remove_file(slot, int(index))
        return redirect("complaints:step", step=step)
    if nav == "back" and step != STEP_NAMES[0]:
        return redirect("complaints:step", step=STEP_NAMES[STEP_NAMES.index(step) - 1])
    if nav == "suggest" and step == "what":
        preview = _step1_preview(state)
        if preview["suggestions"] and not posted.get("category"):
            state.set_data(step, {**posted, "category": str(preview["suggestions"][0].category.pk)})
        return redirect(reverse("complaints:step", kwargs={"step": step}) + "#suggestions")
    form = form_class(data=request.POST, files=request.FILES, context=context)
    valid = form.is_valid()
    _keep_accepted_uploads(state, step, form)
    if not valid:
        return _render_step(request, state, step, form, {**cleaned}, status=200)
    if step == "who" and not form.cleaned_data.get("is_agent_filing") and state.files("poa"):
        state.add_files("poa", [], replace=True)
    return redirect("complaints:step", step=STEP_NAMES[STEP_NAMES.index(step) + 1])


def _keep_accepted_uploads(state: WizardState, step: str, form) -> None:
    """Files that passed the upload checks are kept as pending, even when another field of the
    step failed: the citizen does not choose them again, and submit attaches them."""
    accepted = form.cleaned_data
    if step == "who" and accepted.get("power_of_attorney"):
        state.add_files("poa", [accepted["power_of_attorney"]], replace=True)
    if step == "details" and accepted.get("evidence"):
        state.add_files("evidence", accepted["evidence"])


def _intake_data(cleaned: dict) -> IntakeData:
    names = set(IntakeData.__dataclass_fields__) - {"extra"}
    values = {name: cleaned[name] for name in names if name in cleaned}
    for name, value in list(values.items()):
        if value is None and name not in ("district", "category"):
            values[name] = ""
    # Filed in the language the citizen reads the wizard in: their messages go out in it.
    values["language"] = event_texts.case_language(translation.get_language())
    return IntakeData(**values)


def _existing_receipt(request, token: str):
    if token and Complaint.objects.filter(idempotency_key=token).exists():
        request.session[RECEIPT_SESSION_KEY] = token
        return redirect("complaints:done")
    return None


def _file(state: WizardState, cleaned: dict):
    """The case with its evidence and power of attorney (one transaction in the service), and
    the confirmation message queued in the same transaction."""
    filed: list[Evidence] = []
    try:
        with transaction.atomic():
            result = submit_complaint(
                _intake_data(cleaned),
                files=state.checked_uploads("evidence"),
                power_of_attorney=state.checked_uploads("poa"),
                idempotency_key=state.token,
            )
            if result.created:
                filed.extend(result.complaint.evidence.all())
                queue_confirmation(result.complaint, result.access_code)
    except BaseException:
        # Rolled back after the service stored the files: no file outlives its row.
        for evidence in filed:
            discard_files(evidence)
        raise
    return result


def _submit(request, state: WizardState, cleaned: dict, context: dict):
    if request.POST.get("form_token", "") != state.token:
        messages.error(request, _("表单已过期，请重新核对后提交。"))
        return redirect("complaints:step", step="review")
    form = FORMS["review"](data=request.POST, context=context)
    if not form.is_valid():
        return _render_step(request, state, "review", form, cleaned)
    limit = ratelimit.hit(f"intake-submit:{ip_hash(request)}", SUBMIT_LIMIT, SUBMIT_WINDOW)
    if not limit.allowed:
        return too_many_requests(request, limit, _("提交过于频繁。"))
    try:
        result = _file(state, cleaned)
    except FileNotFoundError:
        # A concurrent duplicate already filed the case and removed the pending files.
        existing = _existing_receipt(request, state.token)
        if existing:
            return existing
        raise
    except IntakeError:
        messages.error(request, _("提交的信息不完整，请核对后重试。"))
        return redirect("complaints:step", step="what")
    if result.created:
        receipt = {
            "tracking_number": result.complaint.tracking_number,
            "access_code": result.access_code,
        }
        cache.set(_receipt_key(state.token), receipt, RECEIPT_TTL)
        if cache.get(_receipt_key(state.token)) is None:
            # The cache is unreachable: the session keeps the receipt until the page shows it.
            request.session[RECEIPT_FALLBACK_KEY] = receipt
    request.session[RECEIPT_SESSION_KEY] = state.token
    state.clear()
    return redirect("complaints:done")


@never_cache
def done(request):
    token = request.session.get(RECEIPT_SESSION_KEY)
    if not token:
        return redirect("complaints:step", step=STEP_NAMES[0])
    receipt = cache.get(_receipt_key(token)) or request.session.pop(RECEIPT_FALLBACK_KEY, None)
    complaint = (
        Complaint.objects.select_related("bureau", "category", "channel")
        .filter(idempotency_key=token)
        .first()
    )
    if complaint is None:
        raise Http404
    if receipt:
        # Shown once: the code is not kept anywhere after this page.
        cache.delete(_receipt_key(token))
    context = {"complaint": complaint, "access_code": receipt["access_code"] if receipt else None}
    return render(request, "complaints/intake/done.html", context)


@require_POST
def restart(request):
    WizardState(request.session).clear()
    return redirect("complaints:step", step=STEP_NAMES[0])
