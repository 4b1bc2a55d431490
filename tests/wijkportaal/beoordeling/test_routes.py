"""Bad input at the field, through the pages: each refusal shows a Dutch message at the field (422) and
changes nothing; someone else's id is 403, an id that does not exist (also 10^20) is 404."""

import pytest
from sqlmodel import func, select

from wijkportaal.beoordeling import queries
from wijkportaal.beoordeling.models import Herziening, Score, Toewijzing, Verklaring
from wijkportaal.core.roles import Rol
from wijkportaal.initiatieven.models import Aanvraag, Status

GROOT = 10**20


def _tel(db, model) -> int:
    db.expire_all()
    return db.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def verklaard(db, in_beoordeling, beoordelaars):
    """A has declared no conflict; their assignment."""
    from wijkportaal.beoordeling import services

    a = beoordelaars[0]
    toewijzing = queries.toewijzing_van(db, a, in_beoordeling.id)
    services.verklaar(db, toewijzing, a, geen_conflict=True)
    db.commit()
    return toewijzing


def _formulier(criteria, cijfer="2", motivering="", **anders) -> dict:
    data = {f"score_{c.id}": cijfer for c in criteria} | {f"motivering_{c.id}": motivering for c in criteria}
    return data | {"advies": "toekennen"} | anders


