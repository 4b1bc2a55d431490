"""Who may do what with an application, as a table: each row a person, each column what they try, with
the status code they get. The assessor and director rows belong to the assessing feature."""

import pytest

from wijkportaal.core.roles import Rol

LEZEN, PLAN, PARTNER, OVERZICHT, KENNISBANK, RONDES = (
    "lezen",
    "plan",
    "partner",
    "overzicht",
    "kennisbank",
    "rondes",
)


def _probeer(client, wat: str, aanvraag_id: int) -> int:
    return {
        LEZEN: lambda: client.get(f"/initiatieven/{aanvraag_id}"),
        PLAN: lambda: client.post(f"/initiatieven/{aanvraag_id}/plan", data={"titel": "Gewijzigd"}),
        PARTNER: lambda: client.post(f"/initiatieven/{aanvraag_id}/partners", data={"naam": "OKT"}),
        OVERZICHT: lambda: client.get("/initiatieven/overzicht"),
        KENNISBANK: lambda: client.get("/initiatieven/kennisbank"),
        RONDES: lambda: client.get("/initiatieven/rondes"),
    }[wat]().status_code


MATRIX = {
    #  who                      read  plan  partner overzicht kennisbank rondes
    "aanvrager": (200, 303, 303, 403, 200, 403),
    "bevestigde medeaanvrager": (200, 303, 303, 403, 200, 403),
    "uitgenodigd, niet bevestigd": (200, 403, 403, 403, 200, 403),
    "andere school": (403, 403, 403, 403, 200, 403),
    "bestuurder van een ander bestuur": (403, 403, 403, 403, 200, 403),
    "partner": (403, 403, 403, 403, 200, 403),
    "swv-medewerker": (200, 403, 403, 200, 200, 200),
    "beheerder": (403, 403, 403, 403, 200, 403),
}


@pytest.fixture
def wie(db, concept, noord, zuid, partij, make_user):
    from wijkportaal.initiatieven import services

    ander = partij("Oost")

    def kies(rij: str):
        if rij == "bevestigde medeaanvrager":
            services.bevestig_deelname(db, concept, zuid.bestuurder)
            db.commit()
        return {
            "aanvrager": noord.schoolleider,
            "bevestigde medeaanvrager": zuid.bestuurder,
            "uitgenodigd, niet bevestigd": zuid.schoolleider,
            "andere school": ander.schoolleider,
            "bestuurder van een ander bestuur": ander.bestuurder,
            "partner": make_user(Rol.PARTNER),
            "swv-medewerker": make_user(Rol.SWV),
            "beheerder": make_user(Rol.BEHEERDER),
        }[rij]

    return kies


@pytest.mark.parametrize("rij", MATRIX)
def test_permission_matrix(client, auth, concept, wie, rij):
    auth.login(wie(rij))
    acties = (LEZEN, PLAN, PARTNER, OVERZICHT, KENNISBANK, RONDES)
    assert tuple(_probeer(client, wat, concept.id) for wat in acties) == MATRIX[rij]


def test_a_submitted_application_is_read_only_for_its_applicants(client, auth, db, bevestigd, noord):
    from wijkportaal.initiatieven import services

    services.dien_in(db, bevestigd, noord.schoolleider)
    db.commit()
    auth.login(noord.schoolleider)
    assert _probeer(client, LEZEN, bevestigd.id) == 200
    assert _probeer(client, PLAN, bevestigd.id) == 403


def test_an_unknown_id_is_404_and_anonymous_users_log_in(client, auth, concept, noord):
    assert client.get(f"/initiatieven/{concept.id}").status_code == 302
    auth.login(noord.schoolleider)
    assert client.get(f"/initiatieven/{concept.id + 1000}").status_code == 404
