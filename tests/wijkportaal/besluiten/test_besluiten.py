"""The decision component on its own: who may decide, once, with a reason to reject; expiry; and what
waits for whom. A test kind of proposal ('proef') stands in for the features that attach to it."""

from datetime import timedelta

import pytest
from sqlmodel import select

from wijkportaal.auth.models import Login
from wijkportaal.besluiten import permissions, queries, services
from wijkportaal.besluiten.models import BesluitKeuze, Besluitregel, Voorstel, VoorstelBesluit
from wijkportaal.besluiten.models import VoorstelStatus as S
from wijkportaal.besluiten.services import BesluitFout
from wijkportaal.besluiten.soorten import Onderwerp, beschrijving
from wijkportaal.core import clock
from wijkportaal.core.roles import Rol

A, R = BesluitKeuze.AKKOORD, BesluitKeuze.AFGEWEZEN
PROEF = "proef"


@beschrijving(PROEF, "Proefvoorstel")
def _beschrijf(session, voorstel_ids):
    return {
        i: Onderwerp(
            titel=f"Proef {i}", bedrag_cents=100 * i, endpoint="wijken.index", herkomst="uit de test"
        )
        for i in voorstel_ids
    }


@pytest.fixture
def w(db, make_bestuur, make_user):
    b1, b2, b3, ander = (make_bestuur() for _ in range(4))
    return type(
        "World",
        (),
        {
            "b1": b1,
            "b2": b2,
            "b3": b3,
            "swv": Login(make_user(Rol.SWV)),
            "directeur": Login(make_user(Rol.DIRECTEUR)),
            "best1": Login(make_user(Rol.BESTUURDER, bestuur=b1)),
            "best1b": Login(make_user(Rol.BESTUURDER, bestuur=b1)),
            "best2": Login(make_user(Rol.BESTUURDER, bestuur=b2)),
            "best3": Login(make_user(Rol.BESTUURDER, bestuur=b3)),
            "ander": Login(make_user(Rol.BESTUURDER, bestuur=ander)),
        },
    )


def voorstel(db, w, regel=Besluitregel.ALLE, door=None, **kw):
    kw.setdefault("besturen", [w.b1.id, w.b2.id, w.b3.id] if regel != Besluitregel.ALLEEN else ())
    v = services.stel_voor(db, door or w.swv, soort=PROEF, regel=regel, **kw)
    db.commit()
    return v


def beslis(db, user, v, keuze=A, toelichting=""):
    status = services.beslis(
        db, user, v, keuze=keuze, toelichting=toelichting, bestuur_id=getattr(user, "bestuur_id", None)
    )
    db.commit()
    return status


def opgeslagen(db, v):
    db.expire_all()
    return list(db.exec(select(VoorstelBesluit).where(VoorstelBesluit.voorstel_id == v.id)))


def test_boards_decide_until_the_rule_is_met(db, w):
    v = voorstel(db, w)
    assert beslis(db, w.best1, v) == S.OPEN
    assert beslis(db, w.best2, v) == S.OPEN
    assert beslis(db, w.best3, v) == S.GOEDGEKEURD
    db.expire_all()
    v = db.get(Voorstel, v.id)
    assert v.status == S.GOEDGEKEURD and v.afgerond_op is not None
    # Every decision kept with its board, author and time.
    rijen = {r.bestuur_id: r for r in opgeslagen(db, v)}
    assert set(rijen) == {w.b1.id, w.b2.id, w.b3.id}
    assert rijen[w.b2.id].gebruiker_id == w.best2.id and rijen[w.b2.id].op is not None


@pytest.mark.parametrize(
    ("wie", "keuze", "toelichting", "melding"),
    [
        ("best3", A, "", "U kunt niet besluiten over uw eigen voorstel."),
        ("ander", A, "", "Dit bestuur doet niet mee aan dit besluit."),
        ("best1b", A, "", "Dit bestuur heeft al besloten over dit voorstel."),
        ("best2", R, "  ", "Geef een reden als u afwijst."),
    ],
)
def test_refused_decisions_store_nothing(db, w, wie, keuze, toelichting, melding):
    v = voorstel(db, w, door=w.best3)  # a bestuurder of board 3 proposed it
    beslis(db, w.best1, v)
    with pytest.raises(BesluitFout) as fout:
        beslis(db, getattr(w, wie), v, keuze, toelichting)
    db.rollback()
    assert str(fout.value) == melding
    assert fout.value.veld == ("toelichting" if keuze == R else None)
    assert [r.gebruiker_id for r in opgeslagen(db, v)] == [w.best1.id]


