"""Who reaches which beheer page: routes × roles, tested as a table."""

import pytest

from wijkportaal.auth.models import ApiToken
from wijkportaal.core.roles import Rol

ALLE_ROLLEN = list(Rol)
BEHEERDER = {Rol.BEHEERDER}
LOGBOEK = {Rol.BEHEERDER, Rol.SWV}

# (method, path with {id} = another user and {token} = that user's token, roles that get in)
ROUTES = [
    ("GET", "/beheer/gebruikers", BEHEERDER),
    ("GET", "/beheer/gebruikers?rol=swv&zoek=a", BEHEERDER),
    ("GET", "/beheer/gebruikers/nieuw", BEHEERDER),
    ("POST", "/beheer/gebruikers/nieuw", BEHEERDER),
    ("GET", "/beheer/gebruikers/{id}", BEHEERDER),
    ("POST", "/beheer/gebruikers/{id}", BEHEERDER),
    ("POST", "/beheer/gebruikers/{id}/wachtwoord", BEHEERDER),
    ("POST", "/beheer/gebruikers/{id}/tokens", BEHEERDER),
    ("POST", "/beheer/gebruikers/{id}/tokens/{token}/intrekken", BEHEERDER),
    ("GET", "/beheer/logboek", LOGBOEK),
    ("GET", "/beheer/logboek?soort=gebruikers&pagina=2", LOGBOEK),
]


@pytest.fixture
def ander(db, make_user):
    """Another user with a token, the object of the requests."""
    user = make_user(Rol.PARTNER, naam="Ander Persoon")
    token = ApiToken(gebruiker_id=user.id, token_hash="0" * 64, prefix="wp_abcdefg")
    db.add(token)
    db.commit()
    return user, token


@pytest.mark.parametrize(("method", "path", "allowed"), ROUTES)
@pytest.mark.parametrize("rol", ALLE_ROLLEN, ids=lambda r: r.value)
def test_permission_table(client, auth, db, make_user, ander, method, path, allowed, rol):
    user, token = ander
    url = path.format(id=user.id, token=token.id)
    auth.login(make_user(rol))
    response = client.open(url, method=method, data={})
    if rol in allowed:
        assert response.status_code not in (401, 403, 404), response.status_code
        assert "/inloggen" not in response.headers.get("Location", "")
    else:
        assert response.status_code == 403
    if method == "POST" and rol not in allowed:
        db.refresh(token)
        assert token.ingetrokken_op is None
        assert db.get(ApiToken, token.id) is not None


@pytest.mark.parametrize(("method", "path", "allowed"), ROUTES)
def test_anonymous_is_sent_to_login(client, ander, method, path, allowed):
    user, token = ander
    response = client.open(path.format(id=user.id, token=token.id), method=method, data={})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen")


def test_non_beheerder_cannot_tell_whether_a_user_exists(client, auth, make_user):
    auth.login(make_user(Rol.SWV))
    assert client.get("/beheer/gebruikers/999999").status_code == 403


def test_unknown_user_or_token_is_404_for_the_beheerder(client, auth, make_user, ander):
    user, token = ander
    other = make_user(Rol.SWV)
    auth.login(make_user(Rol.BEHEERDER))
    assert client.get("/beheer/gebruikers/999999").status_code == 404
    assert client.post("/beheer/gebruikers/999999/tokens", data={"omschrijving": "x"}).status_code == 404
    # A token revoked through another user's URL is not found.
    assert client.post(f"/beheer/gebruikers/{other.id}/tokens/{token.id}/intrekken").status_code == 404


@pytest.mark.parametrize("rol", [Rol.BEHEERDER, Rol.SWV, Rol.SCHOOLLEIDER])
def test_menu_shows_only_the_pages_a_role_may_open(client, auth, make_user, rol):
    auth.login(make_user(rol))
    text = client.get("/wijken").get_data(as_text=True)
    assert ('href="/beheer/gebruikers"' in text) == (rol == Rol.BEHEERDER)
    assert ('href="/beheer/logboek"' in text) == (rol in LOGBOEK)
