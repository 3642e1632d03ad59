"""POST requests: from GeoReport parameters to the intake service's IntakeData, then filing."""

import json
import re
from dataclasses import dataclass

from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from complaints.models import (
    Category,
    District,
    Evidence,
    IpRightType,
    Kind,
    RespondentType,
    Source,
)
from complaints.services import event_texts
from complaints.services.intake import IntakeData, IntakeError, SubmitResult, submit_complaint

from . import location, sealing
from .models import ApiKey, ApiSubmission

MAX_DESCRIPTION = 4000
CLIENT_KEY_PATTERN = re.compile(r"^[A-Za-z0-9._:\-]{1,64}$")
TRUE_VALUES = {"true", "1", "yes", "on"}


class BadRequest(ValueError):
    """Carries one or more messages for the standard's error list."""

    def __init__(self, *messages: str):
        super().__init__("; ".join(messages))
        self.messages = list(messages)


class UnknownService(LookupError):
    pass


@dataclass
class Submission:
    data: IntakeData
    media_url: str
    client_key: str


def read_params(request) -> dict[str, str]:
    """Form-encoded (the standard) or JSON; `attribute[x]` and a JSON `attribute` object alike."""
    try:
        params = _read_params(request)
    except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent) as exc:
        # Django's request limits: answered in the standard's error format, not an HTML page.
        raise BadRequest(_("请求体过大或字段、文件过多")) from exc
    if not all(is_storable_text(key) and is_storable_text(value) for key, value in params.items()):
        raise BadRequest(_("请求参数含有 NUL 或无效的 Unicode 字符"))
    return params


