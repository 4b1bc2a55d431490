"""Every route with an id answers 404 for an id outside 1 … 2^31−1, on both databases, never 500; the API
refuses such an id in a JSON body or query with a 422 that names the field."""

import re

from wijkportaal.core.ids import ID_MAX
from wijkportaal.core.roles import Rol

BUITEN_BEREIK = ["0", str(ID_MAX + 1), str(10**20), "-1", "007", "٣"]
_ID = re.compile(r"<id:(\w+)>")
_ANDER = re.compile(r"<(?:any\(([^)]*)\)|\w+):(\w+)>|<(\w+)>")


def _routes_met_id(app) -> list[tuple[str, str, str]]:
    """(rule, method, url template with {id}) for every route with an `<id:…>` converter."""
    routes = []
    for rule in app.url_map.iter_rules():
        if "<id:" not in rule.rule:
            continue
        pad = _ANDER.sub(
            lambda m: (
                m.group(1).split(",")[0].strip()
                if m.group(1)
                else ("{id}" if m.group(0).startswith("<id:") else "x")
            ),
            rule.rule,
        )
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((rule.rule, method, pad))
    return routes


def test_every_route_with_an_integer_id_uses_the_id_converter(app):
    assert not [r.rule for r in app.url_map.iter_rules() if "<int:" in r.rule]
    assert len({rule for rule, _, _ in _routes_met_id(app)}) >= 70


def test_out_of_range_ids_are_404_on_every_route(app, client, auth, make_user):
    auth.login(make_user(Rol.BEHEERDER))
    routes = _routes_met_id(app)
    antwoorden = {}
    for rule, method, pad in routes:
        for waarde in BUITEN_BEREIK:
            url = pad.replace("{id}", waarde)
            response = client.open(url, method=method, json={} if rule.startswith("/api/") else None)
            antwoorden[(method, url)] = response.status_code
    assert len(antwoorden) >= len(routes) * len(BUITEN_BEREIK) - len(routes)  # some ids repeat per rule
    assert {url: code for url, code in antwoorden.items() if code != 404} == {}
    print(
        f"ids buiten bereik: {len(routes)} routes, {len(antwoorden)} verzoeken, {list(antwoorden.values()).count(404)} × 404"
    )


def test_an_out_of_range_id_in_a_json_body_is_422(client, auth, potten):
    auth.login(potten.swv)
    for waarde in (0, ID_MAX + 1, 10**20, -1):
        response = client.post(
            f"/api/v1/potten/{potten.a.id}/toekenningen",
            json={"aanpak_id": waarde, "bedrag": "10,00"},
            headers={"Idempotency-Key": f"k-{waarde}"},
        )
        assert response.status_code == 422, response.get_data(as_text=True)
        assert "aanpak_id" in response.get_json()["velden"]


def test_an_out_of_range_id_in_a_query_is_422(client, auth, make_user):
    auth.login(make_user(Rol.SWV))
    response = client.get(f"/api/v1/kaart/dekking?domein={10**20}")
    assert response.status_code == 422
    assert "domein" in response.get_json()["velden"]


def test_an_id_in_range_still_reaches_the_page(client, auth, make_user):
    auth.login(make_user(Rol.BEHEERDER))
    assert client.get(f"/api/v1/potten/{ID_MAX}").status_code == 404
    assert client.get("/api/v1/potten/1").status_code == 404
