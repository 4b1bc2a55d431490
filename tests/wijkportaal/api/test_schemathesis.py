"""schemathesis runs every operation of the API's own OpenAPI document against the app (a bounded number
of examples each): no answer is a 500, and every answer has a documented status and the documented shape.

The operations are driven here with hypothesis directly: schemathesis' pytest plugin does not run under
pytest 9 (it reads a node attribute pytest no longer has)."""

from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
VOORBEELDEN = 25  # per operation: `make test` stays quick


def _draai(app, headers: dict, voorbeelden: int) -> Counter:
    """Every operation with `voorbeelden` generated requests; raises at the first failed check."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    telling: Counter = Counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        telling["operaties"] += 1

        @settings(
            max_examples=voorbeelden,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def draai(case):
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            telling["verzoeken"] += 1
            telling[response.status_code] += 1

        draai()
    return telling


def test_every_operation_keeps_to_the_document(app, potten, make_token):
    telling = _draai(app, {"Authorization": f"Bearer {make_token(potten.swv)}"}, VOORBEELDEN)
    assert telling["operaties"] >= 12
    assert telling[500] == 0
    assert telling[200] > 0  # the calls got through, not only refusals
    print(f"schemathesis: {dict(telling)}")


def test_every_operation_without_login_is_401(app, potten):
    """Anonymous calls, reads and writes alike: 401 with a JSON body where the document asks for a login."""
    telling = _draai(app, {}, 5)
    assert telling[500] == 0 and telling[400] == 0
    assert telling[401] > 0
    print(f"schemathesis anoniem: {dict(telling)}")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_an_undeclared_method_answers_405_with_allow(client, method):
    response = client.open("/api/v1/potten", method=method.upper())
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET"}
    assert response.get_json()["fout"] == "Niet toegestaan"


def test_an_unauthenticated_post_is_401_json(client, potten):
    response = client.post(
        f"/api/v1/potten/{potten.a.id}/bijdragen", json={}, headers={"Idempotency-Key": "k1"}
    )
    assert response.status_code == 401
    assert response.get_json()["fout"] == "Niet ingelogd"
