"""The map page and its frame, as a user (and the browser's security rules) see them."""

import json
import re
from pathlib import Path

import pytest
from sqlmodel import select

from wijkportaal.kaart.queries import LAGEN
from wijkportaal.overleg.queries import wijk_statussen
from wijkportaal.overleg.rules import OverlegStatus
from wijkportaal.wijken.models import Wijk

CDN = re.compile(r"cdn\.|unpkg|jsdelivr|cdnjs|code\.jquery", re.IGNORECASE)
SWV = "swv@demo.wijkportaal.nl"


def assets(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html) + re.findall(
        r'<link rel="stylesheet" href="([^"]+)"', html
    )


def test_the_map_page_offers_every_layer_a_legend_the_frame_and_a_table(client, demo, login_demo):
    login_demo(SWV)
    response = client.get("/kaart")
    assert response.status_code == 200
    html = response.text
    for laag in LAGEN.values():
        assert f'value="{laag.naam}"' in html and laag.titel in html
    assert '<form method="get"' in html  # works without JavaScript
    assert 'sandbox="allow-scripts allow-top-navigation-by-user-activation"' in html
    assert 'src="/kaart/frame?laag=overleg"' in html
    assert "Functionerend" in html and "Geen overleg" in html  # the legend
    assert html.count('<th scope="row">') == 23
    assert "Schematische wijkgrenzen (geen echte grenzen)" in html
    assert ">Kaart</a>" in html  # in the navigation
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("laag", list(LAGEN))
def test_every_layer_frame_uses_only_local_assets_that_exist(client, app, demo, login_demo, laag):
    app.config["KAART_TEGELS"] = "geen"
    login_demo(SWV)
    response = client.get(f"/kaart/frame?laag={laag}")
    assert response.status_code == 200
    html = response.text
    assert not CDN.search(html)
    assert len(html.encode()) < 1_000_000
    gevonden = assets(html)
    assert gevonden and all(url.startswith("/kaart/assets/") for url in gevonden)
    for url in gevonden:
        with client.get(url) as asset:
            assert asset.status_code == 200 and len(asset.data) > 1000
            assert asset.cache_control.max_age >= 365 * 24 * 3600


def test_the_frame_has_its_own_policy_and_tiles_only_when_configured(client, app, demo, login_demo):
    login_demo(SWV)
    pagina = client.get("/kaart").headers["Content-Security-Policy"]
    app.config["KAART_TEGELS"] = "geen"
    zonder = client.get("/kaart/frame").headers["Content-Security-Policy"]
    app.config["KAART_TEGELS"] = "openstreetmap"
    met = client.get("/kaart/frame")
    assert zonder != pagina
    assert "frame-ancestors 'self'" in zonder
    assert "tile.openstreetmap.org" not in zonder
    assert "img-src 'self' data: https://tile.openstreetmap.org" in met.headers["Content-Security-Policy"]
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in met.text


def test_a_wijk_tooltip_says_why_its_overleg_is_not_functioning(client, db, demo, login_demo):
    login_demo(SWV)
    statussen = wijk_statussen(db)
    wijk_id, status = next((w, s) for w, s in statussen.items() if s.status == OverlegStatus.OPSTARTEND)
    wijk = db.get(Wijk, wijk_id)
    html = client.get("/kaart/frame?laag=overleg").text
    assert status.redenen
    for reden in status.redenen:
        assert json.dumps(reden)[1:-1] in html
    assert f'"url": "/wijken/{wijk.code}"' in html
    pagina = client.get("/kaart?laag=overleg").text
    assert all(reden in pagina for reden in status.redenen)  # and in the table under the map


def test_each_wijk_page_has_its_own_map_with_its_schools(client, demo, login_demo):
    login_demo(SWV)
    pagina = client.get("/wijken/osdorp").text
    assert 'src="/kaart/frame?wijk=osdorp" title="Kaart van Osdorp met de scholen"' in pagina
    html = client.get("/kaart/frame?wijk=osdorp").text
    assert "Scholen" in html
    for school in ("CBS Het Zeepaardje", "IKC De Eekhoorn", "OBS De Vlinderstrik", "SO Het Anker"):
        assert school in html
    # Osdorp is the one outlined wijk, its neighbours are dimmed; its tooltip counts its 11 schools.
    assert html.count('"nadruk": true') == 1 and html.count('"gedimd": true') == 22
    osdorp = html[html.index('"id": "osdorp"') :]
    assert osdorp.index('"nadruk": true') < osdorp.index('"type": "Feature"')
    assert "Osdorp\\u003c/strong\\u003e\\u003cbr\\u003e11 scholen" in osdorp
    assert client.get("/kaart/frame?wijk=bestaat-niet").status_code == 404


