"""The outbox: a message is queued in the caller's transaction, rendered in Dutch with a text and an
HTML part, a link to the page and one to the settings, and no header can be injected."""

from sqlmodel import select

from wijkportaal.core.roles import Rol
from wijkportaal.mail import services, verzender
from wijkportaal.mail.models import Bericht, BerichtStatus, Bijlage


def test_a_queued_message_is_part_of_the_callers_transaction(app, db, make_user, plaats):
    user = make_user(Rol.SCHOOLLEIDER)
    plaats(user, commit=False)
    db.rollback()
    assert db.exec(select(Bericht)).all() == []

    plaats(user)
    [bericht] = db.exec(select(Bericht)).all()
    assert (bericht.adres, bericht.status, bericht.pogingen) == (user.email, BerichtStatus.WACHTEND, 0)


def test_a_message_is_dutch_text_and_html_with_links_to_the_page_and_the_settings(app, db, make_user, plaats):
    app.config["BASE_URL"] = "https://wijkportaal.example.nl/"
    user = make_user(Rol.SCHOOLLEIDER, naam="Fatima de Vries")
    bericht = plaats(
        user,
        link="https://wijkportaal.example.nl/overleg/bijeenkomsten/7",
        bijlagen=[("uitnodiging.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")],
    )
    for deel in (bericht.tekst, bericht.html):
        assert "Beste Fatima de Vries" in deel
        assert "Testschool, lokaal 3" in deel
        assert "https://wijkportaal.example.nl/overleg/bijeenkomsten/7" in deel
        assert "https://wijkportaal.example.nl/instellingen" in deel
    assert "<ol><li>Opening</li><li>Thema leesbevordering</li></ol>" in bericht.html
    assert "1. Opening" in bericht.tekst and "<" not in bericht.tekst
    assert "10 december 2026" in bericht.tekst
    [bijlage] = db.exec(select(Bijlage)).all()
    assert (bijlage.bericht_id, bijlage.naam, bijlage.mime_type) == (
        bericht.id,
        "uitnodiging.ics",
        "text/calendar",
    )


def test_the_html_part_escapes_what_users_typed(app, db, make_user, plaats):
    user = make_user(Rol.SCHOOLLEIDER, naam="<b>Jan</b>")
    bericht = plaats(user, context={"titel": "<script>alert(1)</script>"})
    assert "<script>" not in bericht.html and "&lt;script&gt;alert(1)&lt;/script&gt;" in bericht.html
    assert "&lt;b&gt;Jan&lt;/b&gt;" in bericht.html


def test_a_dedup_key_queues_a_message_once(app, db, make_user, plaats):
    user = make_user(Rol.SCHOOLLEIDER)
    eerste = plaats(user, dedup_sleutel="agenda:bijeenkomst-3:2026-12-03")
    tweede = plaats(user, dedup_sleutel="agenda:bijeenkomst-3:2026-12-03")
    assert tweede.id == eerste.id
    assert len(db.exec(select(Bericht)).all()) == 1


def test_header_injection_through_a_title_or_a_name_is_impossible(app, db, make_user, plaats, postbus):
    user = make_user(Rol.SCHOOLLEIDER, naam="Jan\r\nBcc: naam@evil.example", email="jan@school.nl")
    plaats(
        user,
        onderwerp="Uitnodiging: Wijkoverleg\r\nBcc: x@evil.example",
        context={"titel": "Wijkoverleg\r\nBcc: x@evil.example"},
    )
    assert verzender.verstuur_wachtende(app).aantallen["verzonden"] == 1

    [ontvangen] = postbus.ontvangen
    assert ontvangen.rcpt_tos == ["jan@school.nl"]
    bericht = ontvangen.bericht
    assert bericht["Bcc"] is None
    assert bericht["Subject"] == "Uitnodiging: Wijkoverleg Bcc: x@evil.example"
    assert bericht["To"].addresses[0].addr_spec == "jan@school.nl"
    assert all(
        "evil" not in waarde
        for sleutel, waarde in bericht.items()
        if sleutel != "Subject" and sleutel != "To"
    )


def test_links_are_absolute_from_base_url_or_server_name(app):
    with app.app_context():
        app.config.update(BASE_URL=None, SERVER_NAME="portaal.example.nl", PREFERRED_URL_SCHEME="https")
        assert services.url("mail.instellingen") == "https://portaal.example.nl/instellingen"
        app.config["BASE_URL"] = "https://wijkportaal.swv.nl"
        assert services.url("mail.instellingen") == "https://wijkportaal.swv.nl/instellingen"


def test_every_message_type_has_a_text_and_an_html_template(app, db, make_user):
    from datetime import datetime

    from wijkportaal.mail.rules import SOORTEN

    user = make_user(Rol.SCHOOLLEIDER, naam="An Lid")
    context = {
        "titel": "het wijkoverleg",
        "start": datetime(2026, 12, 10, 15, 30),
        "eind": datetime(2026, 12, 10, 17, 30),
        "verloopt_op": datetime(2026, 12, 10, 16, 30),
        "berichten": [],
        "inleiding": "Er wacht iets op u.",
        "punten": ["Eerste punt", "Tweede punt"],
    }
    with app.app_context():
        for naam in SOORTEN:
            bericht = services.plaats(
                db,
                ontvanger=user,
                soort_naam=naam,
                onderwerp=naam,
                link="https://wijkportaal.test/x",
                context=context,
            )
            assert "Beste An Lid" in bericht.tekst and "Beste An Lid" in bericht.html, naam
            assert (
                "https://wijkportaal.test/x" in bericht.tekst
                and 'href="https://wijkportaal.test/x"' in bericht.html
            )
            assert "/instellingen" in bericht.tekst and "<p>" not in bericht.tekst, naam


def test_a_reminder_shows_its_introduction_points_and_action(app, db, make_user):
    user = make_user(Rol.SCHOOLLEIDER)
    with app.app_context():
        bericht = services.plaats(
            db,
            ontvanger=user,
            soort_naam="agenda_vaststellen",
            onderwerp="De agenda van 10 december is nog niet vastgesteld",
            link="https://wijkportaal.test/bijeenkomsten/4/agenda",
            context={
                "inleiding": "Over 7 dagen vergadert het wijkoverleg.",
                "punten": ["3 agendapunten in concept"],
            },
        )
    assert "Over 7 dagen vergadert het wijkoverleg.\n\n- 3 agendapunten in concept" in bericht.tekst
    assert "Agenda vaststellen:\nhttps://wijkportaal.test/bijeenkomsten/4/agenda" in bericht.tekst
    assert (
        '<a href="https://wijkportaal.test/bijeenkomsten/4/agenda" style="color: #0b5394;">Agenda vaststellen</a>'
        in bericht.html
    )


def test_a_deactivated_user_gets_no_mail(app, db, make_user, plaats):
    user = make_user(Rol.SCHOOLLEIDER)
    user.is_actief = False
    db.add(user)
    db.commit()
    assert plaats(user) is None
    assert db.exec(select(Bericht)).all() == []
