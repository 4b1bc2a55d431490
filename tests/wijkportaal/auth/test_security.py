"""Login, logout, CSRF, rate limiting, password hashing and security headers."""

import pytest

from wijkportaal import create_app
from wijkportaal.auth.passwords import hash_password, verify_password
from wijkportaal.core.roles import Rol


def test_login_with_wrong_password_is_refused_in_dutch(client, make_user):
    user = make_user(Rol.SWV)
    response = client.post("/inloggen", data={"email": user.email, "wachtwoord": "fout-wachtwoord"})
    assert response.status_code == 422
    assert "E-mailadres of wachtwoord klopt niet" in response.get_data(as_text=True)
    assert client.get("/wijken").status_code == 302


def test_login_is_case_insensitive_on_email(client, auth, make_user):
    make_user(Rol.SWV, email="piet@test.nl")
    assert auth.login("PIET@test.nl").status_code == 302
    assert client.get("/wijken").status_code == 200


def test_inactive_user_cannot_log_in(client, auth, make_user, db):
    user = make_user(Rol.SWV)
    user.is_actief = False
    db.add(user)
    db.commit()
    assert auth.login(user).status_code == 422


def test_logout_really_ends_the_session(client, auth, make_user, app):
    auth.login(make_user(Rol.SWV))
    assert client.get("/wijken").status_code == 200
    copied = client.get_cookie("session").value
    auth.logout()
    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get("/wijken")
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_open_redirect_after_login_is_refused(client, make_user):
    user = make_user(Rol.SWV)
    response = client.post(
        "/inloggen?volgende=//evil.example/", data={"email": user.email, "wachtwoord": "test-wachtwoord-123"}
    )
    assert response.headers["Location"].startswith("/")
    assert "evil" not in response.headers["Location"]


@pytest.fixture
def strict_app(database_url):
    """The app with CSRF protection and a low login limit, as configured in production."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "DATABASE_URL": database_url,
            "RATELIMIT_LOGIN": "3 per minute",
            "RATELIMIT_ENABLED": True,
        }
    )
    yield app
    app.extensions["db_engine"].dispose()


def test_csrf_is_required_on_forms(strict_app, password_hash):
    from sqlmodel import Session

    from wijkportaal.auth.models import Gebruiker

    with Session(strict_app.extensions["db_engine"]) as db:
        db.add(Gebruiker(email="a@test.nl", naam="A", rol=Rol.SWV, wachtwoord_hash=password_hash))
        db.commit()
    client = strict_app.test_client()
    response = client.post("/inloggen", data={"email": "a@test.nl", "wachtwoord": "test-wachtwoord-123"})
    assert response.status_code == 400
    assert "Formulier verlopen" in response.get_data(as_text=True)


def test_login_is_rate_limited(strict_app):
    strict_app.config["WTF_CSRF_ENABLED"] = False
    client = strict_app.test_client()
    codes = [
        client.post("/inloggen", data={"email": "x@test.nl", "wachtwoord": "y"}).status_code for _ in range(5)
    ]
    assert codes == [422, 422, 422, 429, 429]
    assert "Te veel pogingen" in client.post("/inloggen", data={"email": "x@test.nl"}).get_data(as_text=True)


def test_session_cookie_flags(client, auth, make_user):
    response = auth.login(make_user(Rol.SWV))
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secure_cookie_in_production(database_url, monkeypatch):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "true")
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "prod")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["DATABASE_URL"] == database_url
    app.extensions["db_engine"].dispose()


def test_security_headers(client):
    response = client.get("/inloggen")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_passwords_are_argon2id_with_owasp_parameters():
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert "m=19456,t=2,p=1" in stored
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "wrong")
    assert not verify_password(None, "anything")


def test_pages_are_in_dutch_and_errors_do_not_leak(client, auth, make_user):
    auth.login(make_user(Rol.SWV))
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Niet gevonden" in response.get_data(as_text=True)
    assert '<html lang="nl">' in response.get_data(as_text=True)


def test_a_wrong_password_says_what_happened_and_the_form_keeps_the_address(client, make_user):
    user = make_user(Rol.SWV)
    response = client.post("/inloggen", data={"email": user.email, "wachtwoord": "fout-wachtwoord"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "E-mailadres of wachtwoord klopt niet." in page
    assert "Niet opgeslagen" not in page
    assert f'value="{user.email}"' in page
    unknown = client.post("/inloggen", data={"email": "niemand@test.nl", "wachtwoord": "fout-wachtwoord"})
    assert "E-mailadres of wachtwoord klopt niet." in unknown.get_data(as_text=True)  # no hint who exists


def test_an_empty_login_form_asks_for_the_fields_not_for_saving(client):
    response = client.post("/inloggen", data={"email": "", "wachtwoord": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Niet ingelogd." in page and "Vul de gemarkeerde velden in." in page
    assert "Niet opgeslagen" not in page and "klopt niet" not in page


def test_the_login_page_links_to_how_to_get_a_new_password(client, app):
    assert '<a href="/wachtwoord-vergeten">Wachtwoord vergeten?</a>' in client.get("/inloggen").text
    page = client.get("/wachtwoord-vergeten").get_data(as_text=True)
    assert "beheerder" in page and "via het bureau van het samenwerkingsverband" in page
    app.config["BEHEER_CONTACT"] = "wijkportaal@swv-amsterdam-diemen.example"
    page = client.get("/wachtwoord-vergeten").get_data(as_text=True)
    assert "<strong>wijkportaal@swv-amsterdam-diemen.example</strong>" in page
