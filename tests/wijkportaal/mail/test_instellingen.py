"""Notification settings: per type direct, a daily or weekly digest, or off; types a user must act on
cannot be switched off; the digest combines the waiting messages into one, once per period."""

from datetime import datetime, timedelta

import time_machine
from sqlmodel import select

from wijkportaal.core.clock import TZ
from wijkportaal.core.jobs import registered, run_job
from wijkportaal.core.roles import Rol
from wijkportaal.mail import services, verzender
from wijkportaal.mail.models import Bericht, BerichtStatus, Frequentie, Voorkeur


def test_the_settings_page_offers_off_only_for_types_the_user_need_not_act_on(client, auth, make_user):
    auth.login(make_user(Rol.SCHOOLLEIDER))
    antwoord = client.get("/instellingen")
    assert antwoord.status_code == 200
    pagina = antwoord.get_data(as_text=True)
    assert 'href="/instellingen"' in pagina  # in the user menu
    assert "Herinnering: de agenda van een bijeenkomst vaststellen" in pagina
    assert 'id="agenda_vaststellen-3"' not in pagina  # direct, dagelijks, wekelijks: no fourth choice
    assert 'name="agenda_vaststellen" type="radio" value="uit"' not in pagina
    assert 'name="uitnodiging" type="radio" value="uit"' in pagina
    assert "Vraagt iets van u: kan niet uit." in pagina
    # only what a schoolleider can get: no monthly SWV overview, no board decisions
    assert "Maandoverzicht" not in pagina and "gedeelde pot" not in pagina
    # calm defaults: everything direct, nothing switched off
    assert 'checked id="uitnodiging-0" name="uitnodiging" type="radio" value="direct"' in pagina


def _alles(rol=Rol.SCHOOLLEIDER, **gekozen) -> dict:
    from wijkportaal.mail.rules import instelbare_soorten

    return {s.naam: gekozen.get(s.naam, s.standaard.value) for s in instelbare_soorten(rol)}


def test_saving_the_settings_stores_the_choice(db, client, auth, make_user):
    user = make_user(Rol.SWV)
    auth.login(user)
    antwoord = client.post(
        "/instellingen", data=_alles(Rol.SWV, uitnodiging="wekelijks", maandoverzicht="uit")
    )
    assert antwoord.status_code == 302
    gekozen = dict(
        db.exec(select(Voorkeur.soort, Voorkeur.frequentie).where(Voorkeur.gebruiker_id == user.id)).all()
    )
    assert gekozen["uitnodiging"] is Frequentie.WEKELIJKS and gekozen["maandoverzicht"] is Frequentie.UIT
    pagina = client.get("/instellingen").get_data(as_text=True)
    assert 'checked id="uitnodiging-2" name="uitnodiging" type="radio" value="wekelijks"' in pagina


def test_off_is_refused_for_a_type_the_user_must_act_on(db, client, auth, make_user):
    user = make_user(Rol.SCHOOLLEIDER)
    auth.login(user)
    antwoord = client.post("/instellingen", data=_alles(agenda_vaststellen="uit", uitnodiging="dagelijks"))
    assert antwoord.status_code == 422
    assert "Niet opgeslagen" in antwoord.get_data(as_text=True)
    assert db.exec(select(Voorkeur).where(Voorkeur.gebruiker_id == user.id)).all() == []


def test_the_service_refuses_off_for_a_type_the_user_must_act_on(app, db, make_user):
    import pytest

    from wijkportaal.core.errors import Weigering

    user = make_user(Rol.SCHOOLLEIDER)
    with pytest.raises(Weigering, match="niet uitzetten") as fout:
        services.zet_voorkeuren(db, user, {"verslag_herinnering": "uit"})
    assert fout.value.veld == "verslag_herinnering"


def test_a_type_switched_off_queues_nothing(app, db, client, auth, make_user, plaats):
    user = make_user(Rol.SCHOOLLEIDER)
    auth.login(user)
    client.post("/instellingen", data=_alles(uitnodiging="uit"))
    assert plaats(user) is None
    assert db.exec(select(Bericht)).all() == []


