"""The reminder `beoordeling-herinnering`, with a controlled clock: an assessor with an open assignment
hears three days before the deadline and once more after it passed, each once; one who submitted or
declined hears nothing."""

from datetime import datetime, timedelta

from sqlmodel import select

from tests.wijkportaal.conftest import draai_job
from wijkportaal.beoordeling import jobs as beoordeling_jobs
from wijkportaal.beoordeling import queries, services
from wijkportaal.core.clock import TZ
from wijkportaal.core.roles import Rol
from wijkportaal.mail.models import Bericht

MAANDAG = datetime(2026, 11, 23, 6, 0, tzinfo=TZ)


KLOK_START = MAANDAG  # the `klok` fixture's moment


def draai(app) -> str:
    return draai_job(app, beoordeling_jobs.HERINNERING)


def herinneringen(db) -> list[Bericht]:
    db.expire_all()
    return list(
        db.exec(select(Bericht).where(Bericht.soort == "beoordeling_herinnering").order_by(Bericht.id))
    )


def test_assessors_are_reminded_before_and_after_the_deadline_once_each(
    app, db, klok, in_beoordeling, beoordelaars, scoor
):
    a, b, c = beoordelaars  # the deadline is in 14 days (Monday 7 December)
    scoor(in_beoordeling, b, (2, 2, 2, 2, 2, 2, 2))
    assert draai(app) == "0 herinneringen verstuurd"
    klok.shift(timedelta(days=10))  # Thursday 3 December: four days left
    assert draai(app) == "0 herinneringen verstuurd"
    klok.shift(timedelta(days=1))  # three days left
    assert draai(app) == "1 herinnering verstuurd"
    assert draai(app) == "0 herinneringen verstuurd"
    [eerste] = herinneringen(db)
    assert eerste.adres == a.email  # B submitted
    assert eerste.onderwerp == "Herinnering: beoordeling van Samen sterk in de wijk"
    assert "uiterlijk ma 7 december 2026 klaar zijn" in eerste.tekst
    assert "Verklaar eerst dat u geen belangenconflict hebt" in eerste.tekst
    assert eerste.link == f"http://localhost:5000/beoordeling/aanvraag/{in_beoordeling.id}"

    klok.shift(timedelta(days=4))  # the day after the deadline
    assert draai(app) == "1 herinnering verstuurd"
    assert draai(app) == "0 herinneringen verstuurd"
    laatste = herinneringen(db)[-1]
    assert (laatste.adres, laatste.onderwerp) == (a.email, "Te laat: beoordeling van Samen sterk in de wijk")
    klok.shift(timedelta(days=7))
    assert draai(app) == "0 herinneringen verstuurd"
    assert len(herinneringen(db)) == 2


def test_a_declined_assessor_is_not_reminded(app, db, klok, in_beoordeling, beoordelaars):
    a, b, _ = beoordelaars
    services.verklaar(db, queries.toewijzing_van(db, a, in_beoordeling.id), a, False, "Oud-collega.")
    db.commit()
    klok.shift(timedelta(days=12))
    assert draai(app) == "1 herinnering verstuurd"
    assert [m.adres for m in herinneringen(db)] == [b.email]


def test_a_withdrawn_assessor_is_not_reminded(app, db, klok, in_beoordeling, beoordelaars, make_user):
    a, b, _ = beoordelaars
    services.trek_in(db, queries.toewijzing_van(db, b, in_beoordeling.id), make_user(Rol.SWV), "Ziek.")
    db.commit()
    klok.shift(timedelta(days=12))
    assert draai(app) == "1 herinnering verstuurd"
    assert [m.adres for m in herinneringen(db)] == [a.email]
