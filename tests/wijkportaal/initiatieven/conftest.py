"""Factories for nieuwe initiatieven: an open round, two boards with a school and a school leader each,
and a complete draft that passes every formal check."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from wijkportaal.core import clock
from wijkportaal.core.roles import Rol
from wijkportaal.initiatieven import services
from wijkportaal.initiatieven.models import Aanvraag, Ambitie, Kostensoort


@pytest.fixture
def ronde(db):
    """Ronde 2026, open, drawing on 2026-2027, deadline in a month."""
    r = services.open_ronde(db, None, "Ronde 2026", clock.today() + timedelta(days=30), 2026, 2028)
    db.commit()
    return r


@dataclass
class Partij:
    bestuur: object
    school: object
    schoolleider: object
    bestuurder: object


@pytest.fixture
def partij(make_wijk, make_bestuur, make_org, make_user):
    """make() → a board with a school in a wijk, its school leader and its bestuurder."""

    def make(naam: str):
        wijk = make_wijk()
        bestuur = make_bestuur(f"Stichting {naam}")
        school = make_org(wijk=wijk, bestuur=bestuur, naam=f"Basisschool {naam}")
        return Partij(
            bestuur,
            school,
            make_user(Rol.SCHOOLLEIDER, organisatie=school, wijk=wijk, naam=f"Schoolleider {naam}"),
            make_user(Rol.BESTUURDER, bestuur=bestuur, naam=f"Bestuurder {naam}"),
        )

    return make


@pytest.fixture
def noord(partij):
    return partij("Noord")


@pytest.fixture
def zuid(partij):
    return partij("Zuid")


PLAN = {
    "titel": "Samen sterk in de wijk",
    "samenvatting": "Een gedeelde plusklas.",
    "doelgroep": "Leerlingen van groep 5 tot en met 8 met een ontwikkelingsvoorsprong.",
    "verwacht_aantal_leerlingen": 24,
    "doelen": "Minder thuiszitters.",
    "werkwijze": "Twee ochtenden per week.",
    "resultaten": "24 leerlingen in de wijk bediend.",
    "evaluatie": "Na een jaar met ouders en leerkrachten.",
    "kennisdeling": "In het wijkoverleg.",
    "onderbouwing": "Er is geen plusklas in de wijk.",
    "afspraken": "De scholen verwijzen naar elkaar.",
    "duurzaamheid": "De besturen dragen de kosten vanaf jaar drie.",
    "startdatum": date(2026, 8, 1),
    "einddatum": date(2028, 7, 31),
}


@pytest.fixture
def concept(db, ronde, noord, zuid):
    """A draft by Noord's school leader, with Zuid invited (not yet confirmed), plan and budget complete."""
    aanvraag = services.start_aanvraag(db, noord.schoolleider, ronde)
    services.bewaar_plan(db, aanvraag, noord.schoolleider, PLAN, [noord.school.wijk_id], [Ambitie.INCLUSIEF])
    services.nodig_uit(db, aanvraag, noord.schoolleider, zuid.bestuur.id)
    services.voeg_kosten_toe(
        db, aanvraag, noord.schoolleider, 2026, Kostensoort.PERSONEEL, "Leerkracht", 40_000_00
    )
    services.voeg_kosten_toe(
        db, aanvraag, noord.schoolleider, 2027, Kostensoort.PERSONEEL, "Leerkracht", 60_000_00
    )
    services.voeg_cofinanciering_toe(db, aanvraag, noord.schoolleider, "Stichting Noord", 2026, 10_000_00)
    db.commit()
    return aanvraag


@pytest.fixture
def bevestigd(db, concept, zuid):
    """The draft with Zuid's confirmation: it passes every formal check."""
    services.bevestig_deelname(db, concept, zuid.bestuurder)
    db.commit()
    return concept


def herlaad(db, aanvraag) -> Aanvraag:
    db.expire_all()
    return db.get(Aanvraag, aanvraag.id)