@pytest.mark.parametrize(
    "wijzig, veld, melding",
    [
        (lambda c: {f"score_{c[0].id}": "1"}, "motivering_{0}", "Motiveer een score van 0 of 1."),
        (lambda c: {f"score_{c[2].id}": "0"}, "motivering_{2}", "Motiveer een score van 0 of 1."),
        (lambda c: {f"score_{c[1].id}": "4"}, "score_{1}", "Een score is 0, 1, 2 of 3."),
        (lambda c: {f"score_{c[1].id}": "1e5"}, "score_{1}", "Een score is 0, 1, 2 of 3."),
        (lambda c: {f"score_{c[1].id}": "-1"}, "score_{1}", "Een score is 0, 1, 2 of 3."),
        (lambda c: {f"score_{c[1].id}": ""}, "score_{1}", "Kies een score."),
        (lambda c: {"advies": ""}, "advies", "Kies uw advies: toekennen, afwijzen of aanhouden."),
        (lambda c: {"advies": "misschien"}, "advies", "Kies uw advies: toekennen, afwijzen of aanhouden."),
    ],
)
def test_a_bad_score_form_is_refused_at_the_field(
    client, auth, db, verklaard, beoordelaars, criteria, wijzig, veld, melding
):
    auth.login(beoordelaars[0])
    response = client.post(
        f"/beoordeling/toewijzing/{verklaard.id}/scores", data=_formulier(criteria) | wijzig(criteria)
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    veld_id = veld.format(*[c.id for c in criteria])
    assert f'id="{veld_id}-error"' in html
    fout = html.split(f'id="{veld_id}-error">', 1)[1].split("</p>", 1)[0]
    assert melding in fout
    assert _tel(db, Score) == 0
    assert db.get(Toewijzing, verklaard.id).ingediend_op is None


def test_a_complete_form_is_submitted_and_a_second_one_refused(
    client, auth, db, verklaard, beoordelaars, criteria
):
    auth.login(beoordelaars[0])
    url = f"/beoordeling/toewijzing/{verklaard.id}/scores"
    eerste = client.post(url, data=_formulier(criteria, "1", "Te vaag."))
    assert eerste.status_code == 303
    assert {s.score for s in db.exec(select(Score)).all()} == {1}
    assert client.post(url, data=_formulier(criteria, "3")).status_code == 403
    db.expire_all()
    assert {s.score for s in db.exec(select(Score)).all()} == {1}
    assert _tel(db, Score) == 7


def test_declaring_without_a_choice_or_declining_without_a_reason(
    client, auth, db, in_beoordeling, beoordelaars
):
    a = beoordelaars[0]
    toewijzing = queries.toewijzing_van(db, a, in_beoordeling.id)
    auth.login(a)
    url = f"/beoordeling/toewijzing/{toewijzing.id}/verklaring"
    leeg = client.post(url, data={})
    assert leeg.status_code == 422
    assert "Verklaar dat u geen belangenconflict hebt, of zie af van de beoordeling." in leeg.get_data(
        as_text=True
    )
    zonder_reden = client.post(url, data={"afzien": "y", "reden": ""})
    assert zonder_reden.status_code == 422
    assert 'id="reden-error"' in zonder_reden.get_data(as_text=True)
    assert db.get(Toewijzing, toewijzing.id).verklaring is Verklaring.OPEN
    assert client.post(url, data={"afzien": "y", "reden": "Mijn partner werkt er."}).status_code == 303
    db.expire_all()
    assert db.get(Toewijzing, toewijzing.id).verklaring is Verklaring.AFGEZIEN
    # Declined: nothing of the application any more.
    assert client.get(f"/beoordeling/aanvraag/{in_beoordeling.id}").status_code == 403
    assert client.get(f"/initiatieven/{in_beoordeling.id}").status_code == 403


def test_assigning_through_the_form_refuses_a_conflicted_assessor_at_the_field(
    client, auth, db, ingediend, beoordelaars, make_user, noord
):
    conflict = make_user(Rol.BEOORDELAAR, bestuur=noord.bestuur, naam="Beoordelaar Noord")
    auth.login(make_user(Rol.SWV))
    url = f"/beoordeling/aanvraag/{ingediend.id}/toewijzen"
    response = client.post(
        url, data={"beoordelaars": [beoordelaars[0].id, conflict.id], "deadline": "2099-01-01"}
    )
    assert response.status_code == 422
    fout = response.get_data(as_text=True).split('id="beoordelaars-error">', 1)[1].split("</p>", 1)[0]
    assert "Beoordelaar Noord werkt voor een van de aanvragende besturen" in fout
    for data, melding in (
        (
            {"beoordelaars": [beoordelaars[0].id], "deadline": "2099-01-01"},
            "Wijs ten minste 2 beoordelaars aan.",
        ),
        (
            {"beoordelaars": [b.id for b in beoordelaars[:2]], "deadline": "31-02-2027"},
            'id="deadline-error"',
        ),
        ({"beoordelaars": [b.id for b in beoordelaars[:2]], "deadline": "2001-01-01"}, "in het verleden"),
        ({"beoordelaars": ["abc"], "deadline": "2099-01-01"}, "Kies alleen uit de genoemde mogelijkheden."),
        (
            {"beoordelaars": [str(GROOT)], "deadline": "2099-01-01"},
            "Kies alleen uit de genoemde mogelijkheden.",
        ),
    ):
        response = client.post(url, data=data)
        assert response.status_code == 422, data
        assert melding in response.get_data(as_text=True), data
    assert _tel(db, Toewijzing) == 0
    assert db.get(Aanvraag, ingediend.id).status is Status.INGEDIEND


def test_someone_elses_ids_are_403_and_unknown_ones_404(
    client, auth, db, verklaard, in_beoordeling, beoordelaars, criteria, scoor
):
    a, b, c = beoordelaars
    scoor(in_beoordeling, b, (2, 2, 2, 2, 2, 2, 2))
    score_b = db.exec(select(Score)).first()
    toewijzing_b = db.get(Toewijzing, score_b.toewijzing_id)
    auth.login(a)
    assert (
        client.post(
            f"/beoordeling/toewijzing/{toewijzing_b.id}/verklaring", data={"geen_conflict": "y"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/beoordeling/toewijzing/{toewijzing_b.id}/scores", data=_formulier(criteria)
        ).status_code
        == 403
    )
    herzien = client.post(
        f"/beoordeling/score/{score_b.id}/herzien", data={"score": "0", "motivering": "x", "reden": "y"}
    )
    assert herzien.status_code == 403
    auth.logout()
    auth.login(c)
    assert (
        client.post(f"/beoordeling/toewijzing/{verklaard.id}/scores", data=_formulier(criteria)).status_code
        == 403
    )
    for url in (
        f"/beoordeling/aanvraag/{GROOT}",
        f"/beoordeling/aanvraag/{GROOT}/toewijzen",
        f"/beoordeling/toewijzing/{GROOT}/scores",
        f"/beoordeling/score/{GROOT}/herzien",
        "/beoordeling/aanvraag/987654",
    ):
        methode = client.get if url.endswith(("987654", f"{GROOT}")) or "herzien" in url else client.post
        assert methode(url).status_code == 404, url
    db.expire_all()
    assert db.get(Score, score_b.id).score == 2
    assert _tel(db, Herziening) == 0
    assert _tel(db, Score) == 7


def test_a_revision_through_the_page(client, auth, db, in_beoordeling, beoordelaars, criteria, scoor):
    a, b, _ = beoordelaars
    scoor(in_beoordeling, a, (3, 3, 3, 3, 3, 3, 3))
    scoor(in_beoordeling, b, (1, 3, 3, 3, 3, 3, 3))
    score = queries.scores_van(db, queries.toewijzing_van(db, a, in_beoordeling.id))[criteria[0].id]
    auth.login(a)
    url = f"/beoordeling/score/{score.id}/herzien"
    assert client.get(url).status_code == 200
    zonder = client.post(url, data={"score": "2", "motivering": "", "reden": ""})
    assert zonder.status_code == 422
    assert "Geef de reden van de herziening." in zonder.get_data(as_text=True)
    assert client.post(url, data={"score": "2", "motivering": "", "reden": "Na overleg."}).status_code == 303
    pagina = client.get(f"/beoordeling/aanvraag/{in_beoordeling.id}").get_data(as_text=True)
    assert "van 3 naar 2. Reden: Na overleg." in pagina
    db.expire_all()
    assert db.get(Score, score.id).score == 2


def test_swv_staff_withdraw_an_assessor_through_the_page(
    client, auth, db, verklaard, in_beoordeling, beoordelaars, make_user
):
    a, b, c = beoordelaars
    toewijzing_b = queries.toewijzing_van(db, b, in_beoordeling.id)
    auth.login(make_user(Rol.SWV))
    pagina = client.get(f"/beoordeling/aanvraag/{in_beoordeling.id}").get_data(as_text=True)
    assert "Beoordelaar A intrekken…" in pagina and "Beoordelaar B intrekken…" in pagina
    url = f"/beoordeling/toewijzing/{toewijzing_b.id}/intrekken"
    prefix = f"t{toewijzing_b.id}-"
    for reden in ("", "   "):
        leeg = client.post(url, data={f"{prefix}reden": reden})
        assert leeg.status_code == 422
        fout = leeg.get_data(as_text=True).split(f'id="{prefix}reden-error">', 1)[1].split("</p>", 1)[0]
        assert fout == "Geef de reden van het intrekken."
    db.expire_all()
    assert db.get(Toewijzing, toewijzing_b.id).verklaring is Verklaring.OPEN
    klaar = client.post(url, data={f"{prefix}reden": "Geen reactie voor de deadline."}, follow_redirects=True)
    assert "De beoordelaar is ingetrokken en ziet de aanvraag niet meer." in klaar.get_data(as_text=True)
    assert "Ingetrokken door het SWV: Geen reactie voor de deadline." in klaar.get_data(as_text=True)
    db.expire_all()
    assert db.get(Toewijzing, toewijzing_b.id).verklaring is Verklaring.INGETROKKEN
    # Withdrawn once: the button is gone and a second post is refused.
    assert "Beoordelaar B intrekken…" not in klaar.get_data(as_text=True)
    assert client.post(url, data={f"{prefix}reden": "Nog eens."}).status_code == 403
    auth.logout()
    # B sees nothing of the application any more; A may still score.
    auth.login(b)
    assert client.get(f"/beoordeling/aanvraag/{in_beoordeling.id}").status_code == 403
    assert client.get(f"/initiatieven/{in_beoordeling.id}").status_code == 403
    auth.logout()
    auth.login(a)
    assert client.get(f"/beoordeling/aanvraag/{in_beoordeling.id}").status_code == 200


def test_only_swv_staff_withdraw_and_not_a_submitted_assessor(
    client, auth, db, in_beoordeling, beoordelaars, scoor, make_user
):
    a, b, _ = beoordelaars
    scoor(in_beoordeling, a, (2, 2, 2, 2, 2, 2, 2))
    toewijzing_a = queries.toewijzing_van(db, a, in_beoordeling.id)
    toewijzing_b = queries.toewijzing_van(db, b, in_beoordeling.id)
    for wie in (a, b, make_user(Rol.DIRECTEUR)):
        auth.login(wie)
        url = f"/beoordeling/toewijzing/{toewijzing_b.id}/intrekken"
        assert client.post(url, data={f"t{toewijzing_b.id}-reden": "x"}).status_code == 403, wie.naam
        auth.logout()
    auth.login(make_user(Rol.SWV))
    ingediend = client.post(
        f"/beoordeling/toewijzing/{toewijzing_a.id}/intrekken", data={f"t{toewijzing_a.id}-reden": "x"}
    )
    assert ingediend.status_code == 403
    assert client.post(f"/beoordeling/toewijzing/{GROOT}/intrekken", data={}).status_code == 404
    db.expire_all()
    assert [db.get(Toewijzing, t.id).verklaring for t in (toewijzing_a, toewijzing_b)] == [
        Verklaring.GEEN_CONFLICT,
        Verklaring.OPEN,
    ]
