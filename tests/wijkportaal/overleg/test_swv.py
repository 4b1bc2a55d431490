"""SWV staff: the overview with its downloads, the themes per school year and the bar."""

import csv
import html
import io
import re

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.clock import now, schooljaar_van
from wijkportaal.core.roles import Rol
from wijkportaal.overleg.models import Overlegnorm, Thema, VerplichtThema
from wijkportaal.wijken.models import Regio


def test_overview_lists_every_wijk_with_status(
    client, auth, make_user, make_overleg, make_wijk, make_bijeenkomst
):
    o = make_overleg()
    for days in (-200, -140, -80, -20):
        make_bijeenkomst(o.overleg, days=days, vastgesteld=True, aanwezig=[o.okt, o.so])
    zonder = make_wijk(naam="Wijk zonder overleg")
    auth.login(make_user(Rol.SWV))
    page = client.get("/overzicht").get_data(as_text=True)
    assert "1</span> van de 2 wijken" in page
    assert zonder.naam in page and "Er is (nog) geen wijkoverleg ingesteld." in page


def test_overview_filters_by_regio_and_sorts(client, auth, make_user, make_wijk, db):
    noord = Regio(code="noord", naam="Noord")
    zuid = Regio(code="zuid", naam="Zuid")
    db.add_all([noord, zuid])
    db.commit()
    make_wijk(naam="Oud-Noord", regio=noord)
    make_wijk(naam="Noord-West", regio=noord)
    make_wijk(naam="Oud-Zuid", regio=zuid)
    auth.login(make_user(Rol.SWV))
    page = client.get("/overzicht?regio=noord&sorteer=wijk&richting=af").get_data(as_text=True)
    assert "Oud-Zuid" not in page
    assert page.index("Oud-Noord") < page.index("Noord-West")
    # An unknown sort column or regio falls back to defaults instead of failing.
    assert client.get("/overzicht?regio=bestaat-niet&sorteer=DROP").status_code == 200


def lees_csv(response) -> list[list[str]]:
    assert response.mimetype == "text/csv"
    tekst = response.get_data(as_text=True).lstrip("\ufeff")
    return list(csv.reader(io.StringIO(tekst, newline=""), delimiter=";"))


