"""Who may see and change what, as a table: request × role × own/other entry, with the status and what
a write left in the database."""

from datetime import date

import pytest
from sqlmodel import select

from wijkportaal.core.roles import Rol
from wijkportaal.expertise.models import Dekkingsnorm, Domein, Expertise
from wijkportaal.wijken.models import OrganisatieSoort


@pytest.fixture
def wereld(world, make_user, make_org):
    """The world of the register, by role: "eigen" is a provider whose organisation offers an entry here
    (the OKT's partner: e_okt; the leader of school B: e_b) or the chair who recorded e_zorg."""
    u = world.users
    world.gebruikers = {
        ("beheerder", None): u["beheerder"],
        ("swv", None): u["swv"],
        ("directeur", None): u["directeur"],
        ("beoordelaar", None): make_user(Rol.BEOORDELAAR),
        ("bestuurder", False): u["bestuurder"],
        ("partner", True): u["partner"],
        ("partner", False): make_user(Rol.PARTNER, organisatie=make_org(world.wijk_b, OrganisatieSoort.OKT)),
        ("schoolleider", True): u["leider_b"],
        ("schoolleider", False): u["so_leider"],
        ("voorzitter", True): u["voorzitter"],
    }
    return world


IEDEREEN = {
    "anoniem": 302,
    "beheerder": 200,
    "swv": 200,
    "directeur": 200,
    "beoordelaar": 200,
    "bestuurder ander": 200,
    "partner eigen": 200,
    "partner ander": 200,
    "schoolleider eigen": 200,
    "schoolleider ander": 200,
    "voorzitter eigen": 200,
}
NIEMAND = {wie: 403 for wie in IEDEREEN if wie != "anoniem"}
# beheert_referentie: SWV staff and the beheerder keep every entry, the taxonomy and the norm.
REFERENTIE = {**NIEMAND, "beheerder": 200, "swv": 200}
REFERENTIE_SCHRIJFT = {**NIEMAND, "beheerder": 302, "swv": 302}
# can_record: SWV staff, providers (schoolleider, partner) and chairs.
VASTLEGGERS = {**IEDEREEN, "anoniem": 302, "directeur": 403, "beoordelaar": 403, "bestuurder ander": 403}


def einde_okt(geldig_tot):
    def check(w, db):
        assert db.get(Expertise, w.e_okt.id).geldig_tot == geldig_tot

    return check


def autisme_in_gebruik(actief):
    def check(w, db):
        assert db.get(Domein, w.domein.id).is_actief is actief

    return check


def norm_is_negen(negen):
    def check(w, db):
        norm = db.exec(select(Dekkingsnorm)).first()
        assert (norm is not None and (norm.min_uren_per_1000, norm.min_plaatsen_per_1000) == (9, 9)) == negen

    return check


TOEGANG = [
    {"methode": "GET", "url": "/expertise", "verwacht": IEDEREEN},
    {"methode": "GET", "url": "/expertise/{w.e_okt.id}", "verwacht": IEDEREEN},
    {"methode": "GET", "url": "/voorzieningen", "verwacht": IEDEREEN},
    {"methode": "GET", "url": "/expertise/dekking", "verwacht": IEDEREEN},
    {"methode": "GET", "url": "/expertise/dekking.csv", "verwacht": IEDEREEN},
    {"methode": "GET", "url": "/expertise/nieuw", "verwacht": VASTLEGGERS},
    {
        "methode": "GET",
        "url": "/expertise/{w.e_okt.id}/bewerken",
        "verwacht": {**REFERENTIE, "partner eigen": 200},
    },
    {
        "methode": "GET",
        "url": "/expertise/{w.e_zorg.id}/bewerken",
        "verwacht": {**REFERENTIE, "voorzitter eigen": 200},
    },
    {
        "methode": "GET",
        "url": "/expertise/{w.e_b.id}/bewerken",
        "verwacht": {**REFERENTIE, "schoolleider eigen": 200},
    },
    # An OKT is no school, so its partner hosts no voorziening.
    {
        "methode": "GET",
        "url": "/voorzieningen/nieuw",
        "verwacht": {**VASTLEGGERS, "partner eigen": 403, "partner ander": 403},
    },
    {"methode": "GET", "url": "/expertise/domeinen", "verwacht": REFERENTIE},
    {"methode": "GET", "url": "/expertise/domeinen/{w.domein.id}", "verwacht": REFERENTIE},
    {"methode": "GET", "url": "/expertise/norm", "verwacht": REFERENTIE},
    {
        "methode": "POST",
        "url": "/expertise/{w.e_okt.id}/beeindigen",
        "data": {"geldig_tot": "2025-01-01"},
        "verwacht": {**REFERENTIE_SCHRIJFT, "anoniem": 302, "partner eigen": 302},
        "wel": einde_okt(date(2025, 1, 1)),
        "niet": einde_okt(None),
    },
    {
        "methode": "POST",
        "url": "/expertise/domeinen",
        "data": {"naam": "Nieuw domein", "sleutel": "matrix"},
        "verwacht": {**REFERENTIE_SCHRIJFT, "anoniem": 302},
        "rijen": (Domein, lambda w: [Domein.naam == "Nieuw domein"]),
        "wel": 1,
        "niet": 0,
    },
    {
        "methode": "POST",
        "url": "/expertise/domeinen/{w.domein.id}/actief",
        "verwacht": REFERENTIE_SCHRIJFT,
        "wel": autisme_in_gebruik(False),
        "niet": autisme_in_gebruik(True),
    },
    {
        "methode": "POST",
        "url": "/expertise/norm",
        "data": {"min_uren_per_1000": "9", "min_plaatsen_per_1000": "9"},
        "verwacht": REFERENTIE_SCHRIJFT,
        "wel": norm_is_negen(True),
        "niet": norm_is_negen(False),
    },
]


def test_toegang(regel, wereld, voer_uit):
    voer_uit(regel, wereld)


def test_unknown_id_is_404(client, auth, world):
    auth.login(world.users["swv"])
    assert client.get("/expertise/999999").status_code == 404
    assert client.get("/expertise/999999/bewerken").status_code == 404
    assert client.get("/voorzieningen/999999/bewerken").status_code == 404
    assert client.get("/expertise/domeinen/999999").status_code == 404


def test_ended_offer_is_hidden_from_others_but_not_from_its_provider(client, auth, world, db, make_expertise):
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
