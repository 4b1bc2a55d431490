"""Who may do what with a pot, as a table: request × role × own/other board, with the status and what
the request left in the database. Pot A (Osdorp, boards Een and Twee) is the object throughout."""

import re
from datetime import timedelta

import pytest
from sqlmodel import func, select

from ledger import Ledger
from wijkportaal.besluiten.models import VoorstelBesluit
from wijkportaal.core.clock import now
from wijkportaal.pot import services
from wijkportaal.pot.models import (
    Besteding,
    Bijdrage,
    Toekenning,
)


@pytest.fixture
def wereld(db, startklas, pot_gebruikers):
    """Pot A with € 10.000 paid in by the SWV, the approach Startklas with € 4.000 approved (see
    `startklas`), an open allocation proposed by the SWV and one proposed by Stichting Een's
    bestuurder, € 1.000 each."""
    p = startklas

    def voorstel(door, sleutel):
        return services.stel_toekenning_voor(
            db,
            door,
            p.a,
            p.aanpak,
            bedrag_cents=100_000,
            toelichting="",
            vervalt_op=now() + timedelta(days=14),
            sleutel=sleutel,
        )

    p.van_swv = voorstel(p.swv, "van-swv")
    p.van_een = voorstel(p.best_een, "van-een")
    db.commit()
    p.gebruikers = pot_gebruikers
    return p


def _tel(db, model, *where) -> int:
    return db.exec(select(func.count()).select_from(model).where(*where)).one()


def pot_a_saldo(cents):
    def check(w, db):
        assert Ledger(db).balance(w.a.account_code).posted == cents

    return check


def aanpak_saldo(cents):
    def check(w, db):
        assert Ledger(db).balance(w.aanpak.account_code).posted == cents

    return check


def bijdragen_en_saldo(aantal, cents):
    def check(w, db):
        assert _tel(db, Bijdrage) == aantal
        pot_a_saldo(cents)(w, db)

    return check


def bestedingen_en_saldo(aantal, cents):
    def check(w, db):
        assert _tel(db, Besteding) == aantal
        aanpak_saldo(cents)(w, db)

    return check


BESLUIT_VAN_EEN_OP_SWV = (
    VoorstelBesluit,
    lambda w: [VoorstelBesluit.voorstel_id == w.van_swv.voorstel_id, VoorstelBesluit.bestuur_id == w.een.id],
)
# The SWV's € 10.000 minus the € 4.000 approved for Startklas.
SALDO = 600_000
BIJDRAGE = {
    "bedrag": "250,00",
    "datum": "2025-09-01",
    "middelen": "eigen middelen",
    "partner_naam": "",
    "soort": "ingelegd",
    "uiterlijk_op": "",
    "sleutel": "matrix",
    "actie": "bevestigen",  # step 2 of the two-step form: its confirmation posts it again
}
ZIEN = {
    "anoniem": 302,
    "beheerder": 200,
    "swv": 200,
    "directeur": 200,
    "beoordelaar": 200,
    "bestuurder eigen": 200,
    "bestuurder ander": 403,
    "schoolleider eigen": 200,
    "partner eigen": 200,
}
# can_manage_pot: SWV staff and the director, and participating boards.
BEHEREN = {
    "beheerder": 403,
    "swv": 302,
    "directeur": 302,
    "beoordelaar": 403,
    "bestuurder eigen": 302,
    "bestuurder ander": 403,
    "schoolleider eigen": 403,
    "partner eigen": 403,
}

API_BIJDRAGE = {
    "bron": "bestuur",
    "bestuur_id": "{w.een.id}",
    "middelen": "eigen middelen",
    "bedrag": "250,00",
    "datum": "2025-09-01",
}


def _api(verwacht: dict[str, int], gelukt: int) -> dict[str, int]:
    """The same rules through the API: 401 without a token, `gelukt` instead of the redirect."""
    return {
        "anoniem": 401,
        **{wie: gelukt if s == 302 else s for wie, s in verwacht.items() if wie != "anoniem"},
    }


