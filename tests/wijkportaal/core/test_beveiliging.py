"""What every response shares behind a TLS proxy and in a cache: HSTS, the client's own address, no-store on
everything but static files, one charset on a CSV; and the health checks, with and without a database."""

import pytest

from tests.conftest import PASSWORD
from wijkportaal import create_app
from wijkportaal.auth.models import Gebruiker
from wijkportaal.core.roles import Rol

HSTS = "Strict-Transport-Security"


def _app(database_url, **extra):
    return create_app(
        {"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": database_url, "WTF_CSRF_ENABLED": False, **extra}
    )


@pytest.fixture
def achter_proxy(database_url):
    app = _app(database_url, TRUSTED_PROXIES=1, RATELIMIT_ENABLED=True)
    yield app
    app.extensions["db_engine"].dispose()


def test_behind_a_tls_proxy_the_request_is_https_and_hsts_is_sent(achter_proxy):
    response = achter_proxy.test_client().get(
        "/inloggen", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    )
    assert response.headers[HSTS] == "max-age=31536000; includeSubDomains"
    plain = achter_proxy.test_client().get("/inloggen", headers={"X-Forwarded-Proto": "http"})
    assert HSTS not in plain.headers


def test_without_a_trusted_proxy_forwarded_headers_are_not_believed(app):
    assert app.config["TRUSTED_PROXIES"] == 0
    response = app.test_client().get("/inloggen", headers={"X-Forwarded-Proto": "https"})
    assert HSTS not in response.headers


def test_behind_the_proxy_each_client_has_its_own_login_limit(achter_proxy):
    """The proxy's own address is the same for everyone: the limit counts the address it forwards."""

    def login(doorgestuurd, wachtwoord):
        return achter_proxy.test_client().post(
            "/inloggen",
            data={"email": f"{wachtwoord}@school.nl", "wachtwoord": wachtwoord},
            headers={"X-Forwarded-For": doorgestuurd},
        )

    assert [login("198.51.100.7", f"fout{i}").status_code for i in range(11)] == [422] * 10 + [429]
    assert login("198.51.100.8", "fout").status_code == 422
    # A client cannot escape its limit by sending an X-Forwarded-For of its own: the proxy appends the real one.
    assert login("10.0.0.1, 198.51.100.7", "fout").status_code == 429


def test_trusted_proxies_comes_from_the_environment_as_a_number(database_url, monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    monkeypatch.setenv("SESSIE_INACTIEF_MINUTEN", "15")
    monkeypatch.setenv("SESSIE_MAX_UREN", "8")
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "prod")
    app = create_app()
    assert (
        app.config["TRUSTED_PROXIES"],
        app.config["SESSIE_INACTIEF_MINUTEN"],
        app.config["SESSIE_MAX_UREN"],
    ) == (
        1,
        15,
        8,
    )
    response = app.test_client().get("/gezondheid", headers={"X-Forwarded-Proto": "https"})
    assert response.headers[HSTS]
    app.extensions["db_engine"].dispose()
    monkeypatch.setenv("TRUSTED_PROXIES", "een")
    with pytest.raises(RuntimeError, match="TRUSTED_PROXIES='een' is geen geheel getal"):
        create_app()


def test_readiness_needs_the_database_liveness_does_not(tmp_path):
    weg = _app("postgresql://postgres@127.0.0.1:1/bestaat_niet")
    client = weg.test_client()
    assert client.get("/gezondheid").status_code == 200
    response = client.get("/gezondheid/gereed")
    assert response.status_code == 503
    assert response.json == {"status": "niet gereed", "reden": "De database antwoordt niet."}
    weg.extensions["db_engine"].dispose()
    leeg = _app(f"sqlite:///{tmp_path / 'leeg.sqlite'}")  # a database without the schema is not ready either
    assert leeg.test_client().get("/gezondheid/gereed").status_code == 503
    leeg.extensions["db_engine"].dispose()


def test_readiness_answers_200_with_the_database(client):
    response = client.get("/gezondheid/gereed")
    assert response.status_code == 200 and response.json == {"status": "gereed"}


def test_every_response_but_static_files_says_no_store(
    app, client, auth, db, make_user, make_overleg, make_bijeenkomst
):
    auth.login(make_user(Rol.SWV))
    b = make_bijeenkomst(make_overleg().overleg)
    from wijkportaal.kalender import services as kalender

    lezer = make_user(Rol.SWV, email="feed@test.nl")
    with app.app_context():
        token = kalender.zorg_voor_token(db, db.get(Gebruiker, lezer.id))
        db.commit()
    urls = [
        "/wijken",
        "/api/v1/wijken",
        "/overzicht.csv",
        "/overzicht.xlsx",
        "/begroting.csv",
        "/begroting.xlsx",
        f"/bijeenkomsten/{b.id}.ics",
        f"/kalender/{token}.ics",
        "/bestaat-niet",
        "/gezondheid",
        "/gezondheid/gereed",
        "/inloggen",
    ]
    for url in urls:
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-store", (url, response.status_code)
    with client.get("/static/wijkportaal.js") as static:
        assert static.headers["Cache-Control"] == "no-cache"  # revalidated by its ETag, as before


def test_a_csv_names_its_charset_once(client, auth, make_user):
    auth.login(make_user(Rol.SWV))
    for url in ("/overzicht.csv", "/begroting.csv"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.data.startswith("\ufeff".encode())  # the BOM Excel needs


def test_the_login_pages_are_not_cached_either(client, make_user):
    user = make_user(Rol.SWV)
    response = client.post("/inloggen", data={"email": user.email, "wachtwoord": PASSWORD})
    assert response.status_code == 302 and response.headers["Cache-Control"] == "no-store"
