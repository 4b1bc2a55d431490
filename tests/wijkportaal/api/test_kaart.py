"""The map layers as GeoJSON: one feature per wijk, the same access rules as the map pages."""

import pytest
from sqlmodel import select

from wijkportaal.auth.models import Gebruiker, Login
from wijkportaal.core.roles import Rol
from wijkportaal.demo import DEMO_PASSWORD
from wijkportaal.kaart.queries import LAGEN
from wijkportaal.overleg.permissions import zichtbare_wijk_ids
from wijkportaal.wijken.models import Wijk


def test_the_overleg_layer_has_one_feature_per_wijk(client, auth, demo):
    auth.login("swv@demo.wijkportaal.nl", DEMO_PASSWORD)
    response = client.get("/api/v1/kaart/overleg")
    assert response.status_code == 200
    laag = response.json
    assert laag["type"] == "FeatureCollection"
    assert len(laag["features"]) == 23
    for feature in laag["features"]:
        eigenschappen = feature["properties"]
        assert {"code", "naam", "regio", "overleg_status"} <= set(eigenschappen)
        assert eigenschappen["overleg_status"] in {"functionerend", "opstartend", "geen"}
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert {f["properties"]["overleg_status"] for f in laag["features"]} == {
        "functionerend",
        "opstartend",
        "geen",
    }


@pytest.mark.parametrize("laag", [n for n in LAGEN if n != "overleg"])
def test_every_layer_answers_as_geojson(client, auth, demo, laag):
    auth.login("swv@demo.wijkportaal.nl", DEMO_PASSWORD)
    features = client.get(f"/api/v1/kaart/{laag}").json["features"]
    assert sum(f["properties"]["onderdeel"] == "wijk" for f in features) == 23
    if LAGEN[laag].puntentitel:
        assert any(f["geometry"]["type"] == "Point" for f in features)


def test_unknown_layer_is_a_json_404_in_dutch(client, auth, make_user):
    auth.login(make_user(Rol.PARTNER))
    response = client.get("/api/v1/kaart/bestaat-niet")
    assert response.status_code == 404
    assert response.json["fout"] == "Onbekende kaartlaag"
    assert "overleg" in response.json["toelichting"]


def test_the_layers_need_a_login_or_a_token(client, make_user, make_token, make_wijk):
    make_wijk()
    assert client.get("/api/v1/kaart/overleg").status_code == 401
    token = make_token(make_user(Rol.PARTNER))
    response = client.get("/api/v1/kaart/overleg", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and len(response.json["features"]) == 1


def test_pot_money_only_for_the_wijken_a_bestuurder_may_see(client, auth, db, demo):
    auth.login("bestuurder@demo.wijkportaal.nl", DEMO_PASSWORD)
    bestuurder = db.exec(select(Gebruiker).where(Gebruiker.email == "bestuurder@demo.wijkportaal.nl")).one()
    zichtbaar = {
        w.code for w in db.exec(select(Wijk).where(Wijk.id.in_(zichtbare_wijk_ids(db, Login(bestuurder)))))
    }
    wijken = [f["properties"] for f in client.get("/api/v1/kaart/pot").json["features"]]
    assert len(wijken) == 23
    for wijk in wijken:
        if wijk["code"] not in zichtbaar:
            assert wijk["centen_per_leerling"] is None and wijk["waarde"] == "Geen inzage"
    assert any(w["centen_per_leerling"] for w in wijken if w["code"] in zichtbaar)


def test_the_layers_are_in_the_openapi_document(client):
    operatie = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/kaart/{laag}"]["get"]
    assert {"200", "401", "404"} <= set(operatie["responses"])
    assert {p["name"] for p in operatie["parameters"]} == {"laag", "domein"}
