"""The coverage rule as a table, and the matrix as the demo data and the database give it."""

from decimal import Decimal

import pytest

from wijkportaal.expertise.models import Eenheid
from wijkportaal.expertise.queries import dekking_van_wijk, dekkingsmatrix
from wijkportaal.expertise.rules import Aanbod, Dekking, Norm, beoordeel, bereken


@pytest.fixture
def demo_session(demo, db):
    return db


NORM = Norm(min_uren_per_1000=Decimal(2), min_plaatsen_per_1000=Decimal(1))


@pytest.mark.parametrize(
    ("uren", "plaatsen", "heeft_aanbod", "verwacht"),
    [
        ("0", "0", False, Dekking.ONTBREEKT),
        ("5", "5", False, Dekking.ONTBREEKT),  # figures without a valid offer do not count
        ("0", "0", True, Dekking.DUN),  # an offer with no capacity left
        ("1.99", "0", True, Dekking.DUN),
        ("2", "0", True, Dekking.GEDEKT),  # exactly at the bar
        ("0", "0.99", True, Dekking.DUN),
        ("0", "1", True, Dekking.GEDEKT),
        ("1", "0.5", True, Dekking.DUN),  # two thin kinds of support do not add up to one
    ],
)
def test_rule_for_one_cell(uren, plaatsen, heeft_aanbod, verwacht):
    assert beoordeel(Decimal(uren), Decimal(plaatsen), heeft_aanbod, NORM) == verwacht


def test_zero_bar_still_needs_capacity():
    assert beoordeel(Decimal(0), Decimal(0), True, Norm(Decimal(0), Decimal(0))) == Dekking.DUN
    assert beoordeel(Decimal("0.01"), Decimal(0), True, Norm(Decimal(0), Decimal(0))) == Dekking.GEDEKT


A, B, C = 1, 2, 3  # wijk ids
GEDRAG, AUTISME = 10, 11  # domain ids
LEERLINGEN = {A: 2000, B: 3000, C: 1000}


def _aanbod(naam, domein, capaciteit, gewichten, eenheid=Eenheid.UREN, wacht=None):
    return Aanbod(naam, domein, eenheid, capaciteit, gewichten, wacht)


def test_an_offer_for_several_wijken_is_shared_by_pupils():
    """10 hours for A (2,000 pupils) and B (3,000): 4 and 6 hours, 2 per 1,000 in both."""
    cellen = bereken([_aanbod("SBO De Vonk", GEDRAG, 10, {A: 2000, B: 3000})], LEERLINGEN, [GEDRAG], NORM)
    assert cellen[(A, GEDRAG)].uren_per_1000 == Decimal("2.00")
    assert cellen[(B, GEDRAG)].uren_per_1000 == Decimal("2.00")
    assert cellen[(A, GEDRAG)].status == cellen[(B, GEDRAG)].status == Dekking.GEDEKT
    assert (C, GEDRAG) not in cellen  # C is not served: missing


def test_offers_add_up_and_list_their_providers():
    cellen = bereken(
        [
            _aanbod("OKT A", GEDRAG, 2, {A: 2000}, wacht=6),
            _aanbod("SBO De Vonk", GEDRAG, 2, {A: 2000}, wacht=3),
        ],
        LEERLINGEN,
        [GEDRAG],
        NORM,
    )
    cel = cellen[(A, GEDRAG)]
    assert cel.uren_per_1000 == Decimal("2.00")
    assert cel.status == Dekking.GEDEKT
    assert cel.aanbieders == ("OKT A", "SBO De Vonk")
    assert cel.kortste_wachttijd_weken == 3


def test_hours_and_places_are_measured_apart():
    cellen = bereken(
        [
            _aanbod("Plusklas", AUTISME, 2, {C: 1000}, eenheid=Eenheid.PLAATSEN),
            _aanbod("Team", AUTISME, 1, {C: 1000}),
        ],
        LEERLINGEN,
        [AUTISME],
        NORM,
    )
    cel = cellen[(C, AUTISME)]
    assert (cel.uren_per_1000, cel.plaatsen_per_1000) == (Decimal("1.00"), Decimal("2.00"))
    assert cel.status == Dekking.GEDEKT  # on places


def test_domains_not_asked_for_are_left_out():
    cellen = bereken([_aanbod("Team", AUTISME, 50, {A: 2000})], LEERLINGEN, [GEDRAG], NORM)
    assert cellen == {}


def test_a_wijk_without_known_pupils():
    cellen = bereken(
        [_aanbod("Team", GEDRAG, 4, {A: 0, C: 0}), _aanbod("Leeg", AUTISME, 0, {A: 0})],
        {},
        [GEDRAG, AUTISME],
        NORM,
    )
    assert cellen[(A, GEDRAG)].status == Dekking.GEDEKT
    assert cellen[(A, GEDRAG)].uren_per_1000 is None
    assert cellen[(A, AUTISME)].status == Dekking.DUN


def test_demo_matrix_has_every_kind_of_cell(demo_session):
    matrix = dekkingsmatrix(demo_session)
    assert len(matrix.wijken) == 23
    assert len(matrix.domeinen) == 12
    statussen = {matrix.cel(w.id, d.id).status for w in matrix.wijken for d in matrix.domeinen}
    assert statussen == set(Dekking)
    osdorp = next(w for w in matrix.wijken if w.code == "osdorp")
    hiaten = matrix.hiaten(osdorp.id)
    assert hiaten and hiaten[0][1].status == Dekking.ONTBREEKT  # missing ones first


def test_one_wijk_reads_the_same_as_the_whole_matrix(demo_session):
    matrix = dekkingsmatrix(demo_session)
    for wijk in matrix.wijken:
        eigen = dekking_van_wijk(demo_session, wijk.id)
        for d in matrix.domeinen:
            assert eigen.cel(wijk.id, d.id) == matrix.cel(wijk.id, d.id), (wijk.naam, d.naam)
