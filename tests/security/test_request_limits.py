"""Oversized bodies, too many fields and too many files: a 4xx or a form error, nothing stored.

The limits are Django's (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS,
DATA_UPLOAD_MAX_NUMBER_FILES) and the evidence limits of complaints.services.uploads.
"""

import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.http import urlencode

from complaints.models import Complaint, Status
from complaints.services import uploads
from tests.complaints.api.helpers import as_json
from tests.complaints.intake.conftest import pdf_bytes, walk_to_review

from .conftest import files_on_disk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

OVER_MEMORY = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024
TOO_MANY_FIELDS = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1
TOO_MANY_FILES = settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1


def many_fields(base: dict, count: int) -> dict:
    return {**base, **{f"junk{i}": "x" for i in range(count)}}


def pdfs(count: int) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(f"{i}.pdf", pdf_bytes(str(i))) for i in range(count)]


def post_multipart(client, path, data):
    return client.post(path, data)  # the test client's default encoding


def post_urlencoded(client, path, data):
    return client.post(path, urlencode(data), content_type="application/x-www-form-urlencoded")


def assert_open311_error(response, status=400):
    assert response.status_code == status, response.content[:300]
    errors = as_json(response)
    assert errors and all(e["code"] == status and e["description"] for e in errors)


# The intake wizard ------------------------------------------------------------------------