def test_a_settled_proposal_takes_no_more_decisions(db, w):
    v = voorstel(db, w)
    assert beslis(db, w.best1, v, R, "Past niet") == S.AFGEWEZEN
    with pytest.raises(BesluitFout, match="al besloten"):
        beslis(db, w.best2, v)
    db.rollback()
    assert not permissions.can_decide(db, w.best2, db.get(Voorstel, v.id))


def test_the_director_decides_alone(db, w):
    v = voorstel(db, w, Besluitregel.ALLEEN, beslisser_id=w.directeur.id)
    assert not permissions.can_decide(db, w.best1, v)
    assert permissions.wacht_op(db, w.directeur, v)
    with pytest.raises(BesluitFout, match="iemand anders"):
        beslis(db, w.best1, v)
    db.rollback()
    with pytest.raises(BesluitFout, match="Geef een reden"):
        beslis(db, w.directeur, v, R)
    db.rollback()
    assert beslis(db, w.directeur, v, R, "Geen tweede bestuur betrokken") == S.AFGEWEZEN
    (rij,) = opgeslagen(db, v)
    assert (rij.bestuur_id, rij.gebruiker_id, rij.toelichting) == (
        None,
        w.directeur.id,
        "Geen tweede bestuur betrokken",
    )


def test_the_sole_decider_is_someone_else_than_the_proposer(db, w):
    with pytest.raises(BesluitFout, match="eigen voorstel"):
        services.stel_voor(
            db, w.directeur, soort=PROEF, regel=Besluitregel.ALLEEN, beslisser_id=w.directeur.id
        )
    db.rollback()


def test_expired_proposals_take_no_decisions_and_are_closed(db, w):
    with pytest.raises(BesluitFout, match="in de toekomst"):
        voorstel(db, w, vervalt_op=clock.now() - timedelta(minutes=1))
    db.rollback()
    v = voorstel(db, w, vervalt_op=clock.now() + timedelta(days=1))
    assert queries.verlopen(db, PROEF) == []
    v.vervalt_op = clock.now() - timedelta(minutes=1)
    db.add(v)
    db.commit()
    assert queries.wachtend_op(db, w.best1, PROEF) == []
    with pytest.raises(BesluitFout, match="verstreken"):
        beslis(db, w.best1, v)
    db.rollback()
    assert [x.id for x in queries.verlopen(db, PROEF)] == [v.id]
    services.verloop(db, db.get(Voorstel, v.id))
    db.commit()
    db.expire_all()
    assert db.get(Voorstel, v.id).status == S.VERLOPEN
    assert queries.verlopen(db, PROEF) == []


def test_what_waits_for_whom(db, w):
    morgen = clock.now() + timedelta(days=1)
    later = voorstel(db, w, vervalt_op=morgen + timedelta(days=5))
    eerder = voorstel(db, w, vervalt_op=morgen)
    eigen = voorstel(db, w, door=w.best1)
    alleen = voorstel(db, w, Besluitregel.ALLEEN, beslisser_id=w.directeur.id)

    def ids(user):
        return [x.voorstel.id for x in queries.wachtend_op(db, user, PROEF)]

    assert ids(w.best1) == [eerder.id, later.id]  # soonest deadline first; not their own proposal
    assert ids(w.best2) == [eerder.id, later.id, eigen.id]
    assert ids(w.ander) == [] and ids(w.swv) == []
    assert ids(w.directeur) == [alleen.id]
    (eerste, *_) = queries.wachtend_op(db, w.best2, PROEF)
    assert (eerste.soort_label, eerste.onderwerp.titel, eerste.vervalt_op) == (
        "Proefvoorstel",
        f"Proef {eerder.id}",
        morgen,
    )

    beslis(db, w.best1b, eerder)  # a colleague decided for board 1
    assert ids(w.best1) == [later.id]
    beslis(db, w.directeur, alleen)
    assert ids(w.directeur) == []
