"""The endpoint the SMS gateway pushes delivery receipts to (receipts.py applies them).

Authenticated by a shared secret in the URL path (settings.SMS_RECEIPT_TOKEN; the gateway's
console takes only a URL), compared in constant time. CSRF does not apply: the caller is the
gateway, not a browser with our cookies. Unset token: the endpoint does not exist (404)."""

import hmac
import json

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import receipts

# What Alibaba Cloud expects back; anything else and it pushes the batch again later.
ACKNOWLEDGED = {"code": 0, "msg": "成功"}


def _answer(payload: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_POST
def sms_receipts(request, token: str):
    expected = settings.SMS_RECEIPT_TOKEN
    if not expected:
        raise Http404
    if not hmac.compare_digest(token.encode(), expected.encode()):
        return _answer({"code": 403, "msg": "forbidden"}, status=403)
    try:
        items = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _answer({"code": 400, "msg": "not JSON"}, status=400)
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        return _answer({"code": 400, "msg": "expected a list of receipts"}, status=400)
    receipts.apply_receipts(items)
    return _answer(ACKNOWLEDGED)
