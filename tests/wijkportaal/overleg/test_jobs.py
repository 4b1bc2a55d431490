"""The wijkoverleg's scheduled jobs, with a controlled clock: each sends exactly the expected messages
once, across a re-run and with two apps (two jobs processes) on one database; invitations carry an .ics
that calendar programs accept, updates keep the UID with a higher SEQUENCE, cancellations use CANCEL."""

import threading
from datetime import date, datetime, timedelta

import pytest
import time_machine
from icalendar import Calendar
from sqlmodel import select

from tests.wijkportaal.conftest import draai_job
from wijkportaal import create_app
from wijkportaal.core import jobs
from wijkportaal.core.clock import TZ
from wijkportaal.core.roles import Rol
from wijkportaal.mail import verzender
from wijkportaal.mail.models import Bericht, Bijlage, Frequentie, Voorkeur
from wijkportaal.overleg import jobs as overleg_jobs
from wijkportaal.overleg import services
from wijkportaal.overleg.models import Actiepunt, Agendapunt

MAANDAG = datetime(2026, 11, 23, 6, 0, tzinfo=TZ)  # before the 07:00 run


KLOK_START = MAANDAG  # the `klok` fixture's moment


@pytest.fixture
def wijk(make_overleg, make_user):
    """An overleg with its chair and a user at its OKT and one at its SO school."""
    w = make_overleg()
    w.okt_lid = make_user(Rol.PARTNER, organisatie=w.okt, naam="Olga Okt")
    w.so_lid = make_user(Rol.SCHOOLLEIDER, organisatie=w.so, naam="Sam So")
    return w


def berichten(db, soort: str | None = None) -> list[Bericht]:
    db.expire_all()
    query = select(Bericht).order_by(Bericht.id)
    if soort:
        query = query.where(Bericht.soort == soort)
    return list(db.exec(query))


def ics_van(db, bericht: Bericht) -> Calendar:
    [bijlage] = db.exec(select(Bijlage).where(Bijlage.bericht_id == bericht.id)).all()
    return Calendar.from_ical(bijlage.inhoud)


def event_van(cal: Calendar):
    [event] = cal.walk("VEVENT")
    return event


def test_the_jobs_are_registered_with_their_default_times(app):
    geregistreerd = jobs.registered(app)
    assert geregistreerd[overleg_jobs.AGENDA].tijd == "07:00"
    assert geregistreerd[overleg_jobs.UITNODIGINGEN].minuten == 15
    assert geregistreerd[overleg_jobs.NOTULEN].tijd == "07:00"
    assert geregistreerd[overleg_jobs.ACTIEPUNTEN].tijd == "07:00"


def test_an_unagreed_agenda_a_week_ahead_reminds_the_chair_once(app, db, klok, wijk, make_bijeenkomst):
    binnen_week = make_bijeenkomst(wijk.overleg, days=6)
    make_bijeenkomst(wijk.overleg, days=9)  # later: not yet
    make_bijeenkomst(wijk.overleg, days=5, vastgesteld=True)  # agreed: nothing to remind

    assert draai_job(app, overleg_jobs.AGENDA) == "1 herinnering verstuurd"
    assert draai_job(app, overleg_jobs.AGENDA) == "0 herinneringen verstuurd"

    [bericht] = berichten(db)
    assert (bericht.soort, bericht.adres) == ("agenda_vaststellen", wijk.voorzitter.email)
    assert bericht.link == f"http://localhost:5000/bijeenkomsten/{binnen_week.id}"
    assert "de agenda is nog niet vastgesteld" in bericht.tekst
    assert f"Agenda vaststellen:\n{bericht.link}" in bericht.tekst