TOEGANG = [
    {"methode": "GET", "url": "/potten/{w.a.id}", "verwacht": ZIEN},
    {"methode": "GET", "url": "/potten/{w.a.id}/rapport.csv", "verwacht": ZIEN},
    {"methode": "GET", "url": "/potten/{w.a.id}/journaal.xlsx", "verwacht": ZIEN},
    {
        # A board records its own contribution; SWV staff get the form but not for a board (422).
        "methode": "POST",
        "url": "/potten/{w.a.id}/bijdragen/nieuw",
        "data": {**BIJDRAGE, "bron": "bestuur", "bestuur_id": "{w.een.id}"},
        "verwacht": {**BEHEREN, "swv": 422, "directeur": 422},
        "wel": bijdragen_en_saldo(2, SALDO + 25_000),
        "niet": bijdragen_en_saldo(1, SALDO),
    },
    {
        # Another participating board's contribution: not among a bestuurder's choices.
        "methode": "POST",
        "url": "/potten/{w.a.id}/bijdragen/nieuw",
        "data": {**BIJDRAGE, "bron": "bestuur", "bestuur_id": "{w.twee.id}"},
        "verwacht": {"swv": 422, "bestuurder eigen": 422, "bestuurder ander": 403},
        "niet": bijdragen_en_saldo(1, SALDO),
    },
    {
        # The SWV's own money: SWV staff and the director only.
        "methode": "POST",
        "url": "/potten/{w.a.id}/bijdragen/nieuw",
        "data": {**BIJDRAGE, "bron": "swv", "bestuur_id": "0"},
        "verwacht": {**BEHEREN, "bestuurder eigen": 422},
        "wel": bijdragen_en_saldo(2, SALDO + 25_000),
        "niet": bijdragen_en_saldo(1, SALDO),
    },
    {
        "methode": "POST",
        "url": "/potten/{w.a.id}/toekenningen/nieuw",
        "data": {
            "aanpak_id": "{w.aanpak.id}",
            "bedrag": "500,00",
            "termijn_dagen": "14",
            "sleutel": "matrix",
            "actie": "bevestigen",
        },
        "verwacht": BEHEREN,
        "rijen": (Toekenning, lambda w: []),
        "wel": 4,
        "niet": 3,
    },
    {
        # A participating board decides for itself; SWV staff never decide.
        "methode": "POST",
        "url": "/toekenningen/{w.van_swv.id}",
        "data": {"besluit": "akkoord", "toelichting": ""},
        "verwacht": {**BEHEREN, "swv": 403, "directeur": 403},
        "rijen": BESLUIT_VAN_EEN_OP_SWV,
        "wel": 1,
        "niet": 0,
    },
    {
        # Nobody decides on their own proposal.
        "methode": "POST",
        "url": "/toekenningen/{w.van_een.id}",
        "data": {"besluit": "akkoord", "toelichting": ""},
        "verwacht": {"swv": 403, "bestuurder eigen": 403, "bestuurder ander": 403},
        "rijen": (
            VoorstelBesluit,
            lambda w: [
                VoorstelBesluit.voorstel_id == w.van_een.voorstel_id,
                VoorstelBesluit.bestuur_id == w.een.id,
            ],
        ),
        "niet": 0,
    },
    {
        "methode": "POST",
        "url": "/aanpakken/{w.aanpak.id}/bestedingen",
        "data": {
            "datum": "2025-10-01",
            "omschrijving": "Leerkracht",
            "bedrag": "100,00",
            "sleutel": "matrix",
            "actie": "bevestigen",
        },
        "verwacht": BEHEREN,
        "wel": bestedingen_en_saldo(1, 390_000),
        "niet": bestedingen_en_saldo(0, 400_000),
    },
    {"methode": "GET", "url": "/api/v1/potten/{w.a.id}", "verwacht": _api(ZIEN, 200)},
    {
        "methode": "POST",
        "url": "/api/v1/potten/{w.a.id}/bijdragen",
        "data": API_BIJDRAGE,
        "verwacht": _api(BEHEREN, 201) | {"swv": 403, "directeur": 403},
        "wel": bijdragen_en_saldo(2, SALDO + 25_000),
        "niet": bijdragen_en_saldo(1, SALDO),
    },
    {
        "methode": "POST",
        "url": "/api/v1/potten/{w.a.id}/toekenningen",
        "data": {"aanpak_id": "{w.aanpak.id}", "bedrag": "500,00"},
        "verwacht": _api(BEHEREN, 201),
        "rijen": (Toekenning, lambda w: []),
        "wel": 4,
        "niet": 3,
    },
    {
        "methode": "POST",
        "url": "/api/v1/toekenningen/{w.van_swv.id}/besluit",
        "data": {"besluit": "akkoord"},
        "verwacht": _api(BEHEREN, 200) | {"swv": 403, "directeur": 403},
        "rijen": BESLUIT_VAN_EEN_OP_SWV,
        "wel": 1,
        "niet": 0,
    },
]


def test_toegang(regel, wereld, voer_uit):
    voer_uit(regel, wereld)


def _opties(html: str, naam: str) -> list[str]:
    select_ = re.search(rf'<select[^>]*name="{naam}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r">([^<]+)</option>", select_.group(1)) if select_ else []


@pytest.mark.parametrize(
    ("wie", "bronnen", "besturen", "partner"),
    [
        # SWV staff book the SWV's money and co-financing, never a board's contribution.
        ("swv", ["Samenwerkingsverband", "Gemeente", "Partner"], [], True),
        ("directeur", ["Samenwerkingsverband", "Gemeente", "Partner"], [], True),
        # A bestuurder books their own board's contribution only: no "—", no partner's name to fill in.
        ("best_een", ["Schoolbestuur"], ["Stichting Een"], False),
    ],
)
def test_the_contribution_form_offers_only_what_the_user_may_book(
    client, auth, wereld, wie, bronnen, besturen, partner
):
    auth.login(getattr(wereld, wie))
    html = client.get(f"/potten/{wereld.a.id}/bijdragen/nieuw").get_data(as_text=True)
    assert _opties(html, "bron") == bronnen
    assert _opties(html, "bestuur_id") == besturen
    assert ('name="partner_naam"' in html) is partner
