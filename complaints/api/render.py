"""JSON and XML responses in the GeoReport v2 shapes, and errors in the standard's format."""

import json
import re
from xml.etree import ElementTree as ET

from django.http import HttpResponse

# How list fields are wrapped in XML: <attributes><attribute>…, <values><value>…
LIST_ITEM_TAGS = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


# Characters XML 1.0 cannot carry at all (not even escaped): C0 controls other than TAB, LF, CR,
# lone surrogates, U+FFFE and U+FFFF. Written as they are, they make the document unparseable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _append(element, key, child)
    else:
        element.text = _xml_text(value)


def _append(parent: ET.Element, tag: str, value) -> None:
    if isinstance(value, list):
        container = ET.SubElement(parent, tag)
        item_tag = LIST_ITEM_TAGS.get(tag, "item")
        for item in value:
            _fill(ET.SubElement(container, item_tag), item)
    else:
        _fill(ET.SubElement(parent, tag), value)


def to_xml(payload, root: str, item: str | None = None) -> bytes:
    """`payload` is a list (each entry becomes <item>) or a dict (fields of <root>)."""
    element = ET.Element(root)
    if isinstance(payload, list):
        for entry in payload:
            _fill(ET.SubElement(element, item), entry)
    else:
        _fill(element, payload)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(payload, fmt: str, *, root: str, item: str | None = None, status: int = 200):
    if fmt == "xml":
        body = to_xml(payload, root, item)
    else:
        body = json.dumps(payload, ensure_ascii=False).encode()
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error(fmt: str, status: int, *descriptions: str, headers: dict | None = None):
    """`[{"code": 400, "description": "…"}]` / `<errors><error><code>400</code>…`."""
    payload = [{"code": status, "description": str(text)} for text in descriptions]
    response = respond(payload, fmt, root="errors", item="error", status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response
