"""The pot's reminders, with a controlled clock: a decision pending five days reminds the bestuurders who
still have to decide, two days before it expires they get a last one, each once (re-run, two processes)."""

import threading
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from tests.wijkportaal.conftest import draai_job
from wijkportaal import create_app
from wijkportaal.besluiten.models import BesluitKeuze
from wijkportaal.core import clock, jobs
from wijkportaal.core.clock import TZ
from wijkportaal.mail import verzender
from wijkportaal.mail.models import Bericht
from wijkportaal.pot import jobs as pot_jobs
from wijkportaal.pot import services as pot_services
from wijkportaal.pot.models import BronSoort

MAANDAG = datetime(2026, 11, 23, 6, 0, tzinfo=TZ)


KLOK_START = MAANDAG  # the `klok` fixture's moment


@pytest.fixture
def voorstel(db, klok, potten, inleg):
    """€ 10.000 in pot A; € 4.000 for Startklas proposed today, ten days to decide; Stichting Een agreed."""
    p = potten
    inleg(p.swv, BronSoort.SWV, None, 1_000_000, "inleg")
    p.aanpak = pot_services.maak_aanpak(
        db, p.swv, p.a, naam="Startklas", doel="", doelgroep="", niveau="wijk", school_ids=[], budgetten={}
    )
    p.toekenning = pot_services.stel_toekenning_voor(
        db,
        p.swv,
        p.a,
        p.aanpak,
        bedrag_cents=400_000,
        toelichting="",
        vervalt_op=clock.now() + timedelta(days=10),
        sleutel="startklas",
    )
    pot_services.neem_besluit(
        db, p.best_een, p.toekenning, bestuur_id=p.een.id, besluit=BesluitKeuze.AKKOORD, toelichting=""
    )
    db.commit()
    return p


def draai(app) -> str:
    return draai_job(app, pot_jobs.BESLUITEN)


def herinneringen(db) -> list[Bericht]:
    db.expire_all()
    return list(db.exec(select(Bericht).where(Bericht.soort == "besluit_herinnering").order_by(Bericht.id)))


def test_a_pending_decision_reminds_the_board_that_has_not_decided_then_a_last_time(app, db, klok, voorstel):
    p = voorstel
    klok.shift(timedelta(days=4, hours=23))
    assert draai(app) == "0 herinneringen verstuurd"

    klok.shift(timedelta(hours=1))  # five days
    assert draai(app) == "1 herinnering verstuurd"
    assert draai(app) == "0 herinneringen verstuurd"
    [eerste] = herinneringen(db)
    assert eerste.adres == p.best_twee.email  # Stichting Een decided already
    assert eerste.onderwerp == "Herinnering: besluit over Startklas (GKBU Osdorp 2025-2026)"
    assert "€\xa04.000,00 uit de pot GKBU Osdorp 2025-2026 voor Startklas" in eerste.tekst
    assert eerste.link == f"http://localhost:5000/toekenningen/{p.toekenning.id}"
    assert f"Naar het besluit:\n{eerste.link}" in eerste.tekst

    klok.shift(timedelta(days=2))  # three days left: nothing
    assert draai(app) == "0 herinneringen verstuurd"
    klok.shift(timedelta(days=1))  # two days left: the last reminder
    assert draai(app) == "1 herinnering verstuurd"
    assert draai(app) == "0 herinneringen verstuurd"
    laatste = herinneringen(db)[-1]
    assert (laatste.adres, laatste.onderwerp[:20]) == (p.best_twee.email, "Laatste herinnering:")
    assert "Zonder besluit komt het geld weer vrij." in laatste.tekst

    # Once Stichting Twee decided, nobody is reminded, whatever the day.
    pot_services.neem_besluit(
        db, p.best_twee, p.toekenning, bestuur_id=p.twee.id, besluit=BesluitKeuze.AKKOORD, toelichting=""
    )
    db.commit()
    klok.shift(timedelta(days=1))
    assert draai(app) == "0 herinneringen verstuurd"
    assert len(herinneringen(db)) == 2


def test_a_short_period_gets_only_the_last_reminder_to_every_deciding_board(app, db, klok, potten, inleg):
    p = potten
    inleg(p.swv, BronSoort.SWV, None, 1_000_000, "inleg")
    aanpak = pot_services.maak_aanpak(
        db, p.swv, p.a, naam="Taal", doel="", doelgroep="", niveau="wijk", school_ids=[], budgetten={}
    )
    pot_services.stel_toekenning_voor(
        db,
        p.swv,
        p.a,
        aanpak,
        bedrag_cents=100_000,
        toelichting="",
        vervalt_op=clock.now() + timedelta(days=7),
        sleutel="taal",
    )
    db.commit()
    klok.shift(timedelta(days=5, hours=1))  # five days waiting and under two days left
    assert draai(app) == "2 herinneringen verstuurd"
    assert draai(app) == "0 herinneringen verstuurd"
    assert sorted((h.adres, h.onderwerp[:8]) for h in herinneringen(db)) == sorted(
        [(p.best_een.email, "Laatste "), (p.best_twee.email, "Laatste ")]
    )


def test_two_processes_on_one_database_remind_once(app, db, database_url, klok, voorstel, postbus):
    klok.shift(timedelta(days=5))
    tweede = create_app(
        {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": database_url, "RATELIMIT_ENABLED": False}
    )
    tweede.config.update({k: v for k, v in app.config.items() if k.startswith("MAIL_") or k == "BASE_URL"})
    start = threading.Barrier(2)

    def proces(a):
        start.wait()
        jobs.run_job(a, jobs.registered(a)[pot_jobs.BESLUITEN])

    try:
        threads = [threading.Thread(target=proces, args=(a,)) for a in (app, tweede)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert len(herinneringen(db)) == 1
        assert verzender.verstuur_wachtende(tweede).aantallen["verzonden"] == 1
    finally:
        tweede.extensions["db_engine"].dispose()
    [ontvangen] = postbus.ontvangen
    assert ontvangen.rcpt_tos == [voorstel.best_twee.email]
    assert ontvangen.bericht["Subject"].startswith("Herinnering: besluit over Startklas")
