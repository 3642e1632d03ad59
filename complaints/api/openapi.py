"""The OpenAPI 3 description of the GeoReport v2 API, served at /open311/v2/openapi.json."""

FORMAT = {
    "name": "format",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "enum": ["json", "xml"]},
}
API_KEY_QUERY = {
    "name": "api_key",
    "in": "query",
    "required": False,
    "description": "A key with the read scope lifts the per-IP limit for anonymous readers.",
    "schema": {"type": "string"},
}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _ok(schema, description="OK"):
    return {
        "description": description,
        "content": {
            "application/json": {"schema": schema},
            "text/xml": {"schema": {"type": "string"}},
        },
    }


ERRORS = {
    "description": "Errors in the GeoReport format",
    "content": {"application/json": {"schema": _ref("Errors")}},
}

SCHEMAS = {
    "Errors": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["code", "description"],
            "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
        },
    },
    "Service": {
        "type": "object",
        "properties": {
            "service_code": {"type": "string"},
            "service_name": {"type": "string"},
            "description": {"type": "string"},
            "metadata": {"type": "boolean"},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": {"type": "string"},
            "group": {"type": "string", "description": "The hotline: 12330, 12315 or 12390"},
        },
    },
    "ServiceDefinition": {
        "type": "object",
        "properties": {
            "service_code": {"type": "string"},
            "attributes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "variable": {"type": "boolean"},
                        "code": {"type": "string"},
                        "datatype": {
                            "type": "string",
                            "enum": [
                                "string",
                                "number",
                                "datetime",
                                "text",
                                "singlevaluelist",
                                "multivaluelist",
                            ],
                        },
                        "required": {"type": "boolean"},
                        "datatype_description": {"type": "string"},
                        "order": {"type": "integer"},
                        "description": {"type": "string"},
                        "values": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "key": {"type": "string"},
                                    "name": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    "ServiceRequest": {
        "type": "object",
        "description": "A case. Never carries personal data; the address is the district.",
        "properties": {
            "service_request_id": {"type": "string"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": {"type": "string"},
            "service_name": {"type": "string"},
            "service_code": {"type": "string"},
            "description": {"type": "string"},
            "agency_responsible": {"type": "string"},
            "service_notice": {"type": "string"},
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "expected_datetime": {"type": "string", "format": "date-time", "nullable": True},
            "address": {"type": "string"},
            "address_id": {"type": "string", "nullable": True},
            "zipcode": {"type": "string", "nullable": True},
            "lat": {"type": "number", "nullable": True},
            "long": {"type": "number", "nullable": True},
            "media_url": {"type": "string", "nullable": True},
        },
    },
    "Created": {
        "type": "object",
        "properties": {
            "service_request_id": {"type": "string"},
            "service_notice": {"type": "string"},
            "account_id": {
                "type": "string",
                "nullable": True,
                "description": "Private access code for /complaints/track/; only on creation.",
            },
            "tracking_url": {"type": "string", "format": "uri"},
        },
    },
    "NewRequest": {
        "type": "object",
        "required": ["api_key", "service_code", "description"],
        "properties": {
            "api_key": {"type": "string"},
            "service_code": {"type": "string"},
            "description": {"type": "string", "maxLength": 4000},
            "address_string": {"type": "string"},
            "lat": {"type": "number"},
            "long": {"type": "number"},
            "attribute[district]": {"type": "string"},
            "attribute[kind]": {"type": "string", "enum": ["complaint", "report", "assistance"]},
            "attribute[respondent_name]": {"type": "string"},
            "attribute[respondent_type]": {
                "type": "string",
                "enum": ["organisation", "individual"],
            },
            "attribute[publication_consent]": {"type": "boolean", "default": False},
            "attribute[ip_right_number]": {"type": "string"},
            "first_name": {"type": "string"},
            "last_name": {"type": "string"},
            "email": {"type": "string", "format": "email"},
            "phone": {"type": "string"},
            "media_url": {"type": "string", "format": "uri"},
            "idempotency_key": {"type": "string", "maxLength": 64},
        },
    },
}


def openapi_document(base_url: str) -> dict:
    many = {"type": "array", "items": _ref("ServiceRequest")}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Wuhan IP complaints — Open311 GeoReport v2",
            "version": "2",
            "description": "Submit and follow IP complaints, reports and assistance requests.",
        },
        "servers": [{"url": base_url.rstrip("/")}],
        "paths": {
            "/discovery.{format}": {
                "get": {
                    "summary": "Service discovery",
                    "parameters": [FORMAT],
                    "responses": {"200": _ok({"type": "object"})},
                }
            },
            "/services.{format}": {
                "get": {
                    "summary": "One service per complaint category",
                    "parameters": [FORMAT, API_KEY_QUERY],
                    "responses": {
                        "200": _ok({"type": "array", "items": _ref("Service")}),
                        "429": ERRORS,
                    },
                }
            },
            "/services/{service_code}.{format}": {
                "get": {
                    "summary": "A category's attributes",
                    "parameters": [
                        {
                            "name": "service_code",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        FORMAT,
                        API_KEY_QUERY,
                    ],
                    "responses": {"200": _ok(_ref("ServiceDefinition")), "404": ERRORS},
                }
            },
            "/requests.{format}": {
                "get": {
                    "summary": "Cases (at most 1000; default the last 90 days)",
                    "parameters": [
                        FORMAT,
                        API_KEY_QUERY,
                        *(
                            {"name": name, "in": "query", "schema": {"type": "string"}}
                            for name in (
                                "service_request_id",
                                "service_code",
                                "start_date",
                                "end_date",
                                "status",
                            )
                        ),
                    ],
                    "responses": {"200": _ok(many), "400": ERRORS, "429": ERRORS},
                },
                "post": {
                    "summary": "File a case (needs an api_key with the submit scope)",
                    "parameters": [
                        FORMAT,
                        {"name": "Idempotency-Key", "in": "header", "schema": {"type": "string"}},
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {"schema": _ref("NewRequest")},
                            "application/json": {"schema": _ref("NewRequest")},
                        },
                    },
                    "responses": {
                        "201": _ok({"type": "array", "items": _ref("Created")}, "Created"),
                        "200": _ok({"type": "array", "items": _ref("Created")}, "A retry"),
                        "400": ERRORS,
                        "403": ERRORS,
                        "404": ERRORS,
                        "429": ERRORS,
                    },
                },
            },
            "/requests/{service_request_id}.{format}": {
                "get": {
                    "summary": "One case",
                    "parameters": [
                        {
                            "name": "service_request_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        FORMAT,
                        API_KEY_QUERY,
                    ],
                    "responses": {"200": _ok(many), "404": ERRORS},
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
