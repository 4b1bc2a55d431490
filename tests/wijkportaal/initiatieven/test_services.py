"""Applying, submitting and versions, through the services, with their effect on the database."""

import pytest
from sqlmodel import select

from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.errors import Weigering
from wijkportaal.initiatieven import queries, services
from wijkportaal.initiatieven.models import Aanvraag, Criterium, Kostenregel, Soort, Status

from .conftest import herlaad


def test_the_first_round_gets_the_ten_criteria_of_the_plan(db, ronde):
    criteria = queries.criteria(db, ronde.id)
    assert [c.nummer for c in criteria] == list(range(1, 11))
    assert criteria[0].tekst == "Het nieuwe initiatief levert een bijdrage aan inclusiever onderwijs."
    assert [c.nummer for c in criteria if c.soort is Soort.FORMEEL] == [4, 7, 9]
    assert (criteria[0].rubriek_0, criteria[0].rubriek_3) == ("niet", "goed")


def test_a_new_round_copies_the_changed_wording_and_the_old_round_keeps_its_own(db, ronde):
    eerste = queries.criteria(db, ronde.id)[0]
    services.wijzig_criterium(db, eerste, None, tekst="Inclusiever onderwijs, nieuw geformuleerd.", gewicht=3)
    volgende = services.open_ronde(db, None, "Ronde 2027", ronde.deadline, 2027, 2028)
    services.wijzig_criterium(db, queries.criteria(db, volgende.id)[0], None, gewicht=5)
    db.commit()
    assert (queries.criteria(db, ronde.id)[0].gewicht, queries.criteria(db, volgende.id)[0].gewicht) == (3, 5)
    assert queries.criteria(db, volgende.id)[0].tekst == "Inclusiever onderwijs, nieuw geformuleerd."


def test_criteria_are_fixed_once_an_application_of_the_round_is_in(db, bevestigd, noord):
    services.dien_in(db, bevestigd, noord.schoolleider)
    db.commit()
    criterium = db.exec(select(Criterium).where(Criterium.ronde_id == bevestigd.ronde_id)).first()
    with pytest.raises(Weigering, match="nieuwe ronde"):
        services.wijzig_criterium(db, criterium, None, gewicht=9)


def test_a_round_name_is_unique(db, ronde):
    with pytest.raises(Weigering, match="Er is al een ronde ‘Ronde 2026’."):
        services.open_ronde(db, None, "Ronde 2026", ronde.deadline, 2026, 2027)


def test_an_unconfirmed_co_applicant_keeps_the_application_from_being_submitted(db, concept, noord):
    assert queries.formele_controles(db, concept) == [
        "Er doen minstens twee verschillende schoolbesturen mee die hun deelname hebben bevestigd; nu 1. "
        "Wacht nog op bevestiging van: Stichting Zuid."
    ]
    with pytest.raises(Weigering, match="Wacht nog op bevestiging van: Stichting Zuid."):
        services.dien_in(db, concept, noord.schoolleider)
    db.rollback()
    assert herlaad(db, concept).status is Status.CONCEPT


def test_submitting_freezes_the_application_and_is_audited(db, bevestigd, noord):
    services.dien_in(db, bevestigd, noord.schoolleider)
    db.commit()
    aanvraag = herlaad(db, bevestigd)
    assert aanvraag.status is Status.INGEDIEND and aanvraag.ingediend_op is not None
    regel = db.exec(
        select(AuditRegel).where(AuditRegel.object_soort == "aanvragen", AuditRegel.actie == "status")
    ).one()
    assert regel.wijzigingen == {"status": ["concept", "ingediend"]}
    with pytest.raises(Weigering, match="staat vast"):
        services.voeg_partner_toe(db, aanvraag, noord.schoolleider, "OKT")


def test_one_board_twice_is_refused_at_the_field(db, concept, noord, zuid):
    with pytest.raises(Weigering, match="Dit bestuur doet al mee") as fout:
        services.nodig_uit(db, concept, noord.schoolleider, zuid.bestuur.id)
    assert fout.value.veld == "bestuur_id"


def test_the_requested_amount_is_costs_minus_co_financing(db, concept):
    assert {j: str(b) for j, b in queries.gevraagd_per_jaar(db, concept).items()} == {
        2026: "30000.00",
        2027: "60000.00",
    }


