"""The demo hook: every portal state, sign-in that works, and idempotent re-runs."""

import io

import pytest
from django.test import Client

from complaints.demo import seed_staff
from complaints.demo.staff import DEMO_PASSWORD
from respondents import demo
from respondents.models import Enterprise, Invitation, RespondentAnswer, RespondentCase

pytestmark = pytest.mark.django_db


def test_demo_seeds_every_state_once_and_its_logins_work(calendar):
    seed_staff()
    out = io.StringIO()
    demo.seed(stdout=out)
    printed = out.getvalue()
    assert "/respondent/login/" in printed and "guanggu_admin" in printed
    code = printed.split("enter ")[1].split(" ")[0]
    demo.seed()
    assert Enterprise.objects.count() == 2
    assert Invitation.objects.count() == len(demo.STATES)
    assert RespondentCase.objects.count() == len(demo.STATES) - 1
    decisions = set(RespondentAnswer.objects.values_list("position", "complainant_decision"))
    assert decisions == {
        ("accept", ""),
        ("settle", ""),
        ("settle", "accepted"),
        ("settle", "declined"),
        ("dispute", ""),
    }
    client = Client()
    response = client.post(
        "/respondent/login/", {"username": "guanggu_admin", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/respondent/").content.decode().count('data-testid="case"') == 3
    # The printed code opens the pending invitation.
    page = Client().post("/respondent/invitation/", {"code": code})
    assert page["Location"] == "/respondent/invitation/accept/"
