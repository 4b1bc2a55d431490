"""Assessing through its services, on the database: assigning (and whom it refuses), the status of the
application, the combined result of real submissions as a table written by hand, revisions, and the
refusals that leave nothing behind."""

from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlmodel import func, select

from wijkportaal.beoordeling import queries, services
from wijkportaal.beoordeling.models import Advies, Herziening, Score, Toewijzing, Verklaring
from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.errors import Weigering
from wijkportaal.core.roles import Rol
from wijkportaal.initiatieven.models import Aanvraag, Criterium, Status


def _status(db, aanvraag) -> Status:
    db.expire_all()
    return db.get(Aanvraag, aanvraag.id).status


def _tel(db, model) -> int:
    return db.exec(select(func.count()).select_from(model)).one()


def _statuswijzigingen(db, aanvraag) -> list[list[str]]:
    return [
        r.wijzigingen["status"]
        for r in db.exec(
            select(AuditRegel)
            .where(AuditRegel.object_soort == "aanvragen", AuditRegel.object_id == aanvraag.id)
            .where(AuditRegel.actie == "status")
            .order_by(AuditRegel.id)
        )
    ]


# Assigning


def test_assigning_two_assessors_starts_the_assessing(db, ingediend, beoordelaars, make_user, deadline):
    a, b, _ = beoordelaars
    services.wijs_toe(db, ingediend, make_user(Rol.SWV), [a.id, b.id], deadline)
    db.commit()
    assert _status(db, ingediend) is Status.IN_BEOORDELING
    assert _statuswijzigingen(db, ingediend)[-1] == ["ingediend", "in_beoordeling"]
    assert [(t.beoordelaar_id, t.deadline, t.verklaring) for t, _ in queries.toewijzingen(db, ingediend)] == [
        (a.id, deadline, Verklaring.OPEN),
        (b.id, deadline, Verklaring.OPEN),
    ]


@pytest.mark.parametrize(
    "wie, melding",
    [
        ("een", "Wijs ten minste 2 beoordelaars aan."),
        ("geen beoordelaar", "Kies alleen gebruikers met de rol beoordelaar."),
        ("bestuur noord", "werkt voor een van de aanvragende besturen en kan deze aanvraag niet beoordelen."),
        ("school noord", "werkt op een van de aanvragende scholen"),
        ("andere school van zuid", "werkt voor een school van een van de aanvragende besturen"),
        ("onbekend", "Kies alleen gebruikers met de rol beoordelaar."),
    ],
)
def test_assigning_refuses(
    db, ingediend, beoordelaars, make_user, make_org, noord, zuid, deadline, wie, melding
):
    a = beoordelaars[0]
    tweede = {
        "een": None,
        "geen beoordelaar": lambda: make_user(Rol.SCHOOLLEIDER).id,
        "bestuur noord": lambda: make_user(Rol.BEOORDELAAR, bestuur=noord.bestuur).id,
        "school noord": lambda: make_user(Rol.BEOORDELAAR, organisatie=noord.school).id,
        "andere school van zuid": lambda: (
            make_user(
                Rol.BEOORDELAAR, organisatie=make_org(bestuur=zuid.bestuur, naam="Basisschool Zuid 2")
            ).id
        ),
        "onbekend": lambda: 10**9,
    }[wie]
    ids = [a.id] + ([tweede()] if tweede else [])
    with pytest.raises(Weigering, match=melding) as fout:
        services.wijs_toe(db, ingediend, make_user(Rol.SWV), ids, deadline)
    assert fout.value.veld == "beoordelaars"
    db.rollback()
    assert _tel(db, Toewijzing) == 0
    assert _status(db, ingediend) is Status.INGEDIEND


def test_a_draft_gets_no_assessors(db, bevestigd, beoordelaars, make_user, deadline):
    with pytest.raises(Weigering, match="krijgt geen beoordelaars"):
        services.wijs_toe(db, bevestigd, make_user(Rol.SWV), [b.id for b in beoordelaars], deadline)


