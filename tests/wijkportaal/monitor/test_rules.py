"""The monitor's arithmetic: targets chained from the baseline, on track, avoided referrals, vrijval."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkportaal.monitor.models import Kostennorm, VerwijzingSoort, Verwijzingstelling
from wijkportaal.monitor.queries import overzichten
from wijkportaal.monitor.rules import (
    STANDAARD_REDUCTIES,
    Aantallen,
    Kosten,
    daling_procent,
    doelen,
    grafiek,
    op_koers,
    overzicht,
    vermeden,
    vrijval_cents,
)

KOSTEN = Kosten(sbo_cents=1_200_000, so_cents=2_500_000)


def test_the_convenant_targets_chain_from_the_baseline():
    # 100 → −10 % → 90 → −30 % → 63 → −60 % → 25.2, rounded down: at most 25 referrals.
    assert doelen(100, STANDAARD_REDUCTIES) == {2024: 90, 2025: 63, 2026: 25}


def test_targets_round_down_once_at_the_end():
    # 15 × 0.9 = 13.5 → 13 (14 would be a fall of only 6.7 %).
    assert doelen(15, STANDAARD_REDUCTIES) == {2024: 13, 2025: 9, 2026: 3}
    # Rounding each step would compound: 20 → 18 → 12.6 → 12 → 4.8 → 4; at the end: 20 × .252 = 5.04 → 5.
    assert doelen(20, STANDAARD_REDUCTIES) == {2024: 18, 2025: 12, 2026: 5}


def test_a_year_without_a_percentage_keeps_the_target_of_the_year_before():
    assert doelen(100, {2024: 10, 2026: 50}) == {2024: 90, 2025: 90, 2026: 45}


@pytest.mark.parametrize("procent", [-1, 101])
def test_percentages_outside_0_to_100_are_refused(procent):
    with pytest.raises(ValueError):
        doelen(10, {2024: procent})


def test_counts_cannot_be_negative():
    with pytest.raises(ValueError):
        Aantallen(sbo=-1, so=0)


def test_avoided_is_last_year_minus_this_year_per_type_never_below_zero():
    assert vermeden(Aantallen(10, 5), Aantallen(7, 5)) == Aantallen(3, 0)
    # SO rose by 2: that does not cancel the SBO fall, and is not negative.
    assert vermeden(Aantallen(10, 5), Aantallen(7, 7)) == Aantallen(3, 0)
    assert vermeden(Aantallen(1, 1), Aantallen(4, 9)) == Aantallen(0, 0)


def test_vrijval_is_avoided_times_the_average_cost_per_type_in_cents():
    assert vrijval_cents(Aantallen(3, 2), KOSTEN) == 3 * 1_200_000 + 2 * 2_500_000 == 8_600_000


def test_vrijval_uses_the_default_costs_per_type_until_swv_stores_its_own(db, make_wijk):
    """3 fewer SBO and 2 fewer SO referrals: € 12.000 and € 25.000 each, until a type gets its own norm."""
    wijk = make_wijk()
    db.add_all(
        [
            Verwijzingstelling(wijk_id=wijk.id, schooljaar=2024, sbo=10, so=6),
            Verwijzingstelling(wijk_id=wijk.id, schooljaar=2025, sbo=7, so=4),
        ]
    )
    db.commit()

    def vrijval_2025() -> int:
        [(_, ov)] = overzichten(db, [wijk])
        return ov.jaar(2025).vrijval_cents

    assert vrijval_2025() == 8_600_000
    db.add(Kostennorm(soort=VerwijzingSoort.SBO, bedrag_cents=1_000_000))
    db.commit()
    assert vrijval_2025() == 3 * 1_000_000 + 2 * 2_500_000


def test_overview_of_a_wijk():
    ov = overzicht(
        {2023: Aantallen(20, 10), 2024: Aantallen(18, 9), 2025: Aantallen(12, 8)}, STANDAARD_REDUCTIES, KOSTEN
    )
    assert [r.schooljaar for r in ov.regels] == [2023, 2024, 2025, 2026]
    basis, j24, j25, j26 = ov.regels
    assert basis.is_basisjaar and basis.doel is None and basis.vermeden is None and basis.op_koers is None
    assert (j24.reductie_procent, j24.doel, j24.op_koers, j24.verschil) == (10, 27, True, 0)
    assert j24.vermeden == Aantallen(2, 1) and j24.vrijval_cents == 4_900_000
    assert (j25.doel, j25.op_koers, j25.verschil) == (18, False, 2)  # 30 × .9 × .7 = 18.9
    assert j25.vermeden == Aantallen(6, 1) and j25.vrijval_cents == 6 * 1_200_000 + 2_500_000
    assert j26.aantallen is None and j26.doel == 7 and j26.vermeden is None and j26.vrijval_cents is None
    assert ov.vrijval_totaal_cents == 4_900_000 + 9_700_000
    assert j24.daling_procent == 10 and str(j25.daling_procent) == "25.9"


def test_without_a_baseline_there_are_no_targets_but_still_avoided_referrals():
    ov = overzicht({2024: Aantallen(10, 4), 2025: Aantallen(8, 4)}, STANDAARD_REDUCTIES, KOSTEN)
    assert all(r.doel is None for r in ov.regels)
    assert ov.jaar(2025).vermeden == Aantallen(2, 0)


def test_a_missing_year_leaves_avoided_unknown_not_zero():
    ov = overzicht({2023: Aantallen(10, 4), 2025: Aantallen(1, 1)}, STANDAARD_REDUCTIES, KOSTEN)
    assert ov.jaar(2024).vermeden is None and ov.jaar(2025).vermeden is None


def test_daling():
    assert daling_procent(0, 3) is None
    assert str(daling_procent(3, 4)) == "-33.3"


aantallen = st.builds(Aantallen, st.integers(0, 2000), st.integers(0, 2000))
reducties = st.dictionaries(st.integers(2024, 2030), st.integers(0, 100), max_size=7)


@given(basis=st.integers(0, 5000), reducties=reducties)
def test_a_year_meeting_its_target_exactly_is_op_koers(basis, reducties):
    for jaar, doel in doelen(basis, reducties).items():
        assert op_koers(doel, doel), jaar
        assert not op_koers(doel + 1, doel)
        ov = overzicht({2023: Aantallen(basis, 0), jaar: Aantallen(doel, 0)}, reducties, KOSTEN)
        assert ov.jaar(jaar).op_koers is True and ov.jaar(jaar).verschil == 0


@given(basis=st.integers(0, 5000), reducties=reducties)
def test_the_target_is_the_largest_whole_number_within_the_reduction(basis, reducties):
    factor = Fraction(1)
    vorige = basis
    for jaar, doel in doelen(basis, reducties).items():
        factor *= 1 - Fraction(reducties.get(jaar, 0), 100)
        assert doel <= basis * factor < doel + 1
        assert 0 <= doel <= vorige  # never up, never below zero
        vorige = doel


@given(vorig=aantallen, dit=aantallen)
def test_avoided_and_vrijval_are_never_negative_and_never_more_than_last_year(vorig, dit):
    v = vermeden(vorig, dit)
    assert 0 <= v.sbo <= vorig.sbo and 0 <= v.so <= vorig.so
    assert vrijval_cents(v, KOSTEN) >= 0
    if dit.sbo >= vorig.sbo and dit.so >= vorig.so:
        assert vrijval_cents(v, KOSTEN) == 0


@given(st.dictionaries(st.integers(2023, 2027), aantallen, max_size=5), reducties)
def test_the_chart_stays_inside_its_box(data, reducties):
    g = grafiek(overzicht(data, reducties, KOSTEN))
    for s in g.staven:
        assert g.boven - 0.01 <= s.y_so <= s.y_sbo <= g.nul_y + 0.01
        assert s.h_sbo >= 0 and s.h_so >= 0
    for p in g.doelpunten:
        assert g.boven - 0.01 <= p.y <= g.nul_y + 0.01
    assert g.ticks[0] == (g.nul_y, 0)
