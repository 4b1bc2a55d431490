"""A small world for the monitor: two wijken, boards with schools in them, and a user of every kind."""

from types import SimpleNamespace

import pytest

from wijkportaal.core.roles import Rol
from wijkportaal.wijken.models import OrganisatieSoort


@pytest.fixture
def world(make_wijk, make_bestuur, make_org, make_user):
    osdorp = make_wijk(naam="Osdorp", code="osdorp")
    bel = make_wijk(naam="Bos en Lommer", code="bos-en-lommer")
    b1, b2, ander = (
        make_bestuur("Stichting Een"),
        make_bestuur("Stichting Twee"),
        make_bestuur("Stichting Ander"),
    )
    make_org(osdorp, bestuur=b1, leerlingen=300)
    make_org(osdorp, bestuur=b2, leerlingen=100)
    make_org(bel, bestuur=ander)
    return SimpleNamespace(
        osdorp=osdorp,
        bel=bel,
        b1=b1,
        b2=b2,
        swv=make_user(Rol.SWV),
        directeur=make_user(Rol.DIRECTEUR),
        best1=make_user(Rol.BESTUURDER, bestuur=b1),
        best1b=make_user(Rol.BESTUURDER, bestuur=b1),
        best2=make_user(Rol.BESTUURDER, bestuur=b2),
        ander=make_user(Rol.BESTUURDER, bestuur=ander),
        leider=make_user(Rol.SCHOOLLEIDER, organisatie=make_org(osdorp)),
        partner=make_user(Rol.PARTNER, organisatie=make_org(osdorp, OrganisatieSoort.OKT)),
    )


@pytest.fixture
def invoeren(client, auth):
    """Enter counts as SWV staff through the form; returns the response."""

    def invoer(user, wijk, schooljaar, sbo, so, wijk_id=None):
        auth.login(user)
        response = client.post(
            "/monitor/aantallen",
            data={
                "wijk_id": wijk_id if wijk_id is not None else wijk.id,
                "schooljaar": schooljaar,
                "sbo": sbo,
                "so": so,
            },
        )
        auth.logout()
        return response

    return invoer
