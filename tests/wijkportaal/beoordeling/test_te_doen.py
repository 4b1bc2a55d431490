"""The start page "Te doen" for assessing: an assessor sees each application to assess with its deadline,
linked to where it is done; SWV staff see submitted applications waiting for assessors."""

from datetime import datetime, timedelta

from tests.wijkportaal.pages.test_start import start
from wijkportaal.beoordeling import queries, services
from wijkportaal.core import clock
from wijkportaal.core.roles import Rol
from wijkportaal.initiatieven.models import Aanvraag, Status


def test_the_assessor_sees_what_to_assess_with_the_deadline(
    client, auth, db, in_beoordeling, beoordelaars, scoor
):
    a, b, c = beoordelaars
    deadline = clock.today() + timedelta(days=14)
    [item] = start(client, auth, a)["Wat nu op u wacht"]
    assert item["soort"] == "Beoordeling"
    assert item["titel"] == "Beoordelen: Samen sterk in de wijk"
    assert item["url"] == f"/beoordeling/aanvraag/{in_beoordeling.id}#verklaring"
    assert item["detail"].endswith(f"deadline {_datum(deadline)} (nog 14 dagen)")
    services.verklaar(db, queries.toewijzing_van(db, a, in_beoordeling.id), a, geen_conflict=True)
    db.commit()
    [item] = start(client, auth, a)["Wat nu op u wacht"]
    assert item["url"] == f"/beoordeling/aanvraag/{in_beoordeling.id}#scoren"
    scoor(in_beoordeling, b, (2, 2, 2, 2, 2, 2, 2))
    assert start(client, auth, b) == {"Wat nu op u wacht": []}  # submitted
    assert start(client, auth, c) == {"Wat nu op u wacht": []}  # not assigned


def test_swv_staff_see_applications_waiting_for_assessors(
    client, auth, db, ingediend, beoordelaars, make_user
):
    swv = make_user(Rol.SWV)
    items = [
        i for i in start(client, auth, swv)["Wat nu op u wacht"] if i["titel"].startswith("Beoordelaars")
    ]
    assert [(i["soort"], i["titel"], i["url"]) for i in items] == [
        (
            "Nieuw initiatief",
            "Beoordelaars aanwijzen: Samen sterk in de wijk",
            f"/beoordeling/aanvraag/{ingediend.id}#beoordelaars",
        )
    ]
    services.wijs_toe(db, ingediend, swv, [b.id for b in beoordelaars[:2]], clock.today() + timedelta(days=7))
    db.commit()
    assert not [
        i for i in start(client, auth, swv)["Wat nu op u wacht"] if i["titel"].startswith("Beoordelaars")
    ]
    assert start(client, auth, make_user(Rol.DIRECTEUR)) == {"Wat nu op u wacht": []}


def _datum(d) -> str:
    from wijkportaal.core.web import datum

    return datum(d)


def test_swv_staff_see_the_oldest_ten_waiting_for_assessors_and_a_link_to_the_rest(
    client, auth, db, ronde, noord, make_user
):
    for n in range(13):
        db.add(
            Aanvraag(
                ronde_id=ronde.id,
                aanvrager_id=noord.schoolleider.id,
                status=Status.INGEDIEND,
                titel=f"Initiatief {n:02d}",
                ingediend_op=datetime(2026, 10, 1) + timedelta(hours=n),
            )
        )
    db.commit()
    swv = make_user(Rol.SWV)
    lijst = start(client, auth, swv)["Wat nu op u wacht"]
    items = [i for i in lijst if i["titel"].startswith("Beoordelaars")]
    assert [i["titel"] for i in items] == [f"Beoordelaars aanwijzen: Initiatief {n:02d}" for n in range(10)]
    [rest] = [i for i in lijst if i["titel"].startswith("En nog")]
    assert rest["titel"] == "En nog 3 aanvragen die op beoordelaars wachten"
    assert lijst.index(rest) == lijst.index(items[-1]) + 1
    volledig = client.get(rest["url"]).get_data(as_text=True)
    assert all(f"Initiatief {n:02d}" in volledig for n in range(13))


def test_swv_staff_see_an_application_that_lost_an_assessor(
    client, auth, db, in_beoordeling, beoordelaars, make_user
):
    a, b, _ = beoordelaars
    swv = make_user(Rol.SWV)

    def aanwijzen() -> list[tuple[str, str]]:
        return [
            (i["titel"], i["url"])
            for i in start(client, auth, swv)["Wat nu op u wacht"]
            if "aanwijzen" in i["titel"]
        ]

    assert aanwijzen() == []
    services.verklaar(db, queries.toewijzing_van(db, a, in_beoordeling.id), a, False, "Ik ken ze goed.")
    db.commit()
    assert aanwijzen() == [
        (
            "Andere beoordelaar aanwijzen: Samen sterk in de wijk",
            f"/beoordeling/aanvraag/{in_beoordeling.id}#beoordelaars",
        )
    ]
    services.wijs_toe(db, in_beoordeling, swv, [beoordelaars[2].id], clock.today() + timedelta(days=7))
    db.commit()
    assert aanwijzen() == []
    services.trek_in(db, queries.toewijzing_van(db, b, in_beoordeling.id), swv, "Geen reactie.")
    db.commit()
    assert [t for t, _ in aanwijzen()] == ["Andere beoordelaar aanwijzen: Samen sterk in de wijk"]
