"""Content Security Policy: the editors' admin gets a policy its scripts can run under; every other
page keeps the strict public one (scripts only from this site or with the response's nonce)."""

import pytest
from django.conf import settings


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (directive.split() for directive in policy.split(";") if directive)
    }


def without_nonce(values):
    """The nonce is only in the header when the page used it, and differs on each response."""
    return [value for value in values if not value.startswith("'nonce-")]


@pytest.mark.django_db
def test_admin_policy_applies_only_under_admin(client, home_page, django_user_model):
    editor = django_user_model.objects.create_superuser("csp-editor", password="x")
    public = [
        "/",
        "/en/",
        "/complaints/new/",
        "/search/?q=专利",
        "/administration/",  # 404 page: not the admin, despite the prefix
        "/django-admin/login/",  # Django's admin runs under the public policy
    ]
    admin = ["/admin/login/", "/admin/", "/admin/pages/", "/admin/documents/chooser/"]

    for path in public:
        policy = directives(client.get(path))
        assert without_nonce(policy["script-src"]) == ["'self'"], path
    client.force_login(editor)
    for path in admin:
        policy = directives(client.get(path))
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], path
        assert "'unsafe-eval'" not in policy["script-src"]
        assert policy["connect-src"] == ["'self'", "ws:", "wss:"], path  # no third parties


def test_public_policy_is_as_strict_as_before():
    assert settings.SECURE_CSP["script-src"] == ["'self'", "<CSP_NONCE_SENTINEL>"]
    admin_only = {
        name
        for name, values in settings.ADMIN_SECURE_CSP.items()
        if settings.SECURE_CSP.get(name) != values
    }
    assert admin_only == {"script-src"}
    assert settings.ADMIN_CSP_PATH_PREFIXES == ("/admin/",)
