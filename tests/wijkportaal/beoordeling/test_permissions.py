"""Who may do what in assessing, as a table: each row a person, each column what they try, with the
status code they get (and whether the combined scores show). The application is being assessed by A
(who declared no conflict and has not submitted yet) and B (who declined: a conflicted assessor)."""

import pytest
from sqlmodel import select

from wijkportaal.beoordeling import queries, services
from wijkportaal.beoordeling.models import Score, Toewijzing
from wijkportaal.core.roles import Rol

LEZEN, BEOORDELING, ZIET_SCORES, OVERZICHT, TOEWIJZEN, SCOREN = (
    "aanvraag lezen",
    "beoordelingspagina",
    "ziet gecombineerde scores",
    "overzicht beoordelen",
    "toewijzen",
    "scoren",
)

MATRIX = {
    #  who                              lezen beoord. scores overzicht toewijzen scoren
    "aanvrager": (200, 403, False, 403, 403, 403),
    "bevestigde medeaanvrager": (200, 403, False, 403, 403, 403),
    "andere school": (403, 403, False, 403, 403, 403),
    "beoordelaar (aangewezen)": (200, 200, False, 200, 403, 303),
    "beoordelaar met belangenconflict": (403, 403, False, 200, 403, 403),
    "beoordelaar, niet aangewezen": (403, 403, False, 200, 403, 403),
    "swv-medewerker": (200, 200, True, 200, 303, 403),
    "directeur-bestuurder": (200, 200, True, 200, 403, 403),
}


@pytest.fixture
def wereld(db, in_beoordeling, beoordelaars, criteria, noord, zuid, partij, make_user):
    a, b, c = beoordelaars
    services.verklaar(db, queries.toewijzing_van(db, a, in_beoordeling.id), a, geen_conflict=True)
    services.verklaar(db, queries.toewijzing_van(db, b, in_beoordeling.id), b, False, "Oud-collega.")
    db.commit()
    wie = {
        "aanvrager": noord.schoolleider,
        "bevestigde medeaanvrager": zuid.bestuurder,
        "andere school": partij("Oost").schoolleider,
        "beoordelaar (aangewezen)": a,
        "beoordelaar met belangenconflict": b,
        "beoordelaar, niet aangewezen": c,
        "swv-medewerker": make_user(Rol.SWV),
        "directeur-bestuurder": make_user(Rol.DIRECTEUR),
    }
    scores = {f"score_{k.id}": "2" for k in criteria} | {f"motivering_{k.id}": "" for k in criteria}
    return wie, queries.toewijzing_van(db, a, in_beoordeling.id), c, scores | {"advies": "toekennen"}


@pytest.mark.parametrize("rij", MATRIX)
def test_permission_matrix(client, auth, db, in_beoordeling, wereld, rij):
    wie, toewijzing_a, c, score_data = wereld
    auth.login(wie[rij])
    aid = in_beoordeling.id
    pagina = client.get(f"/beoordeling/aanvraag/{aid}")
    uitkomst = (
        client.get(f"/initiatieven/{aid}").status_code,
        pagina.status_code,
        "Gecombineerde scores" in pagina.get_data(as_text=True),
        client.get("/beoordeling/").status_code,
        client.post(
            f"/beoordeling/aanvraag/{aid}/toewijzen", data={"beoordelaars": [c.id], "deadline": "2099-01-01"}
        ).status_code,
        client.post(f"/beoordeling/toewijzing/{toewijzing_a.id}/scores", data=score_data).status_code,
    )
    assert uitkomst == MATRIX[rij]
    # The effect of each write that was let through, and nothing of those refused.
    db.expire_all()
    c_toegewezen = queries.toewijzing_van(db, c, aid) is not None
    assert c_toegewezen is (MATRIX[rij][4] == 303)
    gescoord = db.exec(select(Score).where(Score.toewijzing_id == toewijzing_a.id)).all()
    assert len(gescoord) == (7 if MATRIX[rij][5] == 303 else 0)
    assert (db.get(Toewijzing, toewijzing_a.id).ingediend_op is not None) is (MATRIX[rij][5] == 303)


def test_blind_until_submitted_then_the_others_scores_show(
    client, auth, db, in_beoordeling, beoordelaars, scoor
):
    a, b, _ = beoordelaars
    scoor(in_beoordeling, b, (3, 3, 3, 3, 3, 3, 3))
    auth.login(a)
    pagina = client.get(f"/beoordeling/aanvraag/{in_beoordeling.id}").get_data(as_text=True)
    assert "Beoordelaar B" not in pagina
    assert "Gecombineerde scores" not in pagina
    scoor(in_beoordeling, a, (2, 2, 2, 2, 2, 2, 2))
    pagina = client.get(f"/beoordeling/aanvraag/{in_beoordeling.id}").get_data(as_text=True)
    assert "Gecombineerde scores" in pagina
    assert "Beoordelaar B" in pagina
    assert "2,50" in pagina  # (3 + 2) / 2 on every criterion


def test_the_api_shows_combined_scores_only_to_swv_and_the_director(
    api_as, db, in_beoordeling, beoordelaars, scoor, noord, make_user
):
    a, b, _ = beoordelaars
    scoor(in_beoordeling, a, (3, 3, 3, 3, 3, 3, 1))
    scoor(in_beoordeling, b, (3, 3, 3, 3, 3, 3, 3))
    for wie in (make_user(Rol.SWV), make_user(Rol.DIRECTEUR)):
        scores = api_as(wie).get(f"/initiatieven/{in_beoordeling.id}").get_json()["scores"]
        assert scores["beoordelaars_klaar"] == 2
        assert scores["totaal"] == "20.00"  # 6 × 3 + 2
        assert scores["verschil"] is True
        assert scores["criteria"][-1] == {
            "nummer": 10,
            "tekst": scores["criteria"][-1]["tekst"],
            "gewicht": 1,
            "gemiddelde": "2.00",
            "scores": [1, 3],
            "verschil": True,
            "onder_minimum": False,
        }
        lijst = api_as(wie).get("/initiatieven").get_json()
        assert next(i for i in lijst if i["id"] == in_beoordeling.id)["scores"]["totaal"] == "20.00"
    assert api_as(noord.schoolleider).get(f"/initiatieven/{in_beoordeling.id}").get_json()["scores"] is None
    assert api_as(a).get(f"/initiatieven/{in_beoordeling.id}").get_json()["scores"] is None
