"""The demo's schematic shapes: one cell per wijk, together exactly the outline, each near its real wijk."""

from pathlib import Path

import pytest
import shapely

from maps.grenzen import lees_grenzen, lees_koppeling
from maps.schematisch import punten_in, schematische_vormen
from wijkportaal.demo.grenzen import lees_centra, lees_omtrek

ROOT = Path(__file__).resolve().parents[2]
GEBIEDEN = ROOT.parent / "shared" / "data" / "amsterdam-diemen-gebieden-jetlag.geojson"
WIJKEN_CSV = ROOT / "wijkportaal" / "demo" / "wijken.csv"


@pytest.fixture(scope="module")
def vormen():
    return schematische_vormen(lees_centra(), lees_omtrek())


def test_one_cell_per_wijk_that_together_fill_the_outline(vormen):
    codes = [r.split(";")[1] for r in WIJKEN_CSV.read_text(encoding="utf-8").splitlines()[1:]]
    assert sorted(vormen) == sorted(codes)
    centra = lees_centra()
    for code, vorm in vormen.items():
        assert vorm.is_valid and vorm.area > 0, code
        assert vorm.contains(shapely.Point(centra[code])), code
    omtrek = shapely.Polygon(lees_omtrek())
    samen = shapely.union_all(list(vormen.values()))
    assert sum(v.area for v in vormen.values()) == pytest.approx(samen.area, rel=1e-9)  # no overlaps
    assert samen.symmetric_difference(omtrek).area < omtrek.area * 1e-9  # no gaps


@pytest.mark.skipif(not GEBIEDEN.exists(), reason="../shared/data is not present")
def test_centres_lie_in_the_real_wijken_and_cells_resemble_them(vormen):
    wijken = {c: c for c in vormen}
    echt = lees_grenzen(
        GEBIEDEN, wijken, koppeling=lees_koppeling(ROOT / "wijkportaal" / "demo" / "gebieden-koppeling.csv")
    )
    centra = lees_centra()
    for v in echt.vormen:
        geom = shapely.from_geojson(v.geometrie)
        assert geom.contains(shapely.Point(centra[v.code])), v.code
        cel = vormen[v.code]
        assert cel.intersection(geom).area / cel.union(geom).area > 0.3, v.code  # schematic, but recognisable


def test_points_are_inside_and_reproducible(vormen):
    osdorp = vormen["osdorp"]
    punten = punten_in(osdorp, 40, "2026:osdorp")
    assert punten == punten_in(osdorp, 40, "2026:osdorp")
    assert punten != punten_in(osdorp, 40, "2027:osdorp")
    assert len(set(punten)) == 40
    assert all(osdorp.contains(shapely.Point(p)) for p in punten)
    assert punten_in(osdorp, 0, "x") == []


def test_bad_centres_are_refused():
    omtrek = [(0, 0), (1, 0), (1, 1), (0, 1)]
    with pytest.raises(ValueError, match="buiten de omtrek: b"):
        schematische_vormen({"a": (0.5, 0.5), "b": (2, 2)}, omtrek)
    with pytest.raises(ValueError, match="hetzelfde centrum"):
        schematische_vormen({"a": (0.5, 0.5), "b": (0.5, 0.5)}, omtrek)
    with pytest.raises(ValueError, match="minstens twee"):
        schematische_vormen({"a": (0.5, 0.5)}, omtrek)
