"""The stored status is reused until it is invalidated, and a change through the portal invalidates it."""

import pytest
import sqlalchemy as sa
from sqlmodel import select

from wijkportaal.core.roles import Rol
from wijkportaal.overleg.models import Aanwezigheid, AanwezigheidStatus, WijkstatusCache
from wijkportaal.overleg.queries import bewaarde_statussen, vergeet
from wijkportaal.overleg.rules import OverlegStatus


@pytest.fixture
def statements(app):
    """The SQL statements sent to the database while the test runs."""
    sent = []
    engine = app.extensions["db_engine"]

    def record(_conn, _cursor, statement, *_args):
        sent.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    yield sent
    sa.event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def zonder_okt_en_so(db, make_overleg, make_bijeenkomst):
    """An overleg with four held meetings that OKT and SO never attended: opstartend for that one reason."""
    o = make_overleg()
    o.held = [make_bijeenkomst(o.overleg, days=d, vastgesteld=True) for d in (-200, -140, -80, -20)]
    return o


OKT_SO_REDEN = "OKT en speciaal onderwijs samen aanwezig bij 0 % van de bijeenkomsten (minimaal 50 %)."


def test_a_stored_status_is_read_back_with_one_query(db, zonder_okt_en_so, make_wijk, statements):
    o = zonder_okt_en_so
    leeg = make_wijk()
    eerste = bewaarde_statussen(db, {o.wijk.id, leeg.id})
    db.commit()
    assert statements and db.exec(select(sa.func.count()).select_from(WijkstatusCache)).one() == 2

    statements.clear()
    tweede = bewaarde_statussen(db, {o.wijk.id, leeg.id})
    assert len(statements) == 1 and "wijkstatus" in statements[0]
    assert (tweede[o.wijk.id].status, tweede[o.wijk.id].redenen) == (OverlegStatus.OPSTARTEND, [OKT_SO_REDEN])
    assert tweede[leeg.id].status == OverlegStatus.GEEN
    assert tweede == eerste


def test_a_change_behind_the_cache_shows_only_after_vergeet(db, zonder_okt_en_so):
    o = zonder_okt_en_so
    assert bewaarde_statussen(db, {o.wijk.id})[o.wijk.id].status == OverlegStatus.OPSTARTEND
    db.commit()
    db.add_all(
        Aanwezigheid(bijeenkomst_id=b.id, organisatie_id=org.id, status=AanwezigheidStatus.AANWEZIG)
        for b in o.held
        for org in (o.okt, o.so)
    )
    db.commit()
    stale = bewaarde_statussen(db, {o.wijk.id})[o.wijk.id]
    assert (stale.status, stale.redenen) == (OverlegStatus.OPSTARTEND, [OKT_SO_REDEN])

    vergeet(db, o.wijk.id)
    db.commit()
    fresh = bewaarde_statussen(db, {o.wijk.id})[o.wijk.id]
    assert (fresh.status, fresh.redenen) == (OverlegStatus.FUNCTIONEREND, [])


def test_a_change_through_the_portal_refreshes_the_overview(
    client, auth, make_user, make_overleg, make_bijeenkomst
):
    o = make_overleg()
    held = [make_bijeenkomst(o.overleg, days=d, vastgesteld=True) for d in (-200, -140, -80, -20)]
    swv = make_user(Rol.SWV)
    auth.login(swv)
    assert "OKT en speciaal onderwijs" in client.get("/overzicht").get_data(as_text=True)  # stored now
    auth.logout()
    auth.login(o.voorzitter)
    for b in held:
        response = client.post(
            f"/bijeenkomsten/{b.id}/aanwezigheid",
            data={f"org-{o.okt.id}": "aanwezig", f"org-{o.so.id}": "aanwezig"},
        )
        assert response.status_code == 302
    auth.logout()
    auth.login(swv)
    rows = client.get("/api/v1/wijken").json
    assert rows[0]["overleg_status"] == OverlegStatus.FUNCTIONEREND


def test_the_statuses_of_a_past_moment_are_kept_a_while_when_asked(db, zonder_okt_en_so, monkeypatch):
    """The SWV start page compares every wijk with a month ago; a worker keeps that past a quarter of an
    hour (`bewaren`), tests and other callers compute it afresh."""
    from wijkportaal.core import clock
    from wijkportaal.overleg import queries

    monkeypatch.setattr(queries, "_toen", {})
    o = zonder_okt_en_so
    moment = clock.now().replace(microsecond=0)  # after the four meetings
    eerst = queries.statussen_toen(db, moment, bewaren=True)
    assert eerst[o.wijk.id].status == OverlegStatus.OPSTARTEND
    db.add_all(
        Aanwezigheid(bijeenkomst_id=b.id, organisatie_id=org.id, status=AanwezigheidStatus.AANWEZIG)
        for b in o.held
        for org in (o.okt, o.so)
    )
    db.commit()
    assert queries.statussen_toen(db, moment, bewaren=True)[o.wijk.id].status == OverlegStatus.OPSTARTEND
    assert queries.statussen_toen(db, moment)[o.wijk.id].status == OverlegStatus.FUNCTIONEREND
    monkeypatch.setattr(queries, "TOEN_BEWAARD", 0)
    monkeypatch.setattr(queries, "_toen", {})
    assert queries.statussen_toen(db, moment, bewaren=True)[o.wijk.id].status == OverlegStatus.FUNCTIONEREND


def test_the_short_statuses_match_the_stored_ones(db, zonder_okt_en_so, make_wijk):
    from wijkportaal.overleg.queries import statussen_kort

    o = zonder_okt_en_so
    leeg = make_wijk()
    kort = statussen_kort(db)  # computes and stores what is missing
    db.commit()
    volledig = bewaarde_statussen(db)
    assert kort == statussen_kort(db) == {w: (s.status, s.laatste_bijeenkomst) for w, s in volledig.items()}
    assert kort[leeg.id] == (OverlegStatus.GEEN, None) and kort[o.wijk.id][0] == OverlegStatus.OPSTARTEND
