"""Alibaba Cloud SMS (阿里云短信服务, dysmsapi SendSms) over plain HTTPS, no SDK.

Select it with SMS_BACKEND=complaints.notifications.aliyun.AliyunSMSBackend; the settings it reads
are in portal/settings/base.py and docs/deployment.md ("SMS gateway"). Each message is one
SendSms call: the sign name, the template code of the message's kind (settings.SMS_TEMPLATES),
its parameters as TemplateParam JSON and the outbox reference as OutId, which the delivery
receipt (receipts.py) carries back. Requests are signed with the RPC signature version 1:
HMAC-SHA1, keyed with the AccessKey secret and "&", over the method, "/" and the sorted,
percent-encoded parameters.

Errors: the gateway's code decides whether the outbox may retry (PERMANENT_CODES are refusals
no retry can change); network failures, time-outs, 5xx and throttling are retried. Neither the
whole phone number nor the secret ever reaches a log or an error message.
"""

import base64
import datetime
import hashlib
import hmac
import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .sms import BaseSMSBackend, PermanentSMSError, SMSError, SMSMessage, mask_phone

logger = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com/"
API_VERSION = "2017-05-25"

# Refusals of this message as it is: retrying sends the same and is refused the same.
PERMANENT_CODES = frozenset(
    {
        "isv.MOBILE_NUMBER_ILLEGAL",  # not a valid number
        "isv.MOBILE_COUNT_OVER_LIMIT",
        "isv.DOMESTIC_NUMBER_NOT_SUPPORTED",
        "isv.SMS_TEMPLATE_ILLEGAL",  # template unknown or not approved
        "isv.SMS_SIGNATURE_ILLEGAL",  # sign name unknown or not approved
        "isv.SMS_SIGN_ILLEGAL",
        "isv.SMS_SIGNATURE_SCENE_ILLEGAL",
        "isv.TEMPLATE_MISSING_PARAMETERS",
        "isv.TEMPLATE_PARAMS_ILLEGAL",
        "isv.INVALID_PARAMETERS",
        "isv.INVALID_JSON_PARAM",
        "isv.PARAM_LENGTH_LIMIT",
        "isv.PARAM_NOT_SUPPORT_URL",
        "isv.BLACK_KEY_CONTROL_LIMIT",  # a word the carriers block
        "isv.SMS_CONTENT_ILLEGAL",
        "isv.EXTEND_CODE_ERROR",
    }
)
# Everything else is retried (up to delivery.MAX_ATTEMPTS): throttling (isv.BUSINESS_LIMIT_CONTROL,
# isv.DAY_LIMIT_CONTROL, Throttling.*), the account (isv.AMOUNT_NOT_ENOUGH, isv.OUT_OF_SERVICE,
# isp.RAM_PERMISSION_DENY, InvalidAccessKeyId.*, SignatureDoesNotMatch: fixed by an operator, then
# the retry succeeds), the gateway (isp.SYSTEM_ERROR, ServiceUnavailable, InternalError).

_SEPARATORS = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"^(?:\+?86|0086)?(1[3-9]\d{9})$")


def percent_encode(value: str) -> str:
    """RFC 3986 as the gateway wants it: only A-Z a-z 0-9 - _ . ~ left as they are
    (so a space is %20, "*" is %2A and "~" stays)."""
    return urllib.parse.quote(str(value), safe="~")


def canonical_query(params: dict[str, str]) -> str:
    return "&".join(
        f"{percent_encode(key)}={percent_encode(value)}"
        for key, value in sorted(params.items())
        if key != "Signature"
    )


def string_to_sign(method: str, params: dict[str, str]) -> str:
    return f"{method.upper()}&{percent_encode('/')}&{percent_encode(canonical_query(params))}"


