"""The demo's nieuwe initiatieven: an open round with §7.4's criteria, a draft, one waiting for the demo
bestuurder's confirmation, and submitted applications for the assessing feature to take further."""

from collections import Counter

from sqlmodel import select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.demo.initiatieven import INGEDIEND
from wijkportaal.initiatieven import queries
from wijkportaal.initiatieven.models import Aanvraag, Status


def test_the_demo_round_and_its_applications(demo, db, client, auth):
    ronde = queries.open_ronde(db)
    assert ronde is not None and len(queries.criteria(db, ronde.id)) == 10
    statussen = Counter(a.status for a in db.exec(select(Aanvraag)))
    # the assessing and deciding demos take the submitted ones further (and add two of their own)
    assert statussen == {
        Status.CONCEPT: 2,
        Status.INGEDIEND: 1,
        Status.IN_BEOORDELING: 2,
        Status.BEOORDEELD: 1,
        Status.AANGEHOUDEN: 1,
        Status.TOEGEKEND: 1,
        Status.AFGEWEZEN: 1,
    }
    for aanvraag in db.exec(select(Aanvraag).where(Aanvraag.titel.in_(INGEDIEND))):
        assert queries.formele_controles(db, aanvraag) == []
    bestuurder = db.exec(select(Gebruiker).where(Gebruiker.email == "bestuurder@demo.wijkportaal.nl")).one()
    wachtend = db.exec(select(Aanvraag).where(Aanvraag.titel == "Buurtschakelklas")).one()
    auth.login(bestuurder, "wijkportaal-demo")
    assert "Uw bestuur is uitgenodigd" in client.get(f"/initiatieven/{wachtend.id}").get_data(as_text=True)
