"""The OpenAPI 3 document and the human documentation page."""

import json

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def _resolve(document, ref):
    node = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_openapi_document_is_valid_enough_to_use(client):
    response = client.get("/open311/v2/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] and document["info"]["version"]
    assert document["servers"][0]["url"].endswith("/open311/v2")
    assert set(document["paths"]) == {
        "/discovery.{format}",
        "/services.{format}",
        "/services/{service_code}.{format}",
        "/requests.{format}",
        "/requests/{service_request_id}.{format}",
    }
    assert set(document["paths"]["/requests.{format}"]) == {"get", "post"}
    for ref in _refs(document):
        assert _resolve(document, ref), ref
    for path, item in document["paths"].items():
        for operation in item.values():
            assert operation["responses"]
            names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert names == {part[1:-1] for part in path.split("/") for part in _braces(part)}
    request_fields = document["components"]["schemas"]["ServiceRequest"]["properties"]
    assert "expected_datetime" in request_fields and "account_id" not in request_fields


def _braces(segment):
    import re

    return re.findall(r"\{[^}]+\}", segment)


def test_documentation_page(client):
    response = client.get("/open311/v2/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "开放接口（Open311 GeoReport v2）" in html
    assert 'href="openapi.json"' in html
    assert "trademark-infringement" in html and "jiangan" in html
    assert 'href="/open311/v2/"' in html  # the footer link to this page


def test_documentation_page_in_english(client):
    html = client.get("/open311/v2/").content.decode()
    assert 'href="?locale=en"' in html  # the language switch stays on this page
    html = client.get("/open311/v2/?locale=en").content.decode()
    assert 'lang="en"' in html and "Open API (Open311 GeoReport v2)" in html
    client.cookies["django_language"] = "en"
    assert "Open API (Open311 GeoReport v2)" in client.get("/open311/v2/").content.decode()
