import pytest

from portal import health


@pytest.mark.django_db
def test_healthz_reports_every_component(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "channel_layer", "search"}
    assert all(item["ok"] for item in body["checks"].values())


@pytest.mark.django_db
def test_healthz_is_503_when_a_component_is_down(client, monkeypatch):
    def broken_cache():
        return False, "ConnectionError"

    monkeypatch.setitem(health.CHECKS, "cache", broken_cache)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {
        "ok": False,
        "detail": "ConnectionError",
        "ms": response.json()["checks"]["cache"]["ms"],
    }
    assert response.json()["status"] == "unavailable"


@pytest.mark.django_db
def test_database_check_reports_failure_instead_of_raising(monkeypatch):
    from django.db import connection

    def explode(*args, **kwargs):
        raise RuntimeError("database is gone")

    monkeypatch.setattr(connection, "cursor", explode)
    assert health.check_database() == (False, "RuntimeError")
