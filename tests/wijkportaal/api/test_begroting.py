"""GET /api/v1/begroting?jaar=YYYY: the begroting of a year in integer cents, in the OpenAPI document."""

import pytest

from wijkportaal.begroting import queries, services
from wijkportaal.begroting.rules import lees_cellen
from wijkportaal.core.roles import Rol

from .test_openapi import response_schema, validate


@pytest.fixture
def begroting(db, make_user):
    """Samenwerking in de wijk en regio (two lines) and Binnenplaats (alone) for 2026, with € 50.000
    committed on Nieuwe initiatieven of which € 1.234,56 paid."""
    swv = make_user(Rol.SWV)
    rijen = lees_cellen(
        [
            ["groep", "regel", "2026"],
            ["Samenwerking in de wijk en regio", "Nieuwe initiatieven", "200.000"],
            ["Samenwerking in de wijk en regio", "Netwerk van wijken", "8.000"],
            ["Binnenplaats", "Binnenplaats", "27.000"],
        ]
    ).rijen
    services.importeer(db, swv, rijen, "begroting.csv")
    regel = queries.regel(db, "Samenwerking in de wijk en regio", "Nieuwe initiatieven")
    services.zeg_toe(db, swv, regel, 2026, 5_000_000, "Initiatief A", "a")
    services.betaal(db, swv, regel, 2026, 123_456, "Initiatief A, tranche 1", "a-1")
    db.commit()
    return swv


def test_the_begroting_of_a_year(api_as, begroting):
    response = api_as(begroting).get("/begroting?jaar=2026")
    assert response.status_code == 200
    assert response.json == {
        "jaar": 2026,
        "groepen": [
            {
                "naam": "Samenwerking in de wijk en regio",
                "begroot": 20_800_000,
                "toegezegd": 5_000_000,
                "betaald": 123_456,
                "resterend": 15_800_000,
                "regels": [
                    {
                        "naam": "Nieuwe initiatieven",
                        "begroot": 20_000_000,
                        "toegezegd": 5_000_000,
                        "betaald": 123_456,
                        "resterend": 15_000_000,
                    },
                    {
                        "naam": "Netwerk van wijken",
                        "begroot": 800_000,
                        "toegezegd": 0,
                        "betaald": 0,
                        "resterend": 800_000,
                    },
                ],
            },
            {
                "naam": "Binnenplaats",
                "begroot": 2_700_000,
                "toegezegd": 0,
                "betaald": 0,
                "resterend": 2_700_000,
                "regels": [
                    {
                        "naam": "Binnenplaats",
                        "begroot": 2_700_000,
                        "toegezegd": 0,
                        "betaald": 0,
                        "resterend": 2_700_000,
                    }
                ],
            },
        ],
        "totaal": {
            "begroot": 23_500_000,
            "toegezegd": 5_000_000,
            "betaald": 123_456,
            "resterend": 18_500_000,
        },
    }


def test_a_year_without_amounts_lists_the_lines_at_zero(api_as, begroting):
    data = api_as(begroting).get("/begroting?jaar=2031").json
    assert data["jaar"] == 2031
    assert data["totaal"] == {"begroot": 0, "toegezegd": 0, "betaald": 0, "resterend": 0}
    assert [r["naam"] for g in data["groepen"] for r in g["regels"]] == [
        "Nieuwe initiatieven",
        "Netwerk van wijken",
        "Binnenplaats",
    ]


@pytest.mark.parametrize("jaar", ["twintig", "26", "1999", "2101", "2026.0", "-2026"])
def test_a_bad_year_is_a_400_with_a_json_error(api_as, begroting, jaar):
    response = api_as(begroting).get(f"/begroting?jaar={jaar}")
    assert response.status_code == 400
    assert response.json == {
        "fout": "Ongeldig verzoek",
        "toelichting": "Geef het jaar als vier cijfers tussen 2000 en 2100, bijvoorbeeld ?jaar=2026.",
    }


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        (Rol.SWV, 200),
        (Rol.DIRECTEUR, 200),
        (Rol.BEHEERDER, 403),
        (Rol.BEOORDELAAR, 403),
        (Rol.BESTUURDER, 403),
        (Rol.SCHOOLLEIDER, 403),
        (Rol.PARTNER, 403),
    ],
)
def test_who_may_read_it(api_as, make_user, begroting, rol, status):
    assert api_as(make_user(rol)).get("/begroting?jaar=2026").status_code == status


def test_without_a_token_it_is_401(client, begroting):
    assert client.get("/api/v1/begroting?jaar=2026").status_code == 401


def test_it_is_in_the_openapi_document_and_true_to_it(client, api_as, begroting):
    doc = client.get("/api/v1/openapi.json").json
    operatie = doc["paths"]["/api/v1/begroting"]["get"]
    assert [p["name"] for p in operatie["parameters"] if p["in"] == "query"] == ["jaar"]
    assert {"200", "400", "401", "403"} <= set(operatie["responses"])
    data = api_as(begroting).get("/begroting?jaar=2026").json
    assert validate(data, response_schema(doc, "/api/v1/begroting"), doc["components"]["schemas"]) == []
