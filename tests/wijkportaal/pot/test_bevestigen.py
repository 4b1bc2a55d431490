"""Every form that moves money asks for confirmation first: step 1 shows the amount in figures and in
words, the pot and the effect on the balance and books nothing; "Bevestigen" books once, however often
it is sent; "Terug" shows the filled form; a mistyped amount gets a Dutch message at the field."""

import re
from dataclasses import dataclass

import pytest

from wijkportaal.monitor import services as monitor_services
from wijkportaal.pot.models import BronSoort

# What a money form may change: nothing of it may change after step 1.
GELDTABELLEN = (
    "ledger_transactions",
    "ledger_postings",
    "ledger_balances",
    "ledger_reservations",
    "bijdragen",
    "bestedingen",
    "toekenningen",
    "vrijval_voorstellen",
    "voorstellen",
    "idempotentie",
    "auditregels",
)


@pytest.fixture
def wereld(db, startklas, inleg):
    """Pot A with € 6.000 available (see `startklas`), a pledge of € 2.500 by Stichting Een, and
    Osdorp's counts that free € 49.000 of vrijval in 2024-2025."""
    p = startklas
    p.toezegging = inleg(p.best_een, BronSoort.BESTUUR, p.een.id, 250_000, "toezegging", toezegging=True)
    for jaar, sbo, so in ((2023, 20, 10), (2024, 18, 9)):
        monitor_services.leg_aantallen_vast(db, p.swv, p.osdorp, schooljaar=jaar, sbo=sbo, so=so)
    db.commit()
    return p


@dataclass(frozen=True)
class Geldformulier:
    """One money form: who fills it in, where, with what, and what its confirmation page must say."""

    naam: str
    wie: str
    url: str
    data: dict
    bedrag: str  # the amount field, or None when the amount follows from the choice (vrijval)
    toont: tuple[str, ...]  # on the confirmation page (non-breaking spaces read as spaces)
    geboekt: tuple[str, int]  # after "Bevestigen": one more row in this table


FORMULIEREN = [
    Geldformulier(
        "bijdrage",
        "swv",
        "/potten/{w.a.id}/bijdragen/nieuw",
        {
            "bron": "swv",
            "bestuur_id": "0",
            "middelen": "eigen middelen",
            "bedrag": "12.345,67",
            "datum": "2025-10-01",
            "soort": "ingelegd",
            "uiterlijk_op": "",
        },
        "bedrag",
        (
            "€ 12.345,67 — twaalfduizenddriehonderdvijfenveertig euro en zevenenzestig cent",
            "GKBU Osdorp 2025-2026",
            "Beschikbaar in de pot",
            "€ 6.000,00 → € 18.345,67",
        ),
        ("bijdragen", 1),
    ),
    Geldformulier(
        "toezegging",
        "best_een",
        "/potten/{w.a.id}/bijdragen/nieuw",
        {
            "bron": "bestuur",
            "bestuur_id": "{w.een.id}",
            "middelen": "ondersteuningsmiddelen",
            "bedrag": "20.000",
            "datum": "2025-10-01",
            "soort": "toezegging",
            "uiterlijk_op": "2026-01-31",
        },
        "bedrag",
        (
            "€ 20.000,00 — twintigduizend euro",
            "Stichting Een",
            "Nog toegezegd",
            "€ 2.500,00 → € 22.500,00",
        ),
        ("bijdragen", 1),
    ),
    Geldformulier(
        "betaling",
        "best_een",
        "/bijdragen/{w.toezegging.id}/betalen",
        {"datum": "2025-11-01"},
        None,
        (
            "€ 2.500,00 — tweeduizendvijfhonderd euro",
            "GKBU Osdorp 2025-2026",
            "€ 6.000,00 → € 8.500,00",
        ),
        ("ledger_transactions", 1),
    ),
    Geldformulier(
        "toekenning",
        "swv",
        "/potten/{w.a.id}/toekenningen/nieuw",
        {"aanpak_id": "{w.aanpak.id}", "bedrag": "1000.00", "termijn_dagen": "14", "toelichting": ""},
        "bedrag",
        (
            "€ 1.000,00 — duizend euro",
            "Startklas",
            "€ 6.000,00 → € 5.000,00",
        ),
        ("toekenningen", 1),
    ),
    Geldformulier(
        "besteding",
        "swv",
        "/aanpakken/{w.aanpak.id}/bestedingen",
        {"datum": "2025-10-01", "omschrijving": "Leerkracht", "factuurreferentie": "F-1", "bedrag": "100"},
        "bedrag",
        (
            "€ 100,00 — honderd euro",
            "Nog te besteden voor deze aanpak",
            "€ 4.000,00 → € 3.900,00",
        ),
        ("bestedingen", 1),
    ),
    Geldformulier(
        "vrijval",
        "swv",
        "/monitor/osdorp/vrijval",
        {"schooljaar": "2024", "pot_id": "{w.a.id}", "toelichting": ""},
        None,
        (
            "€ 49.000,00 — negenenveertigduizend euro",
            "GKBU Osdorp 2025-2026",
            "€ 6.000,00 → € 55.000,00",
            "Er wordt nu nog niets geboekt",
        ),
        ("vrijval_voorstellen", 1),
    ),
]


def _ingevuld(formulier: Geldformulier, w) -> dict:
    return {k: v.format(w=w) for k, v in formulier.data.items()}


def _html(response) -> str:
    return response.get_data(as_text=True).replace("\xa0", " ")


