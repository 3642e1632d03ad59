"""Wrong passwords on the staff, editor and administrator sign-in pages: locked per username AND
address (django-axes), logged, unlockable by an administrator, never a lock from everywhere."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.core.management import call_command

from tests.factories.complaints import UserFactory
from tests.security.test_log_injection import FORGED, assert_no_forged_line

pytestmark = pytest.mark.django_db

LOGIN_URLS = ["/dashboard/login/", "/admin/login/", "/django-admin/login/"]
PASSWORD = "pw-for-tests"  # UserFactory's
ATTACKER, OWNER = "10.20.0.1", "10.20.0.2"


@pytest.fixture
def user():
    return UserFactory(username="editor", is_staff=True, is_superuser=True)


def sign_in(client, url, password, address, username="editor"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def lock_out(client, url):
    """Wrong passwords from the attacker's address until the last one answers with the lock."""
    statuses = [
        sign_in(client, url, f"guess-{i}", ATTACKER).status_code
        for i in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_wrong_passwords_lock_that_user_from_that_address(client, user, url):
    lock_out(client, url)
    refused = sign_in(client, url, PASSWORD, ATTACKER)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "登录已暂时锁定" in refused.content.decode()
    assert not signed_in(client)
    attempt = AccessAttempt.objects.get(username="editor", ip_address=ATTACKER)
    assert attempt.failures_since_start > settings.AXES_FAILURE_LIMIT
    assert "guess-" not in attempt.post_data  # passwords are never kept
    assert AccessFailureLog.objects.filter(username="editor", path_info=url).exists()


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_the_user_still_signs_in_from_another_address(client, user, url):
    lock_out(client, url)
    response = sign_in(client, url, PASSWORD, OWNER)
    assert response.status_code == 302
    assert signed_in(client)


def test_hostile_usernames_and_agents_forge_no_log_line(client, user, caplog):
    caplog.set_level(logging.DEBUG)
    client.post(
        "/dashboard/login/",
        {"username": "editor" + FORGED, "password": "x"},
        REMOTE_ADDR=ATTACKER,
        HTTP_USER_AGENT="agent" + FORGED,
    )
    assert_no_forged_line(caplog.records)


def test_another_user_from_the_attackers_address_is_not_locked(client, user):
    UserFactory(username="reviewer", is_staff=True)
    lock_out(client, "/dashboard/login/")
    response = sign_in(client, "/dashboard/login/", PASSWORD, ATTACKER, username="reviewer")
    assert response.status_code == 302


def test_administrator_unlocks_with_the_management_command(client, user):
    lock_out(client, "/dashboard/login/")
    call_command("axes_reset_username", "editor")
    assert sign_in(client, "/dashboard/login/", PASSWORD, ATTACKER).status_code == 302
    assert signed_in(client)


def test_administrator_unlocks_in_the_django_admin(client, user):
    lock_out(client, "/django-admin/login/")
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    ids = list(AccessAttempt.objects.filter(username="editor").values_list("pk", flat=True))
    response = client.post(
        "/django-admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()
    client.logout()
    assert sign_in(client, "/django-admin/login/", PASSWORD, ATTACKER).status_code == 302
