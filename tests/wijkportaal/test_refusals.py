"""A refused action leaves the database as it was, even when the service had already flushed something
(the idempotency record, a new agenda item), and the user reads why in Dutch: pot, beheer, overleg,
expertise and monitor."""

from datetime import date

import pytest
from sqlmodel import select

from wijkportaal.core.roles import Rol
from wijkportaal.monitor import services as monitor_services
from wijkportaal.pot.models import Bijdrage

POT_TABELLEN = (
    "bijdragen",
    "idempotentie",
    "auditregels",
    "ledger_transactions",
    "ledger_postings",
    "ledger_balances",
    "ledger_chain_head",
)


def test_pot_paying_a_pledge_before_its_date_changes_nothing(
    client, bevestigd, auth, db, potten, toezegging_formulier, momentopname
):
    p = potten
    auth.login(p.best_een)
    assert bevestigd(f"/potten/{p.a.id}/bijdragen/nieuw", toezegging_formulier).status_code == 302
    bijdrage_id = db.exec(select(Bijdrage.id)).one()
    before = momentopname(*POT_TABELLEN)

    # Refused at step 1 already: no confirmation page.
    response = bevestigd(
        f"/bijdragen/{bijdrage_id}/betalen", {"datum": "2025-08-15", "sleutel": "betaling-1"}
    )
    assert response.status_code == 422
    assert "De betaling kan niet vóór de toezegging liggen." in response.get_data(as_text=True)
    assert momentopname(*POT_TABELLEN) == before

    # Step 2 sent anyway: the idempotency record is flushed first; then the service refuses the date.
    response = client.post(
        f"/bijdragen/{bijdrage_id}/betalen",
        data={"datum": "2025-08-15", "sleutel": "betaling-1", "actie": "bevestigen"},
    )
    assert response.status_code == 422
    assert "De betaling kan niet vóór de toezegging liggen." in response.get_data(as_text=True)
    assert momentopname(*POT_TABELLEN) == before


def test_beheer_a_token_for_an_inactive_user_changes_nothing(client, auth, db, make_user, momentopname):
    beheerder = make_user(Rol.BEHEERDER)
    oud = make_user(Rol.SWV, naam="Oud Collega")
    oud.is_actief = False
    db.add(oud)
    db.commit()
    auth.login(beheerder)
    tabellen = ("gebruikers", "api_tokens", "auditregels")
    before = momentopname(*tabellen)

    response = client.post(f"/beheer/gebruikers/{oud.id}/tokens", data={"omschrijving": "Koppeling"})
    assert response.status_code == 422
    assert (
        "Deze gebruiker is niet actief: een token zou niet werken. Activeer het account eerst."
        in response.get_data(as_text=True)
    )
    assert momentopname(*tabellen) == before


OVERLEG_TABELLEN = (
    "bijeenkomsten",
    "agendapunten",
    "agendapunt_themas",
    "amendementen",
    "idempotentie",
    "auditregels",
)


def test_overleg_an_item_on_an_agreed_agenda_without_a_reason_changes_nothing(
    client, auth, make_overleg, make_bijeenkomst, momentopname
):
    ov = make_overleg()
    b = make_bijeenkomst(ov.overleg, days=7, vastgesteld=True, agendapunten=["Opening"])
    auth.login(ov.voorzitter)
    before = momentopname(*OVERLEG_TABELLEN)

    # The idempotency record and the new item are flushed; then the missing reason refuses it.
    response = client.post(
        f"/bijeenkomsten/{b.id}/agendapunten", data={"titel": "Nagekomen", "minuten": 10, "sleutel": "punt-1"}
    )
    assert response.status_code == 422
    assert "De agenda is al vastgesteld: geef een reden voor deze wijziging." in response.get_data(
        as_text=True
    )
    assert momentopname(*OVERLEG_TABELLEN) == before


@pytest.mark.parametrize(
    ("actie", "data", "melding"),
    [
        ("vaststellen", {}, "Een lege agenda kan niet worden vastgesteld: voeg eerst agendapunten toe."),
        ("annuleren", {"reden": " "}, "Geef een reden om de bijeenkomst te annuleren."),
    ],
)
def test_overleg_a_refused_one_button_action_changes_nothing(
    client, auth, make_overleg, make_bijeenkomst, momentopname, actie, data, melding
):
    """Agreeing an empty agenda; cancelling without a reason."""
    ov = make_overleg()
    b = make_bijeenkomst(ov.overleg, days=7)
    auth.login(ov.voorzitter)
    before = momentopname(*OVERLEG_TABELLEN)

    response = client.post(f"/bijeenkomsten/{b.id}/{actie}", data=data, follow_redirects=True)
    assert response.status_code == 200
    assert melding in response.get_data(as_text=True)
    assert momentopname(*OVERLEG_TABELLEN) == before


def test_expertise_ending_an_offer_before_it_began_changes_nothing(
    client, auth, make_overleg, make_user, make_domein, make_expertise, momentopname
):
    ov = make_overleg()
    aanbod = make_expertise(ov.okt, make_domein("Autisme"), wijken=[ov.wijk], geldig_van=date(2024, 8, 1))
    auth.login(make_user(Rol.PARTNER, organisatie=ov.okt))
    tabellen = ("expertise_aanbod", "expertise_wijken", "auditregels")
    before = momentopname(*tabellen)

    response = client.post(
        f"/expertise/{aanbod.id}/beeindigen", data={"geldig_tot": "2024-07-31"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "De laatste dag kan niet vóór de begindatum (01-08-2024) liggen." in response.get_data(
        as_text=True
    )
    assert momentopname(*tabellen) == before


def test_monitor_proposing_the_same_vrijval_twice_changes_nothing(client, auth, db, potten, momentopname):
    p = potten
    for jaar, sbo, so in ((2023, 20, 10), (2024, 18, 9)):
        monitor_services.leg_aantallen_vast(db, p.swv, p.osdorp, schooljaar=jaar, sbo=sbo, so=so)
    monitor_services.stel_vrijval_voor(db, p.swv, p.osdorp, schooljaar=2024, pot=p.a, toelichting="")
    db.commit()
    auth.login(p.swv)
    tabellen = ("vrijval_voorstellen", "voorstellen", "voorstel_besluiten", "bijdragen", "auditregels")
    before = momentopname(*tabellen)

    response = client.post(
        "/monitor/osdorp/vrijval", data={"schooljaar": 2024, "pot_id": p.a.id, "toelichting": "Nog eens"}
    )
    assert response.status_code == 422
    # 2024-2025 is no longer among the years to choose, so the page says there is nothing to propose.
    assert (
        "Er is geen vrijval om voor te stellen: er zijn geen afgelopen schooljaren met vermeden verwijzingen "
        "waarvan de vrijval nog niet is voorgesteld." in response.get_data(as_text=True)
    )
    assert momentopname(*tabellen) == before