def _tekst(response) -> str:
    """The page's text as a user reads it: no tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", _html(response)).split()).replace(" .", ".")


@pytest.fixture(params=FORMULIEREN, ids=[f.naam for f in FORMULIEREN])
def formulier(request, wereld, auth):
    f = request.param
    auth.login(getattr(wereld, f.wie))
    return f


def test_step_one_shows_the_amount_in_words_and_books_nothing(client, wereld, formulier, momentopname):
    voor = momentopname(*GELDTABELLEN)
    response = client.post(formulier.url.format(w=wereld), data=_ingevuld(formulier, wereld))
    assert response.status_code == 200
    tekst = _tekst(response)
    assert "Er is nog niets geboekt." in tekst
    for verwacht in formulier.toont:
        assert verwacht in tekst
    html = _html(response)
    assert 'value="bevestigen"' in html and 'value="terug"' in html
    assert momentopname(*GELDTABELLEN) == voor


def test_confirming_books_once_however_often_it_is_sent(
    client, wereld, formulier, momentopname, bevestigingsformulier
):
    tabel, erbij = formulier.geboekt
    voor = momentopname(tabel)[tabel][0]
    url = formulier.url.format(w=wereld)
    stap1 = client.post(url, data=_ingevuld(formulier, wereld))
    body = bevestigingsformulier(stap1.get_data(as_text=True))
    eerste = client.post(url, data=body)
    assert eerste.status_code == 302
    na_een = momentopname(*GELDTABELLEN)
    assert na_een[tabel][0] == voor + erbij
    tweede = client.post(url, data=body)  # a double click, or the browser's back and confirm again
    assert (tweede.status_code, tweede.location) == (302, eerste.location)  # to the original booking
    assert momentopname(*GELDTABELLEN) == na_een
    getoond = _tekst(client.get(tweede.location))
    assert "Dit was al geboekt; er is niets opnieuw geboekt." in getoond
    assert "flash-error" not in getoond and "al gebruikt" not in getoond


def test_back_shows_the_filled_form(client, wereld, formulier, momentopname):
    voor = momentopname(*GELDTABELLEN)
    data = {**_ingevuld(formulier, wereld), "actie": "terug"}
    response = client.post(formulier.url.format(w=wereld), data=data)
    assert response.status_code == 200
    html = _html(response)
    assert 'value="bevestigen"' not in html
    for veld in ("bedrag", "omschrijving", "middelen", "datum"):
        if veld in formulier.data:
            assert f'value="{data[veld]}"' in html
    assert momentopname(*GELDTABELLEN) == voor


MET_BEDRAG = [f for f in FORMULIEREN if f.bedrag]


@pytest.mark.parametrize("formulier", MET_BEDRAG, ids=[f.naam for f in MET_BEDRAG], indirect=True)
@pytest.mark.parametrize(
    ("bedrag", "melding"),
    [
        ("1e5", "Schrijf het bedrag voluit, zonder e-notatie: bijvoorbeeld 100.000,00 of 100000.00."),
        ("12.5", "Is &#39;12.5&#39; bedoeld als 12,50 of als 12.500?"),
    ],
)
def test_a_mistyped_amount_gets_a_dutch_message_at_the_field(
    client, wereld, formulier, momentopname, bedrag, melding
):
    voor = momentopname(*GELDTABELLEN)
    data = {**_ingevuld(formulier, wereld), formulier.bedrag: bedrag}
    for actie in ("", "bevestigen"):
        response = client.post(formulier.url.format(w=wereld), data={**data, "actie": actie})
        assert response.status_code == 422
        html = _html(response)
        assert f'<p class="error" id="{formulier.bedrag}-error">{melding}' in html
        assert 'value="bevestigen"' not in html
    assert momentopname(*GELDTABELLEN) == voor


def test_an_allocation_above_the_available_money_is_refused_at_step_one(client, wereld, auth, momentopname):
    auth.login(wereld.swv)
    voor = momentopname(*GELDTABELLEN)
    response = client.post(
        f"/potten/{wereld.a.id}/toekenningen/nieuw",
        data={"aanpak_id": wereld.aanpak.id, "bedrag": "6.000,01", "termijn_dagen": "14"},
    )
    assert response.status_code == 422
    html = _tekst(response)
    assert html.count("Er is € 6.000,00 beschikbaar; u vraagt € 6.000,01.") == 1
    assert " cent" not in html
    assert momentopname(*GELDTABELLEN) == voor


@pytest.mark.parametrize(
    ("data", "veld", "melding"),
    [
        ({"bron": "partner", "partner_naam": ""}, "partner_naam", "Vul de naam van de partner in."),
        (
            {"soort": "toezegging", "uiterlijk_op": ""},
            "uiterlijk_op",
            "Een toezegging heeft een uiterste betaaldatum, op of na de datum van de toezegging.",
        ),
    ],
)
def test_an_incomplete_contribution_gets_no_confirmation_page(
    client, wereld, auth, momentopname, data, veld, melding
):
    auth.login(wereld.swv)
    voor = momentopname(*GELDTABELLEN)
    formulier = {**_ingevuld(FORMULIEREN[0], wereld), **data}
    response = client.post(f"/potten/{wereld.a.id}/bijdragen/nieuw", data=formulier)
    assert response.status_code == 422
    html = _html(response)
    assert f'<p class="error" id="{veld}-error">{melding}</p>' in html
    assert 'value="bevestigen"' not in html
    assert momentopname(*GELDTABELLEN) == voor
