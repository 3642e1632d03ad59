"""A local stand-in for Alibaba Cloud's SMS API (dysmsapi SendSms), run by the tests.

It checks a request as the gateway does, with its own code (nothing shared with the backend
under test): the common parameters, the timestamp's age, a fresh nonce, and the signature
recomputed from the parameters received; then the sign name, the template code (approved or
not), the template's parameters and the phone number. It answers as the gateway does: 200 with
{"Code": "OK", "BizId": …}, or the gateway's error codes. `replies` queues forced answers
(throttling, a 503 page) for the next requests.
"""

import base64
import datetime
import hashlib
import hmac
import json
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY_ID = "LTAI5tStubKeyId0001"
KEY_SECRET = "stub-Secret/+=-never-logged-7f3a9c"
SIGN_NAME = "武汉知识产权公共服务平台"
# Template codes the stub treats as approved, with the variables each one's text uses.
APPROVED = {
    "SMS_900001": {"kind", "number", "code"},  # confirmation
    "SMS_900002": {"number", "status", "note"},  # update
    "SMS_900003": {"code"},  # sign_in_code
    "SMS_900004": {"bureau", "number", "until", "code", "due"},  # respondent_invite
    "SMS_900005": {"enterprise", "until", "code"},  # colleague_invite
    "SMS_900011": {"kind", "number", "code"},  # confirmation.en
}
TEMPLATES = {
    "confirmation": "SMS_900001",
    "update": "SMS_900002",
    "sign_in_code": "SMS_900003",
    "respondent_invite": "SMS_900004",
    "colleague_invite": "SMS_900005",
    "confirmation.en": "SMS_900011",
}
COMMON = {
    "Action": "SendSms",
    "Format": "JSON",
    "RegionId": "cn-hangzhou",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureVersion": "1.0",
    "Version": "2017-05-25",
}


def _encode(value: str) -> str:
    # RFC 3986 unreserved characters only; then the gateway's three substitutions.
    encoded = urllib.parse.quote_plus(value, safe="")
    return encoded.replace("+", "%20").replace("*", "%2A").replace("%7E", "~")


def expected_signature(method: str, params: dict[str, str], secret: str) -> str:
    pairs = sorted((k, v) for k, v in params.items() if k != "Signature")
    query = "&".join(f"{_encode(k)}={_encode(v)}" for k, v in pairs)
    to_sign = "&".join([method, _encode("/"), _encode(query)])
    mac = hmac.new((secret + "&").encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode("ascii")


@dataclass
class Received:
    method: str
    path: str
    params: dict[str, str]
    answered: dict

    @property
    def template_params(self) -> dict:
        return json.loads(self.params["TemplateParam"])


@dataclass
class StubGateway:
    url: str = ""
    received: list[Received] = field(default_factory=list)
    replies: list[tuple[int, bytes]] = field(default_factory=list)
    nonces: set[str] = field(default_factory=set)
    count: int = 0

    def check(self, method: str, params: dict[str, str]) -> tuple[int, dict]:
        def error(status, code, message):
            return status, {"Code": code, "Message": message, "RequestId": "stub"}

        for name, value in COMMON.items():
            if params.get(name) != value:
                return error(
                    400, "MissingParameter" if name not in params else "InvalidParameter", name
                )
        if params.get("AccessKeyId") != KEY_ID:
            return error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
        try:
            sent = datetime.datetime.strptime(params.get("Timestamp", ""), "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            return error(400, "InvalidTimeStamp.Format", "Timestamp")
        age = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) - sent
        if abs(age) > datetime.timedelta(minutes=15):
            return error(400, "InvalidTimeStamp.Expired", "Timestamp")
        nonce = params.get("SignatureNonce", "")
        if not nonce or nonce in self.nonces:
            return error(400, "SignatureNonceUsed", "SignatureNonce")
        self.nonces.add(nonce)
        if not hmac.compare_digest(
            params.get("Signature", ""), expected_signature(method, params, KEY_SECRET)
        ):
            # As the gateway does: it quotes its string to sign, phone number and all.
            query = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "Signature")
            return error(
                400,
                "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation. "
                f"server string to sign is:{method}&%2F&{_encode(query)}",
            )
        if params.get("SignName") != SIGN_NAME:
            return error(400, "isv.SMS_SIGNATURE_ILLEGAL", "签名不合法")
        variables = APPROVED.get(params.get("TemplateCode", ""))
        if variables is None:
            return error(400, "isv.SMS_TEMPLATE_ILLEGAL", "模板不合法")
        try:
            values = json.loads(params.get("TemplateParam", ""))
        except ValueError:
            return error(400, "isv.INVALID_JSON_PARAM", "JSON参数不合法")
        if set(values) != variables:
            return error(400, "isv.TEMPLATE_MISSING_PARAMETERS", "模板变量缺少对应参数值")
        if any(len(str(value)) > 35 for value in values.values()):
            return error(400, "isv.PARAM_LENGTH_LIMIT", "参数超出长度限制")
        if not re.fullmatch(r"1[3-9]\d{9}", params.get("PhoneNumbers", "")):
            return error(400, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
        self.count += 1
        return 200, {
            "Code": "OK",
            "Message": "OK",
            "BizId": f"{900000 + self.count}^0",
            "RequestId": "stub",
        }


def start() -> tuple[StubGateway, ThreadingHTTPServer]:
    gateway = StubGateway()

    class Handler(BaseHTTPRequestHandler):
        def _handle(self, method: str):
            split = urllib.parse.urlsplit(self.path)
            if method == "POST":
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                query = raw.decode("utf-8")
            else:
                query = split.query
            params = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
            status, answer = gateway.check(method, params)
            body = json.dumps(answer, ensure_ascii=False).encode()
            if gateway.replies:
                status, body = gateway.replies.pop(0)
                answer = {"forced": status}
            gateway.received.append(Received(method, split.path, params, answer))
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            self._handle("POST")

        def do_GET(self):
            self._handle("GET")

        def log_message(self, *args):
            pass  # the phone number is in the request: keep test output clean

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return gateway, server
