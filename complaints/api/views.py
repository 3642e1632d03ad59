"""GeoReport v2 endpoints: discovery, services, service definitions, requests (GET/POST)."""

import datetime
from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render as render_page
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from complaints.models import OPEN_STATUSES, Category, Complaint, District

from . import guard, render, representation, submission
from .models import Scope
from .openapi import openapi_document

MAX_RESULTS = 1000
DEFAULT_DAYS = 90


def _language(request) -> str:
    wanted = request.GET.get("locale", "")
    if wanted:
        return "en" if wanted.lower().startswith("en") else settings.LANGUAGE_CODE
    return translation.get_language_from_request(request)


def endpoint(methods):
    """Allowed methods, the standard's errors for refusals, rate-limit headers on success."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, fmt="json", **kwargs):
            if request.method not in methods:
                response = render.error(fmt, 405, _("不支持的请求方法"))
                response["Allow"] = ", ".join(methods)
                return response
            # Outside i18n_patterns: partners choose English with Accept-Language or ?locale=en.
            with translation.override(_language(request)):
                try:
                    return view(request, *args, fmt=fmt, **kwargs)
                except guard.Refused as refused:
                    return refused.response

        return csrf_exempt(wrapper)

    return decorate


def _read(request, fmt):
    return guard.check(request, fmt, request.GET.get("api_key", ""))


@endpoint(["GET"])
def discovery(request, fmt):
    caller = _read(request, fmt)
    base = request.build_absolute_uri(reverse("open311:docs"))
    payload = {
        "changeset": "2026-11-25T00:00:00+08:00",
        "contact": _("武汉市知识产权局（市市场监督管理局） 12330"),
        "key_service": base,
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base.rstrip("/"),
                "changeset": "2026-11-25T00:00:00+08:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return guard.annotate(render.respond(payload, fmt, root="discovery"), caller)


@endpoint(["GET"])
def services(request, fmt):
    caller = _read(request, fmt)
    categories = Category.objects.filter(is_active=True).select_related("channel")
    payload = [representation.service_fields(category) for category in categories]
    return guard.annotate(render.respond(payload, fmt, root="services", item="service"), caller)


@endpoint(["GET"])
def service_definition(request, code, fmt):
    caller = _read(request, fmt)
    category = Category.objects.filter(code=code, is_active=True).first()
    if category is None:
        return render.error(fmt, 404, _("没有这项服务：%(code)s") % {"code": code})
    payload = representation.service_definition(category, list(District.objects.all()))
    return guard.annotate(render.respond(payload, fmt, root="service_definition"), caller)


@endpoint(["GET"])
def request_detail(request, request_id, fmt):
    caller = _read(request, fmt)
    cases = representation.with_public_note(Complaint.objects.filter(tracking_number=request_id))
    complaint = cases.first()
    if complaint is None:
        return render.error(fmt, 404, _("没有这个服务请求：%(id)s") % {"id": request_id})
    payload = [representation.case_fields(complaint)]
    return guard.annotate(
        render.respond(payload, fmt, root="service_requests", item="request"), caller
    )


@endpoint(["GET", "POST"])
def requests(request, fmt):
    if request.method == "POST":
        return _create(request, fmt)
    caller = _read(request, fmt)
    try:
        cases = _filtered(request.GET)
    except submission.BadRequest as exc:
        return render.error(fmt, 400, *exc.messages)
    payload = [representation.case_fields(c) for c in cases[:MAX_RESULTS]]
    return guard.annotate(
        render.respond(payload, fmt, root="service_requests", item="request"), caller
    )


def _csv(value: str) -> list[str]:
    if not submission.is_storable_text(value):  # PostgreSQL refuses NUL even in a query
        raise submission.BadRequest(_("请求参数含有 NUL 或无效的 Unicode 字符"))
    return [part.strip() for part in value.split(",") if part.strip()]


def _moment(value: str, name: str) -> datetime.datetime:
    try:
        moment = parse_datetime(value)
        day = parse_date(value) if moment is None else None
    except ValueError:  # well formed but impossible, e.g. 2026-13-45
        moment = day = None
    if moment is None and day is None:
        raise submission.BadRequest(_("%(name)s 不是 W3C 日期时间") % {"name": name})
    if moment is None:
        moment = datetime.datetime.combine(day, datetime.time.min)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _filtered(params):
    cases = representation.with_public_note(Complaint.objects.all())
    ids = _csv(params.get("service_request_id", ""))
    if ids:
        # As the standard says: a list of ids overrides every other filter.
        return cases.filter(tracking_number__in=ids[:MAX_RESULTS]).order_by("-submitted_at")
    codes = _csv(params.get("service_code", ""))
    if codes:
        cases = cases.filter(category__code__in=codes)
    start, end = params.get("start_date", ""), params.get("end_date", "")
    end_at = _moment(end, "end_date") if end else timezone.now()
    start_at = (
        _moment(start, "start_date") if start else end_at - datetime.timedelta(days=DEFAULT_DAYS)
    )
    cases = cases.filter(submitted_at__gte=start_at, submitted_at__lte=end_at)
    statuses = set(_csv(params.get("status", "")))
    if statuses - {"open", "closed"}:
        raise submission.BadRequest(_("status 只能是 open 或 closed"))
    if statuses == {"open"}:
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif statuses == {"closed"}:
        cases = cases.exclude(status__in=OPEN_STATUSES)
    return cases.order_by("-submitted_at", "-id")


def _create(request, fmt):
    try:
        params = submission.read_params(request)
    except submission.BadRequest as exc:
        return render.error(fmt, 400, *exc.messages)
    # Some clients put api_key in the query string even on POST.
    raw_key = params.get("api_key", "") or request.GET.get("api_key", "")
    caller = guard.check(request, fmt, raw_key, need=Scope.SUBMIT)
    client_key = (
        request.headers.get("Idempotency-Key", "") or params.get("idempotency_key", "")
    ).strip()
    try:
        result = submission.earlier_result(caller.api_key, raw_key, client_key)
        if result is None:
            parsed = submission.parse(params, client_key)
            result = submission.file(parsed, caller.api_key, raw_key)
    except submission.UnknownService:
        code = params.get("service_code")
        return render.error(fmt, 404, _("没有这项服务：%(code)s") % {"code": code})
    except submission.BadRequest as exc:
        return render.error(fmt, 400, *exc.messages)
    status = 201 if result.created else 200
    response = _created(request, fmt, result.complaint, result.access_code, status=status)
    return guard.annotate(response, caller)


def _created(request, fmt, complaint, access_code, *, status):
    """The standard's POST answer. `account_id` carries the private access code, once."""
    notice = representation.service_notice(complaint)
    payload = [
        {
            "service_request_id": complaint.tracking_number,
            "service_notice": notice,
            "account_id": access_code,
            "tracking_url": request.build_absolute_uri("/complaints/track/"),
        }
    ]
    response = render.respond(payload, fmt, root="service_requests", item="request", status=status)
    response["Cache-Control"] = "no-store, private"  # it carries the case's secret access code
    return response


@require_GET
def openapi(request):
    document = openapi_document(request.build_absolute_uri(reverse("open311:docs")))
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})


@require_GET
def docs(request):
    categories = Category.objects.filter(is_active=True).select_related("channel")
    translation.activate(_language(request))
    request.LANGUAGE_CODE = translation.get_language()
    return render_page(
        request,
        "complaints/api/docs.html",
        {
            "categories": categories,
            "districts": District.objects.all(),
            "anon_rate": guard.anon_rate(),
            "max_results": MAX_RESULTS,
            "default_days": DEFAULT_DAYS,
            # The page lives outside i18n_patterns: the language switch uses ?locale=.
            "language_urls": {code: f"?locale={code}" for code, _name in settings.LANGUAGES},
        },
    )
