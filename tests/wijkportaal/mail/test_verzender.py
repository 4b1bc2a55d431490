"""The sender: a real local SMTP server receives text, HTML and attachments; a server that refuses or is
down loses nothing, retries back off, and a message arrives exactly once; the other backends."""

from datetime import datetime, timedelta

import time_machine

from wijkportaal.core.clock import TZ
from wijkportaal.core.jobs import registered, run_job
from wijkportaal.core.roles import Rol
from wijkportaal.mail import verzender
from wijkportaal.mail.models import Bericht, BerichtStatus

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
MOMENT = datetime(2026, 12, 7, 9, 0, tzinfo=TZ)


def _bericht(db, bericht_id) -> Bericht:
    db.expire_all()
    return db.get(Bericht, bericht_id)


def test_a_delivered_message_has_a_text_part_an_html_part_and_its_attachment(
    app, db, make_user, plaats, postbus
):
    user = make_user(Rol.SCHOOLLEIDER, email="lid@school.nl", naam="An Lid")
    bericht = plaats(user, bijlagen=[("uitnodiging.ics", "text/calendar", ICS)])

    telling = verzender.verstuur_wachtende(app)

    assert telling.regel() == "1 verzonden, 0 later opnieuw, 0 mislukt, 0 vastgehouden"
    [ontvangen] = postbus.ontvangen
    assert ontvangen.rcpt_tos == ["lid@school.nl"] and ontvangen.mail_from == "noreply@wijkportaal.test"
    mail = ontvangen.bericht
    assert mail["Subject"] == "Uitnodiging: wijkoverleg"
    assert "Beste An Lid" in mail.get_body(("plain",)).get_content()
    assert "<ol><li>Opening</li>" in mail.get_body(("html",)).get_content()
    [bijlage] = list(mail.iter_attachments())
    assert bijlage.get_filename() == "uitnodiging.ics"
    assert bijlage.get_content_type() == "text/calendar"
    assert bijlage.get_payload(decode=True) == ICS
    opgeslagen = _bericht(db, bericht.id)
    assert (opgeslagen.status, opgeslagen.pogingen, opgeslagen.laatste_fout) == (
        BerichtStatus.VERZONDEN,
        1,
        None,
    )
    assert opgeslagen.verzonden_op is not None

    assert verzender.verstuur_wachtende(app).aantallen["verzonden"] == 0
    assert len(postbus.ontvangen) == 1


def test_a_refusing_server_keeps_the_message_queued_and_it_arrives_later_exactly_once(
    app, db, make_user, plaats, postbus
):
    user = make_user(Rol.SCHOOLLEIDER, email="lid@school.nl")
    with time_machine.travel(MOMENT, tick=False) as reis:
        bericht = plaats(user)
        postbus.weiger = "451 4.3.0 Probeer het later nog eens"
        assert (
            verzender.verstuur_wachtende(app).regel()
            == "0 verzonden, 1 later opnieuw, 0 mislukt, 0 vastgehouden"
        )
        wachtend = _bericht(db, bericht.id)
        assert wachtend.status is BerichtStatus.WACHTEND and wachtend.pogingen == 1
        assert wachtend.laatste_fout.startswith("451")
        assert wachtend.volgende_poging_op == datetime(2026, 12, 7, 9, 1)

        postbus.weiger = "550 5.1.1 Mailbox onbekend"
        reis.shift(timedelta(seconds=59))
        assert verzender.verstuur_wachtende(app).aantallen["opnieuw"] == 0  # not due yet
        reis.shift(timedelta(seconds=1))
        verzender.verstuur_wachtende(app)
        wachtend = _bericht(db, bericht.id)
        assert (wachtend.pogingen, wachtend.laatste_fout[:3]) == (2, "550")
        assert wachtend.volgende_poging_op == datetime(2026, 12, 7, 9, 3)  # 2 minutes after the 2nd

        postbus.weiger = None
        reis.shift(timedelta(minutes=2))
        assert verzender.verstuur_wachtende(app).aantallen["verzonden"] == 1
        reis.shift(timedelta(hours=1))
        assert verzender.verstuur_wachtende(app).aantallen["verzonden"] == 0
    assert [o.rcpt_tos for o in postbus.ontvangen] == [["lid@school.nl"]]
    assert _bericht(db, bericht.id).status is BerichtStatus.VERZONDEN


def test_retries_back_off_exponentially_and_fail_after_the_configured_number(
    app, db, make_user, plaats, postbus
):
    app.config["MAIL_MAX_POGINGEN"] = 4
    postbus.weiger = "451 4.3.0 Even niet"
    user = make_user(Rol.SCHOOLLEIDER)
    with time_machine.travel(MOMENT, tick=False) as reis:
        bericht = plaats(user)
        wachttijden = []
        for _ in range(3):
            verzender.verstuur_wachtende(app)
            volgende = _bericht(db, bericht.id).volgende_poging_op
            wachttijden.append(volgende)
            reis.move_to(volgende.replace(tzinfo=TZ))
        assert wachttijden == [
            datetime(2026, 12, 7, 9, 1),
            datetime(2026, 12, 7, 9, 3),
            datetime(2026, 12, 7, 9, 7),
        ]
        assert verzender.verstuur_wachtende(app).aantallen["mislukt"] == 1
    mislukt = _bericht(db, bericht.id)
    assert (mislukt.status, mislukt.pogingen) == (BerichtStatus.MISLUKT, 4)
    assert postbus.ontvangen == []


