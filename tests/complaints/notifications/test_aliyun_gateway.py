"""The Alibaba Cloud SMS backend, through the outbox's real send path, against a local stub
gateway (aliyun_stub.py) that verifies each request's signature as the provider does."""

import datetime
import json
import logging
import socket

import pytest
from django.utils import timezone

from complaints.notifications import aliyun, services, texts
from complaints.notifications.models import Notification
from complaints.services import lifecycle
from tests.factories.complaints import file_complaint

from . import aliyun_stub

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

PHONE = "13812345678"  # the factories' complainant phone


@pytest.fixture(autouse=True)
def known_calendar_year(frozen_today):
    frozen_today(datetime.date(2026, 3, 2))


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create(username="handler")


def confirm(django_capture_on_commit_callbacks, **overrides):
    """File a case and queue its receipt SMS as intake does; deliver it after commit."""
    result = file_complaint(complainant_email="", **overrides)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_confirmation(result.complaint, result.access_code)
    return result, Notification.objects.get(complaint=result.complaint, channel="sms")


# --- The signature, against the provider's published examples --------------------------------

# "HTTP协议及签名" (dysmsapi, help.aliyun.com/document_detail/56189): a SendSms GET request.
SMS_DOC_PARAMS = {
    "AccessKeyId": "testId",
    "Action": "SendSms",
    "Format": "XML",
    "OutId": "123",
    "PhoneNumbers": "15300000001",
    "RegionId": "cn-hangzhou",
    "SignName": "阿里云短信测试专用",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
    "SignatureVersion": "1.0",
    "TemplateCode": "SMS_71390007",
    "TemplateParam": '{"customer":"test"}',
    "Timestamp": "2017-07-12T02:42:19Z",
    "Version": "2017-05-25",
}
# The RPC signature method's worked example (DescribeRegions, secret "testsecret").
RPC_DOC_PARAMS = {
    "Timestamp": "2016-02-23T12:46:24Z",
    "Format": "XML",
    "AccessKeyId": "testid",
    "Action": "DescribeRegions",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    "Version": "2014-05-26",
    "SignatureVersion": "1.0",
}


