"""Factories for voorzieningen (domains and offers: tests/wijkportaal/conftest.py), and a small world with every role around one wijk."""

import itertools
from datetime import date
from types import SimpleNamespace

import pytest

from wijkportaal.core.roles import Rol
from wijkportaal.expertise.models import Voorziening, VoorzieningSoort, VoorzieningWijk
from wijkportaal.wijken.models import OrganisatieSoort

_seq = itertools.count(1)


@pytest.fixture
def make_voorziening(db, bewaar):
    def make(
        locatie,
        wijken=(),
        naam=None,
        soort=VoorzieningSoort.STARTKLAS,
        plaatsen=12,
        bezet=8,
        domein=None,
        aanpak=None,
        geldig_van=date(2020, 1, 1),
        geldig_tot=None,
        door=None,
    ):
        v = bewaar(
            Voorziening(
                naam=naam or f"Voorziening {next(_seq)}",
                soort=soort,
                locatie_id=locatie.id,
                domein_id=domein.id if domein else None,
                plaatsen=plaatsen,
                plaatsen_bezet=bezet,
                aanpak_id=aanpak.id if aanpak else None,
                geldig_van=geldig_van,
                geldig_tot=geldig_tot,
                aangemaakt_door_id=door.id if door else None,
            ),
        )
        for w in wijken:
            db.add(VoorzieningWijk(voorziening_id=v.id, wijk_id=w.id))
        db.commit()
        return v

    return make


@pytest.fixture
def world(make_overleg, make_wijk, make_org, make_user, make_bestuur, make_domein, make_expertise):
    """Wijk A with an overleg (chair: schoolleider of a school there), an OKT and an SO school; wijk B
    with its own school; a zorgaanbieder; users of every role; one domain and three offers."""
    ov = make_overleg()
    wijk_b = make_wijk()
    school_b = make_org(wijk_b)
    zorg = make_org(None, OrganisatieSoort.ZORGAANBIEDER, naam="Zorgaanbieder Test")
    bestuur = make_bestuur()
    users = {
        "swv": make_user(Rol.SWV),
        "beheerder": make_user(Rol.BEHEERDER),
        "directeur": make_user(Rol.DIRECTEUR),
        "bestuurder": make_user(Rol.BESTUURDER, bestuur=bestuur),
        "partner": make_user(Rol.PARTNER, organisatie=ov.okt),
        "so_leider": make_user(Rol.SCHOOLLEIDER, organisatie=ov.so),
        "voorzitter": ov.voorzitter,
        "leider_b": make_user(Rol.SCHOOLLEIDER, organisatie=school_b),
    }
    domein = make_domein("Autisme")
    return SimpleNamespace(
        ov=ov,
        wijk=ov.wijk,
        wijk_b=wijk_b,
        school=ov.school,
        school_b=school_b,
        okt=ov.okt,
        so=ov.so,
        zorg=zorg,
        users=users,
        domein=domein,
        e_okt=make_expertise(ov.okt, domein, wijken=[ov.wijk], door=users["swv"], wachttijd=3),
        e_zorg=make_expertise(zorg, domein, wijken=[ov.wijk], door=users["voorzitter"], wachttijd=0),
        e_b=make_expertise(school_b, domein, wijken=[wijk_b], door=users["leider_b"]),
    )
