"""Production with the Alibaba Cloud SMS gateway selected refuses to start without its secrets."""

import json

from tests.portal.test_settings import PRODUCTION_ENV, run_manage

SECRET = "gw-Secret-3e9b1c7a55d04f2a"
GATEWAY_ENV = {
    **PRODUCTION_ENV,
    "SMS_BACKEND": "complaints.notifications.aliyun.AliyunSMSBackend",
    "ALIYUN_SMS_ACCESS_KEY_ID": "LTAI5tExampleKeyId",
    "ALIYUN_SMS_ACCESS_KEY_SECRET": SECRET,
    "ALIYUN_SMS_SIGN_NAME": "武汉知识产权公共服务平台",
    "SMS_RECEIPT_TOKEN": "receipt-token-0123456789abcdef",
    "SMS_TEMPLATES": json.dumps(
        {
            "confirmation": "SMS_1",
            "update": "SMS_2",
            "sign_in_code": "SMS_3",
            "respondent_invite": "SMS_4",
            "colleague_invite": "SMS_5",
        }
    ),
}


def without(name: str) -> dict:
    return {key: value for key, value in GATEWAY_ENV.items() if key != name}


def test_production_starts_with_the_gateway_configured():
    result = run_manage("check", **GATEWAY_ENV)
    assert result.returncode == 0, result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_production_refuses_to_start_without_the_access_key_secret():
    result = run_manage("check", **without("ALIYUN_SMS_ACCESS_KEY_SECRET"))
    assert result.returncode != 0
    assert "ALIYUN_SMS_ACCESS_KEY_SECRET" in result.stderr


def test_production_refuses_to_start_without_the_receipt_token():
    result = run_manage("check", **without("SMS_RECEIPT_TOKEN"))
    assert result.returncode != 0 and "SMS_RECEIPT_TOKEN" in result.stderr


def test_production_refuses_to_start_without_a_template_for_every_kind():
    env = {**GATEWAY_ENV, "SMS_TEMPLATES": json.dumps({"confirmation": "SMS_1"})}
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "SMS_TEMPLATES" in result.stderr and "sign_in_code" in result.stderr
    broken = run_manage("check", **{**GATEWAY_ENV, "SMS_TEMPLATES": "{not json"})
    assert broken.returncode != 0 and "SMS_TEMPLATES" in broken.stderr
