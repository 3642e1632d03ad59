"""Anonymous readers are limited per IP; a key is limited by its own per-minute quota."""

import pytest

from complaints.api.keys import issue_key

from .helpers import as_json, as_xml

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def anon_limit(settings):
    settings.OPEN311_ANON_RATE_PER_MINUTE = 3
    return 3


def test_anonymous_reads_are_limited_per_ip(client, anon_limit):
    for _ in range(anon_limit):
        response = client.get("/open311/v2/services.json")
        assert response.status_code == 200
    assert response["X-RateLimit-Limit"] == "3"
    assert response["X-RateLimit-Remaining"] == "0"
    refused = client.get("/open311/v2/requests.json")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert as_json(refused)[0]["code"] == 429
    refused_xml = client.get("/open311/v2/discovery.xml")
    assert refused_xml.status_code == 429 and as_xml(refused_xml).findtext("error/code") == "429"
    # Another address has its own allowance.
    assert client.get("/open311/v2/services.json", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_read_key_lifts_the_ip_limit(client, anon_limit, raw_key):
    for _ in range(anon_limit):
        client.get("/open311/v2/services.json")
    assert client.get("/open311/v2/services.json").status_code == 429
    response = client.get(f"/open311/v2/services.json?api_key={raw_key}")
    assert response.status_code == 200
    assert response["X-RateLimit-Limit"] == "1000"


def test_a_key_without_read_scope_stays_on_the_ip_limit(client, anon_limit):
    _, submit_only = issue_key("只提交", scopes=["submit"])
    for _ in range(anon_limit):
        client.get(f"/open311/v2/services.json?api_key={submit_only}")
    assert client.get(f"/open311/v2/services.json?api_key={submit_only}").status_code == 429


def test_a_bad_key_on_a_read_is_403(client):
    response = client.get("/open311/v2/services.json?api_key=o311_bad_key")
    assert response.status_code == 403


def test_each_key_has_its_own_quota(client, post_case):
    _, small_raw = issue_key("小流量", rate_limit_per_minute=2)
    other_raw = issue_key("大流量")[1]
    assert post_case(api_key=small_raw).status_code == 201
    assert client.get(f"/open311/v2/requests.json?api_key={small_raw}").status_code == 200
    refused = post_case(api_key=small_raw)
    assert refused.status_code == 429
    assert as_json(refused)[0]["code"] == 429
    assert client.get(f"/open311/v2/requests.json?api_key={small_raw}").status_code == 429
    # Neither the other partner nor anonymous readers are affected.
    assert post_case(api_key=other_raw).status_code == 201
    assert client.get("/open311/v2/requests.json").status_code == 200


def test_default_quota_admits_a_burst(client, raw_key, api_key):
    assert api_key[0].rate_limit_per_minute == 1000
    for _ in range(120):
        response = client.get(f"/open311/v2/discovery.json?api_key={raw_key}")
        assert response.status_code == 200
    assert response["X-RateLimit-Remaining"] == str(1000 - 120)