def signature(method: str, params: dict[str, str], secret: str) -> str:
    digest = hmac.new(
        f"{secret}&".encode(), string_to_sign(method, params).encode(), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode()


def mainland_mobile(number: str) -> str:
    """The 11-digit mobile number in `number` (stored as typed: spaces, dashes, +86), or ""."""
    match = _MOBILE.fullmatch(_SEPARATORS.sub("", number or ""))
    return match.group(1) if match else ""


class AliyunSMSBackend(BaseSMSBackend):
    def __init__(self):
        self.access_key_id = settings.ALIYUN_SMS_ACCESS_KEY_ID
        self.access_key_secret = settings.ALIYUN_SMS_ACCESS_KEY_SECRET
        self.sign_name = settings.ALIYUN_SMS_SIGN_NAME
        self.endpoint = settings.ALIYUN_SMS_ENDPOINT or DEFAULT_ENDPOINT
        self.region = settings.ALIYUN_SMS_REGION
        self.templates = settings.SMS_TEMPLATES
        self.timeout = settings.SMS_TIMEOUT_SECONDS
        required = (
            "ALIYUN_SMS_ACCESS_KEY_ID",
            "ALIYUN_SMS_ACCESS_KEY_SECRET",
            "ALIYUN_SMS_SIGN_NAME",
        )
        missing = [name for name in required if not getattr(settings, name)]
        if missing:
            raise ImproperlyConfigured(f"The Aliyun SMS backend needs {', '.join(missing)}.")
        endpoint = urllib.parse.urlsplit(self.endpoint)
        loopback = endpoint.hostname in ("127.0.0.1", "::1", "localhost")
        if endpoint.scheme != "https" and not (endpoint.scheme == "http" and loopback):
            # Plain HTTP only to a local stub (the tests'): the gateway itself is HTTPS.
            raise ImproperlyConfigured("ALIYUN_SMS_ENDPOINT must be an https:// URL.")

    def send_messages(self, messages):
        for message in messages:
            self.send_message(message)
        return len(messages)

    def send_message(self, message: SMSMessage) -> str:
        masked = mask_phone(message.to)
        phone = mainland_mobile(message.to)
        if not phone:
            raise PermanentSMSError(f"not a mainland mobile number: {masked}")
        # "update.en": the English template when one is registered, else the kind's own.
        template_code = self.templates.get(message.template) or self.templates.get(
            message.template.partition(".")[0]
        )
        if not template_code:
            raise PermanentSMSError(f"no template code for SMS kind {message.template!r}")
        params = {
            "PhoneNumbers": phone,
            "SignName": self.sign_name,
            "TemplateCode": template_code,
            "TemplateParam": json.dumps(
                dict(message.params), ensure_ascii=False, separators=(",", ":")
            ),
        }
        if message.reference:
            params["OutId"] = message.reference
        reply = self._call("SendSms", params)
        code = str(reply.get("Code", ""))
        if code != "OK":
            error_class = PermanentSMSError if code in PERMANENT_CODES else SMSError
            logger.warning("Aliyun SMS to %s refused: %s", masked, code)
            raise error_class(f"Aliyun SMS {code}: {_safe_message(reply.get('Message'))}")
        biz_id = str(reply.get("BizId", ""))
        logger.info("Aliyun SMS to %s accepted (%s)", masked, message.reference or "no reference")
        return biz_id

    def signed_params(self, action: str, params: dict[str, str], method: str = "POST") -> dict:
        common = {
            "AccessKeyId": self.access_key_id,
            "Action": action,
            "Format": "JSON",
            "RegionId": self.region,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "Timestamp": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": API_VERSION,
        }
        signed = {**common, **params}
        signed["Signature"] = signature(method, signed, self.access_key_secret)
        return signed

    def _call(self, action: str, params: dict[str, str]) -> dict:
        # POST, not GET: the phone number stays out of URLs (and so out of proxies' logs).
        signed = self.signed_params(action, params, "POST")
        body = canonical_query(signed) + "&Signature=" + percent_encode(signed["Signature"])
        request = urllib.request.Request(  # noqa: S310 (scheme checked in __init__)
            self.endpoint,
            data=body.encode(),
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            reply = _json(raw)
            if reply.get("Code"):
                return reply  # the gateway's own refusal, classified by its code
            raise SMSError(f"Aliyun SMS gateway answered HTTP {exc.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SMSError(f"Aliyun SMS gateway unreachable: {reason}") from None
        reply = _json(raw)
        if not reply:
            raise SMSError("Aliyun SMS gateway answered something that is not JSON")
        return reply


_STRING_TO_SIGN = re.compile(r"string\s*to\s*sign", re.IGNORECASE)
_LONG_NUMBER = re.compile(r"\d{7,}")


def _safe_message(message) -> str:
    """The gateway's explanation, fit for the outbox's last error: a SignatureDoesNotMatch
    message quotes the whole string to sign (the phone number in it), so it is cut there, and
    any other long number is masked."""
    text = _STRING_TO_SIGN.split(str(message or ""), maxsplit=1)[0]
    return _LONG_NUMBER.sub(lambda m: mask_phone(m.group()), text)[:200].strip()


def _json(raw: bytes) -> dict:
    try:
        value = json.loads(raw.decode("utf-8"))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
