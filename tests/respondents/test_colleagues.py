"""The enterprise's administrator manages its logins: closes a colleague's (sessions end, no
sign-in), hands the administrator role over; never across enterprises, never on itself."""

import pytest
from django.test import Client

from respondents import services
from respondents.models import RespondentUser
from tests.factories.respondents import (
    NAME_B,
    PASSWORD,
    USCC_B,
    invited_case,
    respondent_login,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def enterprise(calendar, supervisor_a):
    """Enterprise A: its administrator and one colleague, both signed in; enterprise B's admin."""
    _case, code = invited_case(supervisor_a)
    admin = respondent_login(code, username="admin_a")
    invited = services.invite_colleague(admin, phone="13700000002", email="")
    colleague = respondent_login(invited.code, username="colleague_a")
    _case_b, code_b = invited_case(supervisor_a, credit_code=USCC_B, name=NAME_B)
    other = respondent_login(code_b, credit_code=USCC_B, name=NAME_B, username="admin_b")
    return admin, colleague, other


def signed_in(username) -> Client:
    client = Client()
    response = client.post("/respondent/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_closed_login_loses_its_session_and_cannot_sign_in(enterprise):
    _admin, colleague, _other = enterprise
    colleague_client = signed_in("colleague_a")
    assert colleague_client.get("/respondent/").status_code == 200

    response = signed_in("admin_a").post(
        "/respondent/colleagues/", {"manage": "disable", "member": colleague.pk}
    )
    assert response.status_code == 302
    assert colleague_client.get("/respondent/").status_code == 302  # to the sign-in page
    refused = Client().post("/respondent/login/", {"username": "colleague_a", "password": PASSWORD})
    assert refused.status_code == 200  # the form again, not a session
    page = signed_in("admin_a").get("/respondent/colleagues/").content.decode()
    assert "已停用" in page


def test_the_administrator_hands_over_and_then_manages_nothing(enterprise):
    admin, colleague, _other = enterprise
    client = signed_in("admin_a")
    client.post("/respondent/colleagues/", {"manage": "admin", "member": colleague.pk})
    assert RespondentUser.objects.get(pk=colleague.pk).is_admin
    assert not RespondentUser.objects.get(pk=admin.pk).is_admin
    assert client.get("/respondent/colleagues/").status_code == 404


def test_no_change_across_enterprises_or_on_oneself(enterprise):
    admin, colleague, other = enterprise
    client = signed_in("admin_b")
    client.post("/respondent/colleagues/", {"manage": "disable", "member": colleague.pk})
    client.post("/respondent/colleagues/", {"manage": "admin", "member": admin.pk})
    signed_in("admin_a").post("/respondent/colleagues/", {"manage": "disable", "member": admin.pk})
    assert RespondentUser.objects.get(pk=admin.pk).is_admin
    assert RespondentUser.objects.get(pk=colleague.pk).user.is_active
    assert RespondentUser.objects.get(pk=admin.pk).user.is_active
    assert RespondentUser.objects.get(pk=other.pk).is_admin
    with pytest.raises(services.InvalidInput):
        services.disable_colleague(colleague, admin.pk)  # not an administrator