def test_illegal_status_changes_are_refused(db, concept, noord):
    with pytest.raises(Weigering, match="kan niet naar ‘toegekend’"):
        services.zet_status(db, concept, Status.TOEGEKEND, noord.schoolleider)


def test_a_held_back_application_comes_back_as_a_new_version_and_the_old_one_stays(db, bevestigd, noord):
    services.dien_in(db, bevestigd, noord.schoolleider)
    for status in (Status.IN_BEOORDELING, Status.BEOORDEELD, Status.AANGEHOUDEN):
        services.zet_status(db, bevestigd, status, None, reden="Vragen over de begroting")
    kopie = services.nieuwe_versie(db, bevestigd, noord.schoolleider)
    db.commit()
    assert (kopie.versie, kopie.vorige_versie_id, kopie.status) == (2, bevestigd.id, Status.CONCEPT)
    assert kopie.titel == bevestigd.titel
    assert queries.gevraagd_per_jaar(db, kopie) == queries.gevraagd_per_jaar(db, bevestigd)
    assert queries.formele_controles(db, kopie) == []
    assert [v.id for v in queries.versies(db, bevestigd)] == [bevestigd.id, kopie.id]
    services.voeg_kosten_toe(db, kopie, noord.schoolleider, 2027, "overig", "Extra", 1_00)
    db.commit()
    oude = db.exec(select(Kostenregel).where(Kostenregel.aanvraag_id == bevestigd.id)).all()
    assert len(oude) == 2 and herlaad(db, bevestigd).status is Status.AANGEHOUDEN
    with pytest.raises(Weigering, match="al een nieuwe versie"):
        services.nieuwe_versie(db, herlaad(db, bevestigd), noord.schoolleider)


def test_the_overview_lists_only_the_latest_version(db, bevestigd, noord):
    services.dien_in(db, bevestigd, noord.schoolleider)
    for status in (Status.IN_BEOORDELING, Status.BEOORDEELD, Status.AANGEHOUDEN):
        services.zet_status(db, bevestigd, status, None)
    kopie = services.nieuwe_versie(db, bevestigd, noord.schoolleider)
    db.commit()
    assert [r.aanvraag.id for r in queries.overzicht(db)] == [kopie.id]
    assert db.exec(select(Aanvraag)).all().__len__() == 2


def test_swv_sees_initiatives_ending_soon_and_late_reports(db, bevestigd, noord):
    from datetime import date

    services.dien_in(db, bevestigd, noord.schoolleider)
    for status in (Status.IN_BEOORDELING, Status.BEOORDEELD, Status.TOEGEKEND):
        services.zet_status(db, bevestigd, status, None)
    db.commit()
    assert queries.signalen(db, date(2027, 1, 1)) == []
    signalen = queries.signalen(db, date(2028, 6, 1))
    assert [(s.wat, s.datum) for s in signalen] == [
        ("Tussentijdse evaluatie te laat", date(2027, 8, 1)),
        ("Eindigt binnen drie maanden", date(2028, 7, 31)),
    ]


def test_flask_initiatieven_ronde_opens_a_round(runner, db):
    result = runner.invoke(
        args=["initiatieven", "ronde", "Ronde 2027", "--deadline", "2027-03-01", "--jaren", "2027-2028"]
    )
    assert result.exit_code == 0, result.output
    assert "Ronde 2027 is geopend (deadline 01-03-2027)." in result.output
    ronde = queries.open_ronde(db)
    assert (ronde.eerste_jaar, ronde.laatste_jaar, len(queries.criteria(db, ronde.id))) == (2027, 2028, 10)
    again = runner.invoke(
        args=["initiatieven", "ronde", "Ronde 2027", "--deadline", "2027-03-01", "--jaren", "2027"]
    )
    assert again.exit_code == 1 and "Er is al een ronde ‘Ronde 2027’." in again.output


def test_a_knock_out_minimum_off_the_scale_is_refused(db, ronde):
    with pytest.raises(Weigering, match="tussen 0 en 3"):
        services.open_ronde(db, None, "Ronde 2030", ronde.deadline, 2030, 2031, 301)