def test_nothing_is_lost_when_the_mail_server_is_down(app, db, make_user, plaats, postbus, dichte_poort):
    user = make_user(Rol.SCHOOLLEIDER, email="lid@school.nl")
    werkende_poort = app.config["MAIL_SMTP_PORT"]
    app.config["MAIL_SMTP_PORT"] = dichte_poort
    with time_machine.travel(MOMENT, tick=False) as reis:
        bericht = plaats(user)
        assert verzender.verstuur_wachtende(app).aantallen["opnieuw"] == 1
        wachtend = _bericht(db, bericht.id)
        assert wachtend.status is BerichtStatus.WACHTEND
        assert "ConnectionRefusedError" in wachtend.laatste_fout

        app.config["MAIL_SMTP_PORT"] = werkende_poort  # the server is back
        reis.shift(timedelta(minutes=1))
        assert verzender.verstuur_wachtende(app).aantallen["verzonden"] == 1
    assert [o.rcpt_tos for o in postbus.ontvangen] == [["lid@school.nl"]]


def test_flask_mail_send_delivers_what_is_due_and_prints_the_counts(
    app, db, make_user, plaats, postbus, runner
):
    for _ in range(3):
        plaats(make_user(Rol.SCHOOLLEIDER))
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "3 verzonden, 0 later opnieuw, 0 mislukt, 0 vastgehouden"
    assert len(postbus.ontvangen) == 3


def test_the_jobs_process_delivers_the_outbox_every_minute(app, db, make_user, plaats, postbus):
    job = registered(app)["mail"]
    assert job.minuten == 1
    plaats(make_user(Rol.SCHOOLLEIDER))
    assert run_job(app, job).regel == "1 verzonden, 0 later opnieuw, 0 mislukt, 0 vastgehouden"
    assert len(postbus.ontvangen) == 1


def test_the_bestand_backend_writes_an_eml_file_to_instance_mail(
    app, db, make_user, plaats, tmp_path, capsys
):
    app.config["MAIL_BACKEND"] = "bestand"
    app.instance_path = str(tmp_path)
    plaats(make_user(Rol.SCHOOLLEIDER, email="lid@school.nl"))
    assert verzender.verstuur_wachtende(app).aantallen["verzonden"] == 1
    [eml] = (tmp_path / "mail").glob("*.eml")
    inhoud = eml.read_bytes()
    assert b"To: <lid@school.nl>" in inhoud or b"lid@school.nl" in inhoud
    assert b"Subject: Uitnodiging: wijkoverleg" in inhoud
    assert "lid@school.nl" in capsys.readouterr().err


def test_the_console_backend_prints_the_message(app, db, make_user, plaats, capsys):
    app.config["MAIL_BACKEND"] = "console"
    plaats(make_user(Rol.SCHOOLLEIDER, email="lid@school.nl"))
    assert verzender.verstuur_wachtende(app).aantallen["verzonden"] == 1
    uit = capsys.readouterr().out
    assert "Subject: Uitnodiging: wijkoverleg" in uit and "lid@school.nl" in uit


def test_mail_settings_come_from_the_environment(monkeypatch):
    from wijkportaal.core import config

    monkeypatch.setenv("MAIL_BACKEND", "smtp")
    monkeypatch.setenv("MAIL_SMTP_HOST", "smtp.example.nl")
    monkeypatch.setenv("MAIL_SMTP_PORT", "587")
    monkeypatch.setenv("MAIL_SMTP_STARTTLS", "true")
    monkeypatch.setenv("MAIL_FROM", "Wijkportaal <portaal@swv.nl>")
    instellingen = config.from_environment()
    assert instellingen["MAIL_BACKEND"] == "smtp" and instellingen["MAIL_SMTP_HOST"] == "smtp.example.nl"
    assert instellingen["MAIL_SMTP_PORT"] == "587" and instellingen["MAIL_SMTP_STARTTLS"] is True
    assert instellingen["MAIL_FROM"] == "Wijkportaal <portaal@swv.nl>"


def test_two_senders_at_once_deliver_each_message_exactly_once(app, db, make_user, plaats, postbus):
    from concurrent.futures import ThreadPoolExecutor

    leden = [make_user(Rol.SCHOOLLEIDER) for _ in range(3)]
    for i in range(30):
        plaats(leden[i % 3], onderwerp=f"Bericht {i}")
    with ThreadPoolExecutor(2) as pool:
        tellingen = list(pool.map(lambda _: verzender.verstuur_wachtende(app), range(2)))

    assert sum(t.aantallen["verzonden"] for t in tellingen) == 30
    onderwerpen = sorted(o.bericht["Subject"] for o in postbus.ontvangen)
    assert onderwerpen == sorted(f"Bericht {i}" for i in range(30))