def test_signature_matches_the_sms_documentation_example():
    assert aliyun.string_to_sign("GET", SMS_DOC_PARAMS) == (
        "GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123"
        "%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF"
        "%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF"
        "%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce"
        "%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode"
        "%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D"
        "%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25"
    )
    assert aliyun.signature("GET", SMS_DOC_PARAMS, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


def test_signature_matches_the_rpc_documentation_example():
    assert aliyun.signature("GET", RPC_DOC_PARAMS, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
    # The Signature parameter itself is never signed.
    signed = {**RPC_DOC_PARAMS, "Signature": "anything"}
    assert aliyun.signature("GET", signed, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


def test_percent_encoding_follows_the_gateway_rules():
    assert aliyun.percent_encode("a b*c~d+/") == "a%20b%2Ac~d%2B%2F"
    assert aliyun.percent_encode("派") == "%E6%B4%BE"


def test_the_stub_checks_signatures_independently():
    """The stub's own implementation agrees with the published example too."""
    expected = aliyun_stub.expected_signature("GET", SMS_DOC_PARAMS, "testSecret")
    assert expected == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


# --- Sending through the outbox ---------------------------------------------------------------


def test_receipt_sms_is_sent_as_a_signed_template_with_its_parameters(
    aliyun_gateway, django_capture_on_commit_callbacks
):
    result, notification = confirm(django_capture_on_commit_callbacks)

    [request] = aliyun_gateway.received
    assert request.answered["Code"] == "OK"  # signature, sign name, template all accepted
    assert request.method == "POST"  # the phone number never rides in a URL
    assert request.params["PhoneNumbers"] == PHONE
    assert request.params["SignName"] == aliyun_stub.SIGN_NAME
    assert request.params["TemplateCode"] == aliyun_stub.TEMPLATES["confirmation"]
    assert request.params["OutId"] == f"notification-{notification.pk}"
    case = result.complaint
    assert request.template_params == {
        "kind": case.get_kind_display(),
        "number": case.tracking_number,
        "code": result.access_code,
    }
    assert notification.status == Notification.State.SENT
    assert notification.provider_message_id == request.answered["BizId"]
    # The access code left with the message: neither the body nor the parameters keep it.
    assert result.access_code not in notification.body and notification.sms_params == {}


def test_english_cases_use_the_english_template_where_one_is_registered(
    aliyun_gateway, staff, django_capture_on_commit_callbacks
):
    result, notification = confirm(django_capture_on_commit_callbacks, language="en")
    [request] = aliyun_gateway.received
    assert request.answered["Code"] == "OK"
    assert request.params["TemplateCode"] == aliyun_stub.TEMPLATES["confirmation.en"]
    assert "Tracking number" in notification.body and "已提交" not in notification.body
    # No English template for updates: the Chinese one goes, with the English values.
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.accept(result.complaint, actor=staff)
    update = aliyun_gateway.received[-1]
    assert update.answered["Code"] == "OK"
    assert update.params["TemplateCode"] == aliyun_stub.TEMPLATES["update"]
    assert update.template_params["status"] == "Accepted"


def test_respondent_invitation_is_sent_as_its_own_template(
    aliyun_gateway, staff, django_capture_on_commit_callbacks
):
    from respondents import services as respondents

    case = file_complaint(complainant_email="").complaint
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.accept(case, actor=staff)
    aliyun_gateway.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invited = respondents.invite_case(
            case, staff, phone="13900001111", email="", facts="事实", request_text="要求"
        )
    [request] = aliyun_gateway.received
    assert request.answered["Code"] == "OK"
    assert request.params["TemplateCode"] == aliyun_stub.TEMPLATES["respondent_invite"]
    assert request.params["PhoneNumbers"] == "13900001111"
    assert request.template_params["code"] == invited.code
    assert request.template_params["number"] == case.tracking_number


def test_status_update_note_is_cut_to_the_template_variable_limit(
    aliyun_gateway, staff, django_capture_on_commit_callbacks
):
    case = file_complaint(complainant_email="").complaint
    note = "已受理。" + "请准备商标注册证、侵权商品照片和购买凭证，" * 4
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.accept(case, actor=staff, public_note=note)
    [request] = aliyun_gateway.received
    assert request.answered["Code"] == "OK"
    assert request.params["TemplateCode"] == aliyun_stub.TEMPLATES["update"]
    sent = request.template_params
    assert sent["number"] == case.tracking_number
    assert len(sent["note"]) == texts.MAX_PARAM_LENGTH and sent["note"].endswith("…")
    assert note.startswith(sent["note"][:-1])
    notification = Notification.objects.get(channel="sms")
    assert note in notification.body  # the outbox (and e-mail) keep the whole note


def test_throttled_message_is_retried_with_the_same_out_id(
    aliyun_gateway, django_capture_on_commit_callbacks
):
    throttled = {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发流控", "RequestId": "x"}
    aliyun_gateway.replies.append((400, json.dumps(throttled).encode()))
    _result, notification = confirm(django_capture_on_commit_callbacks)

    assert notification.status == Notification.State.FAILED and notification.attempts == 1
    assert "isv.BUSINESS_LIMIT_CONTROL" in notification.last_error
    assert notification.next_attempt_at > timezone.now()
    later = notification.next_attempt_at + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_due(now=later) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.State.SENT and notification.attempts == 2
    first, second = aliyun_gateway.received
    assert first.params["OutId"] == second.params["OutId"] == f"notification-{notification.pk}"
    assert first.params["SignatureNonce"] != second.params["SignatureNonce"]


def test_gateway_5xx_page_is_retried(aliyun_gateway, django_capture_on_commit_callbacks):
    aliyun_gateway.replies.append((503, b"<html>Service Unavailable</html>"))
    _result, notification = confirm(django_capture_on_commit_callbacks)
    assert notification.status == Notification.State.FAILED
    assert "HTTP 503" in notification.last_error
    services.deliver(notification.pk)
    notification.refresh_from_db()
    assert notification.status == Notification.State.SENT


def test_unreachable_gateway_is_retried(
    aliyun_gateway, settings, django_capture_on_commit_callbacks
):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.ALIYUN_SMS_ENDPOINT = f"http://127.0.0.1:{port}/"
    _result, notification = confirm(django_capture_on_commit_callbacks)
    assert notification.status == Notification.State.FAILED and notification.next_attempt_at
    assert "unreachable" in notification.last_error


def test_wrong_secret_is_refused_by_the_gateway_and_retried(
    aliyun_gateway, settings, django_capture_on_commit_callbacks
):
    """An operator fixes a mistyped secret; the message must still go out afterwards."""
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = "not-the-secret"
    _result, notification = confirm(django_capture_on_commit_callbacks)
    refusal = aliyun_gateway.received[0].answered
    assert refusal["Code"] == "SignatureDoesNotMatch" and PHONE in refusal["Message"]
    assert notification.status == Notification.State.FAILED
    # The gateway quotes its string to sign, phone number included: the outbox keeps neither.
    assert "SignatureDoesNotMatch" in notification.last_error
    assert PHONE not in notification.last_error and "AccessKeyId" not in notification.last_error
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = aliyun_stub.KEY_SECRET
    services.deliver(notification.pk)
    notification.refresh_from_db()
    assert notification.status == Notification.State.SENT


def test_unapproved_template_is_given_up_at_once(
    aliyun_gateway, settings, django_capture_on_commit_callbacks
):
    settings.SMS_TEMPLATES = {**aliyun_stub.TEMPLATES, "confirmation": "SMS_NOT_APPROVED"}
    _result, notification = confirm(django_capture_on_commit_callbacks)
    assert aliyun_gateway.received[0].answered["Code"] == "isv.SMS_TEMPLATE_ILLEGAL"
    assert notification.status == Notification.State.GAVE_UP and notification.attempts == 1
    assert notification.next_attempt_at is None
    assert "isv.SMS_TEMPLATE_ILLEGAL" in notification.last_error
    assert services.retry_due(now=timezone.now() + datetime.timedelta(days=1)) == 0


def test_number_the_gateway_calls_illegal_is_given_up(
    aliyun_gateway, django_capture_on_commit_callbacks
):
    illegal = {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号", "RequestId": "x"}
    aliyun_gateway.replies.append((400, json.dumps(illegal, ensure_ascii=False).encode()))
    _result, notification = confirm(django_capture_on_commit_callbacks)
    assert notification.status == Notification.State.GAVE_UP


def test_landline_is_given_up_without_calling_the_gateway(
    aliyun_gateway, django_capture_on_commit_callbacks
):
    _result, notification = confirm(
        django_capture_on_commit_callbacks, complainant_phone="027-85551234"
    )
    assert aliyun_gateway.received == []
    assert notification.status == Notification.State.GAVE_UP
    assert "85551234" not in notification.last_error


def test_number_as_typed_at_intake_is_sent_as_eleven_digits(
    aliyun_gateway, django_capture_on_commit_callbacks
):
    confirm(django_capture_on_commit_callbacks, complainant_phone="+86 138-1234-5678")
    assert aliyun_gateway.received[0].params["PhoneNumbers"] == PHONE


def test_sign_in_code_uses_its_verification_template(aliyun_gateway):
    from citizens import services as citizens

    assert citizens.request_code("13900001111", client="stub-test").sent
    [request] = aliyun_gateway.received
    assert request.answered["Code"] == "OK"
    assert request.params["TemplateCode"] == aliyun_stub.TEMPLATES["sign_in_code"]
    assert request.params["PhoneNumbers"] == "13900001111"
    code = request.template_params["code"]
    assert len(code) == 6 and code.isdigit()
    assert "OutId" not in request.params  # not an outbox message: no reference to report


def test_neither_the_secret_nor_the_phone_number_is_logged(
    aliyun_gateway, settings, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    throttled = {"Code": "Throttling.User", "Message": "Request was denied", "RequestId": "x"}
    aliyun_gateway.replies.append((400, json.dumps(throttled).encode()))
    _result, notification = confirm(django_capture_on_commit_callbacks)  # refused, logged
    services.deliver(notification.pk)  # accepted, logged
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = "another-" + aliyun_stub.KEY_SECRET
    services.deliver(Notification.objects.get(pk=notification.pk).pk)  # already sent: no-op
    confirm(django_capture_on_commit_callbacks)  # signature refused, logged

    assert len(aliyun_gateway.received) == 3
    assert "Aliyun SMS" in caplog.text and "138****5678" in caplog.text  # it did log
    assert PHONE not in caplog.text
    assert aliyun_stub.KEY_SECRET not in caplog.text
    for row in Notification.objects.all():
        assert aliyun_stub.KEY_SECRET not in row.last_error and PHONE not in row.last_error
