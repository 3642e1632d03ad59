"""A respondent sees its own enterprise's cases only, never the complainant's identity, and
reaches nothing of staff's; staff never sign in on the respondents' page. Probed like the
staff isolation tests: every view, every action, lists and query counts."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from complaints.models import Status
from respondents.models import RespondentAnswer
from tests.factories.respondents import (
    NAME_B,
    PASSWORD,
    USCC_B,
    invited_case,
    respondent_login,
)

pytestmark = pytest.mark.django_db

# Everything the default case holds about the complainant (tests.factories.complaints).
IDENTITY = (
    "张三丰",
    "13812345678",
    "138****5678",
    "zhang@example.cn",
    "11010519491231002X",
    "武汉市江岸区沿江大道1号",
)


@pytest.fixture
def two_enterprises(calendar, supervisor_a):
    case_a, code_a = invited_case(supervisor_a)
    case_b, code_b = invited_case(supervisor_a, credit_code=USCC_B, name=NAME_B)
    resp_a = respondent_login(code_a)
    resp_b = respondent_login(code_b, credit_code=USCC_B, name=NAME_B, username="resp_b")
    return case_a, case_b, resp_a, resp_b


def signed_in(username) -> Client:
    client = Client()
    response = client.post("/respondent/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def test_another_enterprises_case_is_404_and_absent_from_the_list(two_enterprises):
    case_a, case_b, _resp_a, _resp_b = two_enterprises
    client = signed_in("resp_a")
    assert client.get(f"/respondent/cases/{case_a.pk}/").status_code == 200
    assert client.get(f"/respondent/cases/{case_b.pk}/").status_code == 404
    listing = client.get("/respondent/").content.decode()
    assert case_a.tracking_number in listing and case_b.tracking_number not in listing


def test_answering_another_enterprises_case_is_404_and_changes_nothing(two_enterprises):
    _case_a, case_b, _resp_a, _resp_b = two_enterprises
    client = signed_in("resp_a")
    response = client.post(
        f"/respondent/cases/{case_b.pk}/", {"position": "accept", "statement": "接受"}
    )
    assert response.status_code == 404
    assert not RespondentAnswer.objects.exists()


def test_the_rule_refuses_another_enterprise_whoever_calls_it(two_enterprises):
    from complaints.services import actions, casework

    _case_a, case_b, resp_a, resp_b = two_enterprises
    assert actions.available_actions(case_b, resp_a) == []
    assert actions.available_actions(case_b, resp_b) == ["answer"]
    with pytest.raises(actions.ActionRefused):
        casework.perform(case_b, resp_a, "answer", {"position": "accept", "statement": "x"})
    assert not RespondentAnswer.objects.exists()


def test_unknown_case_ids_look_the_same_as_others(two_enterprises):
    client = signed_in("resp_a")
    assert client.get("/respondent/cases/999999/").status_code == 404


def test_the_complainants_identity_never_reaches_the_respondent(two_enterprises):
    case_a, _case_b, _resp_a, _resp_b = two_enterprises
    client = signed_in("resp_a")
    pages = [client.get("/respondent/"), client.get(f"/respondent/cases/{case_a.pk}/")]
    for response in pages:
        body = response.content.decode()
        for value in IDENTITY:
            assert value not in body, value
    assert "张**" in pages[1].content.decode()  # the masked name, at most
    # The complainant's own words are not shown either: the bureau writes what the
    # respondent reads.
    assert case_a.facts not in pages[1].content.decode()


def test_a_respondent_reaches_no_staff_page(two_enterprises):
    case_a, _case_b, _resp_a, _resp_b = two_enterprises
    client = signed_in("resp_a")
    for url in (
        "/dashboard/",
        f"/dashboard/cases/{case_a.pk}/",
        "/dashboard/performance/",
        "/dashboard/export/queue.csv",
    ):
        assert client.get(url).status_code in (403, 404), url
    response = client.post(f"/dashboard/cases/{case_a.pk}/accept/", {})
    assert response.status_code in (403, 404)
    case_a.refresh_from_db()
    assert case_a.status == Status.ACCEPTED


def test_staff_do_not_sign_in_on_the_respondents_page(calendar, supervisor_a):
    client = Client()
    response = client.post(
        "/respondent/login/", {"username": "supervisor_a", "password": "pw-for-tests"}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_pages_need_a_respondent_login(two_enterprises, supervisor_a):
    case_a = two_enterprises[0]
    anonymous = Client()
    for url in ("/respondent/", f"/respondent/cases/{case_a.pk}/", "/respondent/colleagues/"):
        assert anonymous.get(url)["Location"].startswith("/respondent/login/")
    staff = Client()
    staff.force_login(supervisor_a)
    assert staff.get(f"/respondent/cases/{case_a.pk}/")["Location"].startswith("/respondent/login/")


def test_the_case_list_costs_the_same_queries_for_one_case_or_many(calendar, supervisor_a):
    case, code = invited_case(supervisor_a)
    respondent_login(code)
    client = signed_in("resp_a")
    with CaptureQueriesContext(connection) as one:
        assert case.tracking_number in client.get("/respondent/").content.decode()
    for _ in range(4):
        _case, more = invited_case(supervisor_a)
        client.post("/respondent/invitation/", {"code": more})
        client.post("/respondent/invitation/accept/")
    with CaptureQueriesContext(connection) as many:
        body = client.get("/respondent/").content.decode()
    assert body.count('data-testid="case"') == 5
    assert len(many) == len(one)


def test_wrong_invitation_codes_are_limited_per_address(calendar, supervisor_a):
    from respondents.views import CODE_FAILURES

    _case, code = invited_case(supervisor_a)
    guesser = Client()
    for i in range(CODE_FAILURES):
        guess = guesser.post("/respondent/invitation/", {"code": f"AAAAA-BBBBB-{i:05d}"})
        assert guess.status_code == 200
    assert guesser.post("/respondent/invitation/", {"code": code}).status_code == 429
    owner = Client()
    response = owner.post("/respondent/invitation/", {"code": code}, REMOTE_ADDR="10.9.9.9")
    assert response["Location"] == "/respondent/invitation/accept/"
