"""Reading wijk boundaries: the real 2022 city division with Diemen, the same as a Shapefile in RD New, bad files."""

import csv
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from maps.grenzen import GrenzenFout, lees_grenzen, lees_koppeling, sleutel

ROOT = Path(__file__).resolve().parents[2]
GEBIEDEN = ROOT.parent / "shared" / "data" / "amsterdam-diemen-gebieden-jetlag.geojson"
KOPPELING = ROOT / "wijkportaal" / "demo" / "gebieden-koppeling.csv"
WIJKEN_CSV = ROOT / "wijkportaal" / "demo" / "wijken.csv"

needs_data = pytest.mark.skipif(not GEBIEDEN.exists(), reason="../shared/data is not present")


def demo_wijken() -> dict[str, str]:
    with WIJKEN_CSV.open(encoding="utf-8") as f:
        return {r["code"]: r["naam"] for r in csv.DictReader(f, delimiter=";")}


def in_amsterdam(geom: shapely.Geometry) -> bool:
    minx, miny, maxx, maxy = geom.bounds
    return minx >= 4.72 and maxx <= 5.08 and miny >= 52.26 and maxy <= 52.44


def feature(naam, coords, **props):
    return {
        "type": "Feature",
        "properties": {"name": naam, **props},
        "geometry": {"type": "Polygon", "coordinates": [coords]},
    }


def schrijf_geojson(pad: Path, features, **extra) -> Path:
    pad.write_text(json.dumps({"type": "FeatureCollection", **extra, "features": features}), encoding="utf-8")
    return pad


def schrijf_zonder_crs(frame: gpd.GeoDataFrame, pad: Path) -> Path:
    """A zipped Shapefile without .prj, as some exports come."""
    with pytest.warns(UserWarning, match="'crs' was not provided"):
        frame.to_file(pad, driver="ESRI Shapefile", engine="pyogrio")
    return pad


VIERKANT = [[4.90, 52.36], [4.91, 52.36], [4.91, 52.37], [4.90, 52.37], [4.90, 52.36]]
VLINDER = [[4.80, 52.35], [4.82, 52.37], [4.82, 52.35], [4.80, 52.37], [4.80, 52.35]]  # crosses itself


@pytest.fixture(scope="module")
def gebieden():
    return lees_grenzen(GEBIEDEN, demo_wijken(), koppeling=lees_koppeling(KOPPELING))


@needs_data
def test_real_division_yields_the_23_demo_wijken(gebieden):
    wijken = demo_wijken()
    assert [v.code for v in gebieden.vormen] == sorted(wijken)
    assert gebieden.zonder_grens == ()
    assert gebieden.veld == "name" and gebieden.crs == "EPSG:4326"
    bronnen = {v.code: set(v.bronnen) for v in gebieden.vormen}
    assert bronnen["noord-oost"] == {"Noord-Oost (1)", "Noord-Oost (2)"}
    assert bronnen["bijlmer-centrum"] == {"Bijlmer-West", "Bijlmer-Centrum"}
    assert bronnen["geuzenveld-slotermeer"] == {"Sloterdijk Nieuw-West", "Geuzenveld, Slotermeer"}
    assert set(gebieden.genegeerd) == {"Weesp, Driemond"} | {f"Ouder-Amstel ({i})" for i in range(1, 6)}
    assert "Weesp, Driemond" in gebieden.samenvatting()
    for vorm in gebieden.vormen:
        geom = shapely.from_geojson(vorm.geometrie)
        assert geom.is_valid and geom.geom_type in {"Polygon", "MultiPolygon"}, vorm.code
        assert in_amsterdam(geom), vorm.code
    assert shapely.from_geojson(
        dict((v.code, v.geometrie) for v in gebieden.vormen)["noord-oost"]
    ).geom_type == ("MultiPolygon")


@needs_data
def test_real_division_is_light_and_keeps_neighbours_together(gebieden):
    assert gebieden.punten < gebieden.punten_bron / 2
    assert gebieden.grootte < 80_000
    geoms = [shapely.from_geojson(v.geometrie) for v in gebieden.vormen]
    totaal = sum(g.area for g in geoms)
    # shared borders are simplified once, for both neighbours: no new overlaps or gaps worth a mention
    assert shapely.union_all(geoms).area == pytest.approx(totaal, rel=1e-3)


