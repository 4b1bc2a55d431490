"""API routes that document themselves: `api_route` registers a view, enforces its login and
serialises its result through the declared response type; `document` builds the OpenAPI 3.1
description from the app's URL map and those declarations, so the document cannot drift from the code."""

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, Response
from flask_login import login_required
from pydantic import TypeAdapter

from wijkportaal.api.schemas import Fout
from wijkportaal.web import ERROR_TEXTS

OPENAPI_VERSION = "3.1.0"
REF_TEMPLATE = "#/components/schemas/{model}"
SECURITY = [{"bearerToken": []}, {"sessieCookie": []}]
ERROR_DESCRIPTIONS = {401: "Niet ingelogd", **{code: title for code, (title, _) in ERROR_TEXTS.items()}}
_PATH_PARAMETER = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
_CONVERTER_SCHEMAS = {"int": {"type": "integer"}, "float": {"type": "number"}}


@dataclass(frozen=True)
class Operatie:
    """What the OpenAPI document says about one API view."""

    summary: str
    response: TypeAdapter
    errors: tuple[int, ...]
    public: bool


def api_route(
    bp: Blueprint,
    rule: str,
    *,
    summary: str,
    response: Any,
    errors: Iterable[int] = (),
    methods: Iterable[str] = ("GET",),
    public: bool = False,
) -> Callable:
    """Register `view` on `bp` at `rule` as a documented API operation.

    The view returns data of type `response` (a pydantic model, `list[Model]`, ...); the JSON body is
    that data validated and serialised by pydantic. Unless `public`, the caller must be logged in
    (session cookie or Bearer token) and 401 is documented; list the other error codes the view
    may answer with (abort(403), abort(404)) in `errors`.
    """
    adapter = TypeAdapter(response)
    fouten = tuple(sorted({*errors, *(() if public else (401,))}))

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def serialised(**kwargs):
            data = adapter.validate_python(view(**kwargs), from_attributes=True)
            result = Response(adapter.dump_json(data), mimetype="application/json")
            if not public:
                result.headers["Cache-Control"] = "no-store"
            return result

        endpoint = login_required(serialised) if not public else serialised
        endpoint.api_operatie = Operatie(
            summary=summary,
            response=adapter,
            errors=fouten,
            public=public,
        )
        bp.add_url_rule(rule, view_func=endpoint, methods=list(methods))
        return endpoint

    return decorator


def document(app: Flask, *, title: str, version: str) -> dict:
    """The OpenAPI document of every `api_route` view registered on `app`."""
    operaties = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        operatie = getattr(app.view_functions.get(rule.endpoint), "api_operatie", None)
        if operatie is not None:
            operaties.append((rule, operatie))

    inputs = [(rule.endpoint, "serialization", operatie.response) for rule, operatie in operaties]
    inputs.append(("Fout", "serialization", TypeAdapter(Fout)))
    schemas, definitions = TypeAdapter.json_schemas(inputs, ref_template=REF_TEMPLATE)

    paths: dict[str, dict] = {}
    for rule, operatie in operaties:
        path = _PATH_PARAMETER.sub(lambda m: "{" + m["name"] + "}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(
                rule, operatie, schemas[(rule.endpoint, "serialization")], schemas[("Fout", "serialization")]
            )

    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": title, "version": version},
        "paths": paths,
        "components": {
            "schemas": definitions.get("$defs", {}),
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Persoonlijk API-token, uit te geven en in te trekken door een beheerder.",
                },
                "sessieCookie": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": app.config.get("SESSION_COOKIE_NAME", "session"),
                    "description": "De sessie van een ingelogde gebruiker in de browser.",
                },
            },
        },
    }


def _operation(rule, operatie: Operatie, response_schema: dict, fout_schema: dict) -> dict:
    responses = {"200": {"description": "OK", "content": {"application/json": {"schema": response_schema}}}}
    for code in operatie.errors:
        responses[str(code)] = {
            "description": ERROR_DESCRIPTIONS.get(code, "Fout"),
            "content": {"application/json": {"schema": fout_schema}},
        }
    operation = {
        "operationId": rule.endpoint.replace(".", "_"),
        "summary": operatie.summary,
        "parameters": [
            {
                "name": m["name"],
                "in": "path",
                "required": True,
                "schema": _CONVERTER_SCHEMAS.get(m["converter"] or "", {"type": "string"}),
            }
            for m in _PATH_PARAMETER.finditer(rule.rule)
        ],
        "responses": responses,
        "security": [] if operatie.public else SECURITY,
    }
    if not operation["parameters"]:
        del operation["parameters"]
    return operation
