"""A refused action leaves the database as it was, even when the service had already flushed something
(the idempotency record), and the user reads why in Dutch."""

from sqlmodel import select

from wijkportaal.core.roles import Rol
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
    client, auth, db, potten, toezegging_formulier, momentopname
):
    p = potten
    auth.login(p.best_een)
    assert client.post(f"/potten/{p.a.id}/bijdragen/nieuw", data=toezegging_formulier).status_code == 302
    bijdrage_id = db.exec(select(Bijdrage.id)).one()
    before = momentopname(*POT_TABELLEN)

    # The idempotency record is flushed first; then the service refuses the date.
    response = client.post(
        f"/bijdragen/{bijdrage_id}/betalen",
        data={"datum": "2025-08-15", "sleutel": "betaling-1"},
        follow_redirects=True,
    )
    assert response.status_code == 200
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
