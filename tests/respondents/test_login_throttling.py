"""Wrong passwords on the respondents' sign-in: locked per username and address by
django-axes, exactly as on the staff sign-in (tests/portal/test_login_throttling.py)."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from tests.factories.respondents import PASSWORD, invited_case, respondent_login

pytestmark = pytest.mark.django_db
ATTACKER, OWNER = "10.20.0.1", "10.20.0.2"


def sign_in(client, password, address):
    return client.post(
        "/respondent/login/", {"username": "resp_a", "password": password}, REMOTE_ADDR=address
    )


def test_wrong_passwords_lock_the_login_from_that_address_only(calendar, supervisor_a):
    _case, code = invited_case(supervisor_a)
    respondent_login(code)
    attacker = Client()
    statuses = [
        sign_in(attacker, f"guess-{i}", ATTACKER).status_code
        for i in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    refused = sign_in(attacker, PASSWORD, ATTACKER)
    assert refused.status_code == 429 and "_auth_user_id" not in attacker.session
    attempt = AccessAttempt.objects.get(username="resp_a", ip_address=ATTACKER)
    assert "guess-" not in attempt.post_data
    owner = Client()
    assert sign_in(owner, PASSWORD, OWNER).status_code == 302
    assert "_auth_user_id" in owner.session
