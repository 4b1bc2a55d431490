"""Who may see, export and import the begroting, as a table: request × role, with the status and
what the request left in the database."""

import io
from dataclasses import replace

import pytest
from sqlmodel import func, select

from wijkportaal.begroting import services
from wijkportaal.begroting.models import Wijziging
from wijkportaal.begroting.rules import lees_cellen
from wijkportaal.core.roles import Rol
from wijkportaal.wijken.models import OrganisatieSoort

HOGER = "groep;regel;2026\nSamenwerking in de wijk en regio;Nieuwe initiatieven;250.000\n"


@pytest.fixture
def wereld(db, make_user, make_org, make_wijk, make_bestuur):
    """'Nieuwe initiatieven' with € 200.000 for 2026 (one change), and a user of every role."""
    swv = make_user(Rol.SWV)
    rijen = lees_cellen(
        [["groep", "regel", "2026"], ["Samenwerking in de wijk en regio", "Nieuwe initiatieven", "200.000"]]
    ).rijen
    services.importeer(db, swv, rijen, "begroting.csv")
    db.commit()
    wijk = make_wijk()
    bestuur = make_bestuur()
    gebruikers = {
        ("beheerder", None): make_user(Rol.BEHEERDER),
        ("swv", None): swv,
        ("directeur", None): make_user(Rol.DIRECTEUR),
        ("beoordelaar", None): make_user(Rol.BEOORDELAAR),
        ("bestuurder", None): make_user(Rol.BESTUURDER, bestuur=bestuur),
        ("schoolleider", None): make_user(Rol.SCHOOLLEIDER, organisatie=make_org(wijk, bestuur=bestuur)),
        ("partner", None): make_user(Rol.PARTNER, organisatie=make_org(wijk, OrganisatieSoort.OKT)),
    }
    return type("Wereld", (), {"gebruikers": gebruikers})


def wijzigingen(aantal):
    def check(w, db):
        assert db.exec(select(func.count()).select_from(Wijziging)).one() == aantal

    return check


ZIEN = {
    "anoniem": 302,
    "beheerder": 403,
    "swv": 200,
    "directeur": 200,
    "beoordelaar": 403,
    "bestuurder": 403,
    "schoolleider": 403,
    "partner": 403,
}
INLEZEN = {**ZIEN, "swv": 303, "directeur": 403}

TOEGANG = [
    {"methode": "GET", "url": "/begroting", "verwacht": ZIEN},
    {"methode": "GET", "url": "/begroting?jaar=2026", "verwacht": ZIEN},
    {"methode": "GET", "url": "/begroting.csv?jaar=2026", "verwacht": ZIEN},
    {"methode": "GET", "url": "/begroting.xlsx?jaar=2026", "verwacht": ZIEN},
    {
        "methode": "POST",
        "url": "/begroting/importeren?jaar=2026",
        "data": {"bestand": "HOGER"},  # replaced by a fresh upload of HOGER in the test
        "verwacht": INLEZEN,
        "wel": wijzigingen(2),
        "niet": wijzigingen(1),
    },
]


def test_toegang(regel, wereld, voer_uit):
    if regel.data:
        regel = replace(regel, data={"bestand": (io.BytesIO(HOGER.encode()), "begroting.csv")})
    voer_uit(regel, wereld)