@needs_data
def test_without_a_mapping_names_still_match_and_the_rest_is_reported():
    grenzen = lees_grenzen(GEBIEDEN, demo_wijken())
    assert (
        len(grenzen.vormen) == 23 - 0
    )  # Bijlmer-Centrum and Geuzenveld, Slotermeer still have their own part
    assert {"Bijlmer-West", "Sloterdijk Nieuw-West", "Weesp, Driemond"} <= set(grenzen.zonder_wijk)
    noord_oost = next(v for v in grenzen.vormen if v.code == "noord-oost")
    assert set(noord_oost.bronnen) == {"Noord-Oost (1)", "Noord-Oost (2)"}


@needs_data
def test_the_same_data_as_zipped_shapefile_in_rd_new(gebieden, tmp_path):
    frame = gpd.read_file(GEBIEDEN, engine="pyogrio")[["name", "geometry"]].to_crs(28992)
    zip_pad = tmp_path / "gebieden.shp.zip"
    frame.to_file(zip_pad, driver="ESRI Shapefile", engine="pyogrio")
    with zipfile.ZipFile(zip_pad) as z:
        assert {Path(n).suffix for n in z.namelist()} >= {".shp", ".dbf", ".shx", ".prj"}

    rd = lees_grenzen(zip_pad, demo_wijken(), koppeling=lees_koppeling(KOPPELING))
    assert rd.crs == "EPSG:28992"
    assert [v.code for v in rd.vormen] == [v.code for v in gebieden.vormen]
    for uit_rd, uit_json in zip(rd.vormen, gebieden.vormen, strict=True):
        assert uit_rd.oppervlakte_km2 == pytest.approx(uit_json.oppervlakte_km2, rel=0.005), uit_rd.code
        a, b = shapely.from_geojson(uit_rd.geometrie), shapely.from_geojson(uit_json.geometrie)
        assert a.is_valid and in_amsterdam(a)
        assert a.intersection(b).area / a.union(b).area > 0.99, uit_rd.code


def test_self_intersecting_polygons_are_repaired(tmp_path):
    pad = schrijf_geojson(
        tmp_path / "vlinder.geojson", [feature("Osdorp", VLINDER), feature("Oud-Oost", VIERKANT)]
    )
    grenzen = lees_grenzen(pad, {"osdorp": "Osdorp", "oud-oost": "Oud-Oost"}, tolerantie=0)
    assert grenzen.hersteld == ("Osdorp",)
    osdorp = shapely.from_geojson({v.code: v.geometrie for v in grenzen.vormen}["osdorp"])
    assert osdorp.is_valid and osdorp.geom_type == "MultiPolygon" and len(osdorp.geoms) == 2
    assert "Ongeldige geometrie hersteld: Osdorp" in grenzen.samenvatting()


def test_a_file_without_crs_in_lon_lat_is_read_as_wgs84(tmp_path):
    frame = gpd.GeoDataFrame({"naam": ["Oud-Oost"]}, geometry=[shapely.Polygon(VIERKANT)])  # no CRS
    pad = schrijf_zonder_crs(frame, tmp_path / "zonder-crs.shp.zip")
    grenzen = lees_grenzen(pad, {"oud-oost": "Oud-Oost"})
    assert grenzen.veld == "naam" and len(grenzen.vormen) == 1
    assert any("gelezen als WGS84" in m for m in grenzen.meldingen)


def test_geopackage_with_code_field(tmp_path):
    frame = gpd.GeoDataFrame(
        {"gebied_code": ["oud-oost", "XX99"], "omschrijving": ["iets", "anders"]},
        geometry=[shapely.Polygon(VIERKANT), shapely.Polygon(VLINDER).buffer(0)],
        crs=4326,
    ).to_crs(28992)
    pad = tmp_path / "grenzen.gpkg"
    frame.to_file(pad, layer="gebieden", engine="pyogrio")
    grenzen = lees_grenzen(pad, {"oud-oost": "Oud-Oost"}, veld="gebied_code")
    assert [v.code for v in grenzen.vormen] == ["oud-oost"]
    assert grenzen.zonder_wijk == ("XX99",) and grenzen.laag == "gebieden"


@pytest.mark.parametrize(
    ("inhoud", "naam", "melding"),
    [
        ("", "leeg.geojson", "is leeg"),
        ('{"type": "FeatureCollection", "features": [', "kapot.geojson", "geen geldig GeoJSON-bestand"),
        ("dit is geen kaart", "tekst.geojson", "geen geldig GeoJSON-bestand"),
        ("BRIN;NAAM\n00AA;School\n", "lijst.csv", "bevat geen vormen"),
        ('{"type": "FeatureCollection", "features": []}', "niets.geojson", "bevat geen objecten"),
    ],
)
def test_unreadable_files_give_a_dutch_message(tmp_path, inhoud, naam, melding):
    pad = tmp_path / naam
    pad.write_text(inhoud, encoding="utf-8")
    with pytest.raises(GrenzenFout) as fout:
        lees_grenzen(pad, {"oud-oost": "Oud-Oost"})
    assert melding.lower() in str(fout.value).lower()


