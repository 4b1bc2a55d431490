"""Login sessions end: after 30 idle minutes, 12 hours after the login, at logout and at a new password;
the stored session row decides, not the cookie. And a login returns only to a page of this site."""

from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
import time_machine
from sqlmodel import select

from tests.conftest import PASSWORD
from wijkportaal.auth.models import Sessie
from wijkportaal.core.clock import TZ
from wijkportaal.core.roles import Rol

MAANDAG = datetime(2026, 12, 7, 9, 0, tzinfo=TZ)


def _naar_login(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/inloggen")


def test_a_session_idle_for_more_than_30_minutes_ends(client, auth, make_user):
    with time_machine.travel(MAANDAG, tick=False) as reis:
        auth.login(make_user(Rol.SWV))
        reis.shift(timedelta(minutes=29))
        assert client.get("/wijken").status_code == 200
        reis.shift(timedelta(minutes=29))  # 29 minutes after the last request: still alive
        assert client.get("/wijken").status_code == 200
        reis.shift(timedelta(minutes=31))
        response = client.get("/wijken")
        assert _naar_login(response)
        assert "Uw sessie is verlopen" in client.get(response.headers["Location"]).text


def test_a_session_used_all_day_ends_12_hours_after_the_login(client, auth, make_user):
    with time_machine.travel(MAANDAG, tick=False) as reis:
        auth.login(make_user(Rol.SWV))
        for _ in range(35):  # every 20 minutes until 11:40 after the login
            reis.shift(timedelta(minutes=20))
            assert client.get("/wijken").status_code == 200
        reis.shift(timedelta(minutes=21))
        assert _naar_login(client.get("/wijken"))


def test_the_stored_session_decides_not_the_cookie(client, auth, make_user, db):
    """A session row created two years ago (the assessment's case) is refused although the cookie is fresh."""
    auth.login(make_user(Rol.SWV))
    sessie = db.exec(select(Sessie)).one()
    sessie.aangemaakt_op -= timedelta(days=730)
    db.add(sessie)
    db.commit()
    assert _naar_login(client.get("/wijken"))
    db.refresh(sessie)
    assert sessie.beeindigd_op is not None  # ended for good, not only refused this once


def test_the_limits_are_settings(app, client, auth, make_user):
    app.config["SESSIE_INACTIEF_MINUTEN"] = 5
    with time_machine.travel(MAANDAG, tick=False) as reis:
        auth.login(make_user(Rol.SWV))
        reis.shift(timedelta(minutes=6))
        assert _naar_login(client.get("/wijken"))
    app.config["SESSIE_MAX_UREN"] = 1
    app.config["SESSIE_INACTIEF_MINUTEN"] = 30
    with time_machine.travel(MAANDAG, tick=False) as reis:
        auth.login(make_user(Rol.SWV))
        for _ in range(3):
            reis.shift(timedelta(minutes=20))
            assert client.get("/wijken").status_code == 200
        reis.shift(timedelta(minutes=1))
        assert _naar_login(client.get("/wijken"))


def test_after_logging_in_again_the_user_is_back_where_they_were(client, auth, make_user):
    user = make_user(Rol.SWV)
    with time_machine.travel(MAANDAG, tick=False) as reis:
        auth.login(user)
        reis.shift(timedelta(hours=1))
        response = client.get("/wijken?regio=1")
        assert _naar_login(response)
        login = client.post(response.headers["Location"], data={"email": user.email, "wachtwoord": PASSWORD})
        assert login.headers["Location"] == "/wijken?regio=1"
        assert client.get("/wijken?regio=1").status_code == 200


def test_a_form_posted_after_the_session_ended_returns_to_its_page(client, auth, make_user):
    with time_machine.travel(MAANDAG, tick=False) as reis:
        auth.login(make_user(Rol.SWV))
        reis.shift(timedelta(hours=1))
        response = client.post("/uitloggen", headers={"Referer": "http://localhost/overzicht?jaar=2026"})
    assert response.headers["Location"] == "/inloggen?volgende=/overzicht?jaar%3D2026"


def test_an_api_call_with_an_ended_session_answers_401(client, auth, make_user):
    with time_machine.travel(MAANDAG, tick=False) as reis:
        auth.login(make_user(Rol.SWV))
        reis.shift(timedelta(hours=1))
        response = client.get("/api/v1/wijken")
    assert response.status_code == 401 and response.json["fout"] == "Niet ingelogd"


def test_a_new_password_ends_every_session_of_the_user(app, auth, make_user):
    from sqlmodel import Session

    from wijkportaal.auth import services

    user = make_user(Rol.SWV)
    op_het_werk, thuis = app.test_client(), app.test_client()
    for client in (op_het_werk, thuis):
        client.post("/inloggen", data={"email": user.email, "wachtwoord": PASSWORD})
        assert client.get("/wijken").status_code == 200
    with Session(app.extensions["db_engine"]) as db:
        services.set_password(db, db.get(type(user), user.id), "een-nieuw-wachtwoord-1", door=None)
        db.commit()
    assert _naar_login(op_het_werk.get("/wijken")) and _naar_login(thuis.get("/wijken"))


def test_logging_out_ends_only_this_session(app, make_user):
    user = make_user(Rol.SWV)
    op_het_werk, thuis = app.test_client(), app.test_client()
    for client in (op_het_werk, thuis):
        client.post("/inloggen", data={"email": user.email, "wachtwoord": PASSWORD})
    op_het_werk.post("/uitloggen")
    assert _naar_login(op_het_werk.get("/wijken"))
    assert thuis.get("/wijken").status_code == 200


@pytest.mark.parametrize(
    "volgende",
    [
        "//evil.example/",
        "/\t/evil.example/",
        "/\\evil.example/",
        "https://evil.example/",
        "%2F%2Fevil.example",
    ],
)
def test_the_login_never_sends_the_user_off_the_site(client, make_user, volgende):
    user = make_user(Rol.SWV)
    response = client.post(
        f"/inloggen?volgende={quote(volgende, safe='')}", data={"email": user.email, "wachtwoord": PASSWORD}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_the_assessment_payload_no_longer_answers_a_protocol_relative_location(client, make_user):
    user = make_user(Rol.SWV)
    response = client.post(
        "/inloggen?volgende=%2F%09%2Fevil.example%2F", data={"email": user.email, "wachtwoord": PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_a_logged_in_user_opening_the_login_page_goes_to_volgende(client, auth, make_user):
    auth.login(make_user(Rol.SWV))
    assert client.get("/inloggen?volgende=/kaart").headers["Location"] == "/kaart"
    assert client.get("/inloggen?volgende=//evil.example").headers["Location"] == "/"
