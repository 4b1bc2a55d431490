"""Vrijval into the pot through the pot's approval: proposed by SWV staff, decided per board, then posted."""

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from ledger import Ledger
from wijkportaal.auth.models import Login
from wijkportaal.besluiten.models import BesluitKeuze, Besluitregel, Voorstel, VoorstelBesluit
from wijkportaal.besluiten.models import VoorstelStatus as Status
from wijkportaal.besluiten.services import BesluitFout
from wijkportaal.core import clock
from wijkportaal.monitor import permissions, services
from wijkportaal.monitor.models import VrijvalVoorstel
from wijkportaal.monitor.services import MonitorFout
from wijkportaal.pot import services as pot_services
from wijkportaal.pot.models import Bijdrage, BronSoort, Goedkeuringsregel, PeriodeSoort, Pot


def maak_pot(db, world, wijk=None, regel=Goedkeuringsregel.ALLE, naam="GKBU Osdorp 2025-2026"):
    pot = pot_services.open_pot(
        db,
        world.swv,
        naam=naam,
        periode_soort=PeriodeSoort.SCHOOLJAAR,
        jaar=2025,
        wijk_ids=[(wijk or world.osdorp).id],
        bestuur_ids=[world.b1.id, world.b2.id],
        regel=regel,
    )
    db.commit()
    return pot


@pytest.fixture
def pot(db, world, invoeren):
    # 2023: 20 SBO + 10 SO; 2024: 18 + 9 → 2 SBO × € 12.000 + 1 SO × € 25.000 = € 49.000 vrijval.
    assert invoeren(world.swv, world.osdorp, 2023, "20", "10").status_code == 302
    assert invoeren(world.swv, world.osdorp, 2024, "18", "9").status_code == 302
    return maak_pot(db, world)


def voorstellen(bevestigd, auth, user, pot, schooljaar=2024, wijk="osdorp", **extra):
    auth.login(user)
    response = bevestigd(
        f"/monitor/{wijk}/vrijval",
        {"schooljaar": schooljaar, "pot_id": pot.id, "toelichting": "", **extra},
    )
    auth.logout()
    return response


def besluit(client, auth, user, voorstel_id, keuze, toelichting=""):
    auth.login(user)
    response = client.post(
        f"/monitor/vrijval/{voorstel_id}", data={"besluit": keuze, "toelichting": toelichting}
    )
    auth.logout()
    return response


def saldo(db, pot):
    db.expire_all()
    return Ledger(db).balance(db.get(Pot, pot.id).account_code)


def het_voorstel(db):
    db.expire_all()
    return db.exec(select(VrijvalVoorstel)).one()


def test_approved_vrijval_is_posted_into_the_pot(bevestigd, client, auth, world, db, pot, invoeren):
    response = voorstellen(bevestigd, auth, world.swv, pot)
    assert response.status_code == 302, response.get_data(as_text=True)
    v = het_voorstel(db)
    assert (v.bedrag_cents, v.vermeden_sbo, v.vermeden_so, v.status) == (4_900_000, 2, 1, Status.OPEN)
    assert (v.kosten_sbo_cents, v.kosten_so_cents) == (1_200_000, 2_500_000)
    assert db.get(Voorstel, v.voorstel_id).regel == Besluitregel.ALLE
    assert saldo(db, pot).posted == 0  # nothing until the boards agree

    # The boards see it on the monitor; another board's bestuurder may not decide.
    auth.login(world.best1)
    page = client.get("/monitor").get_data(as_text=True)
    assert "Vrijval: te nemen besluiten (1)" in page and "49.000,00" in page
    auth.logout()
    assert besluit(client, auth, world.ander, v.id, "akkoord").status_code == 403
    assert besluit(client, auth, world.swv, v.id, "akkoord").status_code == 403  # the proposer, and no board

    # Rejecting needs a reason: refused, nothing stored.
    response = besluit(client, auth, world.best1, v.id, "afgewezen")
    assert response.status_code == 422 and "Geef een reden" in response.get_data(as_text=True)
    assert db.exec(select(VoorstelBesluit)).all() == []
    response = besluit(client, auth, world.best1, v.id, "afgewezen", "x" * 100_000)
    assert response.status_code == 422 and "2000" in response.get_data(as_text=True)
    assert db.exec(select(VoorstelBesluit)).all() == []

    # The form says what an approval does under the pot's rule.
    auth.login(world.best1)
    page = client.get(f"/monitor/vrijval/{v.id}").get_data(as_text=True).replace("\xa0", " ")
    assert (
        "Na uw akkoord is nog 1 akkoord nodig voor de regel &#39;alle besturen&#39;; daarna komt € 49.000,00"
        in page
    )
    auth.logout()

    assert besluit(client, auth, world.best1, v.id, "akkoord").status_code == 302
    assert het_voorstel(db).status == Status.OPEN  # rule "alle": board 2 has not decided
    # One decision per board: a colleague of the same board cannot decide again.
    again = besluit(client, auth, world.best1b, v.id, "akkoord")
    assert again.status_code == 422 and "al besloten" in again.get_data(as_text=True)
    auth.login(world.best1)
    assert "Vrijval: te nemen besluiten" not in client.get("/monitor").get_data(as_text=True)
    auth.logout()

    assert besluit(client, auth, world.best2, v.id, "akkoord").status_code == 302
    v = het_voorstel(db)
    assert v.status == Status.GOEDGEKEURD and db.get(Voorstel, v.voorstel_id).afgerond_op is not None
    b = saldo(db, pot)
    assert (b.posted, b.available) == (4_900_000, 4_900_000)
    bijdrage = db.get(Bijdrage, v.bijdrage_id)
    assert bijdrage.bron_soort == BronSoort.VRIJVAL and bijdrage.bedrag_cents == 4_900_000
    assert bijdrage.transaction_id is not None and bijdrage.ingevoerd_door_id == world.swv.id
    tx = Ledger(db).transaction(bijdrage.transaction_id)
    assert tx.idempotency_key == f"vrijval-voorstel-{v.id}"
    assert Ledger(db).balance("swv:vrijval").posted == -4_900_000
    assert Ledger(db).check() == []

    # Decided: no more decisions; the same year cannot go into a pot twice; its counts are fixed.
    assert besluit(client, auth, world.best1b, v.id, "akkoord").status_code == 403
    again = voorstellen(bevestigd, auth, world.swv, pot)
    assert again.status_code == 422
    for jaar in (2023, 2024):
        fixed = invoeren(world.swv, world.osdorp, jaar, "1", "1")
        assert fixed.status_code == 422 and "liggen vast" in fixed.get_data(as_text=True)
    assert saldo(db, pot).posted == 4_900_000
    auth.login(world.best2)
    page = client.get(f"/monitor/vrijval/{v.id}").get_data(as_text=True)
    assert "Goedgekeurd" in page and "als bijdrage in de pot geboekt" in page
    page = client.get(f"/potten/{pot.id}").get_data(as_text=True)
    assert "49.000,00" in page


