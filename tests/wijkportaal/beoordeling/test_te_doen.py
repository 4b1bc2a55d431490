"""The start page "Te doen" for assessing: an assessor sees each application to assess with its deadline,
linked to where it is done; SWV staff see submitted applications waiting for assessors."""

from datetime import timedelta

from tests.wijkportaal.pages.test_start import start
from wijkportaal.beoordeling import queries, services
from wijkportaal.core import clock
from wijkportaal.core.roles import Rol


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
