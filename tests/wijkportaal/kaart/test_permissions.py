"""Who may open the maps, as a table: request × role. Wijk names, statuses, schools and coverage are not
secret, so every logged-in user gets every map (which wijken show money is tested in test_routes)."""

from types import SimpleNamespace

import pytest

from wijkportaal.core.roles import Rol


@pytest.fixture
def wereld(make_wijk, make_user):
    make_wijk(naam="Osdorp", code="osdorp")
    return SimpleNamespace(gebruikers={(rol.value, None): make_user(rol) for rol in Rol})


def _iedereen(anoniem: int) -> dict[str, int]:
    return {"anoniem": anoniem, **{rol.value: 200 for rol in Rol}}


TOEGANG = [
    {"methode": "GET", "url": "/kaart", "verwacht": _iedereen(302)},
    {"methode": "GET", "url": "/kaart/frame", "verwacht": _iedereen(302)},
    {"methode": "GET", "url": "/kaart/frame?laag=pot", "verwacht": _iedereen(302)},
    {"methode": "GET", "url": "/api/v1/kaart/overleg", "verwacht": _iedereen(401)},
    {"methode": "GET", "url": "/api/v1/kaart/pot", "verwacht": _iedereen(401)},
]


def test_toegang(regel, wereld, voer_uit):
    voer_uit(regel, wereld)