def test_rejected_vrijval_posts_nothing_and_can_be_proposed_again(
    bevestigd, client, auth, world, db, pot, invoeren
):
    voorstellen(bevestigd, auth, world.swv, pot, toelichting="Eerste poging")
    v = het_voorstel(db)
    response = besluit(client, auth, world.best2, v.id, "afgewezen", "Eerst de cijfers controleren.")
    assert response.status_code == 302
    v = het_voorstel(db)
    assert v.status == Status.AFGEWEZEN and v.bijdrage_id is None
    assert saldo(db, pot).posted == 0
    assert db.exec(select(Bijdrage)).all() == []
    # A rejected proposal does not fix the counts, and the year may be proposed again.
    assert invoeren(world.swv, world.osdorp, 2024, "17", "9").status_code == 302
    assert voorstellen(bevestigd, auth, world.swv, pot).status_code == 302
    db.expire_all()
    nieuw = db.exec(select(VrijvalVoorstel).where(VrijvalVoorstel.status == Status.OPEN)).one()
    assert nieuw.bedrag_cents == 3 * 1_200_000 + 2_500_000


def test_majority_rule_of_the_pot_is_used(bevestigd, client, auth, world, db, invoeren):
    invoeren(world.swv, world.osdorp, 2023, "20", "10")
    invoeren(world.swv, world.osdorp, 2024, "18", "9")
    pot = maak_pot(db, world, regel=Goedkeuringsregel.GEWOGEN)
    # Board 1 paid in € 30.000 and board 2 € 10.000: board 1 alone carries the weighted majority.
    for bestuur, cents, key in ((world.b1, 3_000_000, "k1"), (world.b2, 1_000_000, "k2")):
        pot_services.voeg_bijdrage_toe(
            db,
            world.swv,
            pot,
            bron=BronSoort.BESTUUR,
            bestuur_id=bestuur.id,
            partner_naam="",
            middelen="eigen middelen",
            bedrag_cents=cents,
            datum=pot.periode_start,
            toezegging=False,
            uiterlijk_op=None,
            sleutel=key,
        )
    db.commit()
    voorstellen(bevestigd, auth, world.swv, pot)
    v = het_voorstel(db)
    assert besluit(client, auth, world.best1, v.id, "akkoord").status_code == 302
    assert het_voorstel(db).status == Status.GOEDGEKEURD
    assert saldo(db, pot).posted == 4_000_000 + 4_900_000


