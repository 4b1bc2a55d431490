"""A wrong contribution or spending is undone by a ledger reversal with a reason, never edited: SWV staff
reverse any, a board its own contributions; both bookings show, linked both ways, in the pot page, the
journal and the reports; a booking is reversed once; the ledger check passes afterwards."""

from datetime import date

import pytest
from sqlmodel import select

from ledger import Ledger
from wijkportaal.core import clock
from wijkportaal.pot import services
from wijkportaal.pot.models import BronSoort, Terugdraaiing

REDEN = "Bedrag verkeerd ingetypt: 2.500 in plaats van 250"
TABELLEN = (
    "ledger_transactions",
    "ledger_postings",
    "ledger_balances",
    "terugdraaiingen",
    "bijdragen",
    "bestedingen",
    "auditregels",
)


@pytest.fixture
def wereld(db, startklas, inleg, pot_gebruikers):
    """Pot A (see `startklas`) with € 1.000 from the gemeente and € 2.500 from Stichting Een besides the
    SWV's € 10.000 (so € 9.500 available), and a spending of € 1.000 on Startklas."""
    p = startklas
    p.van_gemeente = inleg(p.swv, BronSoort.GEMEENTE, None, 100_000, "gemeente")
    p.van_een = inleg(p.best_een, BronSoort.BESTUUR, p.een.id, 250_000, "een")
    p.besteding = services.boek_besteding(
        db,
        p.swv,
        p.aanpak,
        datum=date(2025, 10, 1),
        omschrijving="Leerkracht september",
        factuurreferentie="F-1",
        bedrag_cents=100_000,
        sleutel="besteding",
    )
    db.commit()
    # Stichting Twee takes part in the pot, but the contribution is Stichting Een's.
    p.gebruikers = {**pot_gebruikers, ("bestuurder", False): p.best_twee}
    return p


NIEMAND = {
    "anoniem": 302,
    "beheerder": 403,
    "beoordelaar": 403,
    "schoolleider eigen": 403,
    "partner eigen": 403,
    "bestuurder ander": 403,
}
SWV = {**NIEMAND, "swv": 302, "directeur": 302}
API_NIEMAND = {**NIEMAND, "anoniem": 401}


def teruggedraaid(aantal):
    def check(w, db):
        assert len(db.exec(select(Terugdraaiing)).all()) == aantal

    return check


TOEGANG = [
    {
        # A board's own contribution: SWV staff, and that board's bestuurder.
        "methode": "POST",
        "url": "/bijdragen/{w.van_een.id}/terugdraaien",
        "data": {"reden": REDEN},
        "verwacht": {**SWV, "bestuurder eigen": 302},
        "wel": teruggedraaid(1),
        "niet": teruggedraaid(0),
    },
    {
        # Money that is not a board's: SWV staff only.
        "methode": "POST",
        "url": "/bijdragen/{w.van_gemeente.id}/terugdraaien",
        "data": {"reden": REDEN},
        "verwacht": {**SWV, "bestuurder eigen": 403},
        "wel": teruggedraaid(1),
        "niet": teruggedraaid(0),
    },
    {
        "methode": "POST",
        "url": "/bestedingen/{w.besteding.id}/terugdraaien",
        "data": {"reden": REDEN},
        "verwacht": {**SWV, "bestuurder eigen": 403},
        "wel": teruggedraaid(1),
        "niet": teruggedraaid(0),
    },
    {
        # The same through the API: 401 without a token, 201 instead of the redirect.
        "methode": "POST",
        "url": "/api/v1/bijdragen/{w.van_een.id}/terugdraaien",
        "data": {"reden": REDEN},
        "verwacht": {**API_NIEMAND, "swv": 201, "directeur": 201, "bestuurder eigen": 201},
        "wel": teruggedraaid(1),
        "niet": teruggedraaid(0),
    },
    {
        "methode": "POST",
        "url": "/api/v1/bestedingen/{w.besteding.id}/terugdraaien",
        "data": {"reden": REDEN},
        "verwacht": {**API_NIEMAND, "swv": 201, "directeur": 201, "bestuurder eigen": 403},
        "wel": teruggedraaid(1),
        "niet": teruggedraaid(0),
    },
    {
        "methode": "GET",
        "url": "/bijdragen/{w.van_een.id}/terugdraaien",
        "verwacht": {**SWV, "swv": 200, "directeur": 200, "bestuurder eigen": 200},
    },
]


def test_toegang(regel, wereld, voer_uit):
    voer_uit(regel, wereld)


def _tekst(response) -> str:
    import re

    html = response.get_data(as_text=True).replace("\xa0", " ")
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_reason_is_required_and_nothing_changes_without_one(client, auth, wereld, momentopname):
    auth.login(wereld.swv)
    voor = momentopname(*TABELLEN)
    response = client.post(f"/bijdragen/{wereld.van_een.id}/terugdraaien", data={"reden": "  "})
    assert response.status_code == 422
    assert "Geef een reden waarom deze boeking wordt teruggedraaid." in _tekst(response)
    assert momentopname(*TABELLEN) == voor


