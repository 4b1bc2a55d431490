"""The demo's decisions: one granted with a payment and an interim report, one rejected, one held back,
each with its letter; the demo directeur has the Jonge kind to decide."""

from sqlmodel import select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.initiatieven.models import Aanvraag, Rapportage


def test_the_demo_decisions_and_the_directors_one_to_decide(demo, db, client, auth):
    status = {a.titel: a for a in db.exec(select(Aanvraag))}
    assert status["Buurtklas Bijlmer"].status == "toegekend"
    assert status["Zomerschool taal"].status == "afgewezen"
    assert status["Thuiszitters terug naar school"].status == "aangehouden"
    assert status["Jonge kind: samen spelen, samen leren"].status == "beoordeeld"
    buurtklas = status["Buurtklas Bijlmer"]
    assert [r.soort for r in db.exec(select(Rapportage).where(Rapportage.aanvraag_id == buurtklas.id))] == [
        "tussentijds"
    ]
    directeur = db.exec(select(Gebruiker).where(Gebruiker.email == "directeur@demo.wijkportaal.nl")).one()
    auth.login(directeur, "wijkportaal-demo")
    lijst = client.get("/subsidie/ranglijst").get_data(as_text=True)
    assert "1 beoordeelde aanvraag" in lijst and "Jonge kind: samen spelen, samen leren" in lijst
    grant = client.get(f"/subsidie/{buurtklas.id}").get_data(as_text=True).replace("\u00a0", " ")
    assert "Betaling € 18.000,00" in grant and "Eerste tranche" in grant
    for titel in ("Buurtklas Bijlmer", "Zomerschool taal", "Thuiszitters terug naar school"):
        assert client.get(f"/subsidie/{status[titel].id}/brief").status_code == 200
