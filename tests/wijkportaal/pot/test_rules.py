"""The approval rules: all boards, a majority, or a majority weighted by contribution."""

from hypothesis import given
from hypothesis import strategies as st
from wijkportaal.pot.rules import uitkomst

from wijkportaal.pot.models import BesluitKeuze, Goedkeuringsregel, ToekenningStatus

A, R = BesluitKeuze.AKKOORD, BesluitKeuze.AFGEWEZEN
ALLE, MEER, GEWOGEN = Goedkeuringsregel.ALLE, Goedkeuringsregel.MEERDERHEID, Goedkeuringsregel.GEWOGEN


def test_all_must_approve_and_one_rejection_ends_it():
    assert uitkomst(ALLE, [1, 2, 3], {1: A, 2: A}) == ToekenningStatus.OPEN
    assert uitkomst(ALLE, [1, 2, 3], {1: A, 2: A, 3: A}) == ToekenningStatus.GOEDGEKEURD
    assert uitkomst(ALLE, [1, 2, 3], {2: R}) == ToekenningStatus.AFGEWEZEN


def test_majority():
    assert uitkomst(MEER, [1, 2, 3], {1: A}) == ToekenningStatus.OPEN
    assert uitkomst(MEER, [1, 2, 3], {1: A, 2: A}) == ToekenningStatus.GOEDGEKEURD
    assert uitkomst(MEER, [1, 2, 3, 4], {1: R, 2: R}) == ToekenningStatus.AFGEWEZEN  # a tie cannot pass


def test_weighted_by_contribution():
    inbreng = {1: 70, 2: 20, 3: 10}
    assert uitkomst(GEWOGEN, [1, 2, 3], {1: A}, inbreng) == ToekenningStatus.GOEDGEKEURD
    assert uitkomst(GEWOGEN, [1, 2, 3], {2: A, 3: A}, inbreng) == ToekenningStatus.OPEN
    assert uitkomst(GEWOGEN, [1, 2, 3], {1: R}, inbreng) == ToekenningStatus.AFGEWEZEN
    # Nobody has paid in yet: every board weighs the same.
    assert uitkomst(GEWOGEN, [1, 2, 3], {2: A, 3: A}, {}) == ToekenningStatus.GOEDGEKEURD


@given(
    st.sampled_from(list(Goedkeuringsregel)),
    st.lists(st.sampled_from([A, R, None]), min_size=1, max_size=7),
    st.lists(st.integers(0, 10**6), min_size=7, max_size=7),
)
def test_never_both_and_settled_when_everyone_decided(regel, keuzes, bedragen):
    besturen = list(range(len(keuzes)))
    besluiten = {b: k for b, k in zip(besturen, keuzes, strict=True) if k is not None}
    status = uitkomst(regel, besturen, besluiten, dict(enumerate(bedragen)))
    if len(besluiten) == len(besturen):
        assert status != ToekenningStatus.OPEN
    if all(k == A for k in keuzes):
        assert status == ToekenningStatus.GOEDGEKEURD
    if all(k == R for k in keuzes):
        assert status == ToekenningStatus.AFGEWEZEN
