"""API routes that document themselves: `api_route` registers a view, enforces its login and
serialises its result through the declared response type; the view reads the request body, query and
`Idempotency-Key` header it declared through `request_body`, `request_query` and
`request_idempotency_key`; `document` builds the OpenAPI 3.1 description from the app's URL map and
those declarations, so the document cannot drift from the code."""

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NoReturn

from flask import Blueprint, Flask, Response, abort, current_app, request
from flask_login import login_required
from pydantic import BaseModel, TypeAdapter, ValidationError

from wijkportaal.api.schemas import Fout, Validatiefout
from wijkportaal.core.ids import ID_SCHEMA
from wijkportaal.core.web import ERROR_TEXTS

OPENAPI_VERSION = "3.1.0"
REF_TEMPLATE = "#/components/schemas/{model}"
SECURITY = [{"bearerToken": []}, {"sessieCookie": []}]
ERROR_DESCRIPTIONS = {
    401: "Niet ingelogd",
    409: "Conflict",
    422: "Ongeldige invoer",
    **{code: title for code, (title, _) in ERROR_TEXTS.items()},
}
ERROR_MODELS = {422: Validatiefout}
IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_MAX_LENGTH = 100
IDEMPOTENCY_PATTERN = r"^[ -~]*[!-~][ -~]*$"  # printable ASCII, not only spaces (`request_idempotency_key`)
SUCCESS_DESCRIPTIONS = {200: "OK", 201: "Aangemaakt"}
_PATH_PARAMETER = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
_CONVERTER_SCHEMAS = {"id": ID_SCHEMA, "int": {"type": "integer"}, "float": {"type": "number"}}


@dataclass(frozen=True)
class Operatie:
    """What the OpenAPI document says about one API view."""

    summary: str
    response: TypeAdapter
    errors: tuple[int, ...]
    public: bool
    status: int = 200
    body: TypeAdapter | None = None
    query: type[BaseModel] | None = None
    idempotency_key: bool = False


def api_route(
    bp: Blueprint,
    rule: str,
    *,
    summary: str,
    response: Any,
    errors: Iterable[int] = (),
    methods: Iterable[str] = ("GET",),
    public: bool = False,
    status: int = 200,
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    idempotency_key: bool = False,
) -> Callable:
    """Register `view` on `bp` at `rule` as a documented API operation.

    The view returns data of type `response` (a pydantic model, `list[Model]`, ...), or a tuple
    `(data, status)`; the JSON body is that data validated and serialised by pydantic, with status
    `status` unless the view says otherwise. Unless `public`, the caller must be logged in
    (session cookie or Bearer token) and 401 is documented; list the other error codes the view
    may answer with (abort(403), abort(404)) in `errors`.

    `body` (a pydantic model) is the JSON request body and `query` the query parameters: the view reads
    them, after its own access checks, with `request_body()` and `request_query()` (400/422 when they are
    invalid). With `idempotency_key` the `Idempotency-Key` header is required (`request_idempotency_key()`,
    400 without it), a repeat answers 200 with the original result and a reuse for other content 409.
    """
    adapter = TypeAdapter(response)
    implied = {
        *(() if public else (401,)),
        *((400, 422) if body is not None or query is not None else ()),
        *((400, 409) if idempotency_key else ()),
    }
    fouten = tuple(sorted({*errors, *implied}))

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def serialised(**kwargs):
            data, code = view(**kwargs), status
            if isinstance(data, tuple):
                data, code = data
            data = adapter.validate_python(data, from_attributes=True)
            result = Response(adapter.dump_json(data), status=code, mimetype="application/json")
            if not public:
                result.headers["Cache-Control"] = "no-store"
            return result

        endpoint = login_required(serialised) if not public else serialised
        endpoint.api_operatie = Operatie(
            summary=summary,
            response=adapter,
            errors=fouten,
            public=public,
            status=status,
            body=TypeAdapter(body) if body is not None else None,
            query=query,
            idempotency_key=idempotency_key,
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
    inputs += [(rule.endpoint, "validation", op.body) for rule, op in operaties if op.body is not None]
    inputs += [
        (model.__name__, "serialization", TypeAdapter(model)) for model in (Fout, *ERROR_MODELS.values())
    ]
    schemas, definitions = TypeAdapter.json_schemas(inputs, ref_template=REF_TEMPLATE)
    fout_schemas = {
        code: schemas[(ERROR_MODELS.get(code, Fout).__name__, "serialization")]
        for _, operatie in operaties
        for code in operatie.errors
    }

    paths: dict[str, dict] = {}
    for rule, operatie in operaties:
        path = _PATH_PARAMETER.sub(lambda m: "{" + m["name"] + "}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(
                rule,
                operatie,
                schemas[(rule.endpoint, "serialization")],
                schemas.get((rule.endpoint, "validation")),
                fout_schemas,
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


def _operation(
    rule, operatie: Operatie, response_schema: dict, body_schema: dict | None, fout_schemas: dict[int, dict]
) -> dict:
    content = {"application/json": {"schema": response_schema}}
    responses = {
        str(operatie.status): {
            "description": SUCCESS_DESCRIPTIONS.get(operatie.status, "OK"),
            "content": content,
        }
    }
    if operatie.idempotency_key:
        responses.setdefault(
            "200",
            {
                "description": "Herhaald verzoek met dezelfde Idempotency-Key en inhoud: het oorspronkelijke "
                "resultaat, zonder iets opnieuw te boeken.",
                "content": content,
            },
        )
    for code in operatie.errors:
        responses[str(code)] = {
            "description": ERROR_DESCRIPTIONS.get(code, "Fout"),
            "content": {"application/json": {"schema": fout_schemas[code]}},
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
        "responses": dict(sorted(responses.items())),
        "security": [] if operatie.public else SECURITY,
    }
    if operatie.query is not None:
        operation["parameters"] += _query_parameters(operatie.query)
    if operatie.idempotency_key:
        operation["parameters"].append(
            {
                "name": IDEMPOTENCY_HEADER,
                "in": "header",
                "required": True,
                "description": "Een unieke sleutel per bedoelde boeking (bijvoorbeeld een UUID), gekozen door de "
                "client. Herhaalt u het verzoek met dezelfde sleutel en inhoud, dan krijgt u het oorspronkelijke "
                "resultaat terug en wordt er niets opnieuw geboekt; dezelfde sleutel met andere inhoud geeft 409.",
                "schema": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": IDEMPOTENCY_MAX_LENGTH,
                    "pattern": IDEMPOTENCY_PATTERN,
                },
            }
        )
    if body_schema is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": body_schema}},
        }
    if not operation["parameters"]:
        del operation["parameters"]
    return operation


