"""What the API says about services and cases. Never any personal data: see `case_fields`."""

import datetime

from django.db.models import JSONField, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from complaints.models import (
    OPEN_STATUSES,
    CaseEvent,
    Category,
    ClockStep,
    Complaint,
    District,
    IpRightType,
    Kind,
    RespondentType,
)
from complaints.services import event_texts


def localized(obj, field: str = "name") -> str:
    if (get_language() or "").startswith("en"):
        return getattr(obj, f"{field}_en", "") or getattr(obj, field)
    return getattr(obj, field)


def iso(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def end_of_day(day: datetime.date | None) -> str | None:
    """A legal deadline runs to the end of its day (Asia/Shanghai)."""
    if day is None:
        return None
    return iso(timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59))))


def service_fields(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": localized(category),
        "description": category.description,
        "metadata": True,
        "type": "realtime",
        "keywords": ",".join(category.keyword_list()),
        "group": category.channel.code,
    }


def _attribute(code, datatype, description, order, *, required=False, values=None, hint=""):
    return {
        "variable": True,
        "code": code,
        "datatype": datatype,
        "required": required,
        "datatype_description": hint,
        "order": order,
        "description": description,
        "values": [{"key": str(key), "name": str(name)} for key, name in (values or [])],
    }


def service_definition(category: Category, districts: list[District]) -> dict:
    """The category's fields as GeoReport attributes, in the order a form would ask them."""
    kinds = [(kind, Kind(kind).label) for kind in category.allowed_kinds if kind in Kind.values]
    yes_no = [("true", _("是")), ("false", _("否"))]
    specs = [
        ("kind", "singlevaluelist", _("类型：投诉、举报或维权援助"), True, kinds, ""),
        (
            "district",
            "singlevaluelist",
            _("被投诉人所在区（决定办理部门）"),
            False,
            [(d.code, localized(d)) for d in districts],
            _("也可用 address_string 或 lat/long 说明位置"),
        ),
        ("respondent_name", "string", _("被投诉人名称（单位或网店经营者）"), False, None, ""),
        (
            "respondent_type",
            "singlevaluelist",
            _("被投诉对象是企业或其他组织，还是个人（不清楚时不填）"),
            False,
            list(RespondentType.choices),
            "",
        ),
        ("respondent_address", "string", _("被投诉人地址"), False, None, ""),
        ("respondent_credit_code", "string", _("被投诉人统一社会信用代码"), False, None, ""),
        ("is_online", "singlevaluelist", _("是否网络案件（电商平台、网站）"), False, yes_no, ""),
        ("respondent_platform", "string", _("电商平台名称"), False, None, ""),
        ("respondent_shop_name", "string", _("网店名称"), False, None, ""),
        ("respondent_url", "string", _("侵权网址"), False, None, "URL"),
        (
            "ip_right_type",
            "singlevaluelist",
            _("权利类型"),
            False,
            list(IpRightType.choices),
            "",
        ),
        (
            "ip_right_number",
            "string",
            _("权利号（专利号、商标注册号、著作权登记号）"),
            category.requires_ip_right_number,
            None,
            "",
        ),
        ("request", "text", _("请求事项"), False, None, ""),
        ("anonymous", "singlevaluelist", _("匿名举报（仅限举报）"), False, yes_no, ""),
        (
            "publication_consent",
            "singlevaluelist",
            _("投诉人是否明确同意结案后去除个人信息公开其事实陈述（默认否）"),
            False,
            yes_no,
            "",
        ),
    ]
    attributes = [
        _attribute(code, datatype, text, order, required=req, values=vals, hint=hint)
        for order, (code, datatype, text, req, vals, hint) in enumerate(specs, start=1)
    ]
    return {"service_code": category.code, "attributes": attributes}


def with_public_note(queryset: QuerySet) -> QuerySet:
    """Annotate each case with its latest public text (system text code + parameters, staff's
    public note): never the complainant's words or internal notes (see CaseEvent)."""
    latest = (
        CaseEvent.objects.public().filter(complaint=OuterRef("pk")).order_by("-created_at", "-id")
    )
    return queryset.select_related("category", "bureau", "district").annotate(
        latest_public_note=Subquery(latest.values("public_note")[:1]),
        latest_note_code=Subquery(latest.values("note_code")[:1]),
        latest_note_params=Subquery(latest.values("note_params")[:1], output_field=JSONField()),
    )


def latest_public_text(complaint: Complaint) -> str:
    """The latest public text annotated by `with_public_note`, in the request's language."""
    latest = CaseEvent(
        note_code=getattr(complaint, "latest_note_code", None) or "",
        note_params=getattr(complaint, "latest_note_params", None) or {},
        public_note=getattr(complaint, "latest_public_note", None) or "",
    )
    return event_texts.public_text(latest)


def service_notice(complaint: Complaint) -> str:
    bureau = localized(complaint.bureau)
    if complaint.is_open and complaint.due_on and complaint.step != ClockStep.NONE:
        step = ClockStep(complaint.step).label
        return _("由%(bureau)s办理；%(step)s期限：%(due)s") % {
            "bureau": bureau,
            "step": step,
            "due": complaint.due_on.isoformat(),
        }
    return _("由%(bureau)s办理") % {"bureau": bureau}


def case_fields(complaint: Complaint) -> dict:
    """A case as GeoReport sees it. The description is the category, never the free text:
    facts written by citizens routinely contain names, phone numbers and addresses."""
    category = complaint.category
    status_notes = latest_public_text(complaint)
    return {
        "service_request_id": complaint.tracking_number,
        "status": "open" if complaint.status in OPEN_STATUSES else "closed",
        "status_notes": status_notes or complaint.get_status_display(),
        "service_name": localized(category),
        "service_code": category.code,
        "description": f"{localized(category)}（{Kind(complaint.kind).label}）",
        "agency_responsible": localized(complaint.bureau),
        "service_notice": service_notice(complaint),
        "requested_datetime": iso(complaint.submitted_at),
        "updated_datetime": iso(complaint.updated_at),
        "expected_datetime": end_of_day(complaint.due_on) if complaint.is_open else None,
        "address": localized(complaint.district) if complaint.district_id else "",
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }
