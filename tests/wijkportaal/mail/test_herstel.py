"""A forgotten password: a one-time link by mail (through the outbox), valid for an hour, the same answer
whether or not the address is known, at most a few links per hour."""

import re
from datetime import datetime, timedelta

import time_machine
from sqlmodel import select

from tests.conftest import PASSWORD
from wijkportaal.core.clock import TZ
from wijkportaal.core.roles import Rol
from wijkportaal.mail import verzender
from wijkportaal.mail.models import Bericht

NIEUW = "een-nieuw-lang-wachtwoord"


def _vraag_aan(client, email):
    return client.post("/wachtwoord-vergeten", data={"email": email}, follow_redirects=True)


def _link(app, postbus) -> str:
    verzender.verstuur_wachtende(app)
    tekst = postbus.ontvangen[-1].bericht.get_body(("plain",)).get_content()
    return re.search(r"https://wijkportaal\.test(/wachtwoord-herstellen/\S+)", tekst).group(1)


def test_the_login_page_links_to_the_forgotten_password_page(client):
    pagina = client.get("/inloggen").get_data(as_text=True)
    assert 'href="/wachtwoord-vergeten"' in pagina
    assert client.get("/wachtwoord-vergeten").status_code == 200


def test_a_known_and_an_unknown_address_get_the_same_answer(app, db, client, make_user, postbus):
    make_user(Rol.SCHOOLLEIDER, email="lid@school.nl")
    bekend = _vraag_aan(client, "Lid@School.nl")
    onbekend = _vraag_aan(client, "niemand@school.nl")
    assert bekend.status_code == onbekend.status_code == 200
    assert "Als dit adres bij een account hoort" in bekend.get_data(as_text=True)
    assert bekend.get_data(as_text=True) == onbekend.get_data(as_text=True)
    assert [b.adres for b in db.exec(select(Bericht)).all()] == ["lid@school.nl"]


def test_the_link_sets_a_new_password_once(app, db, client, auth, make_user, postbus):
    make_user(Rol.SCHOOLLEIDER, email="lid@school.nl")
    _vraag_aan(client, "lid@school.nl")
    link = _link(app, postbus)
    mail = postbus.ontvangen[-1].bericht
    assert mail["Subject"] == "Een nieuw wachtwoord voor het Wijkportaal"
    assert postbus.ontvangen[-1].rcpt_tos == ["lid@school.nl"]

    assert client.get(link).status_code == 200
    te_kort = client.post(link, data={"wachtwoord": "kort", "herhaling": "kort"})
    assert te_kort.status_code == 422 and "minstens 12 tekens" in te_kort.get_data(as_text=True)
    antwoord = client.post(link, data={"wachtwoord": NIEUW, "herhaling": NIEUW})
    assert antwoord.status_code == 302 and antwoord.headers["Location"] == "/inloggen"

    assert auth.login("lid@school.nl", PASSWORD).status_code == 422
    assert auth.login("lid@school.nl", NIEUW).status_code == 302
    auth.logout()
    hergebruik = client.post(
        link, data={"wachtwoord": "nog-een-ander-wachtwoord", "herhaling": "nog-een-ander-wachtwoord"}
    )
    assert hergebruik.status_code == 404
    assert "Deze link werkt niet meer" in hergebruik.get_data(as_text=True)
    assert auth.login("lid@school.nl", NIEUW).status_code == 302


def test_the_link_expires_after_an_hour(app, db, client, make_user, postbus):
    make_user(Rol.SCHOOLLEIDER, email="lid@school.nl")
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=TZ), tick=False) as reis:
        _vraag_aan(client, "lid@school.nl")
        link = _link(app, postbus)
        assert "tot 10:00 uur" in postbus.ontvangen[-1].bericht.get_body(("plain",)).get_content()
        reis.shift(timedelta(minutes=59))
        assert client.get(link).status_code == 200
        reis.shift(timedelta(minutes=1))
        assert client.get(link).status_code == 404
    assert client.get("/wachtwoord-herstellen/verzonnen-token").status_code == 404


def test_at_most_three_links_per_hour_are_sent(app, db, client, make_user, postbus):
    make_user(Rol.SCHOOLLEIDER, email="lid@school.nl")
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=TZ), tick=False) as reis:
        antwoorden = {_vraag_aan(client, "lid@school.nl").get_data(as_text=True) for _ in range(5)}
        assert len(antwoorden) == 1
        assert len(db.exec(select(Bericht)).all()) == 3
        reis.shift(timedelta(hours=1, minutes=1))
        _vraag_aan(client, "lid@school.nl")
        assert len(db.exec(select(Bericht)).all()) == 4


def test_an_invalid_address_is_refused_at_the_field(client):
    antwoord = client.post("/wachtwoord-vergeten", data={"email": "geen-adres"})
    assert antwoord.status_code == 422
    assert "Vul een geldig e-mailadres in" in antwoord.get_data(as_text=True)


def test_requests_for_a_link_are_rate_limited(strict_app):
    strict_app.config["WTF_CSRF_ENABLED"] = False
    client = strict_app.test_client()
    codes = [client.post("/wachtwoord-vergeten", data={"email": "a@school.nl"}).status_code for _ in range(6)]
    assert codes == [302] * 5 + [429]
