"""Money bugs that were fixed, replayed: a form or API request that books money books once per
(user, key), a key cannot be forged across users, and a reused key never books other content."""

from html import escape

from sqlmodel import select

from wijkportaal.core.idempotentie import Idempotentie
from wijkportaal.pot.models import Bijdrage

HERGEBRUIKT = (
    "Deze sleutel is al gebruikt voor een ander verzoek. Gebruik een nieuwe sleutel voor een nieuwe "
    "boeking (laad het formulier opnieuw)."
)


def api_bijdrage(bedrag: str) -> dict:
    return {"bron": "swv", "middelen": "eigen middelen", "bedrag": bedrag, "datum": "2025-09-01"}


def test_a_forged_api_key_in_a_form_does_not_capture_the_directeurs_booking(
    client, bevestigd, auth, db, potten, api_as, bijdrage_formulier, pot_saldo
):
    p = potten
    auth.login(p.swv)
    vals = f"api:{p.directeur.id}:factuur-2026-001"
    response = bevestigd(f"/potten/{p.a.id}/bijdragen/nieuw", bijdrage_formulier(vals, "1,00"))
    assert response.status_code == 302
    auth.logout()
    assert pot_saldo(p.a) == 100

    response = api_as(p.directeur).post(
        f"/potten/{p.b.id}/bijdragen", api_bijdrage("5.000,00"), sleutel="factuur-2026-001"
    )
    assert response.status_code == 201
    assert (response.json["pot_id"], response.json["bedrag"]) == (p.b.id, 500_000)
    db.expire_all()
    nieuw = db.get(Bijdrage, response.json["id"])
    assert (nieuw.pot_id, nieuw.bedrag_cents, nieuw.ingevoerd_door_id) == (p.b.id, 500_000, p.directeur.id)
    assert pot_saldo(p.b) == 500_000
    assert pot_saldo(p.a) == 100


def test_a_pledge_submitted_twice_is_recorded_once(
    client, bevestigd, auth, potten, toezegging_formulier, aantal, pot_saldo
):
    p, formulier = potten, toezegging_formulier
    auth.login(p.best_een)
    first = bevestigd(f"/potten/{p.a.id}/bijdragen/nieuw", formulier, follow_redirects=True)
    second = bevestigd(f"/potten/{p.a.id}/bijdragen/nieuw", formulier, follow_redirects=True)
    assert aantal(Bijdrage) == 1
    assert pot_saldo(p.a) == 0  # a pledge is not money in the pot yet
    for response, melding in ((first, "De bijdrage is vastgelegd."), (second, "Dit was al geboekt")):
        assert response.status_code == 200
        assert response.request.path == f"/potten/{p.a.id}"
        html = response.get_data(as_text=True)
        assert melding in html
        assert "al gebruikt" not in html and "flash-error" not in html
    assert client.get(f"/potten/{p.a.id}").get_data(as_text=True).count("2.500,00") >= 1


def test_a_form_key_reused_for_another_amount_is_refused_and_books_nothing(
    client, bevestigd, auth, potten, bijdrage_formulier, aantal, pot_saldo
):
    p = potten
    auth.login(p.swv)
    assert (
        bevestigd(f"/potten/{p.a.id}/bijdragen/nieuw", bijdrage_formulier("k1", "10,00")).status_code == 302
    )
    response = bevestigd(f"/potten/{p.a.id}/bijdragen/nieuw", bijdrage_formulier("k1", "99,00"))
    assert response.status_code == 422
    assert escape(HERGEBRUIKT, quote=False) in response.get_data(as_text=True)
    assert aantal(Bijdrage) == 1
    assert pot_saldo(p.a) == 1_000


def test_an_api_key_reused_for_another_amount_is_409_and_books_nothing(potten, api_as, aantal, pot_saldo):
    p = potten
    api = api_as(p.directeur)
    assert api.post(f"/potten/{p.a.id}/bijdragen", api_bijdrage("10,00"), sleutel="k1").status_code == 201
    response = api.post(f"/potten/{p.a.id}/bijdragen", api_bijdrage("99,00"), sleutel="k1")
    assert response.status_code == 409
    assert aantal(Bijdrage) == 1
    assert pot_saldo(p.a) == 1_000


def test_two_users_with_the_same_key_each_get_their_own_booking(
    client, bevestigd, auth, db, potten, api_as, bijdrage_formulier, aantal, pot_saldo
):
    p = potten
    for user, bedrag in ((p.swv, "10,00"), (p.directeur, "20,00")):
        auth.login(user)
        response = bevestigd(f"/potten/{p.a.id}/bijdragen/nieuw", bijdrage_formulier("gedeeld", bedrag))
        assert response.status_code == 302
        auth.logout()
    response = api_as(p.best_een).post(
        f"/potten/{p.a.id}/bijdragen",
        {**api_bijdrage("30,00"), "bron": "bestuur", "bestuur_id": p.een.id},
        sleutel="gedeeld",
    )
    assert response.status_code == 201
    assert aantal(Bijdrage) == 3 and aantal(Idempotentie) == 3
    db.expire_all()
    geboekt = {(b.ingevoerd_door_id, b.bedrag_cents) for b in db.exec(select(Bijdrage))}
    assert geboekt == {(p.swv.id, 1_000), (p.directeur.id, 2_000), (p.best_een.id, 3_000)}
    assert pot_saldo(p.a) == 6_000