# The combined result of real submissions: A's and B's scores for the seven judged criteria (1, 2, 3, 5,
# 6, 8, 10), with criterion 1 weighing 3 and the rest 1; the round's knock-out minimum is 1,50.
# Expected: the means of criteria 1 and 2, the weighted total, the criteria flagged for disagreement,
# the knock-out, and the recommendations. Worked out by hand.
UITSLAGEN = [
    (
        "eens",
        (3, 3, 3, 3, 3, 3, 3),
        (3, 2, 3, 3, 3, 3, 3),
        ("3.00", "2.50"),
        "26.50",  # 3 × 3 + 2,5 + 5 × 3
        [],
        False,
    ),
    (
        "verschil op criterium 2 en 10",
        (2, 3, 2, 2, 2, 2, 3),
        (2, 1, 2, 2, 2, 2, 1),
        ("2.00", "2.00"),
        "18.00",  # 3 × 2 + 2 + 2 + 2 + 2 + 2 + 2
        [2, 10],
        False,
    ),
    (
        "knock-out op criterium 6",
        (2, 2, 2, 2, 1, 2, 2),
        (3, 2, 2, 2, 1, 2, 2),
        ("2.50", "2.00"),
        "18.50",  # 3 × 2,5 + 2 + 2 + 2 + 1 + 2 + 2
        [],
        True,
    ),
    (
        "verschil en knock-out op hetzelfde criterium",
        (0, 2, 2, 2, 2, 2, 2),
        (2, 2, 2, 2, 2, 2, 2),
        ("1.00", "2.00"),
        "15.00",  # 3 × 1 + 6 × 2
        [1],
        True,
    ),
]


@pytest.mark.parametrize(
    "a_cijfers, b_cijfers, gemiddelden, totaal, verschil_op, knock_out",
    [u[1:] for u in UITSLAGEN],
    ids=[u[0] for u in UITSLAGEN],
)
def test_the_combined_result(
    db,
    in_beoordeling,
    beoordelaars,
    criteria,
    scoor,
    a_cijfers,
    b_cijfers,
    gemiddelden,
    totaal,
    verschil_op,
    knock_out,
):
    eerste = db.get(Criterium, criteria[0].id)
    eerste.gewicht = 3
    db.add(eerste)
    db.commit()
    a, b, _ = beoordelaars
    scoor(in_beoordeling, a, a_cijfers, Advies.TOEKENNEN)
    scoor(in_beoordeling, b, b_cijfers, Advies.AANHOUDEN)
    u = queries.uitslagen(db, [in_beoordeling.id])[in_beoordeling.id]
    assert tuple(str(c.gemiddelde_afgerond) for c in u.criteria[:2]) == gemiddelden
    assert u.totaal == Decimal(totaal)
    assert u.maximum == 27  # 3 × 3 + 6 × 3
    assert [c.nummer for c in u.criteria if c.verschil] == verschil_op
    assert u.knock_out is knock_out
    assert u.adviezen == {Advies.TOEKENNEN: 1, Advies.AFWIJZEN: 0, Advies.AANHOUDEN: 1}
    assert (u.klaar, u.toegewezen) == (2, 2)


def test_only_submitted_scores_count_and_the_last_one_makes_it_assessed(
    db, in_beoordeling, beoordelaars, scoor
):
    a, b, _ = beoordelaars
    scoor(in_beoordeling, a, (3, 3, 3, 3, 3, 3, 3))
    u = queries.uitslag(db, in_beoordeling)
    assert (u.klaar, u.toegewezen, u.totaal) == (1, 2, Decimal("21.00"))
    assert _status(db, in_beoordeling) is Status.IN_BEOORDELING
    scoor(in_beoordeling, b, (1, 1, 1, 1, 1, 1, 1))
    assert queries.uitslag(db, in_beoordeling).totaal == Decimal("14.00")  # 7 × 2
    assert _status(db, in_beoordeling) is Status.BEOORDEELD
    assert _statuswijzigingen(db, in_beoordeling)[-2:] == [
        ["ingediend", "in_beoordeling"],
        ["in_beoordeling", "beoordeeld"],
    ]


def test_a_declined_assessor_is_replaced_and_does_not_count(
    db, in_beoordeling, beoordelaars, scoor, make_user, deadline
):
    a, b, c = beoordelaars
    services.verklaar(db, queries.toewijzing_van(db, b, in_beoordeling.id), b, False, "Mijn zus werkt er.")
    db.commit()
    scoor(in_beoordeling, a, (2, 2, 2, 2, 2, 2, 2))
    assert _status(db, in_beoordeling) is Status.IN_BEOORDELING  # one assessor left: not enough
    services.wijs_toe(db, in_beoordeling, make_user(Rol.SWV), [c.id], deadline)
    db.commit()
    scoor(in_beoordeling, c, (2, 2, 2, 2, 2, 2, 2))
    assert _status(db, in_beoordeling) is Status.BEOORDEELD
    u = queries.uitslag(db, in_beoordeling)
    assert (u.klaar, u.toegewezen) == (2, 2)


