"""Deciding and funding through the services: what a user would check afterwards (the status, the
begroting's figures, the ledger, the letter, the audit log)."""

from datetime import datetime

import pytest
from sqlmodel import select

from ledger import Ledger
from wijkportaal.begroting import queries as begroting_queries
from wijkportaal.besluiten.models import Voorstel, VoorstelBesluit
from wijkportaal.core import clock
from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.errors import Weigering
from wijkportaal.initiatieven import queries as initiatieven_queries
from wijkportaal.initiatieven import services as initiatieven
from wijkportaal.initiatieven.models import Aanvraag, Rapportsoort, Vervolg
from wijkportaal.subsidie import queries, services
from wijkportaal.subsidie.jobs import einde
from wijkportaal.subsidie.models import Besluit, Uitkomst

from .conftest import herlaad


def _regel(db, jaar):
    return begroting_queries.overzicht(db, jaar).groepen[0].regels[0].bedragen.als_dict()


def test_a_grant_commits_each_year_from_the_line_to_the_initiatives_own_account(
    db, beoordeeld, directeur, lijn
):
    services.beslis(
        db,
        directeur,
        beoordeeld,
        Uitkomst.TOEKENNEN,
        "Past goed bij ambitie 1.",
        {2026: 40_000_00, 2027: 50_000_00},
    )
    db.commit()
    assert herlaad(db, Aanvraag, beoordeeld.id).status == "toegekend"
    assert _regel(db, 2026) == {
        "begroot": 20_000_000,
        "toegezegd": 4_000_000,
        "betaald": 0,
        "resterend": 16_000_000,
    }
    assert _regel(db, 2027) == {
        "begroot": 20_000_000,
        "toegezegd": 5_000_000,
        "betaald": 0,
        "resterend": 15_000_000,
    }
    saldi = Ledger(db).balances(prefix=f"begroting:2026:regel-{lijn.id}:toegezegd:")
    assert {code: b.posted for code, b in saldi.items()} == {
        f"begroting:2026:regel-{lijn.id}:toegezegd:aanvraag-{beoordeeld.id}": 4_000_000
    }
    assert initiatieven_queries.toegekend_cents(db, [beoordeeld.id]) == {
        beoordeeld.id: {2026: 4_000_000, 2027: 5_000_000}
    }
    # the decision is a proposal of the decision workflow with the director as its one decider
    besluit = db.exec(select(Besluit)).one()
    voorstel = db.get(Voorstel, besluit.voorstel_id)
    assert (voorstel.soort, voorstel.regel, voorstel.status, voorstel.beslisser_id) == (
        "initiatief",
        "alleen",
        "goedgekeurd",
        directeur.id,
    )
    assert db.exec(select(VoorstelBesluit.keuze)).all() == ["akkoord"]
    acties = {(r.object_soort, r.actie) for r in db.exec(select(AuditRegel))}
    assert {
        ("aanvragen", "status"),
        ("subsidie_besluiten", "toekennen"),
        ("subsidie_brieven", "verstuurd"),
    } <= acties


def test_rejecting_commits_nothing_and_holding_back_lets_the_applicants_make_a_new_version(
    db, maak_beoordeeld, directeur, noord
):
    afgewezen = maak_beoordeeld("Afgewezen plan")
    aangehouden = maak_beoordeeld("Aangehouden plan")
    services.beslis(db, directeur, afgewezen, Uitkomst.AFWIJZEN, "Te weinig onderbouwd.")
    services.beslis(db, directeur, aangehouden, Uitkomst.AANHOUDEN, "Welke scholen doen nog meer mee?")
    db.commit()
    assert herlaad(db, Aanvraag, afgewezen.id).status == "afgewezen"
    assert herlaad(db, Aanvraag, aangehouden.id).status == "aangehouden"
    assert _regel(db, 2026)["toegezegd"] == 0
    nieuw = initiatieven.nieuwe_versie(db, herlaad(db, Aanvraag, aangehouden.id), noord.schoolleider)
    db.commit()
    assert (nieuw.versie, nieuw.status) == (2, "concept")
    brief = queries.brief_van(db, aangehouden.id)
    assert "aan te houden" in brief.html and "Welke scholen doen nog meer mee?" in brief.html


