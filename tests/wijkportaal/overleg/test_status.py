"""Is the overleg functioning? The verdict names every part of the bar that is missed."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from wijkportaal.core.clock import now, schooljaar_van
from wijkportaal.overleg.models import (
    Actiepunt,
    Agendapunt,
    AgendapuntThema,
    Overlegnorm,
    Thema,
    VerplichtThema,
)
from wijkportaal.overleg.queries import wijk_statussen
from wijkportaal.overleg.rules import Feiten, Norm, OverlegStatus, beoordeel, maanden_terug

TODAY = date(2026, 11, 23)
NORM = Norm()


GEEN_OVERLEG = "Er is (nog) geen wijkoverleg ingesteld."
NOOIT = "Nog geen bijeenkomst gehouden."


def _dagen(n: int) -> date:
    return TODAY - timedelta(days=n)


# (facts: held, days since the last, agenda agreed beforehand, OKT and SO both present) → verdict.
SITUATIES = [
    pytest.param(Feiten(False), OverlegStatus.GEEN, [GEEN_OVERLEG], id="no-overleg"),
    pytest.param(
        Feiten(True),
        OverlegStatus.OPSTARTEND,
        ["0 bijeenkomsten gehouden in de laatste 12 maanden (minimaal 4).", NOOIT],
        id="never-met",
    ),
    pytest.param(Feiten(True, 4, _dagen(120), 3, 2), OverlegStatus.FUNCTIONEREND, [], id="exactly-the-bar"),
    pytest.param(Feiten(True, 12, _dagen(0), 12, 12), OverlegStatus.FUNCTIONEREND, [], id="monthly"),
    pytest.param(
        Feiten(True, 3, _dagen(30), 3, 3),
        OverlegStatus.OPSTARTEND,
        ["3 bijeenkomsten gehouden in de laatste 12 maanden (minimaal 4)."],
        id="one-meeting-short",
    ),
    pytest.param(
        Feiten(True, 1, _dagen(10), 1, 1),
        OverlegStatus.OPSTARTEND,
        ["1 bijeenkomst gehouden in de laatste 12 maanden (minimaal 4)."],
        id="one-meeting-singular",
    ),
    pytest.param(
        Feiten(True, 4, _dagen(121), 4, 4),
        OverlegStatus.OPSTARTEND,
        ["Laatste bijeenkomst 121 dagen geleden (maximaal 120)."],
        id="one-day-too-long-ago",
    ),
    pytest.param(
        Feiten(True, 8, _dagen(5), 5, 8),
        OverlegStatus.OPSTARTEND,
        ["Agenda vooraf vastgesteld bij 62 % van de bijeenkomsten (minimaal 75 %)."],
        id="agenda-5-of-8",
    ),
    pytest.param(
        Feiten(True, 6, _dagen(5), 6, 2),
        OverlegStatus.OPSTARTEND,
        ["OKT en speciaal onderwijs samen aanwezig bij 33 % van de bijeenkomsten (minimaal 50 %)."],
        id="okt-so-2-of-6",
    ),
    pytest.param(
        Feiten(True, 2, _dagen(200), 1, 0),
        OverlegStatus.OPSTARTEND,
        [
            "2 bijeenkomsten gehouden in de laatste 12 maanden (minimaal 4).",
            "Laatste bijeenkomst 200 dagen geleden (maximaal 120).",
            "Agenda vooraf vastgesteld bij 50 % van de bijeenkomsten (minimaal 75 %).",
            "OKT en speciaal onderwijs samen aanwezig bij 0 % van de bijeenkomsten (minimaal 50 %).",
        ],
        id="every-part-missed",
    ),
]


@pytest.mark.parametrize("feiten, status, redenen", SITUATIES)
def test_the_verdict_names_every_missed_part(feiten, status, redenen):
    assert beoordeel(NORM, feiten, TODAY) == (status, redenen)


def test_a_stricter_norm_is_quoted_in_the_reasons():
    strenger = Norm(periode_maanden=6, min_bijeenkomsten=6, max_dagen_sinds_laatste=60)
    assert beoordeel(strenger, Feiten(True, 5, _dagen(61), 5, 5), TODAY) == (
        OverlegStatus.OPSTARTEND,
        [
            "5 bijeenkomsten gehouden in de laatste 6 maanden (minimaal 6).",
            "Laatste bijeenkomst 61 dagen geleden (maximaal 60).",
        ],
    )


@given(st.dates(date(2000, 1, 1), date(2100, 12, 31)), st.integers(1, 36))
def test_maanden_terug_goes_back_whole_months(day, months):
    earlier = maanden_terug(day, months)
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months
    assert earlier.day <= day.day


def test_schooljaar_runs_august_to_july():
    assert schooljaar_van(date(2026, 7, 31)) == 2025
    assert schooljaar_van(date(2026, 8, 1)) == 2026


def test_four_held_meetings_with_okt_and_so_make_it_functionerend(db, make_overleg, make_bijeenkomst):
    o = make_overleg()
    for days in (-200, -140, -80, -20):
        make_bijeenkomst(o.overleg, days=days, vastgesteld=True, aanwezig=[o.school, o.okt, o.so])
    s = wijk_statussen(db, {o.wijk.id})[o.wijk.id]
    assert s.status == OverlegStatus.FUNCTIONEREND
    assert s.laatste_bijeenkomst == (now() - timedelta(days=20)).date()


def test_cancelled_and_future_meetings_do_not_count(db, make_overleg, make_bijeenkomst):
    o = make_overleg()
    for days in (-200, -140, -80):
        make_bijeenkomst(o.overleg, days=days, vastgesteld=True, aanwezig=[o.okt, o.so])
    cancelled = make_bijeenkomst(o.overleg, days=-20, vastgesteld=True, aanwezig=[o.okt, o.so])
    cancelled.is_geannuleerd = True
    db.add(cancelled)
    db.commit()
    make_bijeenkomst(o.overleg, days=10, vastgesteld=True)
    s = wijk_statussen(db, {o.wijk.id})[o.wijk.id]
    assert s.status == OverlegStatus.OPSTARTEND
    assert s.redenen[0].startswith("3 bijeenkomsten gehouden")


def test_without_so_present_the_reason_says_so(db, make_overleg, make_bijeenkomst):
    o = make_overleg()
    for days in (-200, -140, -80, -20):
        make_bijeenkomst(o.overleg, days=days, vastgesteld=True, aanwezig=[o.school, o.okt])
    s = wijk_statussen(db, {o.wijk.id})[o.wijk.id]
    assert s.status == OverlegStatus.OPSTARTEND
    assert s.redenen == [
        "OKT en speciaal onderwijs samen aanwezig bij 0 % van de bijeenkomsten (minimaal 50 %)."
    ]


def test_norm_is_configurable(db, make_overleg, make_bijeenkomst):
    o = make_overleg()
    for days in (-100, -20):
        make_bijeenkomst(o.overleg, days=days, vastgesteld=True, aanwezig=[o.okt, o.so])
    assert wijk_statussen(db, {o.wijk.id})[o.wijk.id].status == OverlegStatus.OPSTARTEND
    db.add(Overlegnorm(min_bijeenkomsten=2))
    db.commit()
    assert wijk_statussen(db, {o.wijk.id})[o.wijk.id].status == OverlegStatus.FUNCTIONEREND


def test_required_themes_count_only_on_held_meetings_this_school_year(db, make_overleg, make_bijeenkomst):
    o = make_overleg()
    jaar = schooljaar_van(now().date())
    thuiszitten, jonge_kind = Thema(naam="Thuiszitten"), Thema(naam="Jonge kind")
    db.add_all([thuiszitten, jonge_kind])
    db.commit()
    db.add_all(
        [
            VerplichtThema(schooljaar=jaar, thema_id=thuiszitten.id),
            VerplichtThema(schooljaar=jaar, thema_id=jonge_kind.id),
        ]
    )
    held = make_bijeenkomst(o.overleg, days=-1, agendapunten=["Thuiszitters"])
    upcoming = make_bijeenkomst(o.overleg, days=5, agendapunten=["Jonge kind"])
    for b, thema in ((held, thuiszitten), (upcoming, jonge_kind)):
        punt = db.exec(select(Agendapunt).where(Agendapunt.bijeenkomst_id == b.id)).one()
        db.add(AgendapuntThema(agendapunt_id=punt.id, thema_id=thema.id))
    db.commit()
    s = wijk_statussen(db, {o.wijk.id})[o.wijk.id]
    assert s.behandelde_themas == ["Thuiszitten"]
    assert s.ontbrekende_themas == ["Jonge kind"]


def test_overdue_actions_are_counted(db, make_overleg, make_bijeenkomst):
    o = make_overleg()
    b = make_bijeenkomst(o.overleg, days=-30)
    db.add_all(
        [
            Actiepunt(
                wijkoverleg_id=o.overleg.id,
                bijeenkomst_id=b.id,
                omschrijving="a",
                eigenaar="x",
                deadline=(now() - timedelta(days=1)).date(),
            ),
            Actiepunt(
                wijkoverleg_id=o.overleg.id,
                bijeenkomst_id=b.id,
                omschrijving="b",
                eigenaar="x",
                deadline=(now() + timedelta(days=1)).date(),
            ),
        ]
    )
    db.commit()
    assert wijk_statussen(db, {o.wijk.id})[o.wijk.id].te_late_actiepunten == 1


def test_wijk_without_overleg(db, make_wijk):
    wijk = make_wijk()
    s = wijk_statussen(db)[wijk.id]
    assert s.status == OverlegStatus.GEEN and s.laatste_bijeenkomst is None