def test_uitslagen_reads_many_applications_in_a_fixed_number_of_queries(
    db, app, in_beoordeling, beoordelaars, scoor
):
    scoor(in_beoordeling, beoordelaars[0], (2, 2, 2, 2, 2, 2, 2))
    engine = app.extensions["db_engine"]
    tellingen = []
    for ids in ([in_beoordeling.id], [in_beoordeling.id, *range(10**6, 10**6 + 50)]):
        n = [0]

        def tel(*_args, n=n):
            n[0] += 1

        sa.event.listen(engine, "before_cursor_execute", tel)
        try:
            uitkomst = queries.uitslagen(db, ids)
        finally:
            sa.event.remove(engine, "before_cursor_execute", tel)
        assert list(uitkomst) == [in_beoordeling.id]  # ids that do not exist are left out
        tellingen.append(n[0])
    assert tellingen[0] == tellingen[1] <= 4


# Refusals: nothing is saved


def _scores(criteria, cijfer=2, motivering=""):
    return {c.id: (cijfer, motivering) for c in criteria}


def test_a_second_score_is_refused(db, in_beoordeling, beoordelaars, criteria, scoor):
    a = beoordelaars[0]
    toewijzing = scoor(in_beoordeling, a, (2, 2, 2, 2, 2, 2, 2))
    with pytest.raises(Weigering, match="U hebt uw scores al ingediend"):
        services.dien_in(db, toewijzing, a, _scores(criteria, 3), Advies.TOEKENNEN)
    db.rollback()
    assert {s.score for s in queries.scores_van(db, toewijzing).values()} == {2}
    # And the database refuses it too.
    with pytest.raises(sa.exc.IntegrityError):
        db.add(Score(toewijzing_id=toewijzing.id, criterium_id=criteria[0].id, score=3))
        db.flush()
    db.rollback()


def test_a_score_from_someone_not_assigned_is_refused(db, in_beoordeling, beoordelaars, criteria):
    a, _, c = beoordelaars
    toewijzing = queries.toewijzing_van(db, a, in_beoordeling.id)
    for indringer in (c, a.__class__(id=10**9, naam="x", email="x@x", rol=Rol.BEOORDELAAR)):
        with pytest.raises(Weigering, match="niet aangewezen"):
            services.dien_in(db, toewijzing, indringer, _scores(criteria), Advies.TOEKENNEN)
        db.rollback()
    assert _tel(db, Score) == 0


@pytest.mark.parametrize(
    "wijzig, veld, melding",
    [
        (lambda s, c: s | {c[0].id: (1, "")}, "motivering_{0}", "Motiveer een score van 0 of 1."),
        (lambda s, c: s | {c[3].id: (0, "  ")}, "motivering_{3}", "Motiveer een score van 0 of 1."),
        (lambda s, c: s | {c[1].id: (4, "")}, "score_{1}", "Een score is 0, 1, 2 of 3."),
        (lambda s, c: s | {c[1].id: (-1, "x")}, "score_{1}", "Een score is 0, 1, 2 of 3."),
        (lambda s, c: {k: v for k, v in s.items() if k != c[6].id}, "score_{6}", "Kies een score."),
    ],
)
def test_a_bad_score_is_refused_at_its_field(
    db, in_beoordeling, beoordelaars, criteria, wijzig, veld, melding
):
    a = beoordelaars[0]
    toewijzing = queries.toewijzing_van(db, a, in_beoordeling.id)
    services.verklaar(db, toewijzing, a, geen_conflict=True)
    db.commit()
    with pytest.raises(Weigering, match=melding) as fout:
        services.dien_in(db, toewijzing, a, wijzig(_scores(criteria), criteria), Advies.TOEKENNEN)
    assert fout.value.veld == veld.format(*[c.id for c in criteria])
    db.rollback()
    assert _tel(db, Score) == 0
    assert queries.toewijzing_van(db, a, in_beoordeling.id).ingediend_op is None


