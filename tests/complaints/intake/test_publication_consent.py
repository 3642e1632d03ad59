"""The wizard asks, separately and default off, whether the facts may be published; and what
kind of respondent it is."""

import pytest

from complaints.models import Complaint, RespondentType

from .conftest import walk_to_review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def submit(client):
    page = client.get("/complaints/new/review/")
    token = page.context["form"].initial["form_token"]
    data = {"consent": "on", "form_token": token, "nav": "submit"}
    return client.post("/complaints/new/review/", data)


def test_consent_is_asked_with_no_as_default_and_says_who_reads(client, answers):
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    page = client.get("/complaints/new/details/")
    field = page.context["form"].fields["publication_consent"]
    assert page.context["form"]["publication_consent"].value() == "no"
    assert "向公众公开" in str(field.help_text)
    html = page.content.decode()
    assert 'name="publication_consent" value="no"' in html and "checked" in html


def test_not_answering_files_without_consent(client, answers):
    walk_to_review(client, answers)
    assert submit(client).status_code == 302
    case = Complaint.objects.get()
    assert case.publication_consent is False and case.publication_consent_at is None
    assert case.respondent_type == ""


def test_consent_and_respondent_type_are_stored_and_reviewed(client, answers):
    answers["details"]["publication_consent"] = "yes"
    answers["respondent"]["respondent_type"] = RespondentType.ORGANISATION
    review = walk_to_review(client, answers)
    body = review.content.decode()
    assert "是否同意在公开投诉数据库中公开您的事实陈述" in body and "企业或其他组织" in body
    submit(client)
    case = Complaint.objects.get()
    assert case.publication_consent is True and case.publication_consent_at is not None
    assert case.respondent_type == RespondentType.ORGANISATION


def test_no_consent_is_shown_on_review(client, answers):
    review = walk_to_review(client, answers)
    assert "不同意" in review.content.decode()
