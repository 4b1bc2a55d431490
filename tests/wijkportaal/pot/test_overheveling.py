"""The new school year for pots, with a controlled clock: on 1 August last year's pots close, the new
year's pots open (or an existing one is used), and carrying over what is left is proposed to the boards,
who decide on /overhevelingen/<id>; the money moves only then, through the ledger, once."""

from datetime import date, datetime

import pytest
from sqlmodel import select

from ledger import Ledger
from tests.wijkportaal.conftest import draai_job
from wijkportaal.auth import services as auth_services
from wijkportaal.auth.models import Gebruiker
from wijkportaal.besluiten.models import BesluitKeuze
from wijkportaal.core.clock import TZ
from wijkportaal.core.errors import Weigering
from wijkportaal.mail.models import Bericht
from wijkportaal.pot import jobs as pot_jobs
from wijkportaal.pot import services as pot_services
from wijkportaal.pot.models import (
    BronSoort,
    Goedkeuringsregel,
    Overheveling,
    OverhevelingStatus,
    PeriodeSoort,
    Pot,
    PotBestuur,
    PotWijk,
)
from wijkportaal.pot.services import PotFout

JUNI = datetime(2026, 6, 1, 10, 0, tzinfo=TZ)
EIND_JULI = datetime(2026, 7, 31, 23, 0, tzinfo=TZ)
EERSTE_AUGUSTUS = datetime(2026, 8, 1, 6, 0, tzinfo=TZ)


KLOK_START = JUNI  # the `klok` fixture's moment


def draai(app) -> str:
    return draai_job(app, pot_jobs.SCHOOLJAAR_POTTEN)


def pot_van(db, naam) -> Pot:
    db.expire_all()
    return db.exec(select(Pot).where(Pot.naam == naam)).one()


def overhevelingen(db) -> list[Overheveling]:
    db.expire_all()
    return list(db.exec(select(Overheveling).order_by(Overheveling.id)))


def saldo(db, pot) -> tuple[int, int]:
    """(posted, available) of a pot in the ledger, in cents."""
    db.expire_all()
    b = Ledger(db).balance(pot.account_code)
    return b.posted, b.available


@pytest.fixture
def jaar_om(app, db, klok, startklas):
    """Pot A has € 10.000 in and € 4.000 allocated: € 6.000 available; pot B is empty. The job on 1 August."""
    klok.move_to(EERSTE_AUGUSTUS)
    startklas.regel = draai(app)
    [startklas.overheveling] = overhevelingen(db)
    startklas.a_nieuw = pot_van(db, "GKBU Osdorp 2026-2027")
    return startklas


def test_before_1_august_nothing_closes(app, db, klok, startklas):
    klok.move_to(EIND_JULI)
    draai(app)
    assert pot_van(db, "GKBU Osdorp 2025-2026").gesloten_op is None
    assert overhevelingen(db) == []


def test_on_1_august_last_years_pots_close_and_the_carry_over_is_proposed(app, db, jaar_om):
    p = jaar_om
    assert p.regel == (
        "schooljaar 2026-2027: 2 potten gesloten, 2 nieuwe potten geopend, 0 bestaande potten gebruikt, "
        "1 overheveling voorgesteld, 2 berichten verstuurd"
    )
    oud = pot_van(db, "GKBU Osdorp 2025-2026")
    assert oud.gesloten_op == datetime(2026, 8, 1, 6, 0)
    assert pot_van(db, "GKBU Bos en Lommer 2025-2026").gesloten_op is not None

    nieuw = p.a_nieuw
    assert (nieuw.periode_start, nieuw.periode_eind) == (date(2026, 8, 1), date(2027, 7, 31))
    assert nieuw.gesloten_op is None and nieuw.regel == Goedkeuringsregel.ALLE
    assert set(db.exec(select(PotBestuur.bestuur_id).where(PotBestuur.pot_id == nieuw.id))) == {
        p.een.id,
        p.twee.id,
    }
    assert list(db.exec(select(PotWijk.wijk_id).where(PotWijk.pot_id == nieuw.id))) == [p.osdorp.id]

    o = p.overheveling
    assert (o.van_pot_id, o.naar_pot_id, o.bedrag_cents, o.status) == (
        oud.id,
        nieuw.id,
        600_000,
        OverhevelingStatus.VOORGESTELD,
    )
    # Reserved, not moved: the old pot still holds it, nothing is available, the new pot is empty.
    assert saldo(db, oud) == (600_000, 0)
    assert saldo(db, nieuw) == (0, 0)

    portaal = db.get(Gebruiker, o.voorgesteld_door_id)
    assert (portaal.email, portaal.is_actief, portaal.wachtwoord_hash) == (
        "portaal@wijkportaal.invalid",
        False,
        None,
    )
    assert auth_services.authenticate(db, portaal.email, "") is None

    berichten = list(db.exec(select(Bericht).where(Bericht.soort == "overheveling_voorgesteld")))
    assert sorted(b.adres for b in berichten) == sorted([p.best_een.email, p.best_twee.email])
    for b in berichten:
        assert b.onderwerp == "Besluit gevraagd: GKBU Osdorp 2025-2026 overhevelen naar 2026-2027"
        assert b.link == f"http://localhost:5000/overhevelingen/{o.id}"
        assert "€\xa06.000,00 van GKBU Osdorp 2025-2026 naar GKBU Osdorp 2026-2027" in b.tekst