def test_invitation_update_and_cancellation_each_go_once_to_every_member(
    app, db, klok, wijk, make_bijeenkomst
):
    b = make_bijeenkomst(wijk.overleg, days=14, vastgesteld=True, agendapunten=("Opening", "Thuiszitten"))
    make_bijeenkomst(wijk.overleg, days=20)  # agenda not agreed: no invitation yet
    leden = sorted([wijk.voorzitter.email, wijk.okt_lid.email, wijk.so_lid.email])

    assert (
        draai_job(app, overleg_jobs.UITNODIGINGEN)
        == "3 uitnodigingen, 0 wijzigingen en 0 afzeggingen verstuurd"
    )
    assert (
        draai_job(app, overleg_jobs.UITNODIGINGEN)
        == "0 uitnodigingen, 0 wijzigingen en 0 afzeggingen verstuurd"
    )
    uitnodigingen = berichten(db, "uitnodiging")
    assert sorted(u.adres for u in uitnodigingen) == leden
    assert "1. Opening\n2. Thuiszitten" in uitnodigingen[0].tekst
    cal = ics_van(db, uitnodigingen[0])
    assert cal["METHOD"] == "REQUEST"
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Amsterdam"
    event = event_van(cal)
    uid = str(event["UID"])
    assert uid == f"bijeenkomst-{b.id}@wijkportaal"
    assert event["SEQUENCE"] == 0
    assert event["ORGANIZER"].startswith("mailto:")
    assert event.decoded("DTSTART") == b.start.replace(tzinfo=TZ)

    # The chair moves the meeting: an update of the same event.
    nieuw = b.start + timedelta(days=1)
    services.wijzig_bijeenkomst(
        db,
        wijk.voorzitter,
        b,
        {"start": nieuw, "eind": nieuw + timedelta(hours=2), "locatie": "Buurthuis", "online_link": ""},
        "zaal bezet",
    )
    db.commit()
    assert (
        draai_job(app, overleg_jobs.UITNODIGINGEN)
        == "0 uitnodigingen, 3 wijzigingen en 0 afzeggingen verstuurd"
    )
    assert draai_job(app, overleg_jobs.UITNODIGINGEN).startswith("0 uitnodigingen, 0 wijzigingen")
    wijzigingen = berichten(db, "bijeenkomst_gewijzigd")
    assert sorted(w.adres for w in wijzigingen) == leden
    assert "Waar: Buurthuis" in wijzigingen[0].tekst
    event = event_van(ics_van(db, wijzigingen[0]))
    assert (str(event["UID"]), event["SEQUENCE"]) == (uid, 1)
    assert event["LOCATION"] == "Buurthuis"
    assert event.decoded("DTSTART") == nieuw.replace(tzinfo=TZ)

    # Then it is cancelled.
    services.annuleer_bijeenkomst(db, wijk.voorzitter, b, "te weinig aanmeldingen")
    db.commit()
    assert (
        draai_job(app, overleg_jobs.UITNODIGINGEN)
        == "0 uitnodigingen, 0 wijzigingen en 3 afzeggingen verstuurd"
    )
    assert draai_job(app, overleg_jobs.UITNODIGINGEN).endswith("0 afzeggingen verstuurd")
    afzeggingen = [w for w in berichten(db, "bijeenkomst_gewijzigd") if w.onderwerp.startswith("Afgezegd")]
    assert sorted(a.adres for a in afzeggingen) == leden
    cal = ics_van(db, afzeggingen[0])
    assert cal["METHOD"] == "CANCEL"
    event = event_van(cal)
    assert (str(event["UID"]), event["SEQUENCE"], event["STATUS"]) == (uid, 2, "CANCELLED")
    assert len(berichten(db)) == 9


def test_a_meeting_cancelled_before_any_invitation_sends_no_cancellation(
    app, db, klok, wijk, make_bijeenkomst
):
    b = make_bijeenkomst(wijk.overleg, days=14)
    services.annuleer_bijeenkomst(db, wijk.voorzitter, b, "dubbel gepland")
    db.commit()
    assert draai_job(app, overleg_jobs.UITNODIGINGEN).endswith("0 afzeggingen verstuurd")
    assert berichten(db) == []


def test_a_meeting_without_minutes_three_days_later_reminds_the_chair_once(
    app, db, klok, wijk, make_bijeenkomst
):
    zonder = make_bijeenkomst(wijk.overleg, days=-3, agendapunten=("Opening",))
    met = make_bijeenkomst(wijk.overleg, days=-4, agendapunten=("Opening",))
    punt = db.exec(select(Agendapunt).where(Agendapunt.bijeenkomst_id == met.id)).one()
    punt.notulen = "Besproken."
    db.add(punt)
    db.commit()
    make_bijeenkomst(wijk.overleg, days=-2, agendapunten=("Opening",))  # only two days ago

    assert draai_job(app, overleg_jobs.NOTULEN) == "1 herinnering verstuurd"
    assert draai_job(app, overleg_jobs.NOTULEN) == "0 herinneringen verstuurd"
    [bericht] = berichten(db)
    assert (bericht.soort, bericht.adres) == ("verslag_herinnering", wijk.voorzitter.email)
    assert bericht.link.endswith(f"/bijeenkomsten/{zonder.id}")
    assert "Notulen vastleggen:" in bericht.tekst

    klok.shift(timedelta(days=1))  # the next day the other meeting is three days ago
    assert draai_job(app, overleg_jobs.NOTULEN) == "1 herinnering verstuurd"