def test_overview_downloads_csv_and_xlsx(client, auth, make_user, make_overleg, make_bijeenkomst):
    o = make_overleg()
    laatste = make_bijeenkomst(o.overleg, days=-20)
    auth.login(make_user(Rol.SWV))
    rows = lees_csv(client.get("/overzicht.csv"))
    assert rows[0][:4] == ["Wijk", "Regio", "Status", "Laatste bijeenkomst"]
    assert rows[1][:4] == [o.wijk.naam, rows[1][1], "Opstartend", laatste.start.date().isoformat()]
    assert "1 bijeenkomst gehouden in de laatste 12 maanden (minimaal 4).; " in rows[1][7]

    response = client.get("/overzicht.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].value == "Wijk"
    assert sheet["A2"].value == o.wijk.naam
    assert sheet["C2"].value == "Opstartend"
    assert sheet["D2"].is_date and sheet["D2"].value.date() == laatste.start.date()
    assert sheet["E2"].data_type == "n"
    redenen = sheet["H2"].value.split("\n")
    assert redenen[0] == "1 bijeenkomst gehouden in de laatste 12 maanden (minimaal 4)." and len(redenen) > 1
    assert sheet["H2"].alignment.wrap_text


def test_a_wijk_name_that_looks_like_a_formula_is_never_run(client, auth, make_user, make_wijk):
    make_wijk(naam='=HYPERLINK("http://x","klik")')
    make_wijk(naam="-Noord")
    auth.login(make_user(Rol.SWV))
    namen = sorted(r[0] for r in lees_csv(client.get("/overzicht.csv"))[1:])
    assert namen == ["'-Noord", '\'=HYPERLINK("http://x","klik")']
    sheet = load_workbook(io.BytesIO(client.get("/overzicht.xlsx").data)).active
    assert {sheet["A2"].data_type, sheet["A3"].data_type} == {"s"}
    assert sorted([sheet["A2"].value, sheet["A3"].value]) == ["-Noord", '=HYPERLINK("http://x","klik")']


@pytest.fixture
def drie_wijken(make_overleg, make_bijeenkomst, make_wijk, db):
    """Noord: one functioning wijk and one without overleg; Zuid: one starting up."""
    noord, zuid = Regio(code="noord", naam="Noord"), Regio(code="zuid", naam="Zuid")
    db.add_all([noord, zuid])
    db.commit()
    goed = make_overleg(make_wijk(naam="Oud-Noord", regio=noord))
    for days in (-200, -140, -80, -20):
        make_bijeenkomst(goed.overleg, days=days, vastgesteld=True, aanwezig=[goed.okt, goed.so])
    make_wijk(naam="Noord-West", regio=noord)
    make_overleg(make_wijk(naam="Oud-Zuid", regio=zuid))


@pytest.mark.parametrize(
    ("query", "getoond"),
    [
        ("", ["Noord-West", "Oud-Noord", "Oud-Zuid"]),
        ("status=functionerend", ["Oud-Noord"]),
        ("status=opstartend", ["Oud-Zuid"]),
        ("status=geen", ["Noord-West"]),
        ("status=geen&regio=zuid", []),
        ("status=opstartend&regio=zuid", ["Oud-Zuid"]),
        ("status=bestaat-niet", ["Noord-West", "Oud-Noord", "Oud-Zuid"]),
    ],
)
def test_overview_filters_by_status_next_to_regio_and_the_downloads_follow(
    client, auth, make_user, drie_wijken, query, getoond
):
    auth.login(make_user(Rol.SWV))
    response = client.get(f"/overzicht?{query}")
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    rijen = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', page)
    assert sorted(rijen) == getoond
    assert sorted(r[0] for r in lees_csv(client.get(f"/overzicht.csv?{query}"))[1:]) == getoond
    sheet = load_workbook(io.BytesIO(client.get(f"/overzicht.xlsx?{query}").data)).active
    assert sorted(c.value for c in sheet["A"][1:]) == getoond


def test_the_status_filter_is_a_form_and_the_links_keep_it(client, auth, make_user, drie_wijken):
    auth.login(make_user(Rol.SWV))
    page = html.unescape(client.get("/overzicht?status=functionerend&regio=noord").get_data(as_text=True))
    assert '<select id="status" name="status">' in page
    assert '<option value="functionerend" selected>Functionerend</option>' in page
    assert "1 wijk met status functionerend in Noord." in page
    assert "1</span> van de 2 wijken in Noord heeft een functionerend wijkoverleg." in page
    for link in ("/overzicht.csv?", "/overzicht.xlsx?", "/overzicht?sorteer=status"):
        href = re.search(rf'href="({re.escape(link)}[^"]*)"', page).group(1)
        assert "status=functionerend" in href and "regio=noord" in href


def test_swv_sets_required_themes_for_a_school_year(client, auth, make_user, db):
    a, b = Thema(naam="Jonge kind"), Thema(naam="Thuiszitten")
    db.add_all([a, b])
    db.commit()
    auth.login(make_user(Rol.SWV))
    jaar = schooljaar_van(now().date())
    response = client.post(
        f"/themas?schooljaar={jaar}", data={"verplicht-thema_ids": [a.id], "verplicht-submit": "1"}
    )
    assert response.status_code == 302
    assert db.exec(select(VerplichtThema.thema_id).where(VerplichtThema.schooljaar == jaar)).all() == [a.id]
    # An unknown theme is refused and changes nothing.
    response = client.post(
        f"/themas?schooljaar={jaar}", data={"verplicht-thema_ids": [9999], "verplicht-submit": "1"}
    )
    assert response.status_code == 422
    assert "Kies alleen uit de genoemde mogelijkheden" in response.get_data(as_text=True)
    db.expire_all()
    assert db.exec(select(VerplichtThema.thema_id).where(VerplichtThema.schooljaar == jaar)).all() == [a.id]


def test_swv_adds_theme_and_duplicates_are_refused(client, auth, make_user, db):
    auth.login(make_user(Rol.SWV))
    assert client.post("/themas", data={"thema-naam": "Hoogbegaafdheid"}).status_code == 302
    response = client.post("/themas", data={"thema-naam": "Hoogbegaafdheid"})
    assert response.status_code == 422 and "bestaat al" in response.get_data(as_text=True)
    assert len(db.exec(select(Thema)).all()) == 1


def test_swv_changes_the_bar_and_it_is_logged(client, auth, make_user, db):
    user = make_user(Rol.SWV)
    auth.login(user)
    data = {
        "periode_maanden": 12,
        "min_bijeenkomsten": 3,
        "max_dagen_sinds_laatste": 120,
        "min_pct_vastgesteld": 75,
        "min_pct_okt_so": 50,
    }
    assert client.post("/norm", data=data).status_code == 302
    assert db.exec(select(Overlegnorm)).one().min_bijeenkomsten == 3
    regel = db.exec(select(AuditRegel).where(AuditRegel.object_soort == "overlegnormen")).one()
    assert regel.gebruiker_id == user.id and regel.wijzigingen["min_bijeenkomsten"] == [4, 3]
    response = client.post("/norm", data={**data, "min_pct_okt_so": 150})
    assert response.status_code == 422 and "Kies 0 tot 100" in response.get_data(as_text=True)
    db.expire_all()
    assert db.exec(select(Overlegnorm)).one().min_pct_okt_so == 50


def test_swv_sets_up_an_overleg_with_a_chair(client, auth, make_user, make_wijk, make_org, db):
    wijk = make_wijk()
    chair = make_user(Rol.SCHOOLLEIDER, organisatie=make_org(wijk))
    auth.login(make_user(Rol.SWV))
    assert (
        client.post(f"/wijken/{wijk.code}/overleg/instellen", data={"voorzitter_id": chair.id}).status_code
        == 302
    )
    page = client.get(f"/wijken/{wijk.code}").get_data(as_text=True)
    assert chair.naam in page and "Opstartend" in page