@pytest.mark.parametrize(
    ("uitkomst", "motivatie", "bedragen", "veld", "melding"),
    [
        (Uitkomst.TOEKENNEN, "", {2026: 100}, "motivatie", "Geef een motivatie"),
        (
            Uitkomst.TOEKENNEN,
            "Goed",
            {2026: 50_000_01},
            "bedrag_2026",
            "meer dan gevraagd voor 2026 (€ 50.000,00)",
        ),
        (Uitkomst.TOEKENNEN, "Goed", {2026: -1}, "bedrag_2026", "niet negatief"),
        (Uitkomst.TOEKENNEN, "Goed", {2028: 100}, "bedrag_2028", "De ronde trekt niet op 2028"),
        (Uitkomst.TOEKENNEN, "Goed", {2026: None, 2027: None}, "bedrag_2026", "ten minste één jaar"),
        (Uitkomst.AFWIJZEN, "Nee", {2026: 100}, "bedrag_2026", "Alleen bij toekennen"),
    ],
)
def test_bad_decisions_are_refused_at_their_field_and_change_nothing(
    db, beoordeeld, directeur, uitkomst, motivatie, bedragen, veld, melding
):
    with pytest.raises(Weigering) as fout:
        services.beslis(db, directeur, beoordeeld, uitkomst, motivatie, bedragen)
    db.rollback()
    assert fout.value.veld == veld
    assert melding in str(fout.value).replace("\u00a0", " ")
    assert herlaad(db, Aanvraag, beoordeeld.id).status == "beoordeeld"
    assert db.exec(select(Besluit)).all() == []


def test_a_grant_above_what_is_left_is_refused_at_that_years_field(db, maak_beoordeeld, directeur):
    groot = maak_beoordeeld("Groot plan", 180_000_00)
    tweede = maak_beoordeeld("Tweede plan", 30_000_00)
    services.beslis(db, directeur, groot, Uitkomst.TOEKENNEN, "Goed", {2026: 180_000_00})
    db.commit()
    with pytest.raises(Weigering) as fout:
        services.beslis(db, directeur, tweede, Uitkomst.TOEKENNEN, "Ook goed", {2026: 20_000_01})
    db.rollback()
    assert fout.value.veld == "bedrag_2026"
    assert str(fout.value).replace("\u00a0", " ") == (
        "Er is € 20.000,00 beschikbaar op 'Nieuwe initiatieven' in 2026; u vraagt € 20.000,01."
    )
    assert herlaad(db, Aanvraag, tweede.id).status == "beoordeeld"
    assert _regel(db, 2026)["toegezegd"] == 18_000_000


def test_a_second_decision_on_the_same_application_is_refused(db, beoordeeld, directeur):
    services.beslis(db, directeur, beoordeeld, Uitkomst.AFWIJZEN, "Nee.")
    db.commit()
    with pytest.raises(Weigering, match="niet \\(meer\\) worden besloten"):
        services.beslis(db, directeur, beoordeeld, Uitkomst.TOEKENNEN, "Toch wel.", {2026: 100})


