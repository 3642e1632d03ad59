"""API keys: hashed storage, shown once by the command and the admin, revocation."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from complaints.api import keys
from complaints.api.models import ApiKey
from tests.factories.complaints import UserFactory

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command("create_api_key", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_command_prints_the_key_as_its_last_line_and_stores_only_a_hash():
    lines = _run("12345 热线")
    raw = lines[-1]
    api_key = ApiKey.objects.get()
    assert api_key.name == "12345 热线"
    assert api_key.scopes == ["submit", "read"]
    assert api_key.rate_limit_per_minute == 1000
    assert raw.startswith(f"o311_{api_key.prefix}_") and len(raw) > 40
    assert api_key.key_hash != raw and raw not in api_key.key_hash
    assert keys.authenticate(raw) == api_key
    assert keys.authenticate(raw[:-1]) is None


def test_command_options():
    owner = UserFactory(username="partner-admin")
    raw = _run("省平台", "--scopes", "read", "--rate-limit", "50", "--owner", "partner-admin")[-1]
    api_key = keys.authenticate(raw)
    assert api_key.scopes == ["read"] and not api_key.has_scope("submit")
    assert api_key.rate_limit_per_minute == 50 and api_key.owner == owner


@pytest.mark.parametrize(
    "args", [("x", "--scopes", "admin"), ("x", "--scopes", ""), ("x", "--owner", "nobody")]
)
def test_command_rejects_bad_options(args):
    with pytest.raises(CommandError):
        call_command("create_api_key", *args, stdout=StringIO())
    assert not ApiKey.objects.exists()


def test_revoked_key_no_longer_authenticates_and_last_use_is_recorded():
    api_key, raw = keys.issue_key("x")
    assert api_key.last_used_at is None
    assert keys.authenticate(raw).last_used_at is not None
    keys.revoke(api_key)
    assert keys.authenticate(raw) is None


def test_admin_creates_a_key_shows_it_once_and_revokes(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/django-admin/open311/apikey/add/",
        {"name": "电商平台", "scopes": ["submit"], "rate_limit_per_minute": 500, "note": ""},
        follow=True,
    )
    assert response.status_code == 200
    api_key = ApiKey.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    raw = next(m.split("：")[-1] for m in shown if "只显示这一次" in m)
    assert keys.authenticate(raw) == api_key
    assert api_key.scopes == ["submit"] and api_key.rate_limit_per_minute == 500
    page = client.get(f"/django-admin/open311/apikey/{api_key.pk}/change/").content.decode()
    assert raw not in page
    client.post(
        "/django-admin/open311/apikey/",
        {"action": "revoke_keys", "_selected_action": [api_key.pk]},
    )
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
