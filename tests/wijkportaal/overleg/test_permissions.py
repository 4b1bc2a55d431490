"""The permission matrix: routes × roles × own/other wijk, checked on the server."""

from types import SimpleNamespace

import pytest

from wijkportaal.core.roles import Rol
from wijkportaal.wijken.models import OrganisatieSoort

ROLES = [
    "anoniem",
    "beheerder",
    "swv",
    "directeur",
    "beoordelaar",
    "bestuurder",
    "voorzitter",
    "lid",
    "partner",
]


@pytest.fixture
def world(make_overleg, make_bijeenkomst, make_user, make_bestuur, make_org, db):
    own, other = make_overleg(), make_overleg()
    bestuur = make_bestuur()
    make_org(own.wijk, OrganisatieSoort.BASISSCHOOL, bestuur=bestuur)
    users = {
        "beheerder": make_user(Rol.BEHEERDER),
        "swv": make_user(Rol.SWV),
        "directeur": make_user(Rol.DIRECTEUR),
        "beoordelaar": make_user(Rol.BEOORDELAAR),
        "bestuurder": make_user(Rol.BESTUURDER, bestuur=bestuur),
        "voorzitter": own.voorzitter,
        "lid": make_user(Rol.SCHOOLLEIDER, organisatie=own.school),
        "partner": make_user(Rol.PARTNER, organisatie=own.okt),
    }
    return SimpleNamespace(
        own=own,
        other=other,
        own_b=make_bijeenkomst(own.overleg, days=7, agendapunten=["Eigen punt"]),
        other_b=make_bijeenkomst(other.overleg, days=7, agendapunten=["Ander punt"]),
        users=users,
    )


# Expected status per role, in the order of ROLES.
ALLE = [302, 200, 200, 200, 200, 200, 200, 200, 200]
SWV_STAF = [302, 200, 200, 200, 200, 403, 403, 403, 403]
SWV_BEHEER = [302, 200, 200, 403, 403, 403, 403, 403, 403]
ALLEEN_STAF_ZIET = [302, 200, 200, 200, 200, 403, 403, 403, 403]
VOORZITTER = [302, 403, 403, 403, 403, 403, 200, 403, 403]

MATRIX = [
    ("wijkpagina eigen wijk", lambda w: f"/wijken/{w.own.wijk.code}", ALLE),
    ("wijkpagina andere wijk", lambda w: f"/wijken/{w.other.wijk.code}", ALLEEN_STAF_ZIET),
    ("bijeenkomst eigen wijk", lambda w: f"/bijeenkomsten/{w.own_b.id}", ALLE),
    ("bijeenkomst andere wijk", lambda w: f"/bijeenkomsten/{w.other_b.id}", ALLEEN_STAF_ZIET),
    ("agenda als ics andere wijk", lambda w: f"/bijeenkomsten/{w.other_b.id}.ics", ALLEEN_STAF_ZIET),
    (
        "bijeenkomst plannen eigen wijk",
        lambda w: f"/wijken/{w.own.wijk.code}/bijeenkomsten/nieuw",
        VOORZITTER,
    ),
    (
        "bijeenkomst plannen andere wijk",
        lambda w: f"/wijken/{w.other.wijk.code}/bijeenkomsten/nieuw",
        [302, 403, 403, 403, 403, 403, 403, 403, 403],
    ),
    ("bijeenkomst wijzigen", lambda w: f"/bijeenkomsten/{w.own_b.id}/bewerken", VOORZITTER),
    ("leden beheren", lambda w: f"/wijken/{w.own.wijk.code}/overleg/leden", VOORZITTER),
    ("overleg instellen", lambda w: f"/wijken/{w.own.wijk.code}/overleg/instellen", SWV_BEHEER),
    ("overzicht", lambda w: "/overzicht", SWV_STAF),
    ("overzicht csv", lambda w: "/overzicht.csv", SWV_STAF),
    ("thema's", lambda w: "/themas", SWV_BEHEER),
    ("norm", lambda w: "/norm", SWV_BEHEER),
    (
        "api wijk andere wijk",
        lambda w: f"/api/v1/wijken/{w.other.wijk.code}",
        [401, 200, 200, 200, 200, 403, 403, 403, 403],
    ),
]


@pytest.mark.parametrize(("name", "url", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_permission_matrix(client, auth, world, name, url, expected):
    path = url(world)
    for rol, status in zip(ROLES, expected, strict=True):
        if rol != "anoniem":
            auth.login(world.users[rol])
        got = client.get(path).status_code
        assert got == status, f"{name}: {rol} got {got}, expected {status}"
        if rol != "anoniem":
            auth.logout()


WRITES = [
    (
        "agendapunt toevoegen",
        lambda w: f"/bijeenkomsten/{w.own_b.id}/agendapunten",
        {"titel": "Nieuw", "minuten": 5},
    ),
    ("agenda vaststellen", lambda w: f"/bijeenkomsten/{w.own_b.id}/vaststellen", {}),
    ("annuleren", lambda w: f"/bijeenkomsten/{w.own_b.id}/annuleren", {"reden": "ziekte"}),
    ("lid toevoegen", lambda w: f"/wijken/{w.own.wijk.code}/overleg/leden", {"lid-organisatie_id": 1}),
]


@pytest.mark.parametrize(("name", "url", "data"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("rol", ["swv", "bestuurder", "beheerder", "directeur"])
def test_only_the_chair_changes_the_overleg(client, auth, world, name, url, data, rol):
    auth.login(world.users[rol])
    assert client.post(url(world), data=data).status_code == 403


def test_member_may_propose_but_not_add_directly(client, auth, world, db):
    from sqlmodel import select

    from wijkportaal.overleg.models import Agendapunt, AgendapuntStatus

    auth.login(world.users["lid"])
    assert (
        client.post(
            f"/bijeenkomsten/{world.own_b.id}/agendapunten", data={"titel": "Voorstel", "minuten": 5}
        ).status_code
        == 302
    )
    punt = db.exec(select(Agendapunt).where(Agendapunt.titel == "Voorstel")).one()
    assert punt.status == AgendapuntStatus.VOORGESTELD
    # Not in someone else's wijk.
    assert (
        client.post(
            f"/bijeenkomsten/{world.other_b.id}/agendapunten", data={"titel": "X", "minuten": 5}
        ).status_code
        == 403
    )
