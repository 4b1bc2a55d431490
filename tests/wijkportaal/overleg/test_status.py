"""Is the overleg functioning? The verdict names every part of the bar that is missed."""

from datetime import date, timedelta

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
from wijkportaal.overleg.status import Feiten, Norm, OverlegStatus, beoordeel, maanden_terug, wijk_statussen

TODAY = date(2026, 11, 23)
NORM = Norm()


def test_no_overleg_is_geen():
    status, redenen = beoordeel(NORM, Feiten(heeft_overleg=False), TODAY)
    assert status == OverlegStatus.GEEN
    assert redenen == ["Er is (nog) geen wijkoverleg ingesteld."]


def test_meeting_the_bar_is_functionerend():
    feiten = Feiten(
        True, gehouden=4, laatste=TODAY - timedelta(days=120), vastgesteld_vooraf=3, okt_en_so_aanwezig=2
    )
    assert beoordeel(NORM, feiten, TODAY) == (OverlegStatus.FUNCTIONEREND, [])


def test_every_missed_part_is_named():
    feiten = Feiten(
        True, gehouden=2, laatste=TODAY - timedelta(days=200), vastgesteld_vooraf=1, okt_en_so_aanwezig=0
    )
    status, redenen = beoordeel(NORM, feiten, TODAY)
    assert status == OverlegStatus.OPSTARTEND
    assert redenen == [
        "2 bijeenkomsten gehouden in de laatste 12 maanden (minimaal 4).",
        "Laatste bijeenkomst 200 dagen geleden (maximaal 120).",
        "Agenda vooraf vastgesteld bij 50 % van de bijeenkomsten (minimaal 75 %).",
        "OKT en speciaal onderwijs samen aanwezig bij 0 % van de bijeenkomsten (minimaal 50 %).",
    ]


def test_overleg_that_never_met():
    status, redenen = beoordeel(NORM, Feiten(True), TODAY)
    assert status == OverlegStatus.OPSTARTEND
    assert "Nog geen bijeenkomst gehouden." in redenen


@given(
    gehouden=st.integers(0, 30),
    dagen=st.integers(0, 400),
    vooraf=st.integers(0, 30),
    okt_so=st.integers(0, 30),
)
def test_functionerend_exactly_when_no_reasons(gehouden, dagen, vooraf, okt_so):
    vooraf, okt_so = min(vooraf, gehouden), min(okt_so, gehouden)
    feiten = Feiten(True, gehouden, TODAY - timedelta(days=dagen) if gehouden else None, vooraf, okt_so)
    status, redenen = beoordeel(NORM, feiten, TODAY)
    meets = (
        gehouden >= 4
        and dagen <= 120
        and 100 * vooraf >= 75 * gehouden - 50
        and 100 * okt_so >= 50 * gehouden - 50
    )
    assert (status == OverlegStatus.FUNCTIONEREND) == (not redenen)
    if not meets:
        assert status == OverlegStatus.OPSTARTEND


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
