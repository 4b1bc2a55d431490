"""Failed logins are limited per address and per account; correct logins are not counted. With several
workers the counts live in Redis (tested when a Redis answers on 127.0.0.1:6379)."""

import socket
import uuid

import pytest
import time_machine
from sqlmodel import Session

from tests.conftest import PASSWORD
from wijkportaal import create_app
from wijkportaal.auth.models import Gebruiker
from wijkportaal.core.roles import Rol

REDIS = "redis://127.0.0.1:6379/15"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as verbinding:
            verbinding.sendall(b"PING\r\n")
            return verbinding.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class Loket:
    """The limited app, with accounts and addresses of this test only: Redis outlives a test, and
    Flask-Limiter keeps the first key prefix it was given for the life of the process."""

    def __init__(self, app):
        self.app = app
        self.eigen = uuid.uuid4().hex

    def email(self, i: int) -> str:
        return f"collega{i}@{self.eigen[:12]}.school.nl"

    def adres(self, n: int) -> str:
        return f"2001:db8:{self.eigen[:4]}:{self.eigen[4:8]}::{n:x}"

    def login(self, i: int, wachtwoord: str, adres: int):
        return self.app.test_client().post(
            "/inloggen",
            data={"email": self.email(i), "wachtwoord": wachtwoord},
            environ_base={"REMOTE_ADDR": self.adres(adres)},
        )


@pytest.fixture(params=["memory", "redis"])
def limited(request, database_url, password_hash):
    """The app with the production limits (10 failures a minute per address, 5 a minute and 20 an hour per
    account), counted in memory or in Redis."""
    extra = {}
    if request.param == "redis":
        if not _redis_answers():
            pytest.skip("no Redis on 127.0.0.1:6379")
        extra = {"RATELIMIT_STORAGE_URI": REDIS}
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "DATABASE_URL": database_url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": True,
            **extra,
        }
    )
    loket = Loket(app)
    with Session(app.extensions["db_engine"]) as db:
        for i in range(40):
            db.add(
                Gebruiker(
                    email=loket.email(i), naam=f"C{i}", rol=Rol.SCHOOLLEIDER, wachtwoord_hash=password_hash
                )
            )
        db.commit()
    yield loket
    app.extensions["db_engine"].dispose()


def _alleen_in_geheugen(loket: Loket) -> None:
    """Redis keeps time by its own clock, which time_machine does not move."""
    if loket.app.config["RATELIMIT_STORAGE_URI"] != "memory://":
        pytest.skip("the clock of Redis cannot be moved")


def test_forty_colleagues_behind_one_school_address_all_get_in(limited):
    assert [limited.login(i, PASSWORD, 1).status_code for i in range(40)] == [302] * 40


def test_correct_logins_do_not_use_up_the_limit_of_a_colleague_who_mistypes(limited):
    for i in range(30):
        limited.login(i, PASSWORD, 1)
    for i in range(30, 35):  # five accounts, two typos each: ten failures from the address
        assert [limited.login(i, "typo", 1).status_code for _ in range(2)] == [422, 422]
    assert limited.login(35, PASSWORD, 1).status_code == 429


def test_a_guess_spread_over_many_addresses_is_slowed_per_account(limited):
    codes = [limited.login(0, f"gok-{i}", 100 + i).status_code for i in range(200)]
    assert codes[:5] == [422] * 5
    assert codes[5:] == [429] * 195
    # The right password is refused too while the account is limited: otherwise the guess would go on.
    assert limited.login(0, PASSWORD, 1000).status_code == 429
    assert limited.login(1, PASSWORD, 100).status_code == 302  # other accounts are not touched


def test_the_account_limit_holds_for_the_hour(limited):
    _alleen_in_geheugen(limited)
    with time_machine.travel("2026-12-07 09:00 +0100", tick=False) as reis:
        codes = []
        for minuut in range(6):
            codes += [limited.login(0, "gok", 10 * minuut + i).status_code for i in range(5)]
            reis.shift(61)
        assert codes.count(422) == 20 and codes[-10:] == [429] * 10
        assert limited.login(0, PASSWORD, 99).status_code == 429
        reis.shift(3600)
        assert limited.login(0, PASSWORD, 99).status_code == 302


def test_the_address_limit_counts_failures_over_all_accounts(limited):
    assert [limited.login(i, "gok", 1).status_code for i in range(12)] == [422] * 10 + [429] * 2
    assert limited.login(20, PASSWORD, 2).status_code == 302  # another address is not touched


def test_429_says_in_dutch_how_long_to_wait_and_sends_retry_after(limited):
    for i in range(5):
        limited.login(0, f"gok-{i}", 1)
    response = limited.login(0, "nog een", 1)
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    pagina = response.text
    assert "Te veel pogingen." in pagina and "en probeer het dan opnieuw." in pagina
    assert f'value="{limited.email(0)}"' in pagina  # the form is there to try again, the address kept


def test_the_wait_is_the_rest_of_the_window_rounded_up(limited):
    """Five failures at 09:00:00.7, the sixth 20.5 seconds later: 39.5 seconds are left, said as 40."""
    _alleen_in_geheugen(limited)
    with time_machine.travel("2026-12-07 09:00:00.7 +0100", tick=False) as reis:
        for i in range(5):
            limited.login(0, f"gok-{i}", 1)
        reis.shift(20.5)
        response = limited.login(0, "nog een", 1)
        assert response.status_code == 429
        assert response.headers["Retry-After"] == "40"
        assert "Wacht 40 seconden en probeer het dan opnieuw." in response.text
        reis.shift(39)
        response = limited.login(0, "nog een", 1)
        assert response.headers["Retry-After"] == "1"
        assert "Wacht 1 seconde en probeer het dan opnieuw." in response.text
        reis.shift(0.6)
        assert limited.login(0, PASSWORD, 1).status_code == 302


def test_a_full_minute_to_wait_is_said_in_minutes(limited):
    _alleen_in_geheugen(limited)
    with time_machine.travel("2026-12-07 09:00:00.7 +0100", tick=False):
        for i in range(5):
            limited.login(0, f"gok-{i}", 1)
        response = limited.login(0, "nog een", 1)
        assert response.headers["Retry-After"] == "60"
        assert "Wacht 1 minuut en probeer het dan opnieuw." in response.text


@pytest.mark.parametrize(
    ("seconden", "tekst"),
    [(1, "1 seconde"), (45, "45 seconden"), (60, "1 minuut"), (61, "2 minuten"), (3600, "60 minuten")],
)
def test_the_wait_is_rounded_up(seconden, tekst):
    from wijkportaal.auth.routes import wachttijd

    assert wachttijd(seconden) == tekst
