"""Who may see and run a wijkoverleg, as a table: request × role × own/other wijk, with the status and
what a write left in the database. The object is always the overleg of the own wijk and its meeting."""

from types import SimpleNamespace

import pytest
from sqlmodel import select

from wijkportaal.core.roles import Rol
from wijkportaal.overleg.models import Agendapunt, AgendapuntStatus, Bijeenkomst, Lidmaatschap, Wijkoverleg
from wijkportaal.wijken.models import OrganisatieSoort


@pytest.fixture
def wereld(make_overleg, make_bijeenkomst, make_user, make_bestuur, make_org):
    """Two wijken with an overleg; per role a user of the own wijk and one of the other; a school in the
    own wijk that is not yet a member."""
    own, other = make_overleg(), make_overleg()
    eigen_bestuur, ander_bestuur = make_bestuur(), make_bestuur()
    make_org(own.wijk, OrganisatieSoort.BASISSCHOOL, bestuur=eigen_bestuur)
    make_org(other.wijk, OrganisatieSoort.BASISSCHOOL, bestuur=ander_bestuur)
    lid = make_user(Rol.SCHOOLLEIDER, organisatie=own.school)
    return SimpleNamespace(
        lid=lid,
        voorzitter=own.voorzitter,
        own=own,
        other=other,
        b=make_bijeenkomst(own.overleg, days=7, agendapunten=["Eigen punt"]),
        nieuwe_school=make_org(own.wijk, OrganisatieSoort.BASISSCHOOL),
        gebruikers={
            ("beheerder", None): make_user(Rol.BEHEERDER),
            ("swv", None): make_user(Rol.SWV),
            ("directeur", None): make_user(Rol.DIRECTEUR),
            ("beoordelaar", None): make_user(Rol.BEOORDELAAR),
            ("bestuurder", True): make_user(Rol.BESTUURDER, bestuur=eigen_bestuur),
            ("bestuurder", False): make_user(Rol.BESTUURDER, bestuur=ander_bestuur),
            ("schoolleider", True): lid,
            ("schoolleider", False): make_user(Rol.SCHOOLLEIDER, organisatie=other.school),
            ("voorzitter", True): own.voorzitter,
            ("voorzitter", False): other.voorzitter,
            ("partner", True): make_user(Rol.PARTNER, organisatie=own.okt),
            ("partner", False): make_user(Rol.PARTNER, organisatie=other.okt),
        },
    )


def _alle(status_eigen, status_ander, staf, anoniem=302):
    """Staff get `staf`; the users of the own wijk `status_eigen`, those of the other `status_ander`."""
    return {
        "anoniem": anoniem,
        "beheerder": staf,
        "swv": staf,
        "directeur": staf,
        "beoordelaar": staf,
        **{f"{rol} eigen": status_eigen for rol in ("bestuurder", "schoolleider", "voorzitter", "partner")},
        **{f"{rol} ander": status_ander for rol in ("bestuurder", "schoolleider", "voorzitter", "partner")},
    }


ZIEN = _alle(200, 403, staf=200)
# can_manage_overleg: the chair (or secretary) of this overleg only.
VOORZITTER = {**_alle(403, 403, staf=403), "voorzitter eigen": 200}
VOORZITTER_SCHRIJFT = {**_alle(403, 403, staf=403), "voorzitter eigen": 302}
# BEHEERT_REFERENTIE: SWV staff and the beheerder.
REFERENTIE = {**_alle(403, 403, staf=403), "beheerder": 200, "swv": 200}
# ZIET_ALLE_WIJKEN: the overview of every wijk.
STAF = _alle(403, 403, staf=200)


def bijeenkomst(**verwacht):
    def check(w, db):
        b = db.get(Bijeenkomst, w.b.id)
        assert {
            k: getattr(b, k) is not None if k.endswith("_op") else getattr(b, k) for k in verwacht
        } == verwacht

    return check


def voorzitter_is(positie):
    def check(w, db):
        assert db.get(Wijkoverleg, w.own.overleg.id).voorzitter_id == getattr(w, positie).id

    return check