def test_the_settings_page_needs_a_login(client):
    assert client.get("/instellingen").headers["Location"].startswith("/inloggen")


def test_a_daily_digest_combines_the_days_messages_into_one_message_once(app, db, make_user, plaats, postbus):
    lid = make_user(Rol.SCHOOLLEIDER, email="lid@school.nl")
    ander = make_user(Rol.SCHOOLLEIDER, email="ander@school.nl")
    services.zet_voorkeuren(db, lid, {"uitnodiging": "dagelijks"})
    db.commit()
    overzicht = registered(app)["mail-overzicht"]
    with time_machine.travel(datetime(2026, 12, 7, 14, 0, tzinfo=TZ), tick=False) as reis:
        plaats(lid, onderwerp="Uitnodiging: wijkoverleg Noord", link="https://wijkportaal.test/b/1")
        plaats(lid, onderwerp="Uitnodiging: wijkoverleg Zuid", link="https://wijkportaal.test/b/2")
        plaats(ander, onderwerp="Uitnodiging: wijkoverleg Oost")
        verzender.verstuur_wachtende(app)
        assert [o.rcpt_tos for o in postbus.ontvangen] == [["ander@school.nl"]]  # direct, by default

        assert run_job(app, overzicht).regel == "0 overzicht(en) gemaakt"  # the day is not over
        reis.move_to(datetime(2026, 12, 8, 6, 59, tzinfo=TZ))
        assert run_job(app, overzicht).regel == "0 overzicht(en) gemaakt"  # before 7 o'clock
        reis.shift(timedelta(minutes=1))
        assert run_job(app, overzicht).regel == "1 overzicht(en) gemaakt"
        assert run_job(app, overzicht).regel == "0 overzicht(en) gemaakt"
        verzender.verstuur_wachtende(app)

    assert len(postbus.ontvangen) == 2
    digest = postbus.ontvangen[1]
    assert digest.rcpt_tos == ["lid@school.nl"]
    assert digest.bericht["Subject"] == "Dagelijks overzicht: 2 berichten van het Wijkportaal"
    tekst = digest.bericht.get_body(("plain",)).get_content()
    assert "Uitnodiging: wijkoverleg Noord" in tekst and "https://wijkportaal.test/b/2" in tekst
    assert "https://wijkportaal.test/instellingen" in tekst
    db.expire_all()
    statussen = db.exec(
        select(Bericht.status).where(Bericht.gebruiker_id == lid.id).order_by(Bericht.id)
    ).all()
    assert statussen == [BerichtStatus.GEBUNDELD, BerichtStatus.GEBUNDELD, BerichtStatus.VERZONDEN]


def test_a_weekly_digest_waits_for_monday(app, db, make_user, plaats):
    lid = make_user(Rol.SCHOOLLEIDER)
    services.zet_voorkeuren(db, lid, {"uitnodiging": "wekelijks"})
    db.commit()
    with time_machine.travel(datetime(2026, 12, 9, 10, 0, tzinfo=TZ), tick=False) as reis:
        plaats(lid)
        with app.app_context():
            for dag in (datetime(2026, 12, 11, 10, 0), datetime(2026, 12, 13, 23, 0)):  # Friday, Sunday
                reis.move_to(dag.replace(tzinfo=TZ))
                assert services.maak_overzichten(db) == 0
            reis.move_to(datetime(2026, 12, 14, 7, 0, tzinfo=TZ))  # Monday 07:00
            assert services.maak_overzichten(db) == 1
        db.commit()
    [digest] = db.exec(select(Bericht).where(Bericht.soort == "overzicht")).all()
    assert digest.onderwerp == "Wekelijks overzicht: 1 bericht van het Wijkportaal"
    assert digest.dedup_sleutel == f"overzicht:{lid.id}:wekelijks:2026-W51"
