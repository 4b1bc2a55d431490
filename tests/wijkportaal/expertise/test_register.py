"""A school leader finds who offers what for their school, shortest wait first; bad input changes nothing."""

from datetime import date

import pytest
from sqlmodel import func, select

from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.roles import Rol
from wijkportaal.expertise.models import Eenheid, Expertise, ExpertiseSchool, ExpertiseWijk
from wijkportaal.wijken.models import OrganisatieSoort


@pytest.fixture
def aanbod(make_wijk, make_org, make_domein, make_expertise):
    """Autism offers around one school, each named after what the search should do with it."""
    wijk, elders = make_wijk(naam="Osdorp"), make_wijk(naam="Elders")
    school = make_org(wijk, naam="Basisschool De Meeuw")
    andere_school = make_org(wijk, naam="Basisschool De Reiger")
    autisme, gedrag = make_domein("Autisme"), make_domein("Gedrag")

    def org(naam):
        return make_org(None, OrganisatieSoort.ZORGAANBIEDER, naam=naam)

    make_expertise(org("Wijkbreed zes weken"), autisme, wijken=[wijk], wachttijd=6, capaciteit=6)
    make_expertise(
        org("Voor de school twee weken"), autisme, scholen=[school], wachttijd=2, eenheid=Eenheid.PLAATSEN
    )
    make_expertise(org("Wachttijd onbekend"), autisme, wijken=[wijk])
    make_expertise(org("Zonder wachttijd"), autisme, wijken=[wijk], wachttijd=0)
    make_expertise(org("Andere wijk"), autisme, wijken=[elders], wachttijd=0)
    make_expertise(org("Andere school"), autisme, scholen=[andere_school], wachttijd=0)
    make_expertise(org("Ander domein"), gedrag, wijken=[wijk], wachttijd=0)
    make_expertise(org("Verlopen aanbod"), autisme, wijken=[wijk], wachttijd=1, geldig_tot=date(2021, 1, 1))
    return wijk, school, autisme


def _volgorde(html: str, namen: list[str]) -> list[str]:
    gevonden = [n for n in namen if n in html]
    return sorted(gevonden, key=html.index)


ALLE = [
    "Wijkbreed zes weken",
    "Voor de school twee weken",
    "Wachttijd onbekend",
    "Zonder wachttijd",
    "Andere wijk",
    "Andere school",
    "Ander domein",
    "Verlopen aanbod",
]


def test_search_by_domain_and_school_orders_by_wait(client, auth, make_user, aanbod):
    _, school, autisme = aanbod
    auth.login(make_user(Rol.BESTUURDER))
    html = client.get(f"/expertise?domein={autisme.id}&school={school.id}").get_data(as_text=True)
    assert _volgorde(html, ALLE) == [
        "Zonder wachttijd",
        "Voor de school twee weken",
        "Wijkbreed zes weken",
        "Wachttijd onbekend",
    ]
    assert "geen wachttijd" in html and "2 weken" in html and "onbekend" in html
    assert "6 uur per week" in html and "4 plaatsen" in html


def test_school_leader_gets_own_school_preselected(client, auth, make_user, aanbod):
    _, school, _ = aanbod
    auth.login(make_user(Rol.SCHOOLLEIDER, organisatie=school))
    html = client.get("/expertise").get_data(as_text=True)
    assert f'<option value="{school.id}" selected>' in html
    assert "Andere school" not in html and "Andere wijk" not in html
    # choosing "all schools" shows the others too
    html = client.get("/expertise?school=0").get_data(as_text=True)
    assert "Andere school" in html and "Andere wijk" in html


def test_wijk_filter_includes_offers_for_some_of_its_schools(client, auth, make_user, aanbod):
    wijk, _, autisme = aanbod
    auth.login(make_user(Rol.SWV))
    html = client.get(f"/expertise?wijk={wijk.id}&domein={autisme.id}").get_data(as_text=True)
    assert "Andere school" in html and "Andere wijk" not in html and "Ander domein" not in html