def test_a_contribution_is_reversed_once_and_both_bookings_show_everywhere(
    app, client, auth, db, wereld, momentopname, pot_saldo
):
    w = wereld
    origineel = w.van_een.transaction_id
    auth.login(w.best_een)
    response = client.post(f"/bijdragen/{w.van_een.id}/terugdraaien", data={"reden": REDEN})
    assert response.status_code == 302
    assert pot_saldo(w.a) == 1_350_000 - 400_000 - 250_000  # paid in, less Startklas, less the reversal
    correctie = db.exec(select(Terugdraaiing)).one().transaction_id
    posted = Ledger(db).transaction(correctie)
    assert posted.reverses == origineel
    assert sorted(p.cents for p in posted.postings) == [-250_000, 250_000]
    naam = w.best_een.naam
    vandaag = f"{clock.today():%d-%m-%Y}"
    noot = f"teruggedraaid op {vandaag} door {naam}: {REDEN}"

    # A second reversal of the same booking is refused and changes nothing.
    voor = momentopname(*TABELLEN)
    again = client.post(f"/bijdragen/{w.van_een.id}/terugdraaien", data={"reden": "Nog eens"})
    assert again.status_code == 422
    assert f"Deze boeking is al teruggedraaid op {vandaag}." in _tekst(again)
    assert momentopname(*TABELLEN) == voor

    # The pot page: the contribution says who reversed it and why, with a link to the reversal.
    page = client.get(f"/potten/{w.a.id}")
    html, tekst = page.get_data(as_text=True), _tekst(page)
    assert noot in tekst
    assert f'href="/potten/{w.a.id}/journaal?transactie={correctie}#tx-{correctie}"' in html
    assert f'href="/potten/{w.a.id}/journaal?transactie={origineel}#tx-{origineel}"' in html
    assert "Ingelegd € 11.000,00" in tekst  # 13.500 paid in, less the reversed 2.500

    # The journal: both transactions, each linking to the other.
    journaal = client.get(f"/potten/{w.a.id}/journaal")
    html, tekst = journaal.get_data(as_text=True), _tekst(journaal)
    assert f'id="tx-{origineel}"' in html and f'id="tx-{correctie}"' in html
    naar = f"/potten/{w.a.id}/journaal?transactie="
    assert f'href="{naar}{correctie}#tx-{correctie}">correctie {correctie}</a>' in html
    assert f'href="{naar}{origineel}#tx-{origineel}">draait transactie {origineel} terug</a>' in html
    assert noot in tekst

    # The reports list both bookings; the board's paid-in figure no longer counts the reversed one.
    for rapport in ("rapport", "rapport/besturen", "rapport/aanpakken"):
        tekst = _tekst(client.get(f"/potten/{w.a.id}/{rapport}"))
        assert "Teruggedraaide boekingen" in tekst
        assert f"transactie {origineel} transactie {correctie}" in tekst and REDEN in tekst
    besturen = _tekst(client.get(f"/potten/{w.a.id}/rapport/besturen"))
    assert "Stichting Een € 0,00" in besturen

    result = app.test_cli_runner().invoke(args=["ledger", "check"])
    assert result.exit_code == 0, result.output


def test_a_spending_is_reversed_and_the_budget_is_free_again(app, client, auth, db, wereld):
    w = wereld
    auth.login(w.swv)
    response = client.post(f"/bestedingen/{w.besteding.id}/terugdraaien", data={"reden": "Dubbel geboekt"})
    assert response.status_code == 302
    db.expire_all()
    assert Ledger(db).balance(w.aanpak.account_code).posted == 400_000
    tekst = _tekst(client.get(f"/aanpakken/{w.aanpak.id}"))
    assert f"teruggedraaid op {clock.today():%d-%m-%Y} door {w.swv.naam}: Dubbel geboekt" in tekst
    assert "Nog te besteden € 4.000,00" in tekst
    result = app.test_cli_runner().invoke(args=["ledger", "check"])
    assert result.exit_code == 0, result.output


def test_a_contribution_the_pot_has_spent_cannot_be_reversed(client, auth, wereld, momentopname):
    auth.login(wereld.swv)
    voor = momentopname(*TABELLEN)
    response = client.post(f"/bijdragen/{wereld.van_swv.id}/terugdraaien", data={"reden": REDEN})
    assert response.status_code == 422
    tekst = _tekst(response)
    assert "Er is nog € 9.500,00 beschikbaar; terugdraaien haalt er € 10.000,00 af." in tekst
    assert " cent" not in tekst
    assert momentopname(*TABELLEN) == voor


def test_the_pot_page_offers_reversal_only_to_who_may(client, auth, wereld):
    w = wereld
    url = f"/bijdragen/{w.van_een.id}/terugdraaien"
    for user, ziet in ((w.swv, True), (w.best_een, True), (w.best_twee, False)):
        auth.login(user)
        assert (url in client.get(f"/potten/{w.a.id}").get_data(as_text=True)) is ziet
        auth.logout()


def test_the_api_reverses_once_per_key_and_says_why_it_refuses(api_as, db, wereld):
    w = wereld
    api = api_as(w.best_een)
    url = f"/bijdragen/{w.van_een.id}/terugdraaien"
    leeg = api.post(url, {"reden": ""}, sleutel="r0")
    assert leeg.status_code == 422
    assert leeg.json["velden"] == {"reden": "Geef een reden waarom deze boeking wordt teruggedraaid."}
    eerste = api.post(url, {"reden": REDEN}, sleutel="r1")
    assert eerste.status_code == 201
    assert (eerste.json["transactie_id"], eerste.json["reden"]) == (w.van_een.transaction_id, REDEN)
    herhaald = api.post(url, {"reden": REDEN}, sleutel="r1")
    assert herhaald.status_code == 200 and herhaald.json == eerste.json
    nogmaals = api.post(url, {"reden": "Nog eens"}, sleutel="r2")
    assert nogmaals.status_code == 422
    assert nogmaals.json["toelichting"].startswith("Deze boeking is al teruggedraaid op ")
    assert len(db.exec(select(Terugdraaiing)).all()) == 1