def test_proposer_cannot_decide_on_their_own_proposal(db, world, pot):
    # Only SWV staff propose through the portal; the rule holds in the service for anyone.
    voorstel = services.stel_vrijval_voor(
        db, world.best1, world.osdorp, schooljaar=2024, pot=pot, toelichting=""
    )
    assert not permissions.can_decide_vrijval(db, Login(world.best1), voorstel)
    assert permissions.can_decide_vrijval(db, Login(world.best2), voorstel)
    with pytest.raises(BesluitFout, match="eigen voorstel"):
        services.neem_vrijval_besluit(
            db, world.best1, voorstel, bestuur_id=world.b1.id, besluit=BesluitKeuze.AKKOORD, toelichting=""
        )
    with pytest.raises(BesluitFout, match="doet niet mee"):
        services.neem_vrijval_besluit(
            db,
            world.ander,
            voorstel,
            bestuur_id=world.ander.bestuur_id,
            besluit=BesluitKeuze.AKKOORD,
            toelichting="",
        )
    db.rollback()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"toelichting": "x" * 100_000}, "hoogstens 2000 tekens"),
        ({"toelichting": "Leerling 111222333 niet meegeteld"}, "burgerservicenummer"),
        ({"schooljaar": 2023}, "Ongeldige keuze"),  # the baseline has no vrijval
        ({"schooljaar": "x" * 100_000}, "Ongeldige keuze"),
        ({"pot_id": 999999}, "Ongeldige keuze"),
    ],
)
def test_bad_proposals_are_refused_with_422_and_nothing_is_stored(
    bevestigd, client, auth, world, db, pot, extra, message
):
    response = voorstellen(bevestigd, auth, world.swv, pot, **extra)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.exec(select(VrijvalVoorstel)).all() == []


def test_a_pot_of_another_wijk_is_refused(bevestigd, client, auth, world, db, pot):
    ander = maak_pot(db, world, wijk=world.bel, naam="Pot Bos en Lommer")
    response = voorstellen(bevestigd, auth, world.swv, ander)
    assert response.status_code == 422
    with pytest.raises(MonitorFout, match="hoort niet bij deze wijk"):
        services.stel_vrijval_voor(db, world.swv, world.osdorp, schooljaar=2024, pot=ander, toelichting="")
    db.rollback()
    assert db.exec(select(VrijvalVoorstel)).all() == []


def test_no_vrijval_when_referrals_rose(client, auth, world, db, invoeren):
    invoeren(world.swv, world.osdorp, 2023, "10", "5")
    invoeren(world.swv, world.osdorp, 2024, "12", "5")
    pot = maak_pot(db, world)
    with pytest.raises(MonitorFout, match="geen verwijzingen vermeden"):
        services.stel_vrijval_voor(db, world.swv, world.osdorp, schooljaar=2024, pot=pot, toelichting="")
    db.rollback()
    auth.login(world.swv)
    assert "Er is geen vrijval om voor te stellen" in client.get("/monitor/osdorp/vrijval").get_data(
        as_text=True
    )


def test_vrijval_of_the_running_school_year_waits_until_it_is_over(
    bevestigd, client, auth, world, db, invoeren
):
    nu = clock.schooljaar_van(clock.today())
    invoeren(world.swv, world.osdorp, nu - 1, "10", "5")
    invoeren(world.swv, world.osdorp, nu, "2", "1")  # so far this year
    pot = maak_pot(db, world)
    with pytest.raises(MonitorFout, match="nog niet voorbij"):
        services.stel_vrijval_voor(db, world.swv, world.osdorp, schooljaar=nu, pot=pot, toelichting="")
    db.rollback()
    auth.login(world.swv)
    assert "(voorlopig)" in client.get("/monitor/osdorp").get_data(as_text=True)
    assert voorstellen(bevestigd, auth, world.swv, pot, schooljaar=nu).status_code == 422


def test_the_database_refuses_a_second_live_proposal_and_a_wrong_sum(db, world, pot):
    voorstel = services.stel_vrijval_voor(
        db, world.swv, world.osdorp, schooljaar=2024, pot=pot, toelichting=""
    )
    db.commit()
    velden = {
        k: getattr(voorstel, k)
        for k in ("wijk_id", "schooljaar", "pot_id", "vermeden_sbo", "vermeden_so", "kosten_sbo_cents")
    } | {"kosten_so_cents": voorstel.kosten_so_cents}

    def nieuw_voorstel() -> int:
        """A Voorstel of its own, so only the rule under test can refuse the row."""
        rij = Voorstel(soort="vrijval", regel=Besluitregel.ALLE, voorgesteld_door_id=world.swv.id)
        db.add(rij)
        db.flush()
        return rij.id

    for extra in ({"bedrag_cents": voorstel.bedrag_cents}, {"bedrag_cents": 1, "status": Status.AFGEWEZEN}):
        db.add(VrijvalVoorstel(**velden, **extra, voorstel_id=nieuw_voorstel()))
        with pytest.raises(IntegrityError):
            db.commit()
        db.rollback()
    # A rejected one next to the live one is fine when its sum is right.
    db.add(
        VrijvalVoorstel(
            **velden,
            bedrag_cents=voorstel.bedrag_cents,
            status=Status.AFGEWEZEN,
            voorstel_id=nieuw_voorstel(),
        )
    )
    db.commit()