def _query_parameters(model: type[BaseModel]) -> list[dict]:
    schema = model.model_json_schema(mode="validation")
    return [
        {
            "name": name,
            "in": "query",
            "required": name in schema.get("required", []),
            **({"description": prop.pop("description")} if "description" in prop else {}),
            "schema": {k: v for k, v in prop.items() if k != "title"},
        }
        for name, prop in schema["properties"].items()
    ]


# Reading a request: the body, query and header an operation declared, with Dutch messages


def fout(
    code: int, toelichting: str, *, titel: str | None = None, velden: dict[str, str] | None = None
) -> NoReturn:
    """Answer at once with a JSON error: `Fout`, or `Validatiefout` (with `velden`) for 422."""
    titel = titel or ERROR_DESCRIPTIONS.get(code, "Fout")
    model = ERROR_MODELS.get(code, Fout)
    data = model(
        fout=titel, toelichting=toelichting, **({"velden": velden or {}} if model is Validatiefout else {})
    )
    abort(Response(data.model_dump_json(), status=code, mimetype="application/json"))


def _operatie() -> Operatie:
    return current_app.view_functions[request.endpoint].api_operatie


def request_body() -> Any:
    """The JSON body validated (strictly) by the model the operation declared; 400 or 422 otherwise."""
    adapter = _operatie().body
    if adapter is None:
        raise LookupError(f"{request.endpoint} declares no request body")
    try:
        return adapter.validate_json(request.get_data(), strict=True)
    except ValidationError as fouten:
        _ongeldig(fouten, body=True)


def request_query() -> BaseModel:
    """The query parameters validated by the model the operation declared; 422 otherwise."""
    model = _operatie().query
    if model is None:
        raise LookupError(f"{request.endpoint} declares no query parameters")
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as fouten:
        _ongeldig(fouten, body=False)


def request_idempotency_key() -> str:
    """The Idempotency-Key header of an operation that requires one; 400 when it is missing or malformed."""
    if not _operatie().idempotency_key:
        raise LookupError(f"{request.endpoint} declares no {IDEMPOTENCY_HEADER}")
    sleutel = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    if not sleutel:
        fout(
            400,
            f"Geef een {IDEMPOTENCY_HEADER}-header mee: een unieke sleutel per boeking, bijvoorbeeld een UUID.",
        )
    if len(sleutel) > IDEMPOTENCY_MAX_LENGTH or not sleutel.isascii() or not sleutel.isprintable():
        fout(
            400, f"De {IDEMPOTENCY_HEADER} is hoogstens {IDEMPOTENCY_MAX_LENGTH} leesbare ASCII-tekens lang."
        )
    return sleutel


_MELDINGEN = {
    "missing": "Dit veld is verplicht.",
    "extra_forbidden": "Dit veld bestaat niet.",
    "string_type": "Geef dit veld als tekst.",
    "string_too_short": "Vul dit veld in.",
    "string_too_long": "Maximaal {max_length} tekens.",
    "int_type": "Geef een geheel getal.",
    "int_parsing": "Geef een geheel getal.",
    "int_from_float": "Geef een geheel getal.",
    "bool_type": "Geef true of false.",
    "bool_parsing": "Geef true of false.",
    "date_type": "Geef een datum als JJJJ-MM-DD.",
    "date_parsing": "Geef een datum als JJJJ-MM-DD.",
    "date_from_datetime_parsing": "Geef een datum als JJJJ-MM-DD.",
    "date_from_datetime_inexact": "Geef een datum als JJJJ-MM-DD.",
    "greater_than_equal": "Minimaal {ge}.",
    "less_than_equal": "Maximaal {le}.",
    "enum": "Kies uit {expected}.",
    "literal_error": "Kies uit {expected}.",
}


def _ongeldig(fouten: ValidationError, *, body: bool) -> NoReturn:
    velden: dict[str, str] = {}
    for error in fouten.errors(include_url=False):
        if body and error["type"] in ("json_invalid", "json_type", "model_type", "model_attributes_type"):
            fout(400, "De inhoud van het verzoek is geen geldig JSON-object.")
        ctx = error.get("ctx") or {}
        veld = ctx.get("veld") or ".".join(str(part) for part in error["loc"]) or "_"
        sjabloon = _MELDINGEN.get(error["type"])
        if sjabloon is None:  # our own checks (PydanticCustomError) speak Dutch already
            melding = error["msg"] if error["type"] == "ongeldig" else "Ongeldige waarde."
        else:
            melding = sjabloon.format(**{k: str(v).replace(" or ", " of ") for k, v in ctx.items()})
        velden.setdefault(veld, melding)
    fout(422, "Niet alles is goed ingevuld; er is niets opgeslagen.", velden=velden)