def test_it_runs_once_per_school_year(app, db, klok, jaar_om):
    assert draai(app) == "de potten van vóór 2026-2027 waren al gesloten"
    klok.move_to(datetime(2026, 8, 2, 6, 0, tzinfo=TZ))
    assert draai(app) == "de potten van vóór 2026-2027 waren al gesloten"
    assert len(overhevelingen(db)) == 1
    assert len(db.exec(select(Pot).where(Pot.naam.like("%2026-2027"))).all()) == 2

    # A year later the pots of 2026-2027 close in turn; pot A's new one is empty: no proposal.
    klok.move_to(datetime(2027, 8, 1, 6, 0, tzinfo=TZ))
    assert draai(app).startswith("schooljaar 2027-2028: 2 potten gesloten, 2 nieuwe potten geopend")
    assert len(overhevelingen(db)) == 1


def test_an_open_pot_of_the_new_year_for_the_same_wijken_is_used(app, db, klok, startklas):
    p = startklas
    bestaand = pot_services.open_pot(
        db,
        p.swv,
        naam="Wijkpot Osdorp",
        periode_soort=PeriodeSoort.SCHOOLJAAR,
        jaar=2026,
        wijk_ids=[p.osdorp.id],
        bestuur_ids=[p.een.id],
        regel=Goedkeuringsregel.MEERDERHEID,
    )
    db.commit()
    klok.move_to(EERSTE_AUGUSTUS)
    assert "1 nieuwe pot geopend, 1 bestaande pot gebruikt" in draai(app)
    [o] = overhevelingen(db)
    assert o.naar_pot_id == bestaand.id
    assert db.exec(select(Pot).where(Pot.naam == "GKBU Osdorp 2026-2027")).first() is None


def test_both_boards_agree_on_the_page_and_the_money_moves_once(app, db, client, auth, jaar_om):
    p = jaar_om
    o = p.overheveling
    url = f"/overhevelingen/{o.id}"
    auth.login(p.best_een)
    pagina = client.get(url).get_data(as_text=True)
    assert "Overheveling naar het nieuwe schooljaar: €\xa06.000,00" in pagina
    assert "Na uw akkoord is nog 1 akkoord nodig" in pagina
    assert client.post(url, data={"besluit": "akkoord", "toelichting": ""}).status_code == 302
    auth.logout()
    auth.login(p.best_twee)
    antwoord = client.post(url, data={"besluit": "akkoord", "toelichting": ""}, follow_redirects=True)
    assert "Status: Akkoord, overgeboekt." in antwoord.get_data(as_text=True)

    oud = pot_van(db, "GKBU Osdorp 2025-2026")
    assert saldo(db, oud) == (0, 0)
    assert saldo(db, p.a_nieuw) == (600_000, 600_000)
    [o] = overhevelingen(db)
    assert o.status == OverhevelingStatus.AKKOORD and o.transaction_id is not None
    tx = Ledger(db).transaction(o.transaction_id)
    assert sorted((x.account, x.cents) for x in tx.postings) == sorted(
        [(oud.account_code, -600_000), (p.a_nieuw.account_code, 600_000)]
    )
    assert Ledger(db).check() == []

    # Deciding again changes nothing: refused, no second booking.
    aantal_tx = len(Ledger(db).transactions())
    nogmaals = client.post(url, data={"besluit": "akkoord", "toelichting": ""})
    assert nogmaals.status_code == 403
    with pytest.raises(Weigering, match="Over dit voorstel is al besloten"):
        pot_services.neem_overhevelingsbesluit(
            db, p.best_twee, o, bestuur_id=p.twee.id, besluit=BesluitKeuze.AKKOORD, toelichting=""
        )
    db.rollback()
    assert len(Ledger(db).transactions()) == aantal_tx
    assert saldo(db, p.a_nieuw) == (600_000, 600_000)


