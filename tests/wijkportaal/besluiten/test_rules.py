"""The decision rules as a table: who decided what, and what the proposal's status then is."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkportaal.besluiten.models import BesluitKeuze, Besluitregel
from wijkportaal.besluiten.models import VoorstelStatus as S
from wijkportaal.besluiten.rules import gevolg_van_akkoord, nog_nodig_na_akkoord, uitkomst

A, R = BesluitKeuze.AKKOORD, BesluitKeuze.AFGEWEZEN
ALLE, MEER, GEWOGEN, ALLEEN = Besluitregel
INBRENG = {1: 600, 2: 250, 3: 150}  # board 1 paid in more than the others together


@pytest.mark.parametrize(
    ("regel", "beslissers", "besluiten", "gewicht", "status"),
    [
        # All boards must agree; one rejection settles it.
        (ALLE, [1, 2, 3], {}, None, S.OPEN),
        (ALLE, [1, 2, 3], {1: A, 2: A}, None, S.OPEN),
        (ALLE, [1, 2, 3], {1: A, 2: A, 3: A}, None, S.GOEDGEKEURD),
        (ALLE, [1, 2, 3], {2: R}, None, S.AFGEWEZEN),
        (ALLE, [1, 2, 3], {1: A, 2: A, 3: R}, None, S.AFGEWEZEN),
        # A majority of the boards, one vote each; a tie cannot pass.
        (MEER, [1, 2, 3], {1: A}, None, S.OPEN),
        (MEER, [1, 2, 3], {1: A, 2: A}, None, S.GOEDGEKEURD),
        (MEER, [1, 2, 3], {1: R, 2: R}, None, S.AFGEWEZEN),
        (MEER, [1, 2, 3, 4], {1: A, 2: A}, None, S.OPEN),
        (MEER, [1, 2, 3, 4], {1: R, 2: R}, None, S.AFGEWEZEN),
        # Weighted by what each board paid in.
        (GEWOGEN, [1, 2, 3], {1: A}, INBRENG, S.GOEDGEKEURD),
        (GEWOGEN, [1, 2, 3], {2: A, 3: A}, INBRENG, S.OPEN),
        (GEWOGEN, [1, 2, 3], {1: R}, INBRENG, S.AFGEWEZEN),
        (GEWOGEN, [1, 2, 3], {1: A, 2: R, 3: R}, INBRENG, S.GOEDGEKEURD),
        # Nobody paid in yet: every board weighs the same.
        (GEWOGEN, [1, 2, 3], {2: A, 3: A}, {}, S.GOEDGEKEURD),
        (GEWOGEN, [1, 2, 3], {2: A}, {}, S.OPEN),
        # One decider (the directeur-bestuurder, user 7) decides alone.
        (ALLEEN, [7], {}, None, S.OPEN),
        (ALLEEN, [7], {7: A}, None, S.GOEDGEKEURD),
        (ALLEEN, [7], {7: R}, None, S.AFGEWEZEN),
        # No deciders: nothing is settled.
        (ALLE, [], {}, None, S.OPEN),
    ],
)
def test_rule(regel, beslissers, besluiten, gewicht, status):
    assert uitkomst(regel, beslissers, besluiten, gewicht) == status


@given(
    st.sampled_from(list(Besluitregel)),
    st.lists(st.sampled_from([A, R, None]), min_size=1, max_size=7),
    st.lists(st.integers(0, 10**6), min_size=7, max_size=7),
)
def test_settled_when_everyone_decided_and_unanimity_wins(regel, keuzes, bedragen):
    if regel == Besluitregel.ALLEEN:
        keuzes = keuzes[:1]
    beslissers = list(range(len(keuzes)))
    besluiten = {b: k for b, k in zip(beslissers, keuzes, strict=True) if k is not None}
    status = uitkomst(regel, beslissers, besluiten, dict(enumerate(bedragen)))
    if len(besluiten) == len(beslissers):
        assert status != S.OPEN
    if all(k == A for k in keuzes):
        assert status == S.GOEDGEKEURD
    if all(k == R for k in keuzes):
        assert status == S.AFGEWEZEN


@pytest.mark.parametrize(
    ("regel", "besluiten", "beslisser", "gewicht", "nodig", "zin"),
    [
        (ALLE, {1: A, 2: A}, 3, None, 0, "Na uw akkoord is de regel 'alle besturen' vervuld en G."),
        (
            ALLE,
            {},
            3,
            None,
            2,
            "Na uw akkoord zijn nog 2 akkoorden nodig voor de regel 'alle besturen'; daarna G.",
        ),
        (
            ALLE,
            {1: A},
            3,
            None,
            1,
            "Na uw akkoord is nog 1 akkoord nodig voor de regel 'alle besturen'; daarna G.",
        ),
        (
            ALLE,
            {1: R},
            3,
            None,
            None,
            "Ook met uw akkoord kan de regel 'alle besturen' niet meer worden vervuld.",
        ),
        (MEER, {1: A}, 3, None, 0, "Na uw akkoord is de regel 'meerderheid van de besturen' vervuld en G."),
        (
            MEER,
            {},
            3,
            None,
            1,
            "Na uw akkoord is nog 1 akkoord nodig voor de regel 'meerderheid van de besturen'; daarna G.",
        ),
        (GEWOGEN, {}, 1, INBRENG, 0, "Na uw akkoord is de regel 'meerderheid naar inbreng' vervuld en G."),
        # Board 3 weighs little: the heaviest board's approval would then be enough.
        (
            GEWOGEN,
            {},
            3,
            INBRENG,
            1,
            "Na uw akkoord is nog 1 akkoord nodig voor de regel 'meerderheid naar inbreng'; daarna G.",
        ),
        (
            GEWOGEN,
            {1: R},
            3,
            INBRENG,
            None,
            "Ook met uw akkoord kan de regel 'meerderheid naar inbreng' niet meer worden vervuld.",
        ),
    ],
)
def test_what_an_approval_does(regel, besluiten, beslisser, gewicht, nodig, zin):
    assert nog_nodig_na_akkoord(regel, [1, 2, 3], besluiten, beslisser, gewicht) == nodig
    assert gevolg_van_akkoord(regel, nodig, "G") == zin