def test_projected_coordinates_without_crs_are_refused(tmp_path):
    frame = gpd.GeoDataFrame({"name": ["Oud-Oost"]}, geometry=[shapely.box(122000, 485000, 123000, 486000)])
    pad = schrijf_zonder_crs(frame, tmp_path / "zonder-prj.shp.zip")
    with pytest.raises(GrenzenFout, match="Onbekend coördinatenstelsel.*prj"):
        lees_grenzen(pad, {"oud-oost": "Oud-Oost"})


def test_an_unknown_crs_is_refused(tmp_path):
    onbekend = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::99999"}}
    rd = [[122000, 485000], [123000, 485000], [123000, 486000], [122000, 485000]]
    pad = schrijf_geojson(tmp_path / "onbekend.geojson", [feature("Oud-Oost", rd)], crs=onbekend)
    with pytest.raises(GrenzenFout, match="coördinatenstelsel"):
        lees_grenzen(pad, {"oud-oost": "Oud-Oost"})


def test_a_file_that_matches_no_wijk_is_refused(tmp_path):
    pad = schrijf_geojson(
        tmp_path / "elders.geojson", [feature("Haarlem", VIERKANT), feature("Zaandam", VLINDER)]
    )
    with pytest.raises(GrenzenFout, match="Geen enkel object hoort bij een wijk.*Haarlem; Zaandam"):
        lees_grenzen(pad, {"oud-oost": "Oud-Oost"})


def test_an_unknown_field_is_refused(tmp_path):
    pad = schrijf_geojson(tmp_path / "a.geojson", [feature("Oud-Oost", VIERKANT)])
    with pytest.raises(GrenzenFout, match="geen veld 'code'. Velden: name"):
        lees_grenzen(pad, {"oud-oost": "Oud-Oost"}, veld="code")


def test_the_field_that_matches_most_is_chosen(tmp_path):
    features = [
        feature("Gebied A", VIERKANT, code="oud-oost"),
        feature("Gebied B", VLINDER, code="osdorp"),
    ]
    pad = schrijf_geojson(tmp_path / "a.geojson", features)
    grenzen = lees_grenzen(pad, {"oud-oost": "Oud-Oost", "osdorp": "Osdorp"})
    assert grenzen.veld == "code" and len(grenzen.vormen) == 2


def test_mapping_file_rules(tmp_path):
    pad = tmp_path / "k.csv"
    pad.write_text("bron;wijk\nGebied A;Oud-Oost\nGebied B;\n", encoding="utf-8")
    koppeling = lees_koppeling(pad)
    assert koppeling == {"gebied-a": "Oud-Oost", "gebied-b": ""}
    gebieden = schrijf_geojson(
        tmp_path / "a.geojson", [feature("Gebied A", VIERKANT), feature("Gebied B", VLINDER)]
    )
    grenzen = lees_grenzen(gebieden, {"oud-oost": "Oud-Oost"}, koppeling=koppeling)
    assert [v.code for v in grenzen.vormen] == ["oud-oost"] and grenzen.genegeerd == ("Gebied B",)

    pad.write_text("bron;wijk\nGebied A;Atlantis\n", encoding="utf-8")
    with pytest.raises(GrenzenFout, match="wijken die niet bestaan: Atlantis"):
        lees_grenzen(gebieden, {"oud-oost": "Oud-Oost"}, koppeling=lees_koppeling(pad))


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        ("", "is leeg"),
        ("naam,wijk\nA,oud-oost\n", "kopregel 'bron;wijk'"),
        ("bron;wijk\nA;oud-oost\nA;osdorp\n", "regel 3: 'A' staat er al met een andere wijk"),
    ],
)
def test_bad_mapping_files(tmp_path, inhoud, melding):
    pad = tmp_path / "k.csv"
    pad.write_text(inhoud, encoding="utf-8")
    with pytest.raises(GrenzenFout, match=melding):
        lees_koppeling(pad)


def test_keys_ignore_case_accents_and_punctuation():
    assert sleutel("Geuzenveld, Slotermeer") == "geuzenveld-slotermeer"
    assert sleutel(" IJburg,  Zeeburgereiland ") == sleutel("ijburg-zeeburgereiland")
    assert sleutel("Café Noord-Oost (2)") == "cafe-noord-oost-2"