def test_a_rejection_releases_the_money_in_the_closed_pot(app, db, client, auth, jaar_om):
    p = jaar_om
    url = f"/overhevelingen/{p.overheveling.id}"
    auth.login(p.best_een)
    assert "Geef een reden als u afwijst." in client.post(
        url, data={"besluit": "afgewezen", "toelichting": ""}
    ).get_data(as_text=True)
    assert overhevelingen(db)[0].status == OverhevelingStatus.VOORGESTELD
    client.post(url, data={"besluit": "afgewezen", "toelichting": "Eerst de evaluatie"})
    [o] = overhevelingen(db)
    assert o.status == OverhevelingStatus.AFGEWEZEN
    assert saldo(db, pot_van(db, "GKBU Osdorp 2025-2026")) == (600_000, 600_000)
    assert saldo(db, p.a_nieuw) == (0, 0)
    assert Ledger(db).check() == []


def test_who_sees_and_decides(app, db, client, auth, jaar_om):
    p = jaar_om
    url = f"/overhevelingen/{p.overheveling.id}"
    auth.login(p.best_ander)  # Stichting Ander is not in pot A
    assert client.get(url).status_code == 403
    assert client.post(url, data={"besluit": "akkoord"}).status_code == 403
    assert client.get(f"/overhevelingen/{10**20}").status_code == 404
    auth.logout()
    auth.login(p.swv)  # sees it, does not decide for a board
    assert client.get(url).status_code == 200
    assert client.post(url, data={"besluit": "akkoord"}).status_code == 403
    assert overhevelingen(db)[0].status == OverhevelingStatus.VOORGESTELD


def test_the_decision_waits_on_the_bestuurders_start_page(app, db, client, auth, jaar_om):
    auth.login(jaar_om.best_een)
    start = client.get("/").get_data(as_text=True)
    assert "Besluiten over de overheveling van GKBU Osdorp 2025-2026: €\xa06.000,00" in start
    assert f'href="/overhevelingen/{jaar_om.overheveling.id}"' in start


def test_a_closed_pot_takes_no_new_money(app, db, jaar_om):
    p = jaar_om
    with pytest.raises(PotFout, match="is gesloten op 01-08-2026"):
        pot_services.voeg_bijdrage_toe(
            db,
            p.swv,
            pot_van(db, "GKBU Osdorp 2025-2026"),
            bron=BronSoort.SWV,
            bestuur_id=None,
            partner_naam="",
            middelen="eigen middelen",
            bedrag_cents=100,
            datum=date(2026, 8, 1),
            toezegging=False,
            uiterlijk_op=None,
            sleutel="na-sluiting",
        )


def test_the_portals_own_account_cannot_be_changed_or_given_a_password(db, jaar_om):
    portaal = db.get(Gebruiker, jaar_om.overheveling.voorgesteld_door_id)
    with pytest.raises(Weigering, match="van het portaal zelf"):
        auth_services.update_user(db, portaal, {"is_actief": True}, door=jaar_om.swv)
    with pytest.raises(Weigering, match="kan niet inloggen"):
        auth_services.set_password(db, portaal, "een-lang-wachtwoord", door=jaar_om.swv)
    db.rollback()
    db.expire_all()
    assert (portaal.is_actief, portaal.wachtwoord_hash) == (False, None)


@pytest.mark.parametrize(
    ("naam", "nieuw"),
    [
        ("GKBU Osdorp 2025-2026", "GKBU Osdorp 2026-2027"),
        ("Wijkpot Osdorp", "Wijkpot Osdorp 2026-2027"),
        ("2025-2026: pot van de wijk", "2026-2027: pot van de wijk"),
        ("x" * 200, "x" * 190 + " 2026-2027"),
    ],
)
def test_the_new_pot_is_named_after_the_old_one(naam, nieuw):
    from wijkportaal.pot.rules import naam_in_schooljaar

    assert naam_in_schooljaar(naam, "2025-2026", "2026-2027") == nieuw
