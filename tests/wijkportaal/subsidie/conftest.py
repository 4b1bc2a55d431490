"""An assessed application ready for the director's decision: the begroting line "Nieuwe initiatieven"
with € 200.000 in 2026 and 2027, Ronde 2026 drawing on it, two boards applying together, two assessors
who scored every judged criterion. Everything through the features' services."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from tests.wijkportaal.initiatieven.conftest import (  # noqa: F401  (the boards, their schools and users)
    noord,
    partij,
    zuid,
)
from wijkportaal.begroting import services as begroting
from wijkportaal.begroting.models import Groep, Regel
from wijkportaal.beoordeling import services as beoordeling
from wijkportaal.beoordeling.models import Advies, Toewijzing
from wijkportaal.beoordeling.queries import inhoudelijke_criteria
from wijkportaal.core import clock
from wijkportaal.core.roles import Rol
from wijkportaal.initiatieven import services
from wijkportaal.initiatieven.models import Aanvraag, Ambitie, Kostensoort

BUDGET = 200_000_00


@pytest.fixture
def lijn(db):
    """The begroting line the grants draw on, € 200.000 a year in 2026 and 2027."""
    groep = Groep(naam="Samenwerking in de wijk en regio")
    db.add(groep)
    db.flush()
    regel = Regel(groep_id=groep.id, naam="Nieuwe initiatieven")
    db.add(regel)
    db.flush()
    for jaar in (2026, 2027):
        begroting.stel_bedrag_vast(db, None, regel, jaar, BUDGET)
    db.commit()
    return regel


@pytest.fixture
def ronde(db, lijn):
    r = services.open_ronde(
        db, None, "Ronde 2026", clock.today() + timedelta(days=30), 2026, 2027, 150, lijn.id
    )
    db.commit()
    return r


@pytest.fixture
def swv(make_user):
    return make_user(Rol.SWV, naam="Sanne SWV")


@pytest.fixture
def directeur(make_user):
    return make_user(Rol.DIRECTEUR, naam="Marieke Dorrestein")


@pytest.fixture
def beoordelaars(make_user):
    return [make_user(Rol.BEOORDELAAR, naam=f"Beoordelaar {i}") for i in (1, 2)]


@pytest.fixture
def maak_beoordeeld(db, ronde, noord, zuid, swv, beoordelaars):  # noqa: F811
    """make(titel, per_jaar, cijfers) → an application by Noord with Zuid, requesting `per_jaar` cents in
    2026 and in 2027, scored by the two assessors as `cijfers` (one score for every judged criterion, or
    a tuple with one per criterion; default 2 and 3): status beoordeeld."""

    def make(titel: str = "Samen sterk in de wijk", per_jaar: int = 50_000_00, cijfers=(2, 3)) -> Aanvraag:
        aanvraag = services.start_aanvraag(db, noord.schoolleider, ronde)
        services.bewaar_plan(
            db,
            aanvraag,
            noord.schoolleider,
            {
                "titel": titel,
                "samenvatting": "Een gedeelde plusklas.",
                "doelgroep": "Groep 5 tot en met 8.",
                "verwacht_aantal_leerlingen": 24,
                "doelen": "Minder thuiszitters.",
                "werkwijze": "Twee ochtenden per week.",
                "resultaten": "24 leerlingen bediend.",
                "evaluatie": "Na een jaar.",
                "kennisdeling": "In het wijkoverleg.",
                "onderbouwing": "Er is geen plusklas in de wijk.",
                "afspraken": "De scholen verwijzen naar elkaar.",
                "duurzaamheid": "De besturen dragen de kosten vanaf jaar drie.",
                "startdatum": date(2026, 8, 1),
                "einddatum": date(2027, 12, 31),
            },
            [noord.school.wijk_id],
            [Ambitie.INCLUSIEF],
        )
        services.nodig_uit(db, aanvraag, noord.schoolleider, zuid.bestuur.id)
        services.bevestig_deelname(db, aanvraag, zuid.bestuurder)
        for jaar in (2026, 2027):
            services.voeg_kosten_toe(
                db, aanvraag, noord.schoolleider, jaar, Kostensoort.PERSONEEL, "Leerkracht", per_jaar
            )
        services.dien_in(db, aanvraag, noord.schoolleider)
        beoordeling.wijs_toe(
            db, aanvraag, swv, [b.id for b in beoordelaars], clock.today() + timedelta(days=14)
        )
        for b, score in zip(beoordelaars, cijfers, strict=True):
            t = db.exec(
                select(Toewijzing).where(
                    Toewijzing.aanvraag_id == aanvraag.id, Toewijzing.beoordelaar_id == b.id
                )
            ).one()
            beoordeling.verklaar(db, t, b, True)
            beoordeling.dien_in(
                db,
                t,
                b,
                {
                    c.id: (w, "" if w >= 2 else "Te weinig.")
                    for i, c in enumerate(inhoudelijke_criteria(db, aanvraag))
                    for w in [score if isinstance(score, int) else score[i]]
                },
                Advies.TOEKENNEN,
            )
        db.commit()
        db.refresh(aanvraag)
        assert aanvraag.status == "beoordeeld"
        return aanvraag

    return make


@pytest.fixture
def beoordeeld(maak_beoordeeld):
    return maak_beoordeeld()


def herlaad(db, model, ident):
    db.expire_all()
    return db.get(model, ident)