def is_storable_text(value: str) -> bool:
    """No NUL and no lone surrogates: text every database (and UTF-8 itself) can hold."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _read_params(request) -> dict[str, str]:
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # too deeply nested
            raise BadRequest(_("请求体不是有效的 JSON")) from exc
        if not isinstance(body, dict):
            raise BadRequest(_("请求体必须是 JSON 对象"))
        params = {k: v for k, v in body.items() if k != "attribute"}
        attributes = body.get("attribute") or {}
        if isinstance(attributes, dict):
            params.update({f"attribute[{k}]": v for k, v in attributes.items()})
    else:
        params = {key: request.POST.get(key) for key in request.POST}
    return {key: "" if value is None else str(value).strip() for key, value in params.items()}


def _flag(value: str) -> bool:
    return value.lower() in TRUE_VALUES


def _district(params: dict, errors: list[str]) -> District | None:
    districts = list(District.objects.all())
    code = params.get("attribute[district]", "")
    if code:
        match = next((d for d in districts if d.code == code), None)
        if match is None:
            errors.append(_("attribute[district] 不是有效的区代码"))
        return match
    lat, long = params.get("lat", ""), params.get("long", "")
    if lat or long:
        try:
            found = location.nearest_district_code(float(lat), float(long))
        except ValueError:
            errors.append(_("lat/long 无效或不在武汉市范围内"))
            return None
        return next((d for d in districts if d.code == found), None)
    address = params.get("address_string", "")
    if address:
        return location.district_from_address(address, districts)
    errors.append(_("须提供位置：address_string、lat 与 long，或 attribute[district]"))
    return None


def _kind(category: Category, value: str, errors: list[str]) -> str:
    if not value:
        allowed = category.allowed_kinds
        return Kind.COMPLAINT if Kind.COMPLAINT in allowed else allowed[0]
    if value not in category.allowed_kinds:
        errors.append(_("attribute[kind] 不适用于该服务"))
    return value


def _check_formats(params: dict, errors: list[str]) -> None:
    email = params.get("email", "")
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors.append(_("email 格式无效"))
    for field in ("media_url", "attribute[respondent_url]"):
        if params.get(field):
            try:
                URLValidator(schemes=["http", "https"])(params[field])
            except ValidationError:
                errors.append(_("%(field)s 不是有效的 http(s) 网址") % {"field": field})
    ip_type = params.get("attribute[ip_right_type]", "")
    if ip_type and ip_type not in IpRightType.values:
        errors.append(_("attribute[ip_right_type] 无效"))


def parse(params: dict[str, str], client_key: str) -> Submission:
    """Validate everything the standard and the category ask; raise BadRequest with all faults."""
    code = params.get("service_code", "")
    if not code:
        raise BadRequest(_("缺少 service_code"))
    category = Category.objects.filter(code=code, is_active=True).select_related("channel").first()
    if category is None:
        raise UnknownService(code)
    errors: list[str] = []
    description = params.get("description", "")
    if not description:
        errors.append(_("缺少 description"))
    elif len(description) > MAX_DESCRIPTION:
        errors.append(_("description 不得超过 4000 个字符"))
    if client_key and not CLIENT_KEY_PATTERN.match(client_key):
        errors.append(_("幂等键须为 1–64 个字母、数字或 ._:-"))
    _check_formats(params, errors)
    district = _district(params, errors)
    kind = _kind(category, params.get("attribute[kind]", ""), errors)
    attr = {k[10:-1]: v for k, v in params.items() if k.startswith("attribute[") and k[-1] == "]"}
    if category.requires_ip_right_number and not attr.get("ip_right_number"):
        errors.append(_("该服务须填写 attribute[ip_right_number]"))
    name = (params.get("last_name", "") + params.get("first_name", "")).strip()
    phone = params.get("phone", "")
    anonymous = _flag(attr.get("anonymous", "")) or (kind == Kind.REPORT and not (name or phone))
    if anonymous and kind != Kind.REPORT:
        errors.append(_("只有举报可以匿名"))
    if not anonymous and not (name and phone):
        errors.append(_("投诉和维权援助须提供 first_name/last_name 与 phone"))
    respondent_type = attr.get("respondent_type", "")
    if respondent_type not in ("", *RespondentType.values):
        errors.append(_("attribute[respondent_type] 须为 organisation 或 individual"))
    if errors:
        raise BadRequest(*errors)
    media_url = params.get("media_url", "")
    facts = description
    if media_url:
        # Recorded for staff, never fetched by the portal.
        facts += "\n\n" + _("[开放接口提交的媒体链接，未自动下载] %(url)s") % {"url": media_url}
    data = IntakeData(
        kind=kind,
        category=category,
        facts=facts,
        district=district,
        is_online=_flag(attr.get("is_online", "")),
        is_anonymous=anonymous,
        complainant_name="" if anonymous else name[:100],
        complainant_phone="" if anonymous else phone[:30],
        complainant_email="" if anonymous else params.get("email", "")[:254],
        respondent_name=attr.get("respondent_name", "")[:200],
        respondent_type=respondent_type,
        respondent_address=attr.get("respondent_address", "")[:200],
        respondent_credit_code=attr.get("respondent_credit_code", "")[:18],
        respondent_platform=attr.get("respondent_platform", "")[:100],
        respondent_shop_name=attr.get("respondent_shop_name", "")[:200],
        respondent_url=attr.get("respondent_url", "")[:500],
        ip_right_type=attr.get("ip_right_type", ""),
        ip_right_number=attr.get("ip_right_number", "")[:40],
        request=attr.get("request", "")[:4000],
        # Off unless the partner passes the citizen's explicit consent to publish the facts.
        publication_consent=_flag(attr.get("publication_consent", "")),
        # The citizen's language as the partner gives it (locale, else the request's language:
        # ?locale= or Accept-Language): the case's SMS and e-mail go out in it.
        language=event_texts.case_language(params.get("locale") or translation.get_language()),
    )
    return Submission(data, media_url[:500], client_key)


def core_idempotency_key(api_key: ApiKey, client_key: str) -> str | None:
    # Prefixed per API key: two partners using the same client key never collide.
    return f"open311:{api_key.pk}:{client_key}" if client_key else None


def file(submission: Submission, api_key: ApiKey, raw_key: str) -> SubmitResult:
    """File through the same intake service as the web form, plus the API's own record."""
    with transaction.atomic():
        try:
            result = submit_complaint(
                submission.data,
                source=Source.OPEN311,
                actor_label=f"Open311: {api_key.name}"[:100],
                idempotency_key=core_idempotency_key(api_key, submission.client_key),
                uploaded_by=Evidence.Uploader.OPEN311,
            )
        except IntakeError as exc:
            raise BadRequest(str(exc)) from exc
        if not result.created:
            # A concurrent retry filed it first: answer as that request did.
            return earlier_result(api_key, raw_key, submission.client_key) or result
        sealed = ""
        if submission.client_key:
            sealed = sealing.seal(result.access_code, raw_key, submission.client_key)
        ApiSubmission.objects.create(
            api_key=api_key,
            complaint=result.complaint,
            client_key=submission.client_key,
            media_url=submission.media_url,
            sealed_access_code=sealed,
        )
    return result


def earlier_result(api_key: ApiKey, raw_key: str, client_key: str) -> SubmitResult | None:
    """What an earlier POST with this client key filed (a retry), access code included."""
    if not client_key:
        return None
    record = (
        ApiSubmission.objects.filter(api_key=api_key, client_key=client_key)
        .select_related("complaint")
        .first()
    )
    if record is None:
        return None
    code = sealing.unseal(record.sealed_access_code, raw_key, client_key)
    return SubmitResult(record.complaint, code, created=False)