def test_action_reminders_go_to_the_owner_and_the_weekly_overview_to_the_chair(
    app, db, klok, wijk, make_bijeenkomst, bewaar
):
    b = make_bijeenkomst(wijk.overleg, days=-10)

    def actie(omschrijving, eigenaar, deadline):
        return bewaar(
            Actiepunt(
                wijkoverleg_id=wijk.overleg.id,
                bijeenkomst_id=b.id,
                omschrijving=omschrijving,
                eigenaar=eigenaar,
                deadline=deadline,
            )
        )

    vandaag = date(2026, 11, 23)
    bijna = actie("Folder leesbevordering rondsturen", "olga okt", vandaag + timedelta(days=3))
    te_laat = actie("Zorgroute thuiszitters beschrijven", wijk.so.naam, vandaag - timedelta(days=1))
    actie("Later", "Olga Okt", vandaag + timedelta(days=4))  # not yet
    actie("Iedereen", "alle scholen", vandaag - timedelta(days=2))  # names nobody: only the overview

    assert draai_job(app, overleg_jobs.ACTIEPUNTEN) == "2 herinneringen en 1 weekoverzicht verstuurd"
    assert draai_job(app, overleg_jobs.ACTIEPUNTEN) == "0 herinneringen en 0 weekoverzichten verstuurd"
    herinneringen = berichten(db, "actiepunt_herinnering")
    assert [(h.adres, h.onderwerp[:8]) for h in herinneringen] == [
        (wijk.so_lid.email, "Te laat:"),
        (wijk.okt_lid.email, "Bijna: a"),
    ]
    assert te_laat.omschrijving in herinneringen[0].tekst
    assert bijna.omschrijving in herinneringen[1].tekst
    assert herinneringen[1].link.endswith(f"/bijeenkomsten/{b.id}#actiepunten")
    [overzicht] = berichten(db, "actiepunten_overzicht")
    assert overzicht.adres == wijk.voorzitter.email
    assert overzicht.link.endswith(f"/wijken/{wijk.wijk.code}#acties-kop")
    assert "Zorgroute thuiszitters beschrijven" in overzicht.tekst and "Iedereen" in overzicht.tekst
    assert "Folder" not in overzicht.tekst

    # Four days later the first item is overdue and "Later" is due in three days: a reminder each; the
    # overview waits for next week.
    klok.shift(timedelta(days=4))
    assert draai_job(app, overleg_jobs.ACTIEPUNTEN) == "2 herinneringen en 0 weekoverzichten verstuurd"
    klok.shift(timedelta(days=3))  # Monday 30 November: a new week, and "Later" is overdue
    assert draai_job(app, overleg_jobs.ACTIEPUNTEN) == "1 herinnering en 1 weekoverzicht verstuurd"
    assert len(berichten(db, "actiepunten_overzicht")) == 2


def test_a_reminder_follows_the_owners_digest_setting(app, db, klok, wijk, make_bijeenkomst, bewaar):
    """The outbox holds a reminder for the daily digest of an owner who chose that."""
    bewaar(
        Voorkeur(gebruiker_id=wijk.okt_lid.id, soort="actiepunt_herinnering", frequentie=Frequentie.DAGELIJKS)
    )
    b = make_bijeenkomst(wijk.overleg, days=-10)
    bewaar(
        Actiepunt(
            wijkoverleg_id=wijk.overleg.id,
            bijeenkomst_id=b.id,
            omschrijving="Folder",
            eigenaar="Olga Okt",
            deadline=date(2026, 11, 25),
        )
    )
    draai_job(app, overleg_jobs.ACTIEPUNTEN)
    [bericht] = berichten(db, "actiepunt_herinnering")
    assert bericht.status == "overzicht"


