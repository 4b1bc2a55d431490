"""The reminder that a funded initiative ends, with a controlled clock: three months before its end its
applicants (the maker and the bestuurders of the boards that confirmed) get one message each, once; an
initiative whose final evaluation is in gets none."""

from datetime import datetime

import pytest
import time_machine
from sqlmodel import select

from tests.wijkportaal.conftest import draai_job
from wijkportaal.core.clock import TZ
from wijkportaal.initiatieven import services
from wijkportaal.initiatieven.jobs import EINDE
from wijkportaal.initiatieven.models import Status
from wijkportaal.mail.models import Bericht


@pytest.fixture
def toegekend(db, bevestigd, noord):
    """The application (1 August 2026 – 31 July 2028) submitted and granted."""
    services.dien_in(db, bevestigd, noord.schoolleider)
    for status in (Status.IN_BEOORDELING, Status.BEOORDEELD, Status.TOEGEKEND):
        services.zet_status(db, bevestigd, status, None)
    db.commit()
    return bevestigd


def draai(app, moment: datetime) -> str:
    with time_machine.travel(moment, tick=False):
        return draai_job(app, EINDE)


def berichten(db) -> list[Bericht]:
    db.expire_all()
    return list(db.exec(select(Bericht).where(Bericht.soort == "initiatief_einde").order_by(Bericht.adres)))


def test_three_months_before_the_end_the_applicants_are_reminded_once(app, db, toegekend, noord, zuid):
    assert draai(app, datetime(2028, 4, 30, 7, 0, tzinfo=TZ)) == "0 herinneringen verstuurd"
    assert draai(app, datetime(2028, 5, 1, 7, 0, tzinfo=TZ)) == "3 herinneringen verstuurd"
    assert draai(app, datetime(2028, 5, 2, 7, 0, tzinfo=TZ)) == "0 herinneringen verstuurd"
    ontvangen = berichten(db)
    assert [b.adres for b in ontvangen] == sorted(
        [noord.schoolleider.email, noord.bestuurder.email, zuid.bestuurder.email]
    )
    b = ontvangen[0]
    assert b.onderwerp == "Samen sterk in de wijk loopt af op ma 31 juli 2028: eindevaluatie en borging"
    assert b.link == f"http://localhost:5000/initiatieven/{toegekend.id}/rapportage/eind"
    assert "Eindevaluatie uiterlijk za 30 september 2028" in b.tekst
    assert "borgingsplan" in b.tekst


def test_a_draft_or_an_ended_initiative_gets_no_reminder(app, db, bevestigd):
    assert draai(app, datetime(2028, 5, 1, 7, 0, tzinfo=TZ)) == "0 herinneringen verstuurd"
    assert berichten(db) == []
