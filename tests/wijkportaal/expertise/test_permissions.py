"""Who may see and change what, as a table: every role against every page of the register."""

import pytest
from sqlmodel import select

from wijkportaal.expertise.models import Expertise

ROLES = [
    "anoniem",
    "swv",
    "beheerder",
    "directeur",
    "bestuurder",
    "partner",
    "so_leider",
    "voorzitter",
    "leider_b",
]
IEDEREEN = set(ROLES) - {"anoniem"}
SWV = {"swv", "beheerder"}
VASTLEGGERS = SWV | {"partner", "so_leider", "voorzitter", "leider_b"}

# (action, url, the roles that get 200; the others get 403, anonymous users the login page)
MATRIX = [
    ("register", lambda w: "/expertise", IEDEREEN),
    ("aanbod bekijken", lambda w: f"/expertise/{w.e_okt.id}", IEDEREEN),
    ("voorzieningen", lambda w: "/voorzieningen", IEDEREEN),
    ("dekking", lambda w: "/expertise/dekking", IEDEREEN),
    ("dekking csv", lambda w: "/expertise/dekking.csv", IEDEREEN),
    ("aanbod toevoegen", lambda w: "/expertise/nieuw", VASTLEGGERS),
    ("aanbod OKT bewerken", lambda w: f"/expertise/{w.e_okt.id}/bewerken", SWV | {"partner"}),
    ("aanbod van voorzitter bewerken", lambda w: f"/expertise/{w.e_zorg.id}/bewerken", SWV | {"voorzitter"}),
    ("aanbod school B bewerken", lambda w: f"/expertise/{w.e_b.id}/bewerken", SWV | {"leider_b"}),
    # the OKT is no school, so its partner hosts no voorziening
    (
        "voorziening toevoegen",
        lambda w: "/voorzieningen/nieuw",
        SWV | {"so_leider", "voorzitter", "leider_b"},
    ),
    ("domeinen", lambda w: "/expertise/domeinen", SWV),
    ("domein bewerken", lambda w: f"/expertise/domeinen/{w.domein.id}", SWV),
    ("norm", lambda w: "/expertise/norm", SWV),
]


@pytest.mark.parametrize(("actie", "url", "toegestaan"), MATRIX, ids=[m[0] for m in MATRIX])
def test_permission_matrix(client, auth, world, actie, url, toegestaan):
    path = url(world)
    for rol in ROLES:
        if rol != "anoniem":
            auth.login(world.users[rol])
        got = client.get(path).status_code
        expected = 302 if rol == "anoniem" else (200 if rol in toegestaan else 403)
        assert got == expected, f"{actie}: {rol} kreeg {got}, verwacht {expected}"
        if rol != "anoniem":
            auth.logout()


WRITES = [
    ("bewerken", lambda w: f"/expertise/{w.e_okt.id}/bewerken", {"capaciteit": "99"}),
    ("beeindigen", lambda w: f"/expertise/{w.e_okt.id}/beeindigen", {"geldig_tot": "2025-01-01"}),
    ("domein toevoegen", lambda w: "/expertise/domeinen", {"naam": "Nieuw domein"}),
    ("domein uitzetten", lambda w: f"/expertise/domeinen/{w.domein.id}/actief", {}),
    ("norm", lambda w: "/expertise/norm", {"min_uren_per_1000": "9", "min_plaatsen_per_1000": "9"}),
]


@pytest.mark.parametrize(("naam", "url", "data"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("rol", ["bestuurder", "directeur", "so_leider", "voorzitter"])
def test_others_cannot_change(client, auth, world, db, naam, url, data, rol):
    """Checked on the route itself, not only by hiding the button."""
    auth.login(world.users[rol])
    assert client.post(url(world), data=data).status_code == 403
    db.expire_all()
    e = db.get(Expertise, world.e_okt.id)
    assert (e.capaciteit, e.geldig_tot) == (4, None)


def test_unknown_id_is_404(client, auth, world):
    auth.login(world.users["swv"])
    assert client.get("/expertise/999999").status_code == 404
    assert client.get("/expertise/999999/bewerken").status_code == 404
    assert client.get("/voorzieningen/999999/bewerken").status_code == 404
    assert client.get("/expertise/domeinen/999999").status_code == 404


def test_ended_offer_is_hidden_from_others_but_not_from_its_provider(client, auth, world, db, make_expertise):
    from datetime import date

    oud = make_expertise(world.okt, world.domein, wijken=[world.wijk], geldig_tot=date(2021, 1, 1))
    auth.login(world.users["leider_b"])
    assert client.get(f"/expertise/{oud.id}").status_code == 403
    auth.logout()
    auth.login(world.users["partner"])
    assert client.get(f"/expertise/{oud.id}").status_code == 200


def test_nothing_written_by_refused_requests(client, auth, world, db):
    aantal = len(db.exec(select(Expertise)).all())
    auth.login(world.users["bestuurder"])
    client.post("/expertise/nieuw", data={"aanbieder_id": world.okt.id})
    assert len(db.exec(select(Expertise)).all()) == aantal
