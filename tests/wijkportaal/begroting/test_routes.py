"""The begroting page, its export and its upload form, as SWV staff and the director see them."""

import io

import pytest
from sqlmodel import func, select

from wijkportaal.begroting import queries, services
from wijkportaal.begroting.models import Wijziging
from wijkportaal.core.roles import Rol

from .conftest import PLAN


@pytest.fixture
def swv(make_user, auth, plan_ingelezen):
    """SWV staff, logged in, with §7.5's begroting imported."""
    user = make_user(Rol.SWV)
    assert auth.login(user).status_code == 302
    return user


def _tekst(response) -> str:
    return response.get_data(as_text=True).replace("\u00a0", " ")


def _upload(client, inhoud: bytes, naam: str = "begroting.csv", jaar: int = 2026):
    return client.post(
        f"/begroting/importeren?jaar={jaar}",
        data={"bestand": (io.BytesIO(inhoud), naam)},
        content_type="multipart/form-data",
    )


def test_the_page_shows_lines_subtotals_and_the_total_in_euros(client, swv):
    html = _tekst(client.get("/begroting?jaar=2026"))
    assert "<h1>Begroting 2026</h1>" in html
    assert 'Nieuwe initiatieven</th><td class="num">€ 200.000,00</td>' in html
    assert (
        'Subtotaal Samenwerking in de wijk en regio</th><td class="num"><strong>€ 266.000,00</strong>' in html
    )
    # a line that stands alone is shown once, without a subtotal of its own
    assert 'Binnenplaats</th><td class="num">€ 27.000,00</td>' in html
    assert "Subtotaal Binnenplaats" not in html
    assert 'Totaal</th><td class="num"><strong>€ 4.815.199,00</strong>' in html


def test_the_year_selector(client, swv):
    html = _tekst(client.get("/begroting?jaar=2025"))
    assert 'Totaal</th><td class="num"><strong>€ 5.966.990,00</strong>' in html
    for jaar in (2025, 2026, 2027, 2028, 2029):
        assert f'<option value="{jaar}"' in html


@pytest.mark.parametrize("jaar", ["twintig", "26", "1850", "2026.5"])
def test_a_year_that_is_not_a_year_is_a_bad_request(client, swv, jaar):
    assert client.get(f"/begroting?jaar={jaar}").status_code == 400


def test_committed_and_paid_are_shown(client, swv, db):
    regel = queries.regel(db, "Samenwerking in de wijk en regio", "Nieuwe initiatieven")
    services.zeg_toe(db, swv, regel, 2026, 5_000_000, "Initiatief A", "a")
    services.betaal(db, swv, regel, 2026, 1_234_56, "Initiatief A, tranche 1", "a-1")
    db.commit()
    html = _tekst(client.get("/begroting?jaar=2026"))
    assert (
        'Nieuwe initiatieven</th><td class="num">€ 200.000,00</td><td class="num">€ 50.000,00</td>'
        '<td class="num">€ 1.234,56</td><td class="num">€ 150.000,00</td>'
    ) in html


def test_csv_export(client, swv):
    response = client.get("/begroting.csv?jaar=2026")
    assert response.headers["Content-Disposition"] == 'attachment; filename="begroting-2026.csv"'
    regels = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert regels[0] == "Jaar;Groep;Regel;Begroot;Toegezegd;Betaald;Resterend"
    assert "2026;Samenwerking in de wijk en regio;Nieuwe initiatieven;200000,00;0,00;0,00;200000,00" in regels
    assert "2026;Samenwerking in de wijk en regio;Subtotaal;266000,00;0,00;0,00;266000,00" in regels
    assert regels[-1] == "2026;Totaal;;4815199,00;0,00;0,00;4815199,00"


def test_xlsx_export(client, swv):
    from openpyxl import load_workbook

    response = client.get("/begroting.xlsx?jaar=2029")
    blad = load_workbook(io.BytesIO(response.data)).active
    rijen = [[c.value for c in rij] for rij in blad.iter_rows()]
    assert rijen[0] == ["Jaar", "Groep", "Regel", "Begroot", "Toegezegd", "Betaald", "Resterend"]
    assert rijen[-1] == [2029, "Totaal", None, 5229622, 0, 0, 5229622]


def test_uploading_a_changed_file(client, swv, db):
    response = _upload(
        client, b"groep;regel;2026\nSamenwerking in de wijk en regio;Nieuwe initiatieven;250.000\n"
    )
    assert response.status_code == 303
    html = _tekst(client.get(response.headers["Location"]))
    assert "Ingelezen: 0 nieuwe groep(en), 0 nieuwe regel(s), 1 bedrag(en) gewijzigd." in html
    assert (
        'Subtotaal Samenwerking in de wijk en regio</th><td class="num"><strong>€ 316.000,00</strong>' in html
    )
    laatste = db.exec(select(Wijziging).order_by(Wijziging.id.desc())).first()
    assert (laatste.gebruiker_id, laatste.oud_cents, laatste.nieuw_cents) == (swv.id, 20_000_000, 25_000_000)
    # the page says who changed what: the newest change first, with the user's name and the file
    wijzigingen = html.split("<h2>Wijzigingen in 2026</h2>", 1)[1]
    nieuwste = wijzigingen.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert f"<td>{swv.naam}</td><td>Samenwerking in de wijk en regio / Nieuwe initiatieven</td>" in nieuwste
    assert (
        '<td class="num">€ 200.000,00</td><td class="num">€ 250.000,00</td><td>begroting.csv</td>' in nieuwste
    )


