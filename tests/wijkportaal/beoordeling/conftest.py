"""Factories for assessing: the initiatieven factories (a round, boards Noord and Zuid, a complete
application), that application submitted, three assessors, and a helper that declares and scores."""

import pytest

from tests.wijkportaal.initiatieven.conftest import (  # noqa: F401  (fixtures used here and in the tests)
    bevestigd,
    concept,
    noord,
    partij,
    ronde,
    zuid,
)
from wijkportaal.beoordeling import queries, services
from wijkportaal.beoordeling.models import Advies
from wijkportaal.core import clock
from wijkportaal.core.roles import Rol
from wijkportaal.initiatieven import services as initiatieven_services

DEADLINE_DAGEN = 14


@pytest.fixture
def ingediend(db, bevestigd, noord):  # noqa: F811
    """The complete application of Noord and Zuid, submitted."""
    initiatieven_services.dien_in(db, bevestigd, noord.schoolleider)
    db.commit()
    return bevestigd


@pytest.fixture
def beoordelaars(make_user):
    """Three assessors, A, B and C, who work for no board or school."""
    return [make_user(Rol.BEOORDELAAR, naam=f"Beoordelaar {x}") for x in "ABC"]


@pytest.fixture
def deadline():
    from datetime import timedelta

    return clock.today() + timedelta(days=DEADLINE_DAGEN)


@pytest.fixture
def in_beoordeling(db, ingediend, beoordelaars, make_user, deadline):
    """The submitted application with A and B assigned by SWV staff."""
    a, b, _ = beoordelaars
    services.wijs_toe(db, ingediend, make_user(Rol.SWV), [a.id, b.id], deadline)
    db.commit()
    return ingediend


@pytest.fixture
def criteria(db, ingediend):
    """The seven judged criteria of the round, by number (1, 2, 3, 5, 6, 8, 10)."""
    return queries.inhoudelijke_criteria(db, ingediend)


@pytest.fixture
def scoor(db, criteria):
    """scoor(aanvraag, beoordelaar, cijfers, advies): declare no conflict, then submit `cijfers` (one per
    judged criterion, by number), each with a motivation."""

    def run(aanvraag, beoordelaar, cijfers, advies=Advies.TOEKENNEN):
        toewijzing = queries.toewijzing_van(db, beoordelaar, aanvraag.id)
        services.verklaar(db, toewijzing, beoordelaar, geen_conflict=True)
        scores = {c.id: (s, f"Motivering {s}") for c, s in zip(criteria, cijfers, strict=True)}
        services.dien_in(db, toewijzing, beoordelaar, scores, advies)
        db.commit()
        return toewijzing

    return run
