"""Reading GeoReport responses in both formats with the standard's element names."""

import json

from defusedxml import ElementTree


def as_json(response):
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return json.loads(response.content)


def as_xml(response):
    assert response["Content-Type"].startswith("text/xml"), response["Content-Type"]
    return ElementTree.fromstring(response.content)


def xml_records(root, item_tag):
    """[{child tag: text}] for each <item_tag> under root (flat fields only)."""
    return [
        {child.tag: (child.text or "") for child in item if len(child) == 0}
        for item in root.findall(item_tag)
    ]