def test_free_text(client, auth, make_user, aanbod):
    auth.login(make_user(Rol.PARTNER))
    html = client.get("/expertise?q=onbekend").get_data(as_text=True)
    assert _volgorde(html, ALLE) == ["Wachttijd onbekend"]


def test_only_swv_staff_see_ended_offers(client, auth, make_user, aanbod):
    auth.login(make_user(Rol.SCHOOLLEIDER))
    assert "Verlopen aanbod" not in client.get("/expertise?verlopen=1").get_data(as_text=True)
    auth.logout()
    auth.login(make_user(Rol.SWV))
    assert "Verlopen aanbod" not in client.get("/expertise").get_data(as_text=True)
    assert "Verlopen aanbod" in client.get("/expertise?verlopen=1").get_data(as_text=True)


# Creating and editing


@pytest.fixture
def basis(world):
    return {
        "aanbieder_id": world.okt.id,
        "domein_id": world.domein.id,
        "vorm": "consultatie",
        "omschrijving": "Consultatie voor leerkrachten over autisme in de klas.",
        "capaciteit": "6",
        "eenheid": "uren",
        "wachttijd_weken": "3",
        "wijk_ids": [world.wijk.id],
        "contact_naam": "J. de Vries",
        "contact_email": "j.devries@okt-osdorp.nl",
        "contact_telefoon": "020 123 4567",
        "geldig_van": "2026-01-01",
        "geldig_tot": "",
    }


def _aantal(db, model=Expertise) -> int:
    return db.exec(select(func.count()).select_from(model)).one()


def test_provider_records_an_offer(client, auth, world, db, basis):
    auth.login(world.users["partner"])
    voor = _aantal(db)
    response = client.post("/expertise/nieuw", data=basis)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _aantal(db) == voor + 1
    e = db.exec(select(Expertise).order_by(Expertise.id.desc())).first()
    assert (e.aanbieder_id, e.capaciteit, e.wachttijd_weken) == (world.okt.id, 6, 3)
    assert (
        db.exec(select(ExpertiseWijk).where(ExpertiseWijk.expertise_id == e.id)).one().wijk_id
        == world.wijk.id
    )
    regel = db.exec(select(AuditRegel).where(AuditRegel.object_soort == "expertise_aanbod")).one()
    assert regel.actie == "aangemaakt" and regel.gebruiker_id == world.users["partner"].id


FOUTEN = [
    ("lege capaciteit", {"capaciteit": ""}, "Vul een aantal in."),
    ("negatieve capaciteit", {"capaciteit": "-2"}, "kan niet negatief zijn"),
    ("capaciteit 3,5", {"capaciteit": "3,5"}, "Vul een heel getal in"),
    ("negatieve wachttijd", {"wachttijd_weken": "-1"}, "kan niet negatief zijn"),
    ("geen domein", {"domein_id": "0"}, "Kies een domein."),
    ("geen wijk of school", {"wijk_ids": []}, "Kies minstens één wijk of school"),
    ("tot voor van", {"geldig_tot": "2025-12-31"}, "De einddatum ligt vóór de begindatum"),
    ("geen begindatum", {"geldig_van": ""}, "Vul een geldige datum in."),
    ("BSN in omschrijving", {"omschrijving": "Leerling 111222333 heeft hulp nodig"}, "burgerservicenummer"),
    ("ongeldig e-mailadres", {"contact_email": "geen-adres"}, "geldig e-mailadres"),
]


@pytest.mark.parametrize(("naam", "wijziging", "melding"), FOUTEN, ids=[f[0] for f in FOUTEN])
def test_bad_input_gives_a_dutch_error_and_changes_nothing(
    client, auth, world, db, basis, naam, wijziging, melding
):
    auth.login(world.users["swv"])
    voor, audit_voor = _aantal(db), _aantal(db, AuditRegel)
    response = client.post("/expertise/nieuw", data={**basis, **wijziging})
    assert response.status_code == 422
    assert melding in response.get_data(as_text=True)
    assert (_aantal(db), _aantal(db, AuditRegel)) == (voor, audit_voor)


