"""The demo's assessing: the demo beoordelaar has the Taalklas to assess (the other assessor is done),
the Plusklas has one assessor done, the Thuiszitters are assessed with a disagreement flag, the Jonge
kind assessed without one (waiting for the director), and the Gedragsspecialist waits for assessors."""

from sqlmodel import select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.beoordeling import queries
from wijkportaal.initiatieven.models import Aanvraag, Status


def test_the_demo_applications_in_every_stage_of_assessing(demo, db, client, auth):
    aanvragen = {a.titel: a for a in db.exec(select(Aanvraag))}
    verwacht = {
        #  title                                   status                 done assigned disagreement
        "Taalklas voor nieuwkomers in Osdorp": (Status.IN_BEOORDELING, 1, 2, False),
        "Plusklas De Aker en Sloten": (Status.IN_BEOORDELING, 1, 2, False),
        # assessed with the disagreement flag; the subsidie demo then holds it back
        "Thuiszitters terug naar school": (Status.AANGEHOUDEN, 2, 2, True),
        "Jonge kind: samen spelen, samen leren": (Status.BEOORDEELD, 2, 2, False),
        "Gedragsspecialist in de klas": (Status.INGEDIEND, 0, 0, False),
    }
    uitslagen = queries.uitslagen(db, [aanvragen[t].id for t in verwacht])
    for titel, (status, klaar, toegewezen, verschil) in verwacht.items():
        u = uitslagen[aanvragen[titel].id]
        assert (aanvragen[titel].status, u.klaar, u.toegewezen, u.verschil) == (
            status,
            klaar,
            toegewezen,
            verschil,
        ), titel
        assert not u.knock_out
    tom = db.exec(select(Gebruiker).where(Gebruiker.email == "beoordelaar@demo.wijkportaal.nl")).one()
    assert [w.aanvraag.titel for w in queries.wachtrij(db, tom)] == ["Taalklas voor nieuwkomers in Osdorp"]
    auth.login(tom, "wijkportaal-demo")
    assert "Beoordelen: Taalklas voor nieuwkomers in Osdorp" in client.get("/").get_data(as_text=True)
