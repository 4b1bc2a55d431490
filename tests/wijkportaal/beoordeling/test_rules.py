"""The combination of the assessors' scores, as a table written by hand: per criterion the mean, the
weighted total, the disagreement flag (2 points or more apart) and the knock-out (a mean below the
round's minimum, 1,50 unless stated)."""

from decimal import Decimal

import pytest

from wijkportaal.beoordeling.models import Advies
from wijkportaal.beoordeling.rules import CriteriumGegevens, combineer, motivering_fout, score_fout

A = CriteriumGegevens(1, 3, "Het initiatief draagt bij aan de ambities", 2)
B = CriteriumGegevens(2, 5, "Het initiatief is duurzaam", 1)
C = CriteriumGegevens(3, 7, "Kennisdeling binnen het netwerk", 3)

# (name, criteria, scores per criterion id, minimum in hundredths,
#  expected means per criterion, expected total, maximum, disagreement flags, knock-out)
GEVALLEN = [
    (
        "eens en ruim voldoende",
        [A, B],
        {1: [3, 3], 2: [2, 2]},
        150,
        ["3.00", "2.00"],
        "8.00",  # 2 × 3 + 1 × 2
        9,
        [False, False],
        False,
    ),
    (
        "een punt verschil is geen verschil",
        [A, B],
        {1: [2, 3], 2: [1, 2]},
        150,
        ["2.50", "1.50"],
        "6.50",  # 2 × 2,5 + 1,5
        9,
        [False, False],
        False,  # 1,50 is not below 1,50
    ),
    (
        "twee punten verschil wordt gemarkeerd",
        [A, B],
        {1: [1, 3], 2: [2, 2]},
        150,
        ["2.00", "2.00"],
        "6.00",
        9,
        [True, False],
        False,
    ),
    (
        "drie punten verschil, en onder het minimum",
        [A, B, C],
        {1: [0, 3], 2: [0, 2], 3: [3, 3]},
        150,
        ["1.50", "1.00", "3.00"],
        "13.00",  # 2 × 1,5 + 1 × 1 + 3 × 3
        18,
        [True, True, False],
        True,  # criterion 5 averages 1,00
    ),
    (
        "drie beoordelaars: een derde wordt exact vergeleken",
        [A, C],
        {1: [2, 1, 1], 3: [2, 2, 1]},
        134,
        ["1.33", "1.67"],
        "7.67",  # 2 × 4/3 + 3 × 5/3 = 23/3
        15,
        [False, False],
        True,  # 4/3 = 1,333… is below 1,34
    ),
    (
        "knock-out minimum 0 slaat nooit aan",
        [B],
        {2: [0, 0]},
        0,
        ["0.00"],
        "0.00",
        3,
        [False],
        False,
    ),
    (
        "nog niet alles gescoord: geen totaal, geen vlag",
        [A, B],
        {1: [3]},
        150,
        ["3.00", None],
        None,
        9,
        [False, False],
        False,
    ),
]


@pytest.mark.parametrize(
    "criteria, scores, minimum, gemiddelden, totaal, maximum, verschillen, knock_out",
    [g[1:] for g in GEVALLEN],
    ids=[g[0] for g in GEVALLEN],
)
def test_combineer(criteria, scores, minimum, gemiddelden, totaal, maximum, verschillen, knock_out):
    uitslag = combineer(7, criteria, scores, minimum)
    assert [
        None if c.gemiddelde is None else str(c.gemiddelde_afgerond) for c in uitslag.criteria
    ] == gemiddelden
    assert uitslag.totaal == (None if totaal is None else Decimal(totaal))
    assert uitslag.maximum == maximum
    assert [c.verschil for c in uitslag.criteria] == verschillen
    assert uitslag.verschil is any(verschillen)
    assert uitslag.knock_out is knock_out


def test_criteria_in_order_of_their_number():
    uitslag = combineer(1, [C, A, B], {}, 150)
    assert [c.nummer for c in uitslag.criteria] == [3, 5, 7]


def test_recommendations_are_counted_and_completeness_needs_two():
    uitslag = combineer(1, [B], {2: [2, 3]}, 150, [Advies.TOEKENNEN, Advies.AANHOUDEN], klaar=2, toegewezen=2)
    assert uitslag.adviezen == {Advies.TOEKENNEN: 1, Advies.AFWIJZEN: 0, Advies.AANHOUDEN: 1}
    assert uitslag.is_compleet
    assert not combineer(1, [B], {2: [2]}, 150, klaar=1, toegewezen=1).is_compleet
    assert not combineer(1, [B], {2: [2, 2]}, 150, klaar=2, toegewezen=3).is_compleet


@pytest.mark.parametrize(
    "score, motivering, fout",
    [
        (None, "", "Kies een score."),
        (4, "", "Een score is 0, 1, 2 of 3."),
        (-1, "x", "Een score is 0, 1, 2 of 3."),
        (0, "", "Motiveer een score van 0 of 1."),
        (1, "   ", "Motiveer een score van 0 of 1."),
        (1, "Doelen zijn vaag.", None),
        (2, "", None),
        (3, "", None),
    ],
)
def test_score_and_motivation(score, motivering, fout):
    assert (score_fout(score) or motivering_fout(score, motivering)) == fout
