"""The coverage matrix as a page and a download: the statuses follow the data and the norm."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from wijkportaal.core.roles import Rol
from wijkportaal.expertise.models import Dekkingsnorm
from wijkportaal.wijken.models import OrganisatieSoort, Regio


@pytest.fixture
def matrix(db, make_wijk, make_org, make_domein, make_expertise, make_voorziening):
    """Two regio's; Osdorp has 1,000 pupils, autism 4 hours (gedekt), behaviour 1 hour (dun), no language."""
    west = Regio(code="west", naam="West buiten de Ring")
    oost = Regio(code="oost", naam="Oost en Diemen")
    db.add_all([west, oost])
    db.commit()
    osdorp = make_wijk(naam="Osdorp", code="osdorp", regio=west)
    diemen = make_wijk(naam="Diemen", code="diemen", regio=oost)
    school = make_org(osdorp, leerlingen=1000)
    make_org(diemen, leerlingen=500)
    autisme, gedrag, taal = make_domein("Autisme", 1), make_domein("Gedrag", 2), make_domein("Taal/TOS", 3)
    make_domein("Oud domein", is_actief=False)
    okt = make_org(osdorp, OrganisatieSoort.OKT, naam="OKT Osdorp")
    make_expertise(okt, autisme, wijken=[osdorp], capaciteit=4, wachttijd=2)
    make_expertise(okt, gedrag, wijken=[osdorp], capaciteit=1)
    make_expertise(okt, taal, wijken=[osdorp], capaciteit=40, geldig_tot=date(2021, 1, 1))  # ended
    make_voorziening(school, [diemen], naam="Taalklas Diemen", domein=taal, plaatsen=1, bezet=0)
    return osdorp, diemen, autisme, gedrag, taal


def _cel(html: str, domein: str, wijk: str) -> str:
    start = html.index(f'title="{domein} in {wijk}: ')
    return html[start : html.index('"', start + 7)]


def test_matrix_shows_each_cell_with_its_status(client, auth, make_user, matrix):
    auth.login(make_user(Rol.SCHOOLLEIDER, wijk=matrix[0]))
    response = client.get("/expertise/dekking")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Gedekt. Aanbieders: OKT Osdorp. Kortste wachttijd: 2 weken" in _cel(html, "Autisme", "Osdorp")
    assert _cel(html, "Gedrag", "Osdorp").endswith("Dun. Aanbieders: OKT Osdorp")
    assert _cel(html, "Taal/TOS", "Osdorp").endswith("Ontbreekt")  # the ended offer does not count
    assert "Gedekt. Aanbieders: Taalklas Diemen" in _cel(html, "Taal/TOS", "Diemen")  # 1 place per 500 pupils
    assert "Oud domein" not in html
    assert 'href="/wijken/osdorp"' in html  # the school leader's own wijk opens
    assert 'href="/wijken/diemen"' not in html  # another wijk is named with its figures, not linked (no 403)
    osdorp, _, autisme, _, _ = matrix
    assert f"/expertise?wijk={osdorp.id}&amp;domein={autisme.id}" in html
    assert "4 u/wk" in html  # 4 hours per 1,000 pupils
    assert (
        html.index(">Oost en Diemen</th>")
        < html.index('<th scope="row">Diemen</th>')
        < html.index(">West buiten de Ring</th>")
    )


def test_the_norm_decides(client, auth, make_user, db, matrix):
    db.add(Dekkingsnorm(min_uren_per_1000=5, min_plaatsen_per_1000=1))
    db.commit()
    auth.login(make_user(Rol.SWV))
    html = client.get("/expertise/dekking").get_data(as_text=True)
    assert "5 uur per week" in html
    assert "Dun" in _cel(html, "Autisme", "Osdorp")


def test_regio_filter(client, auth, make_user, matrix):
    auth.login(make_user(Rol.BESTUURDER))
    html = client.get("/expertise/dekking?regio=west").get_data(as_text=True)
    assert '<th scope="row">Osdorp</th>' in html and ">Diemen<" not in html


def test_csv_has_one_row_per_wijk_and_domain(client, auth, make_user, matrix):
    auth.login(make_user(Rol.PARTNER))
    response = client.get("/expertise/dekking.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rijen = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rijen[0][:4] == ["Regio", "Wijk", "Domein", "Dekking"]
    assert len(rijen) == 1 + 2 * 3
    per_cel = {(r[1], r[2]): r for r in rijen[1:]}
    assert per_cel[("Osdorp", "Autisme")] == [
        "West buiten de Ring",
        "Osdorp",
        "Autisme",
        "Gedekt",
        "4,00",
        "0,00",
        "OKT Osdorp",
        "2",
    ]
    assert per_cel[("Osdorp", "Gedrag")][3] == "Dun"
    assert per_cel[("Osdorp", "Taal/TOS")][3:] == ["Ontbreekt", "0", "0", "", ""]
    assert per_cel[("Diemen", "Taal/TOS")][3:6] == ["Gedekt", "0,00", "2,00"]
    west = client.get("/expertise/dekking.csv?regio=west").get_data(as_text=True)
    assert "Diemen" not in west


def test_xlsx(client, auth, make_user, matrix):
    auth.login(make_user(Rol.SWV))
    response = client.get("/expertise/dekking.xlsx")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.data)).active
    assert ws.max_row == 1 + 2 * 3
    assert [c.value for c in ws[1]][:4] == ["Regio", "Wijk", "Domein", "Dekking"]