def test_provider_cannot_record_for_another_organisation(client, auth, world, db, basis):
    auth.login(world.users["partner"])
    voor = _aantal(db)
    response = client.post("/expertise/nieuw", data={**basis, "aanbieder_id": world.so.id})
    assert response.status_code == 422
    assert _aantal(db) == voor


def test_chair_records_for_any_provider_but_only_for_their_wijk(client, auth, world, db, basis):
    auth.login(world.users["voorzitter"])
    voor = _aantal(db)
    elders = client.post(
        "/expertise/nieuw", data={**basis, "aanbieder_id": world.zorg.id, "wijk_ids": [world.wijk_b.id]}
    )
    assert elders.status_code == 422 and _aantal(db) == voor
    school_elders = client.post(
        "/expertise/nieuw",
        data={**basis, "aanbieder_id": world.zorg.id, "wijk_ids": [], "school_ids": [world.school_b.id]},
    )
    assert school_elders.status_code == 422 and _aantal(db) == voor
    eigen = client.post("/expertise/nieuw", data={**basis, "aanbieder_id": world.zorg.id})
    assert eigen.status_code == 302 and _aantal(db) == voor + 1


def test_provider_edits_own_offer_but_not_another(client, auth, world, db, basis):
    auth.login(world.users["partner"])
    response = client.post(
        f"/expertise/{world.e_okt.id}/bewerken",
        data={**basis, "capaciteit": "10", "school_ids": [world.school.id]},
    )
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Expertise, world.e_okt.id).capaciteit == 10
    assert db.exec(
        select(ExpertiseSchool.organisatie_id).where(ExpertiseSchool.expertise_id == world.e_okt.id)
    ).all() == [world.school.id]
    gewijzigd = db.exec(select(AuditRegel).where(AuditRegel.actie == "gewijzigd")).one()
    assert gewijzigd.wijzigingen["capaciteit"] == [4, 10]

    andere = client.post(
        f"/expertise/{world.e_b.id}/bewerken", data={**basis, "aanbieder_id": world.school_b.id}
    )
    assert andere.status_code == 403
    db.expire_all()
    assert db.get(Expertise, world.e_b.id).capaciteit == 4


def test_provider_cannot_hand_own_offer_to_another_organisation(client, auth, world, db, basis):
    auth.login(world.users["partner"])
    response = client.post(
        f"/expertise/{world.e_okt.id}/bewerken", data={**basis, "aanbieder_id": world.so.id}
    )
    assert response.status_code == 422
    db.expire_all()
    assert db.get(Expertise, world.e_okt.id).aanbieder_id == world.okt.id


def test_an_offer_is_ended_not_deleted(client, auth, world, db):
    auth.login(world.users["partner"])
    response = client.post(f"/expertise/{world.e_okt.id}/beeindigen", data={"geldig_tot": "2024-06-30"})
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Expertise, world.e_okt.id).geldig_tot == date(2024, 6, 30)
    assert "Okt" not in client.get("/expertise?school=0").get_data(as_text=True).split("gevonden")[1]


def test_end_before_start_is_refused(client, auth, world, db):
    auth.login(world.users["swv"])
    response = client.post(f"/expertise/{world.e_okt.id}/beeindigen", data={"geldig_tot": "2019-01-01"})
    assert response.status_code == 303
    db.expire_all()
    assert db.get(Expertise, world.e_okt.id).geldig_tot is None
    assert "kan niet vóór de begindatum" in client.get(f"/expertise/{world.e_okt.id}").get_data(as_text=True)


def test_detail_page(client, auth, world):
    auth.login(world.users["bestuurder"])
    html = client.get(f"/expertise/{world.e_okt.id}").get_data(as_text=True)
    assert "4 uur per week" in html and "3 weken" in html and world.wijk.naam in html
    assert "Bewerken" not in html
