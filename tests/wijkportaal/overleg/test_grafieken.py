"""The charts page: meetings per wijk per month and coverage per wijk, for SWV staff."""

from datetime import datetime, timedelta

import pytest

from wijkportaal.core import clock
from wijkportaal.core.grafieken import TINTEN, gestapeld, heatmap
from wijkportaal.core.roles import Rol
from wijkportaal.overleg.models import Bijeenkomst
from wijkportaal.overleg.queries import MAANDEN, bijeenkomsten_per_maand


def test_heatmap_shades_by_count_and_says_it_in_words():
    g = heatmap([("Osdorp", "/wijken/osdorp", [0, 1, 2, 5] + [0] * 8)], MAANDEN)
    [rij] = g.rijen
    assert [v.kleur for v in rij.vakken[:4]] == [TINTEN[0], TINTEN[1], TINTEN[2], TINTEN[3]]
    assert rij.vakken[1].titel == "Osdorp, sep: 1 bijeenkomst"
    assert rij.vakken[3].titel == "Osdorp, nov: 5 bijeenkomsten"
    assert rij.totaal == 8
    assert [k for _, k in g.kolommen][0] == "aug"


def test_stacked_bars_scale_to_the_largest_row():
    g = gestapeld(
        [("A", None, [4, 2, 0]), ("B", None, [1, 0, 1])], [("gedekt", "g"), ("dun", "d"), ("ontbreekt", "o")]
    )
    a, b = g.rijen
    assert [v.kleur for v in a.vakken] == ["g", "d"]  # an empty part draws nothing
    assert a.vakken[0].breedte == pytest.approx(2 * a.vakken[1].breedte)
    assert b.vakken[0].breedte == pytest.approx(a.vakken[0].breedte / 4)


def test_meetings_are_counted_per_month_of_the_school_year(db, make_overleg):
    ns = make_overleg()
    jaar = clock.schooljaar_van(clock.today())
    for start, geannuleerd in [
        (datetime(jaar, 8, 30, 15), False),  # august: first column
        (datetime(jaar + 1, 7, 1, 15), False),  # july: last column
        (datetime(jaar + 1, 7, 8, 15), False),
        (datetime(jaar, 9, 10, 15), True),  # cancelled: not counted
        (datetime(jaar + 1, 8, 1, 15), False),  # next school year
    ]:
        db.add(
            Bijeenkomst(
                wijkoverleg_id=ns.overleg.id,
                start=start,
                eind=start + timedelta(hours=2),
                is_geannuleerd=geannuleerd,
            )
        )
    db.commit()
    assert bijeenkomsten_per_maand(db, jaar)[ns.wijk.id] == [1] + [0] * 10 + [2]


def test_page_for_swv_staff_only(auth, client, make_user, make_overleg):
    ns = make_overleg()
    auth.login(make_user(Rol.SCHOOLLEIDER))
    assert client.get("/overzicht/grafieken").status_code == 403
    auth.logout()
    auth.login(make_user(Rol.SWV))
    r = client.get("/overzicht/grafieken?schooljaar=1900")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert ns.wijk.naam in html
    assert "Bijeenkomsten per wijk in schooljaar" in html
    assert "Dekkend aanbod per wijk" in html
    jaar = clock.schooljaar_van(clock.today())
    assert f"{jaar}-{jaar + 1}" in html  # an impossible year falls back to this one
