"""Who may see and change the monitor and decide on vrijval, as a table: request × role × own/other wijk,
with the status and what a write left in the database. The object is Osdorp, its counts and its pot."""

import pytest
from sqlmodel import select

from wijkportaal.besluiten.models import VoorstelBesluit
from wijkportaal.core.roles import Rol
from wijkportaal.monitor import services
from wijkportaal.monitor.models import Reductiedoel, Verwijzingstelling, VrijvalVoorstel
from wijkportaal.pot import services as pot_services
from wijkportaal.pot.models import Goedkeuringsregel, PeriodeSoort


@pytest.fixture
def wereld(db, world, make_user, make_org):
    """Osdorp's counts for 2023-2026 (20/10, 18/9, 16/8), its pot with boards Een and Twee, and the SWV's
    proposal to put the vrijval of 2024-2025 in it."""
    w = world
    for jaar, sbo, so in ((2023, 20, 10), (2024, 18, 9), (2025, 16, 8)):
        services.leg_aantallen_vast(db, w.swv, w.osdorp, schooljaar=jaar, sbo=sbo, so=so)
    w.pot = pot_services.open_pot(
        db,
        w.swv,
        naam="GKBU Osdorp 2025-2026",
        periode_soort=PeriodeSoort.SCHOOLJAAR,
        jaar=2025,
        wijk_ids=[w.osdorp.id],
        bestuur_ids=[w.b1.id, w.b2.id],
        regel=Goedkeuringsregel.ALLE,
    )
    w.voorstel = services.stel_vrijval_voor(db, w.swv, w.osdorp, schooljaar=2024, pot=w.pot, toelichting="")
    db.commit()
    w.gebruikers = {
        ("beheerder", None): make_user(Rol.BEHEERDER),
        ("swv", None): w.swv,
        ("directeur", None): w.directeur,
        ("beoordelaar", None): make_user(Rol.BEOORDELAAR),
        ("bestuurder", True): w.best1,
        ("bestuurder", False): w.ander,
        ("schoolleider", True): w.leider,
        ("schoolleider", False): make_user(Rol.SCHOOLLEIDER, organisatie=make_org(w.bel)),
        ("partner", True): w.partner,
    }
    return w


STAF = {"beheerder": 200, "swv": 200, "directeur": 200, "beoordelaar": 200}
# LEEST_MONITOR: staff, bestuurders and school leaders, for the wijken they may see.
MONITOR_WIJK = {
    "anoniem": 302,
    **STAF,
    "bestuurder eigen": 200,
    "bestuurder ander": 403,
    "schoolleider eigen": 200,
    "schoolleider ander": 403,
    "partner eigen": 403,
}
NIEMAND = {wie: 403 for wie in MONITOR_WIJK if wie != "anoniem"}
# BEHEERT_SWV_GELD: SWV staff and the director keep counts, targets and costs and propose vrijval.
SWV_GELD = {**NIEMAND, "swv": 200, "directeur": 200}
SWV_GELD_SCHRIJFT = {**NIEMAND, "anoniem": 302, "swv": 302, "directeur": 302}


def telling_2026(bestaat):
    def check(w, db):
        rij = db.exec(select(Verwijzingstelling).where(Verwijzingstelling.schooljaar == 2026)).first()
        assert (rij and (rij.wijk_id, rij.sbo, rij.so)) == ((w.osdorp.id, 15, 7) if bestaat else None)

    return check


def doel_2024(procent):
    def check(w, db):
        doel = db.get(Reductiedoel, 2024)
        assert (doel and doel.procent) == procent

    return check


TOEGANG = [
    {
        "methode": "GET",
        "url": "/monitor",
        "verwacht": {**MONITOR_WIJK, "bestuurder ander": 200, "schoolleider ander": 200},
    },
    {"methode": "GET", "url": "/monitor/osdorp", "verwacht": MONITOR_WIJK},
    {"methode": "GET", "url": "/monitor/vrijval/{w.voorstel.id}", "verwacht": MONITOR_WIJK},
    {"methode": "GET", "url": "/monitor/aantallen", "verwacht": {**SWV_GELD, "anoniem": 302}},
    {"methode": "GET", "url": "/monitor/instellingen", "verwacht": SWV_GELD},
    {"methode": "GET", "url": "/monitor/osdorp/vrijval", "verwacht": SWV_GELD},
    {
        "methode": "POST",
        "url": "/monitor/aantallen",
        "data": {"wijk_id": "{w.osdorp.id}", "schooljaar": "2026", "sbo": "15", "so": "7"},
        "verwacht": SWV_GELD_SCHRIJFT,
        "wel": telling_2026(True),
        "niet": telling_2026(False),
    },
    {
        "methode": "POST",
        "url": "/monitor/instellingen/doel",
        "data": {"schooljaar": "2024", "procent": "20"},
        "verwacht": SWV_GELD_SCHRIJFT,
        "wel": doel_2024(20),
        "niet": doel_2024(None),
    },
    {
        "methode": "POST",
        "url": "/monitor/osdorp/vrijval",
        "data": {"schooljaar": "2025", "pot_id": "{w.pot.id}", "toelichting": "", "actie": "bevestigen"},
        "verwacht": SWV_GELD_SCHRIJFT,
        "rijen": (VrijvalVoorstel, lambda w: [VrijvalVoorstel.schooljaar == 2025]),
        "wel": 1,
        "niet": 0,
    },
    {
        # A board in the pot decides for itself, never SWV staff.
        "methode": "POST",
        "url": "/monitor/vrijval/{w.voorstel.id}",
        "data": {"besluit": "akkoord", "toelichting": ""},
        "verwacht": {**NIEMAND, "anoniem": 302, "bestuurder eigen": 302},
        "rijen": (
            VoorstelBesluit,
            lambda w: [
                VoorstelBesluit.voorstel_id == w.voorstel.voorstel_id,
                VoorstelBesluit.bestuur_id == w.b1.id,
            ],
        ),
        "wel": 1,
        "niet": 0,
    },
]


def test_toegang(regel, wereld, voer_uit):
    voer_uit(regel, wereld)


def test_an_unknown_wijk_is_not_found(client, auth, world):
    auth.login(world.swv)
    assert client.get("/monitor/onbekend").status_code == 404