@pytest.mark.parametrize("post", [post_multipart, post_urlencoded])
def test_intake_body_over_the_memory_limit_is_400(client, answers, nothing_stored, post):
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    before = client.session["complaints_intake"]["data"].get("details")
    body = dict(answers["details"], facts="侵" * (OVER_MEMORY // 3))
    response = post(client, "/complaints/new/details/", body)
    assert response.status_code == 400
    assert client.session["complaints_intake"]["data"].get("details") == before
    nothing_stored()


def test_intake_urlencoded_with_too_many_fields_is_400(client, answers, nothing_stored):
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    response = post_urlencoded(
        client, "/complaints/new/details/", many_fields(answers["details"], TOO_MANY_FIELDS)
    )
    assert response.status_code == 400
    nothing_stored()


def test_intake_multipart_with_too_many_fields_is_400(client, answers, nothing_stored):
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    data = many_fields(answers["details"], TOO_MANY_FIELDS)
    data["evidence"] = pdfs(1)
    response = post_multipart(client, "/complaints/new/details/", data)
    assert response.status_code == 400
    nothing_stored()


def test_intake_with_more_than_100_files_is_400(client, answers, nothing_stored):
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    data = dict(answers["details"], evidence=pdfs(TOO_MANY_FILES))
    response = post_multipart(client, "/complaints/new/details/", data)
    assert response.status_code == 400
    nothing_stored()


def test_intake_with_more_files_than_a_case_allows_is_a_form_error(client, answers, nothing_stored):
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    data = dict(answers["details"], evidence=pdfs(uploads.MAX_FILES + 1))
    response = client.post("/complaints/new/details/", data)
    assert response.status_code == 200
    assert "最多上传" in response.content.decode()
    nothing_stored()


def test_intake_file_over_the_size_limit_is_a_form_error(client, answers, nothing_stored):
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    big = SimpleUploadedFile("big.pdf", pdf_bytes() + b"0" * uploads.MAX_FILE_SIZE)
    response = client.post("/complaints/new/details/", dict(answers["details"], evidence=[big]))
    assert response.status_code == 200
    assert "超过单个文件大小上限" in response.content.decode()
    nothing_stored()


def test_intake_cannot_exceed_the_file_count_over_several_posts(client, answers):
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    full = dict(answers["details"], evidence=pdfs(uploads.MAX_FILES))
    assert client.post("/complaints/new/details/", full).status_code == 302
    on_disk = files_on_disk()
    response = client.post("/complaints/new/details/", dict(answers["details"], evidence=pdfs(1)))
    assert response.status_code == 200 and "最多上传" in response.content.decode()
    assert len(client.session["complaints_intake"]["files"]["evidence"]) == uploads.MAX_FILES
    assert files_on_disk() == on_disk
    assert not Complaint.objects.exists()


# Evidence uploads on the tracking page --------------------------------------------------------


def _supply(client, data):
    return client.post("/complaints/track/case/supply/", data)


def test_supply_body_over_the_memory_limit_is_400(client, awaiting, nothing_stored):
    response = _supply(client, {"note": "补" * (OVER_MEMORY // 3)})
    assert response.status_code == 400
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_COMPLAINANT
    nothing_stored()


def test_supply_with_too_many_fields_is_400(client, awaiting, nothing_stored):
    response = _supply(client, many_fields({"note": "已补充"}, TOO_MANY_FIELDS))
    assert response.status_code == 400
    nothing_stored()


def test_supply_with_more_than_100_files_is_400(client, awaiting, nothing_stored):
    response = post_multipart(
        client,
        "/complaints/track/case/supply/",
        {"note": "已补充", "files": pdfs(TOO_MANY_FILES)},
    )
    assert response.status_code == 400
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_COMPLAINANT
    nothing_stored()


def test_supply_over_the_per_request_file_limit_is_a_form_error(client, awaiting, nothing_stored):
    response = _supply(client, {"note": "已补充", "files": pdfs(uploads.MAX_FILES + 1)})
    assert response.status_code == 200
    assert "最多上传" in response.content.decode()
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_COMPLAINANT
    nothing_stored()


def test_supply_cannot_exceed_the_per_case_file_limit(
    client, awaiting, django_user_model, nothing_stored
):
    """The help text promises at most MAX_FILES files per case, across every supply."""
    from complaints.services import lifecycle

    assert _supply(client, {"note": "第一批", "files": pdfs(uploads.MAX_FILES)}).status_code == 302
    staff = django_user_model.objects.get(username="asking-handler")
    case = lifecycle.request_information(
        Complaint.objects.get(pk=awaiting.pk), actor=staff, public_note="再补充"
    )
    count = case.evidence.count()
    response = _supply(client, {"note": "第二批", "files": pdfs(1)})
    assert response.status_code == 200
    assert "最多上传" in response.content.decode()
    case.refresh_from_db()
    assert case.evidence.count() == count == uploads.MAX_FILES
    assert case.status == Status.AWAITING_COMPLAINANT


def test_supply_file_over_the_size_limit_is_a_form_error(client, awaiting, nothing_stored):
    big = SimpleUploadedFile("big.pdf", pdf_bytes() + b"0" * uploads.MAX_FILE_SIZE)
    response = _supply(client, {"note": "已补充", "files": [big]})
    assert response.status_code == 200
    assert "超过单个文件大小上限" in response.content.decode()
    nothing_stored()


# The Open311 POST ------------------------------------------------------------------------------


def test_open311_form_body_over_the_memory_limit_is_an_open311_error(post_case, nothing_stored):
    response = post_case(description="侵" * (OVER_MEMORY // 3))
    assert_open311_error(response)
    nothing_stored()


def test_open311_json_body_over_the_memory_limit_is_an_open311_error(
    client, raw_key, nothing_stored
):
    body = json.dumps({"api_key": raw_key, "description": "x" * OVER_MEMORY})
    response = client.post("/open311/v2/requests.json", body, content_type="application/json")
    assert_open311_error(response)
    nothing_stored()


@pytest.mark.parametrize("post", [post_multipart, post_urlencoded])
def test_open311_with_too_many_fields_is_an_open311_error(client, raw_key, nothing_stored, post):
    data = {"api_key": raw_key, "service_code": "trademark-infringement"}
    response = post(client, "/open311/v2/requests.json", many_fields(data, TOO_MANY_FIELDS))
    assert_open311_error(response)
    nothing_stored()


def test_open311_with_more_than_100_files_is_an_open311_error(client, raw_key, nothing_stored):
    data = {"api_key": raw_key, "service_code": "trademark-infringement"}
    data["media"] = pdfs(TOO_MANY_FILES)
    response = post_multipart(client, "/open311/v2/requests.xml", data)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/xml")
    assert b"<errors>" in response.content
    nothing_stored()
