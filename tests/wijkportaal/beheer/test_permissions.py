"""Who reaches which beheer page, as a table: request × role, with the exact status and what a write
left in the database. The object of every request is another user, Ander Persoon, with one token."""

from types import SimpleNamespace

import pytest

from wijkportaal.auth.models import ApiToken, Gebruiker
from wijkportaal.core.jobs import Taak
from wijkportaal.core.roles import Rol

LOGBOEK = {Rol.BEHEERDER, Rol.SWV}
TAKEN = {Rol.BEHEERDER, Rol.SWV}
NIEUW_WACHTWOORD = "een-heel-nieuw-wachtwoord"


@pytest.fixture
def wereld(db, make_user):
    """Ander Persoon (SWV) with a token, and a user of every role."""
    ander = make_user(Rol.SWV, naam="Ander Persoon")
    token = ApiToken(gebruiker_id=ander.id, token_hash="0" * 64, prefix="wp_abcdefg")
    db.add(token)
    db.commit()
    return SimpleNamespace(
        ander=ander,
        token=token,
        wachtwoord_hash=ander.wachtwoord_hash,
        gebruikers={(rol.value, None): make_user(rol) for rol in Rol},
    )


def _verwacht(toegestaan: int, rollen=frozenset({Rol.BEHEERDER})) -> dict[str, int]:
    return {"anoniem": 302, **{rol.value: toegestaan if rol in rollen else 403 for rol in Rol}}


def ander_heet(naam):
    def check(w, db):
        assert db.get(Gebruiker, w.ander.id).naam == naam

    return check


def wachtwoord_gewijzigd(gewijzigd):
    def check(w, db):
        assert (db.get(Gebruiker, w.ander.id).wachtwoord_hash != w.wachtwoord_hash) == gewijzigd

    return check


def verlopen_draait_om(tijdstip):
    def check(w, db):
        taak = db.get(Taak, "verlopen")
        assert (taak.tijdstip if taak else None) == tijdstip

    return check


def token_ingetrokken(ingetrokken):
    def check(w, db):
        assert (db.get(ApiToken, w.token.id).ingetrokken_op is not None) == ingetrokken

    return check


TOEGANG = [
    {"methode": "GET", "url": "/beheer/gebruikers", "verwacht": _verwacht(200)},
    {"methode": "GET", "url": "/beheer/gebruikers?rol=swv&zoek=a", "verwacht": _verwacht(200)},
    {"methode": "GET", "url": "/beheer/gebruikers/nieuw", "verwacht": _verwacht(200)},
    {"methode": "GET", "url": "/beheer/gebruikers/{w.ander.id}", "verwacht": _verwacht(200)},
    {"methode": "GET", "url": "/beheer/logboek", "verwacht": _verwacht(200, LOGBOEK)},
    {"methode": "GET", "url": "/beheer/logboek?pagina=2", "verwacht": _verwacht(200, LOGBOEK)},
    # A filter on a kind with no lines yet (this world's log has no user changes) is an empty page.
    {"methode": "GET", "url": "/beheer/logboek?soort=gebruikers", "verwacht": _verwacht(200, LOGBOEK)},
    {"methode": "GET", "url": "/beheer/logboek?soort=bestaat-niet", "verwacht": _verwacht(422, LOGBOEK)},
    {"methode": "GET", "url": "/beheer/taken", "verwacht": _verwacht(200, TAKEN)},
    {
        "methode": "POST",
        "url": "/beheer/taken/verlopen",
        "data": {"verlopen-soort": "dagelijks", "verlopen-tijdstip": "06:45"},
        "verwacht": _verwacht(302, TAKEN),
        "wel": verlopen_draait_om("06:45"),
        "niet": verlopen_draait_om(None),
    },
    {
        "methode": "POST",
        "url": "/beheer/gebruikers/nieuw",
        "data": {
            "naam": "Nieuwe Collega",
            "email": "nieuw@test.nl",
            "rol": "swv",
            "wachtwoord": NIEUW_WACHTWOORD,
            "herhaling": NIEUW_WACHTWOORD,
        },
        "verwacht": _verwacht(302),
        "rijen": (Gebruiker, lambda w: [Gebruiker.email == "nieuw@test.nl"]),
        "wel": 1,
        "niet": 0,
    },
    {
        "methode": "POST",
        "url": "/beheer/gebruikers/{w.ander.id}",
        "data": {"naam": "Andere Naam", "rol": "swv", "is_actief": "y"},
        "verwacht": _verwacht(302),
        "wel": ander_heet("Andere Naam"),
        "niet": ander_heet("Ander Persoon"),
    },
    {
        "methode": "POST",
        "url": "/beheer/gebruikers/{w.ander.id}/wachtwoord",
        "data": {"wachtwoord": NIEUW_WACHTWOORD, "herhaling": NIEUW_WACHTWOORD},
        "verwacht": _verwacht(302),
        "wel": wachtwoord_gewijzigd(True),
        "niet": wachtwoord_gewijzigd(False),
    },
    {
        # The new token is shown once, on the user's page itself.
        "methode": "POST",
        "url": "/beheer/gebruikers/{w.ander.id}/tokens",
        "data": {"omschrijving": "Koppeling"},
        "verwacht": _verwacht(200),
        "rijen": (ApiToken, lambda w: [ApiToken.gebruiker_id == w.ander.id]),
        "wel": 2,
        "niet": 1,
    },
    {
        "methode": "POST",
        "url": "/beheer/gebruikers/{w.ander.id}/tokens/{w.token.id}/intrekken",
        "verwacht": _verwacht(302),
        "wel": token_ingetrokken(True),
        "niet": token_ingetrokken(False),
    },
]


def test_toegang(regel, wereld, voer_uit):
    voer_uit(regel, wereld)


def test_non_beheerder_cannot_tell_whether_a_user_exists(client, auth, make_user):
    auth.login(make_user(Rol.SWV))
    assert client.get("/beheer/gebruikers/999999").status_code == 403


def test_unknown_user_or_token_is_404_for_the_beheerder(client, auth, make_user, wereld):
    token = wereld.token
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
    assert ('href="/beheer/taken"' in text) == (rol in TAKEN)