def test_a_criterion_of_another_round_or_a_formal_one_is_refused(db, in_beoordeling, beoordelaars, criteria):
    a = beoordelaars[0]
    toewijzing = queries.toewijzing_van(db, a, in_beoordeling.id)
    services.verklaar(db, toewijzing, a, geen_conflict=True)
    formeel = db.exec(
        select(Criterium).where(Criterium.ronde_id == in_beoordeling.ronde_id, Criterium.nummer == 4)
    ).one()
    with pytest.raises(Weigering, match="Score alleen de inhoudelijke criteria"):
        services.dien_in(db, toewijzing, a, _scores(criteria) | {formeel.id: (2, "")}, Advies.TOEKENNEN)


def test_scoring_needs_the_declaration_and_a_recommendation(db, in_beoordeling, beoordelaars, criteria):
    a, b, _ = beoordelaars
    toewijzing = queries.toewijzing_van(db, a, in_beoordeling.id)
    with pytest.raises(Weigering, match="Verklaar eerst"):
        services.dien_in(db, toewijzing, a, _scores(criteria), Advies.TOEKENNEN)
    services.verklaar(db, toewijzing, a, geen_conflict=True)
    with pytest.raises(Weigering, match="Kies uw advies") as fout:
        services.dien_in(db, toewijzing, a, _scores(criteria), None)
    assert fout.value.veld == "advies"
    tweede = queries.toewijzing_van(db, b, in_beoordeling.id)
    with pytest.raises(Weigering, match="Geef de reden"):
        services.verklaar(db, tweede, b, False, " ")
    services.verklaar(db, tweede, b, False, "Ik ken de aanvragers persoonlijk.")
    with pytest.raises(Weigering, match="U hebt afgezien"):
        services.dien_in(db, tweede, b, _scores(criteria), Advies.TOEKENNEN)
    with pytest.raises(Weigering, match="al gegeven"):
        services.verklaar(db, tweede, b, True)


# Revisions


def test_a_revision_changes_the_score_and_is_kept(db, in_beoordeling, beoordelaars, criteria, scoor):
    a, b, _ = beoordelaars
    toewijzing = scoor(in_beoordeling, a, (3, 3, 3, 3, 3, 3, 3))
    scoor(in_beoordeling, b, (1, 3, 3, 3, 3, 3, 3))
    assert queries.uitslag(db, in_beoordeling).criteria[0].verschil
    score = queries.scores_van(db, toewijzing)[criteria[0].id]
    services.herzie(db, score, a, 2, "Bijgesteld na het lezen van de andere motivering.", "Overleg")
    db.commit()
    u = queries.uitslag(db, in_beoordeling)
    assert str(u.criteria[0].gemiddelde_afgerond) == "1.50"
    assert not u.criteria[0].verschil
    [h] = db.exec(select(Herziening)).all()
    assert (h.oude_score, h.nieuwe_score, h.oude_motivering, h.reden) == (3, 2, "Motivering 3", "Overleg")


def test_a_revision_needs_a_reason_own_submitted_scores_and_an_open_application(
    db, in_beoordeling, beoordelaars, criteria, scoor
):
    a, b, _ = beoordelaars
    toewijzing = scoor(in_beoordeling, a, (3, 3, 3, 3, 3, 3, 3))
    score = queries.scores_van(db, toewijzing)[criteria[0].id]
    with pytest.raises(Weigering, match="Geef de reden"):
        services.herzie(db, score, a, 2, "", "  ")
    with pytest.raises(Weigering, match="Motiveer"):
        services.herzie(db, score, a, 1, "", "Toch lager")
    with pytest.raises(Weigering, match="niet aangewezen"):
        services.herzie(db, score, b, 1, "Nee", "Niet van mij")
    db.rollback()
    assert _tel(db, Herziening) == 0
    assert queries.scores_van(db, toewijzing)[criteria[0].id].score == 3


# Withdrawing an assessor


def test_a_withdrawn_assessor_no_longer_counts_and_the_others_complete_it(
    db, in_beoordeling, beoordelaars, scoor, make_user, deadline
):
    a, b, c = beoordelaars
    swv = make_user(Rol.SWV)
    services.wijs_toe(db, in_beoordeling, swv, [c.id], deadline)
    db.commit()
    scoor(in_beoordeling, a, (2, 2, 2, 2, 2, 2, 2))
    scoor(in_beoordeling, c, (3, 3, 3, 3, 3, 3, 3))
    assert _status(db, in_beoordeling) is Status.IN_BEOORDELING  # B has not scored
    services.trek_in(db, queries.toewijzing_van(db, b, in_beoordeling.id), swv, "  Geen reactie.  ")
    db.commit()
    toewijzing_b = queries.toewijzing_van(db, b, in_beoordeling.id)
    assert (toewijzing_b.verklaring, toewijzing_b.afzien_reden) == (Verklaring.INGETROKKEN, "Geen reactie.")
    assert _status(db, in_beoordeling) is Status.BEOORDEELD
    u = queries.uitslag(db, in_beoordeling)
    assert (u.klaar, u.toegewezen) == (2, 2)
    [regel] = db.exec(select(AuditRegel).where(AuditRegel.actie == "ingetrokken")).all()
    assert (regel.gebruiker_id, regel.object_id) == (swv.id, toewijzing_b.id)
    assert regel.wijzigingen == {"beoordelaar": "Beoordelaar B", "reden": "Geen reactie."}
    # B has nothing of it waiting any more.
    assert queries.wachtrij(db, b) == []
    assert queries.mijn_beoordelingen(db, b) == []


