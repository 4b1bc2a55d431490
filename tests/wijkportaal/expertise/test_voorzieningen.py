"""Bovenschoolse voorzieningen: listed by soort with places, kept by their host school, the chair or the SWV."""

from datetime import date

import pytest
from sqlmodel import func, select

from wijkportaal.expertise.models import Voorziening, VoorzieningSoort, VoorzieningWijk
from wijkportaal.pot.models import Aanpak, PeriodeSoort, Pot, PotWijk


@pytest.fixture
def aanpak(db, world):
    pot = Pot(
        naam="GKBU Test",
        account_code="pot:test",
        periode_soort=PeriodeSoort.SCHOOLJAAR,
        periode_start=date(2025, 8, 1),
        periode_eind=date(2026, 7, 31),
    )
    db.add(pot)
    db.commit()
    db.add(PotWijk(pot_id=pot.id, wijk_id=world.wijk.id))
    a = Aanpak(pot_id=pot.id, naam="Startklas uit de pot", account_code="aanpak:test")
    db.add(a)
    db.commit()
    return a


@pytest.fixture
def basis(world):
    return {
        "naam": "Startklas Test",
        "soort": "startklas",
        "locatie_id": world.so.id,
        "domein_id": "0",
        "doelgroep": "Jonge kinderen die nog niet toe zijn aan groep 1",
        "plaatsen": "12",
        "plaatsen_bezet": "8",
        "financiering": "SWV-middelen",
        "aanpak_id": "0",
        "wijk_ids": [world.wijk.id],
        "contact_naam": "",
        "contact_email": "",
        "geldig_van": "2025-08-01",
        "geldig_tot": "",
    }


def _aantal(db) -> int:
    return db.exec(select(func.count()).select_from(Voorziening)).one()


def test_list_by_soort_with_places_and_pot_link(client, auth, world, make_voorziening, aanpak):
    make_voorziening(
        world.so, [world.wijk, world.wijk_b], naam="Startklas Oost", plaatsen=12, bezet=9, aanpak=aanpak
    )
    make_voorziening(
        world.school_b, [world.wijk_b], naam="Plusklas West", soort=VoorzieningSoort.PLUSKLAS, bezet=12
    )
    make_voorziening(world.so, [world.wijk], naam="Oude groep", geldig_tot=date(2021, 7, 31))
    auth.login(world.users["bestuurder"])
    html = client.get("/voorzieningen").get_data(as_text=True)
    assert html.index("Startklas Oost") < html.index("Plusklas West")  # by soort: startklas first
    assert world.so.naam in html and world.wijk_b.naam in html
    assert f'href="/aanpakken/{aanpak.id}"' in html
    assert "vol" in html  # Plusklas West: 12 of 12 taken
    assert "Oude groep" not in html
    only_plus = client.get("/voorzieningen?soort=plusklas").get_data(as_text=True)
    assert "Plusklas West" in only_plus and "Startklas Oost" not in only_plus


def test_host_school_records_and_edits(client, auth, world, db, basis, aanpak):
    auth.login(world.users["so_leider"])
    response = client.post("/voorzieningen/nieuw", data={**basis, "aanpak_id": aanpak.id})
    assert response.status_code == 302, response.get_data(as_text=True)
    v = db.exec(select(Voorziening)).one()
    assert (v.plaatsen, v.plaatsen_bezet, v.aanpak_id, v.aangemaakt_door_id) == (
        12,
        8,
        aanpak.id,
        world.users["so_leider"].id,
    )
    assert db.exec(select(VoorzieningWijk.wijk_id)).all() == [world.wijk.id]
    response = client.post(f"/voorzieningen/{v.id}/bewerken", data={**basis, "plaatsen_bezet": "12"})
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Voorziening, v.id).plaatsen_vrij == 0


FOUTEN = [
    (
        "meer bezet dan plaatsen",
        {"plaatsen_bezet": "13"},
        "niet meer plaatsen bezet zijn dan er plaatsen zijn",
    ),
    ("negatieve plaatsen", {"plaatsen": "-1"}, "kan niet negatief zijn"),
    ("negatief bezet", {"plaatsen_bezet": "-3"}, "kan niet negatief zijn"),
    ("geen naam", {"naam": ""}, "Dit veld is verplicht."),
    ("geen wijk", {"wijk_ids": []}, "Kies minstens één wijk"),
    ("tot voor van", {"geldig_tot": "2025-01-01"}, "De einddatum ligt vóór de begindatum"),
    ("BSN in doelgroep", {"doelgroep": "Voor 111.222.333"}, "burgerservicenummer"),
    ("BSN in naam", {"naam": "Startklas 111222333"}, "burgerservicenummer"),
    ("BSN in financiering", {"financiering": "Leerling 111 222 333"}, "burgerservicenummer"),
    ("BSN in contactpersoon", {"contact_naam": "Vader van 111222333"}, "burgerservicenummer"),
]


@pytest.mark.parametrize(("naam", "wijziging", "melding"), FOUTEN, ids=[f[0] for f in FOUTEN])
def test_bad_input_changes_nothing(client, auth, world, db, basis, naam, wijziging, melding):
    auth.login(world.users["swv"])
    response = client.post("/voorzieningen/nieuw", data={**basis, **wijziging})
    assert response.status_code == 422
    assert melding in response.get_data(as_text=True)
    assert _aantal(db) == 0


def test_other_school_cannot_edit(client, auth, world, db, basis, make_voorziening):
    v = make_voorziening(world.so, [world.wijk], plaatsen=12, bezet=8)
    auth.login(world.users["leider_b"])
    assert client.get(f"/voorzieningen/{v.id}/bewerken").status_code == 403
    assert client.post(f"/voorzieningen/{v.id}/bewerken", data={**basis, "plaatsen": "99"}).status_code == 403
    assert (
        client.post(f"/voorzieningen/{v.id}/beeindigen", data={"geldig_tot": "2026-01-01"}).status_code == 403
    )
    db.expire_all()
    assert (db.get(Voorziening, v.id).plaatsen, db.get(Voorziening, v.id).geldig_tot) == (12, None)


def test_chair_records_for_their_wijk_only(client, auth, world, db, basis):
    auth.login(world.users["voorzitter"])
    assert (
        client.post("/voorzieningen/nieuw", data={**basis, "wijk_ids": [world.wijk_b.id]}).status_code == 422
    )
    assert _aantal(db) == 0
    assert client.post("/voorzieningen/nieuw", data=basis).status_code == 302
    assert _aantal(db) == 1


def test_ending(client, auth, world, db, make_voorziening):
    v = make_voorziening(world.so, [world.wijk], geldig_van=date(2024, 8, 1))
    auth.login(world.users["so_leider"])
    assert (
        client.post(f"/voorzieningen/{v.id}/beeindigen", data={"geldig_tot": "2025-07-31"}).status_code == 302
    )
    db.expire_all()
    assert db.get(Voorziening, v.id).geldig_tot == date(2025, 7, 31)


@pytest.mark.parametrize(("wie", "knop", "status"), [("partner", False, 403), ("so_leider", True, 200)])
def test_only_who_can_host_a_voorziening_is_offered_to_add_one(client, auth, world, wie, knop, status):
    """An OKT hosts no voorziening: no button that leads to a refusal; a school leader gets both."""
    auth.login(world.users[wie])
    assert ("Voorziening toevoegen" in client.get("/voorzieningen").get_data(as_text=True)) is knop
    assert client.get("/voorzieningen/nieuw").status_code == status
