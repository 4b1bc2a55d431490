"""The stored status is what a fresh computation gives, and a change to the overleg refreshes it."""

from sqlmodel import select

from wijkportaal.core.roles import Rol
from wijkportaal.overleg.models import WijkstatusCache
from wijkportaal.overleg.status import OverlegStatus, bewaarde_statussen, wijk_statussen


def test_stored_equals_computed_and_is_reused(db, make_overleg, make_bijeenkomst, make_wijk):
    o = make_overleg()
    for days in (-200, -140, -80, -20):
        make_bijeenkomst(o.overleg, days=days, vastgesteld=True, aanwezig=[o.okt, o.so])
    make_wijk()
    first = bewaarde_statussen(db)
    db.commit()
    assert first == wijk_statussen(db)
    assert len(db.exec(select(WijkstatusCache)).all()) == 2
    assert bewaarde_statussen(db) == first


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