def test_after_a_withdrawal_another_assessor_is_needed(
    db, in_beoordeling, beoordelaars, scoor, make_user, deadline
):
    a, b, c = beoordelaars
    swv = make_user(Rol.SWV)
    scoor(in_beoordeling, a, (2, 2, 2, 2, 2, 2, 2))
    services.trek_in(db, queries.toewijzing_van(db, b, in_beoordeling.id), swv, "Langdurig ziek.")
    db.commit()
    assert _status(db, in_beoordeling) is Status.IN_BEOORDELING  # one assessor left: not enough
    assert [a.id for a, _ in queries.wacht_op_toewijzing(db)] == [in_beoordeling.id]
    assert queries.aantal_wacht_op_toewijzing(db) == 1
    with pytest.raises(
        Weigering, match="Beoordelaar B is eerder ingetrokken als beoordelaar; kies iemand anders."
    ):
        services.wijs_toe(db, in_beoordeling, swv, [b.id], deadline)
    db.rollback()
    services.wijs_toe(db, in_beoordeling, swv, [c.id], deadline)
    db.commit()
    assert queries.wacht_op_toewijzing(db) == []
    scoor(in_beoordeling, c, (2, 2, 2, 2, 2, 2, 2))
    assert _status(db, in_beoordeling) is Status.BEOORDEELD


def test_withdrawing_refuses_and_leaves_nothing_behind(db, in_beoordeling, beoordelaars, scoor, make_user):
    a, b, _ = beoordelaars
    swv = make_user(Rol.SWV)
    scoor(in_beoordeling, a, (2, 2, 2, 2, 2, 2, 2))
    toewijzing_a = queries.toewijzing_van(db, a, in_beoordeling.id)
    toewijzing_b = queries.toewijzing_van(db, b, in_beoordeling.id)
    for toewijzing, reden, melding in (
        (toewijzing_b, "   ", "Geef de reden van het intrekken."),
        (toewijzing_a, "Te streng.", "Beoordelaar A heeft de beoordeling al ingediend"),
    ):
        with pytest.raises(Weigering, match=melding):
            services.trek_in(db, toewijzing, swv, reden)
        db.rollback()
    services.verklaar(db, toewijzing_b, b, False, "Mijn zus werkt er.")
    db.commit()
    with pytest.raises(Weigering, match="Beoordelaar B beoordeelt deze aanvraag al niet meer."):
        services.trek_in(db, toewijzing_b, swv, "Dubbel.")
    db.rollback()
    assert [t.verklaring for t, _ in queries.toewijzingen(db, in_beoordeling)] == [
        Verklaring.GEEN_CONFLICT,
        Verklaring.AFGEZIEN,
    ]
    assert db.exec(select(AuditRegel).where(AuditRegel.actie == "ingetrokken")).all() == []


def test_a_withdrawn_assessor_can_neither_declare_nor_score(
    db, in_beoordeling, beoordelaars, criteria, make_user
):
    b = beoordelaars[1]
    toewijzing = queries.toewijzing_van(db, b, in_beoordeling.id)
    services.trek_in(db, toewijzing, make_user(Rol.SWV), "Geen reactie.")
    db.commit()
    with pytest.raises(Weigering, match="Het SWV heeft u als beoordelaar van deze aanvraag ingetrokken."):
        services.verklaar(db, toewijzing, b, geen_conflict=True)
    db.rollback()
    scores = {c.id: (2, "") for c in criteria}
    with pytest.raises(Weigering, match="ingetrokken"):
        services.dien_in(db, toewijzing, b, scores, Advies.TOEKENNEN)
    db.rollback()
    assert _tel(db, Score) == 0