def test_uploading_the_same_file_again_changes_nothing(client, swv, db):
    voor = db.exec(select(func.count()).select_from(Wijziging)).one()
    response = _upload(client, PLAN.read_bytes(), PLAN.name)
    assert response.status_code == 303
    assert "er is niets veranderd" in _tekst(client.get(response.headers["Location"]))
    assert db.exec(select(func.count()).select_from(Wijziging)).one() == voor


def test_uploading_an_xlsx(client, swv):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["groep", "regel", 2030])
    wb.active.append(["Samenwerking in de wijk en regio", "Nieuwe initiatieven", 210000])
    buffer = io.BytesIO()
    wb.save(buffer)
    response = _upload(client, buffer.getvalue(), "begroting.xlsx", jaar=2030)
    assert response.status_code == 303
    html = _tekst(client.get("/begroting?jaar=2030"))
    assert 'Nieuwe initiatieven</th><td class="num">€ 210.000,00</td>' in html


MALFORMED = [
    (
        b"groep;regel;2026\nBinnenplaats;Binnenplaats;27.000,123\n",
        "Rij 2, 2026: Een bedrag heeft hoogstens twee cijfers achter de komma.",
    ),
    (b"naam;bedrag\nBinnenplaats;27.000\n", "Rij 1: de kop begint met de kolommen 'groep' en 'regel'."),
    (b"", "Het bestand is leeg: de eerste rij moet de kop groep;regel;2025;… zijn."),
]


@pytest.mark.parametrize(("inhoud", "fout"), MALFORMED)
def test_a_malformed_file_is_refused_at_the_field_and_changes_nothing(
    client, swv, momentopname, inhoud, fout
):
    tabellen = ("begroting_groepen", "begroting_regels", "begroting_wijzigingen", "ledger_transactions")
    voor = momentopname(*tabellen)
    response = _upload(client, inhoud)
    assert response.status_code == 422
    html = _tekst(response)
    assert f'<p class="error" id="bestand-error">{fout}'.replace("'", "&#39;") in html
    assert "Het bestand is niet ingelezen: er is niets veranderd." in html
    assert momentopname(*tabellen) == voor


def test_a_file_of_another_kind_is_refused(client, swv):
    response = _upload(client, b"%PDF-1.4", "begroting.pdf")
    assert response.status_code == 422
    assert "Kies een CSV- of XLSX-bestand (.csv of .xlsx)." in _tekst(response)


def test_no_file_is_refused(client, swv):
    response = client.post("/begroting/importeren?jaar=2026", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Kies een bestand." in _tekst(response)


def test_lowering_a_budget_below_what_is_committed_is_refused_at_the_field(client, swv, db, momentopname):
    regel = queries.regel(db, "Samenwerking in de wijk en regio", "Nieuwe initiatieven")
    services.zeg_toe(db, swv, regel, 2026, 15_000_000, "Initiatief A", "a")
    db.commit()
    voor = momentopname("begroting_wijzigingen", "ledger_transactions")
    response = _upload(
        client, b"groep;regel;2026\nSamenwerking in de wijk en regio;Nieuwe initiatieven;100.000\n"
    )
    assert response.status_code == 422
    assert (
        "De begroting van &#39;Nieuwe initiatieven&#39; in 2026 kan niet lager dan € 150.000,00: zoveel is al "
        "toegezegd. Het bestand is niet ingelezen: er is niets veranderd."
    ) in _tekst(response)
    assert momentopname("begroting_wijzigingen", "ledger_transactions") == voor


@pytest.mark.parametrize(("rol", "ziet"), [(Rol.SWV, True), (Rol.DIRECTEUR, True), (Rol.SCHOOLLEIDER, False)])
def test_the_menu_links_to_the_begroting_for_those_who_may_see_it(client, auth, make_user, rol, ziet):
    auth.login(make_user(rol))
    html = client.get("/").get_data(as_text=True)
    if client.get("/").status_code == 302:
        html = client.get(client.get("/").headers["Location"]).get_data(as_text=True)
    assert ('href="/begroting"' in html) is ziet


def test_the_director_sees_no_upload_form(client, auth, make_user, plan_ingelezen):
    auth.login(make_user(Rol.DIRECTEUR))
    html = client.get("/begroting?jaar=2026").get_data(as_text=True)
    assert "Begroting 2026" in html
    assert "Begroting inlezen" not in html
