"""Open311: publication consent is an optional attribute, off unless given."""

import pytest

from complaints.models import Complaint

from .helpers import as_json

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def _case(response):
    [answer] = as_json(response)
    return Complaint.objects.get(tracking_number=answer["service_request_id"])


def test_default_is_no_consent(post_case):
    case = _case(post_case())
    assert case.publication_consent is False and case.publication_consent_at is None


def test_explicit_consent_and_respondent_type(post_case):
    response = post_case(
        **{"attribute[publication_consent]": "true", "attribute[respondent_type]": "organisation"}
    )
    case = _case(response)
    assert case.publication_consent is True and case.publication_consent_at is not None
    assert case.respondent_type == "organisation"


def test_unknown_respondent_type_is_refused(post_case):
    response = post_case(**{"attribute[respondent_type]": "robot"})
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_service_definition_documents_both(client, reference_data):
    data = client.get("/open311/v2/services/trademark-infringement.json").json()
    codes = {attribute["code"] for attribute in data["attributes"]}
    assert {"publication_consent", "respondent_type"} <= codes