TOEGANG = [
    {"methode": "GET", "url": "/wijken/{w.own.wijk.code}", "verwacht": ZIEN},
    {"methode": "GET", "url": "/bijeenkomsten/{w.b.id}", "verwacht": ZIEN},
    {"methode": "GET", "url": "/bijeenkomsten/{w.b.id}.ics", "verwacht": ZIEN},
    {"methode": "GET", "url": "/api/v1/wijken/{w.own.wijk.code}", "verwacht": {**ZIEN, "anoniem": 401}},
    {"methode": "GET", "url": "/wijken/{w.own.wijk.code}/bijeenkomsten/nieuw", "verwacht": VOORZITTER},
    {"methode": "GET", "url": "/bijeenkomsten/{w.b.id}/bewerken", "verwacht": VOORZITTER},
    {"methode": "GET", "url": "/wijken/{w.own.wijk.code}/overleg/leden", "verwacht": VOORZITTER},
    {"methode": "GET", "url": "/wijken/{w.own.wijk.code}/overleg/instellen", "verwacht": REFERENTIE},
    {"methode": "GET", "url": "/overzicht", "verwacht": STAF},
    {"methode": "GET", "url": "/overzicht.csv", "verwacht": STAF},
    {"methode": "GET", "url": "/themas", "verwacht": REFERENTIE},
    {"methode": "GET", "url": "/norm", "verwacht": REFERENTIE},
    {
        # The chair adds an item; member organisations (school, OKT) propose one; no one else.
        "methode": "POST",
        "url": "/bijeenkomsten/{w.b.id}/agendapunten",
        "data": {"titel": "Nieuw", "minuten": 5},
        "verwacht": {
            **_alle(403, 403, staf=403),
            "voorzitter eigen": 302,
            "schoolleider eigen": 302,
            "partner eigen": 302,
        },
        "rijen": (Agendapunt, lambda w: [Agendapunt.titel == "Nieuw"]),
        "wel": 1,
        "niet": 0,
    },
    {
        "methode": "POST",
        "url": "/bijeenkomsten/{w.b.id}/vaststellen",
        "verwacht": VOORZITTER_SCHRIJFT,
        "wel": bijeenkomst(agenda_vastgesteld_op=True),
        "niet": bijeenkomst(agenda_vastgesteld_op=False),
    },
    {
        "methode": "POST",
        "url": "/bijeenkomsten/{w.b.id}/annuleren",
        "data": {"reden": "ziekte"},
        "verwacht": VOORZITTER_SCHRIJFT,
        "wel": bijeenkomst(is_geannuleerd=True),
        "niet": bijeenkomst(is_geannuleerd=False),
    },
    {
        "methode": "POST",
        "url": "/wijken/{w.own.wijk.code}/overleg/leden",
        "data": {"lid-organisatie_id": "{w.nieuwe_school.id}"},
        "verwacht": VOORZITTER_SCHRIJFT,
        "rijen": (
            Lidmaatschap,
            lambda w: [
                Lidmaatschap.wijkoverleg_id == w.own.overleg.id,
                Lidmaatschap.organisatie_id == w.nieuwe_school.id,
            ],
        ),
        "wel": 1,
        "niet": 0,
    },
    {
        "methode": "POST",
        "url": "/wijken/{w.own.wijk.code}/overleg/instellen",
        "data": {"voorzitter_id": "{w.lid.id}"},
        "verwacht": {**_alle(403, 403, staf=403), "beheerder": 302, "swv": 302},
        "wel": voorzitter_is("lid"),
        "niet": voorzitter_is("voorzitter"),
    },
]


def test_toegang(regel, wereld, voer_uit):
    voer_uit(regel, wereld)


def test_a_member_proposes_what_the_chair_adds(client, auth, wereld, db):
    for positie, status in (
        ("voorzitter", AgendapuntStatus.AGENDA),
        ("schoolleider", AgendapuntStatus.VOORGESTELD),
    ):
        auth.login(wereld.gebruikers[(positie, True)])
        data = {"titel": f"Van {positie}", "minuten": 5}
        assert client.post(f"/bijeenkomsten/{wereld.b.id}/agendapunten", data=data).status_code == 302
        auth.logout()
        assert db.exec(select(Agendapunt.status).where(Agendapunt.titel == f"Van {positie}")).one() == status
