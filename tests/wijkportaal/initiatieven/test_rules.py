"""The formal checks of an application, as a table of cases: what the applicant is told is missing."""

from dataclasses import replace
from datetime import date

import pytest

from wijkportaal.initiatieven import rules
from wijkportaal.initiatieven.models import Rapportsoort, Status
from wijkportaal.initiatieven.rules import Deelname, Plan

VOLLEDIG = Plan(
    secties={naam: "ingevuld" for naam, _ in rules.SECTIES},
    startdatum=date(2026, 8, 1),
    einddatum=date(2028, 7, 31),
    deelnames=[Deelname(1, "Stichting Noordwest", True), Deelname(2, "Stichting Zuidoost", True)],
    wijken=1,
    ambities=2,
    kosten=[(2026, 40_000_00), (2027, 60_000_00)],
    cofinanciering=[(2026, 10_000_00)],
    ronde_jaren=range(2026, 2029),
)


def test_a_complete_application_passes_every_formal_check():
    assert rules.formele_controles(VOLLEDIG) == []


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        (
            {"deelnames": [Deelname(1, "Stichting Noordwest", True)]},
            "Er doen minstens twee verschillende schoolbesturen mee die hun deelname hebben bevestigd; nu 1.",
        ),
        (
            {
                "deelnames": [
                    Deelname(1, "Stichting Noordwest", True),
                    Deelname(2, "Stichting Zuidoost", False),
                ]
            },
            "Er doen minstens twee verschillende schoolbesturen mee die hun deelname hebben bevestigd; nu 1. "
            "Wacht nog op bevestiging van: Stichting Zuidoost.",
        ),
        (
            {
                "deelnames": [
                    Deelname(1, "Stichting Noordwest", True),
                    Deelname(1, "Stichting Noordwest", True),
                ]
            },
            "Het bestuur Stichting Noordwest staat meer dan één keer in de aanvraag; een bestuur doet één keer mee.",
        ),
        ({"secties": {**VOLLEDIG.secties, "doelgroep": "  "}}, "Vul de sectie ‘Doelgroep’ in."),
        (
            {"secties": {**VOLLEDIG.secties, "duurzaamheid": ""}},
            "Vul de sectie ‘Duurzaamheid: na de twee jaar’ in.",
        ),
        ({"wijken": 0}, "Kies minstens één wijk."),
        ({"ambities": 0}, "Kies minstens één ambitie van het ondersteuningsplan."),
        ({"einddatum": None}, "Vul de start- en einddatum in."),
        ({"einddatum": date(2026, 8, 1)}, "De einddatum moet na de startdatum liggen."),
        ({"einddatum": date(2026, 7, 1)}, "De einddatum moet na de startdatum liggen."),
        (
            {"einddatum": date(2028, 8, 1)},
            "De looptijd is langer dan 24 maanden: de einddatum is uiterlijk 31-07-2028.",
        ),
        ({"kosten": [], "cofinanciering": []}, "Voeg minstens één kostenregel toe aan de begroting."),
        (
            {"cofinanciering": [(2026, 50_000_00)]},
            "De cofinanciering in 2026 (€ 50.000,00) is hoger dan de kosten in dat jaar (€ 40.000,00).",
        ),
        (
            {"kosten": [(2026, 1_00), (2029, 1_00)]},
            "De begroting noemt 2029, buiten de looptijd (2026-2028).",
        ),
        (
            {"ronde_jaren": range(2026, 2027)},
            "Er wordt geld gevraagd voor 2027, maar deze ronde verdeelt alleen geld voor 2026-2026.",
        ),
        (
            {"kosten": [(2026, 10_000_00)], "cofinanciering": [(2026, 10_000_00)]},
            "De kosten min de cofinanciering moeten samen een bedrag groter dan nul vragen.",
        ),
    ],
)
def test_what_is_missing_is_named_exactly(wijziging, melding):
    assert melding in rules.formele_controles(replace(VOLLEDIG, **wijziging))


def test_exactly_24_months_is_allowed():
    plan = replace(VOLLEDIG, startdatum=date(2026, 1, 1), einddatum=date(2027, 12, 31))
    assert rules.controle_looptijd(plan) == []


def test_the_request_is_costs_minus_co_financing_per_year():
    assert rules.gevraagd([(2026, 500), (2026, 250), (2027, 100)], [(2026, 300)]) == {2026: 450, 2027: 100}


@pytest.mark.parametrize(
    ("van", "naar", "mag"),
    [
        (Status.CONCEPT, Status.INGEDIEND, True),
        (Status.CONCEPT, Status.TOEGEKEND, False),
        (Status.INGEDIEND, Status.CONCEPT, False),
        (Status.BEOORDEELD, Status.AANGEHOUDEN, True),
        (Status.AANGEHOUDEN, Status.INGEDIEND, False),
        (Status.TOEGEKEND, Status.AFGEROND, True),
        (Status.AFGEWEZEN, Status.TOEGEKEND, False),
    ],
)
def test_status_transitions(van, naar, mag):
    assert (rules.overgang_fout(van, naar) is None) is mag


def test_reports_are_due_halfway_and_two_months_after_the_end():
    deadlines = rules.rapport_deadlines(date(2026, 8, 1), date(2028, 7, 31))
    assert deadlines == {Rapportsoort.TUSSENTIJDS: date(2027, 8, 1), Rapportsoort.EIND: date(2028, 9, 30)}
    assert rules.te_laat(deadlines, set(), date(2027, 8, 2)) == [Rapportsoort.TUSSENTIJDS]
    assert rules.te_laat(deadlines, {Rapportsoort.TUSSENTIJDS}, date(2027, 8, 2)) == []


def test_the_ten_criteria_keep_the_plans_wording():
    assert len(rules.CRITERIA) == 10
    assert rules.CRITERIA[8] == (
        "De looptijd voor een nieuw initiatief is maximaal twee jaar.",
        rules.Soort.FORMEEL,
    )