def test_unknown_layers_and_assets_are_not_found(client, demo, login_demo):
    login_demo(SWV)
    assert client.get("/kaart?laag=bestaat-niet").status_code == 404
    assert client.get("/kaart/frame?laag=bestaat-niet").status_code == 404
    assert client.get("/kaart/assets/jquery/jquery.js").status_code == 404
    assert client.get("/kaart/assets/leaflet-1.9.3/../../__init__.py").status_code == 404


def test_the_map_needs_a_login(client):
    for url in ("/kaart", "/kaart/frame"):
        assert client.get(url).status_code == 302


def test_a_bestuurder_sees_pot_money_only_for_its_own_wijken(client, db, demo, login_demo):
    from wijkportaal.auth.models import Gebruiker, Login
    from wijkportaal.overleg.permissions import zichtbare_wijk_ids

    login_demo("bestuurder@demo.wijkportaal.nl")
    bestuurder = db.exec(select(Gebruiker).where(Gebruiker.email == "bestuurder@demo.wijkportaal.nl")).one()
    zichtbaar = zichtbare_wijk_ids(db, Login(bestuurder))
    assert 0 < len(zichtbaar) < 23
    namen = {w.id: w.naam for w in db.exec(select(Wijk))}
    html = client.get("/kaart?laag=pot").text
    rijen = re.findall(
        r'<th scope="row">(<a href="/wijken/[^"]+">)?([^<]+)(?:</a>)?</th>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>',
        html,
    )
    assert len(rijen) == 23
    for link, naam, waarde in rijen:
        naam = naam.replace("&#39;", "'")
        wijk_id = next(i for i, n in namen.items() if n == naam)
        assert bool(link) == (wijk_id in zichtbaar)  # linked only when the bestuurder may open it
        if wijk_id in zichtbaar:
            assert waarde != "Geen inzage"
        else:
            assert waarde == "Geen inzage", naam
    assert any("€" in w for _, _, w in rijen)
    frame = client.get("/kaart/frame?laag=pot").text
    assert frame.count("\\u20ac") + frame.count("€") >= 1


def test_a_mistyped_tile_setting_stops_the_start(database_url):
    from wijkportaal import create_app

    with pytest.raises(RuntimeError, match="KAART_TEGELS='osm' is onbekend"):
        create_app({"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": database_url, "KAART_TEGELS": "osm"})


def test_leaflet_is_served_with_its_type_from_the_installed_package(client):
    import xstatic.pkg.leaflet as xstatic_leaflet

    pakket = f"leaflet-{xstatic_leaflet.VERSION}"
    js = client.get(f"/kaart/assets/{pakket}/leaflet.js")
    assert js.status_code == 200 and js.mimetype in ("text/javascript", "application/javascript")
    assert js.data == (Path(xstatic_leaflet.BASE_DIR) / "leaflet.js").read_bytes()
    assert client.get(f"/kaart/assets/{pakket}/leaflet.css").mimetype == "text/css"
    assert "immutable" in js.headers["Cache-Control"]
    assert client.get(f"/kaart/assets/{pakket}/bestaat-niet.js").status_code == 404


def test_the_frame_runs_only_its_own_scripts_by_nonce_and_is_sandboxed_by_its_policy(
    client, demo, login_demo
):
    """No 'unsafe-inline' for scripts: each script and style element carries this response's nonce."""
    login_demo(SWV)
    frame = client.get("/kaart/frame")
    tweede = client.get("/kaart/frame")
    policy = frame.headers["Content-Security-Policy"]
    [nonce] = re.findall(r"script-src 'self' 'nonce-([^']+)'", policy)
    assert nonce not in tweede.headers["Content-Security-Policy"]  # a new one every response
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert f"style-src 'self' 'nonce-{nonce}'" in policy
    assert "sandbox allow-scripts allow-top-navigation-by-user-activation" in policy
    tags = re.findall(r"<(?:script|style)\b[^>]*>", frame.text)
    assert len(tags) >= 3 and all(f'nonce="{nonce}"' in tag for tag in tags), tags
    assert frame.headers["Cache-Control"] == "no-store"