def test_payments_never_go_beyond_the_years_commitment(db, beoordeeld, directeur, swv):
    services.beslis(db, directeur, beoordeeld, Uitkomst.TOEKENNEN, "Goed", {2026: 30_000_00, 2027: 20_000_00})
    services.betaal(db, swv, beoordeeld, 2026, 20_000_00, "Eerste tranche", "t1")
    services.betaal(db, swv, beoordeeld, 2026, 10_000_00, "Tweede tranche", "t2")
    db.commit()
    with pytest.raises(Weigering) as fout:
        services.betaal(db, swv, beoordeeld, 2026, 1, "Eén cent te veel", "t3")
    db.rollback()
    assert fout.value.veld == "bedrag"
    assert str(fout.value).replace("\u00a0", " ") == (
        "Er staat voor 2026 nog € 0,00 open van deze toekenning; u wilt € 0,01 betalen."
    )
    with pytest.raises(Weigering, match="niets toegekend"):
        services.betaal(db, swv, beoordeeld, 2028, 100, "Verkeerd jaar", "t4")
    db.rollback()
    # the same form sent twice books once (the idempotency key)
    services.betaal(db, swv, beoordeeld, 2027, 5_000_00, "Voorschot", "t5")
    services.betaal(db, swv, beoordeeld, 2027, 5_000_00, "Voorschot", "t5")
    db.commit()
    jaren = {j.jaar: (j.toegekend, j.betaald, j.open) for j in queries.stand(db, beoordeeld).jaren}
    assert jaren == {2026: (3_000_000, 3_000_000, 0), 2027: (2_000_000, 500_000, 1_500_000)}
    assert _regel(db, 2026) == {
        "begroot": 20_000_000,
        "toegezegd": 3_000_000,
        "betaald": 3_000_000,
        "resterend": 17_000_000,
    }


def test_closing_releases_what_was_not_paid_back_to_the_line(db, beoordeeld, directeur, swv):
    services.beslis(db, directeur, beoordeeld, Uitkomst.TOEKENNEN, "Goed", {2026: 30_000_00, 2027: 20_000_00})
    services.betaal(db, swv, beoordeeld, 2026, 12_500_00, "Eerste tranche", "t1")
    services.rond_af(db, swv, beoordeeld, "Het initiatief is gestopt.")
    db.commit()
    assert herlaad(db, Aanvraag, beoordeeld.id).status == "afgerond"
    assert _regel(db, 2026) == {
        "begroot": 20_000_000,
        "toegezegd": 1_250_000,
        "betaald": 1_250_000,
        "resterend": 18_750_000,
    }
    assert _regel(db, 2027) == {"begroot": 20_000_000, "toegezegd": 0, "betaald": 0, "resterend": 20_000_000}
    vrij = [
        (m.jaar, m.soort, m.bedrag_cents)
        for m in queries.stand(db, beoordeeld).mutaties
        if m.soort == "vrijgave"
    ]
    assert vrij == [(2026, "vrijgave", 1_750_000), (2027, "vrijgave", 2_000_000)]


def test_the_daily_job_closes_ended_initiatives_with_a_final_report_and_flags_the_others(
    db, maak_beoordeeld, directeur, noord, monkeypatch
):
    met = maak_beoordeeld("Met eindrapport")
    zonder = maak_beoordeeld("Zonder eindrapport")
    for a in (met, zonder):
        services.beslis(db, directeur, a, Uitkomst.TOEKENNEN, "Goed", {2026: 10_000_00})
    initiatieven.rapporteer(
        db,
        herlaad(db, Aanvraag, met.id),
        noord.schoolleider,
        Rapportsoort.EIND,
        "Doelen gehaald",
        20,
        "Goed",
        Vervolg.PARTNERS,
    )
    db.commit()
    monkeypatch.setattr(clock, "now", lambda: datetime(2028, 1, 2, 6, 15))  # after both end dates
    assert einde(db) == "1 initiatief afgerond, 1 wacht op de eindevaluatie"
    db.commit()
    assert herlaad(db, Aanvraag, met.id).status == "afgerond"
    assert herlaad(db, Aanvraag, zonder.id).status == "toegekend"
    assert _regel(db, 2026)["toegezegd"] == 1_000_000  # only the one still running
    assert (
        einde(db) == "0 initiatieven afgerond, 1 wacht op de eindevaluatie"
    )  # a re-run closes nothing twice
