"""The OpenAPI document: well-formed, complete, and true to what the API returns."""

import re
from datetime import date, datetime

from pydantic import TypeAdapter

from wijkportaal.api.schemas import WijkDetail, WijkSamenvatting
from wijkportaal.core.roles import Rol


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def validate(instance, schema, components, path="$") -> list[str]:
    """Errors of `instance` against the subset of JSON Schema 2020-12 that pydantic emits.

    (The jsonschema package is not a dependency; this covers every keyword our document uses.)"""
    if "$ref" in schema:
        return validate(
            instance, components[schema["$ref"].removeprefix("#/components/schemas/")], components, path
        )
    if "anyOf" in schema:
        options = [validate(instance, option, components, path) for option in schema["anyOf"]]
        return [] if any(not errors for errors in options) else [f"{path}: matches no anyOf option"]
    errors = []
    kind = schema.get("type")
    checks = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    if kind is not None and not checks[kind](instance):
        return [f"{path}: expected {kind}, got {instance!r}"]
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{path}: {instance!r} not in {schema['enum']}")
    if "minimum" in schema and instance < schema["minimum"]:
        errors.append(f"{path}: {instance} < {schema['minimum']}")
    fmt = schema.get("format")
    try:
        if fmt == "date":
            date.fromisoformat(instance)
        elif fmt == "date-time":
            datetime.fromisoformat(instance)
    except ValueError:
        errors.append(f"{path}: {instance!r} is not a {fmt}")
    if kind == "object":
        properties = schema.get("properties", {})
        errors += [f"{path}: missing {key}" for key in schema.get("required", []) if key not in instance]
        for key, value in instance.items():
            if key in properties:
                errors += validate(value, properties[key], components, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected {key}")
    if kind == "array" and "items" in schema:
        for i, value in enumerate(instance):
            errors += validate(value, schema["items"], components, f"{path}[{i}]")
    return errors


def response_schema(doc, path):
    return doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]


def test_openapi_is_public_and_well_formed(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json
    assert re.fullmatch(r"3\.1\.\d+", doc["openapi"])
    assert doc["info"]["title"] and doc["info"]["version"]
    assert {"/api/v1/wijken", "/api/v1/wijken/{code}"} <= set(doc["paths"])
    schemes = doc["components"]["securitySchemes"]
    assert schemes["bearerToken"] == {**schemes["bearerToken"], "type": "http", "scheme": "bearer"}
    assert schemes["sessieCookie"]["in"] == "cookie"
    assert doc["paths"]["/api/v1/openapi.json"]["get"]["security"] == []


def test_every_ref_resolves(client):
    doc = client.get("/api/v1/openapi.json").json
    found = list(refs(doc))
    assert found
    for ref in found:
        assert ref.startswith("#/components/schemas/")
        assert ref.removeprefix("#/components/schemas/") in doc["components"]["schemas"]


def test_operations_document_auth_parameters_and_errors(client):
    doc = client.get("/api/v1/openapi.json").json
    lijst = doc["paths"]["/api/v1/wijken"]["get"]
    detail = doc["paths"]["/api/v1/wijken/{code}"]["get"]
    for operation in (lijst, detail):
        assert {"bearerToken": []} in operation["security"]
        assert {"sessieCookie": []} in operation["security"]
        assert "401" in operation["responses"]
    assert {"403", "404"} <= set(detail["responses"])
    assert detail["parameters"] == [
        {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    assert response_schema(doc, "/api/v1/wijken") == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/WijkSamenvatting"},
    }
    status = doc["components"]["schemas"]["OverlegStatus"]
    assert set(status["enum"]) == {"functionerend", "opstartend", "geen"}


def test_every_api_route_is_documented(app, client):
    doc = client.get("/api/v1/openapi.json").json
    documented = {(path, method.upper()) for path, ops in doc["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented


def test_responses_validate_against_the_document(
    client, auth, make_user, make_wijk, make_overleg, make_bijeenkomst
):
    make_wijk()
    o = make_overleg()
    make_bijeenkomst(o.overleg, days=-20, vastgesteld=True, aanwezig=(o.okt,))
    make_bijeenkomst(o.overleg, days=10)
    doc = client.get("/api/v1/openapi.json").json
    components = doc["components"]["schemas"]
    auth.login(make_user(Rol.SWV))

    lijst = client.get("/api/v1/wijken").json
    assert len(lijst) == 2
    assert validate(lijst, response_schema(doc, "/api/v1/wijken"), components) == []
    detail = client.get(f"/api/v1/wijken/{o.wijk.code}").json
    assert len(detail["bijeenkomsten"]) == 2
    assert validate(detail, response_schema(doc, "/api/v1/wijken/{code}"), components) == []
    fout = client.get("/api/v1/wijken/onbekend")
    schema = doc["paths"]["/api/v1/wijken/{code}"]["get"]["responses"]["404"]["content"]["application/json"]
    assert validate(fout.json, schema["schema"], components) == []

    # And round-trip through the models the document was generated from.
    adapter = TypeAdapter(list[WijkSamenvatting])
    assert adapter.dump_python(adapter.validate_python(lijst), mode="json") == lijst
    assert WijkDetail.model_validate(detail).model_dump(mode="json") == detail


def test_validator_catches_drift(client):
    """The hand-rolled validator above must be able to fail, or the previous test proves nothing."""
    doc = client.get("/api/v1/openapi.json").json
    components = doc["components"]["schemas"]
    schema = response_schema(doc, "/api/v1/wijken")
    good = {
        "code": "w",
        "naam": "W",
        "regio": "R",
        "overleg_status": "geen",
        "status_redenen": [],
        "laatste_bijeenkomst": None,
        "bijeenkomsten_dit_schooljaar": 0,
        "ontbrekende_themas": [],
        "te_late_actiepunten": 0,
    }
    assert validate([good], schema, components) == []
    for bad in (
        {**good, "overleg_status": "prima"},
        {**good, "laatste_bijeenkomst": "gisteren"},
        {**good, "bijeenkomsten_dit_schooljaar": "3"},
        {**good, "extra": 1},
        {k: v for k, v in good.items() if k != "regio"},
    ):
        assert validate([bad], schema, components) != []