def test_two_jobs_processes_on_one_database_send_each_invitation_once(
    app, db, database_url, klok, wijk, make_bijeenkomst
):
    make_bijeenkomst(wijk.overleg, days=14, vastgesteld=True, agendapunten=("Opening",))
    tweede = create_app(
        {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": database_url, "RATELIMIT_ENABLED": False}
    )
    start = threading.Barrier(2)
    regels = []

    def proces(a):
        start.wait()
        regels.extend(u.regel for u in jobs.run_all(a) if u.naam == overleg_jobs.UITNODIGINGEN)

    try:
        threads = [threading.Thread(target=proces, args=(a,)) for a in (app, tweede)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    finally:
        tweede.extensions["db_engine"].dispose()
    assert len(regels) == 2
    assert len(berichten(db, "uitnodiging")) == 3


def test_the_invitations_arrive_by_smtp_with_their_calendar_file(
    app, db, klok, wijk, make_bijeenkomst, postbus
):
    make_bijeenkomst(wijk.overleg, days=14, vastgesteld=True, agendapunten=("Opening",))
    draai_job(app, overleg_jobs.UITNODIGINGEN)
    assert verzender.verstuur_wachtende(app).aantallen["verzonden"] == 3
    draai_job(app, overleg_jobs.UITNODIGINGEN)
    assert verzender.verstuur_wachtende(app).aantallen["verzonden"] == 0
    assert sorted(o.rcpt_tos[0] for o in postbus.ontvangen) == sorted(
        [wijk.voorzitter.email, wijk.okt_lid.email, wijk.so_lid.email]
    )
    mail = postbus.ontvangen[0].bericht
    assert mail["Subject"].startswith(f"Uitnodiging: wijkoverleg {wijk.wijk.naam}, ")
    [bijlage] = list(mail.iter_attachments())
    assert bijlage.get_content_type() == "text/calendar"
    cal = Calendar.from_ical(bijlage.get_payload(decode=True))
    assert cal["METHOD"] == "REQUEST" and cal.walk("VTIMEZONE")


def test_on_1_august_the_new_years_required_themes_take_effect_once(app, db, bewaar):
    """A year without its own list keeps last year's active themes; a year with one keeps its own."""
    from wijkportaal.overleg.models import Thema, VerplichtThema

    lezen, thuis, oud = (bewaar(Thema(naam=n)) for n in ("Lezen", "Thuiszitten", "Oud thema"))
    oud.is_actief = False
    bewaar(oud)
    for thema in (lezen, thuis, oud):
        bewaar(VerplichtThema(schooljaar=2026, thema_id=thema.id))

    def themas(jaar):
        db.expire_all()
        return sorted(
            db.exec(
                select(Thema.naam)
                .join(VerplichtThema, VerplichtThema.thema_id == Thema.id)
                .where(VerplichtThema.schooljaar == jaar)
            ).all()
        )

    with time_machine.travel(datetime(2027, 7, 31, 6, 30, tzinfo=TZ), tick=False) as reis:
        # Still 2026-2027 (the first run since the job exists): its own list holds, nothing is copied.
        assert draai_job(app, overleg_jobs.SCHOOLJAAR) == (
            "schooljaar 2026-2027 begonnen; de verplichte thema's van dit jaar gelden"
        )
        assert themas(2027) == []
        reis.move_to(datetime(2027, 8, 1, 6, 0, tzinfo=TZ))
        assert draai_job(app, overleg_jobs.SCHOOLJAAR) == (
            "schooljaar 2027-2028 begonnen; 2 verplichte thema's van vorig jaar overgenomen"
        )
        assert draai_job(app, overleg_jobs.SCHOOLJAAR) == "schooljaar 2027-2028 was al begonnen"
        assert themas(2027) == ["Lezen", "Thuiszitten"]

        bewaar(VerplichtThema(schooljaar=2028, thema_id=lezen.id))  # SWV staff set 2028's list in time
        reis.move_to(datetime(2028, 8, 1, 6, 0, tzinfo=TZ))
        assert draai_job(app, overleg_jobs.SCHOOLJAAR) == (
            "schooljaar 2028-2029 begonnen; de verplichte thema's van dit jaar gelden"
        )
        assert themas(2028) == ["Lezen"]
