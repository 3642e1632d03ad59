"""discovery, services and service definitions: the standard's field names and types."""

import pytest

from complaints.models import Category, District

from .helpers import as_json, as_xml, xml_records

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

SERVICE_FIELDS = {
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
}


def test_discovery_json_and_xml(client):
    data = as_json(client.get("/open311/v2/discovery.json"))
    assert set(data) >= {"changeset", "contact", "key_service", "endpoints"}
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    root = as_xml(client.get("/open311/v2/discovery.xml"))
    assert root.tag == "discovery"
    formats = [f.text for f in root.findall("endpoints/endpoint/formats/format")]
    assert set(formats) == {"text/xml", "application/json"}


def test_services_lists_one_service_per_active_category(client):
    Category.objects.filter(code="geo-indication").update(is_active=False)
    services = as_json(client.get("/open311/v2/services.json"))
    expected = set(Category.objects.filter(is_active=True).values_list("code", flat=True))
    assert {s["service_code"] for s in services} == expected
    for service in services:
        assert set(service) == SERVICE_FIELDS
        assert service["metadata"] is True
        assert service["type"] == "realtime"
        assert isinstance(service["keywords"], str)
        assert service["group"] in {"12330", "12315", "12390"}
    patent = next(s for s in services if s["service_code"] == "patent-dispute")
    assert patent["group"] == "12330"
    assert patent["service_name"] == "专利侵权纠纷"
    assert "专利" in patent["keywords"].split(",")


def test_services_xml_uses_the_standard_element_names(client):
    root = as_xml(client.get("/open311/v2/services.xml"))
    assert root.tag == "services"
    records = xml_records(root, "service")
    assert records and all(set(r) == SERVICE_FIELDS for r in records)
    assert all(r["metadata"] == "true" and r["type"] == "realtime" for r in records)


def test_service_names_follow_the_language(client):
    services = as_json(client.get("/open311/v2/services.json", HTTP_ACCEPT_LANGUAGE="en"))
    patent = next(s for s in services if s["service_code"] == "patent-dispute")
    assert patent["service_name"] == Category.objects.get(code="patent-dispute").name_en


def test_service_definition_describes_the_category_fields(client):
    data = as_json(client.get("/open311/v2/services/patent-dispute.json"))
    assert data["service_code"] == "patent-dispute"
    attributes = {a["code"]: a for a in data["attributes"]}
    for attribute in data["attributes"]:
        assert set(attribute) == {
            "variable",
            "code",
            "datatype",
            "required",
            "datatype_description",
            "order",
            "description",
            "values",
        }
        assert isinstance(attribute["order"], int) and isinstance(attribute["required"], bool)
        assert attribute["datatype"] in {"string", "text", "singlevaluelist", "number"}
    assert [a["order"] for a in data["attributes"]] == list(range(1, len(attributes) + 1))
    kind = attributes["kind"]
    assert kind["required"] is True and kind["datatype"] == "singlevaluelist"
    allowed = Category.objects.get(code="patent-dispute").allowed_kinds
    assert [v["key"] for v in kind["values"]] == allowed
    district = attributes["district"]
    assert district["datatype"] == "singlevaluelist"
    assert {v["key"] for v in district["values"]} == set(
        District.objects.values_list("code", flat=True)
    )
    assert len(district["values"]) == 14
    assert {"江岸区", "东湖新技术开发区"} <= {v["name"] for v in district["values"]}
    assert "respondent_name" in attributes
    ip_number = attributes["ip_right_number"]
    patent = Category.objects.get(code="patent-dispute")
    assert ip_number["required"] is patent.requires_ip_right_number


def test_service_definition_xml(client):
    root = as_xml(client.get("/open311/v2/services/trademark-infringement.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "trademark-infringement"
    attributes = root.findall("attributes/attribute")
    assert [a.findtext("code") for a in attributes][:2] == ["kind", "district"]
    kind = attributes[0]
    assert kind.findtext("required") == "true"
    assert [v.findtext("key") for v in kind.findall("values/value")] == ["complaint", "report"]
    assert [v.findtext("name") for v in kind.findall("values/value")] == ["投诉", "举报"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_is_404_in_the_standard_error_format(client, fmt):
    response = client.get(f"/open311/v2/services/no-such-thing.{fmt}")
    assert response.status_code == 404
    if fmt == "json":
        assert as_json(response) == [{"code": 404, "description": "没有这项服务：no-such-thing"}]
    else:
        root = as_xml(response)
        assert root.tag == "errors"
        assert root.findtext("error/code") == "404"
        assert root.findtext("error/description")


def test_inactive_category_is_not_a_service(client):
    Category.objects.filter(code="ic-layout").update(is_active=False)
    assert client.get("/open311/v2/services/ic-layout.json").status_code == 404


def test_wrong_method_is_405_with_standard_errors(client):
    response = client.post("/open311/v2/services.json")
    assert response.status_code == 405
    assert as_json(response)[0]["code"] == 405
