"""`flask import grenzen`: the real city division stored in one transaction, bad files leave nothing behind,
and geopandas stays off the request path."""

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from wijkportaal.demo import WIJKEN_CSV
from wijkportaal.wijken import cli as grenzen_cli
from wijkportaal.wijken.models import Wijk, Wijkgrens
from wijkportaal.wijken.services import load_wijken, vervang_grenzen

ROOT = Path(__file__).resolve().parents[2]
GEBIEDEN = ROOT.parent / "shared" / "data" / "amsterdam-diemen-gebieden-jetlag.geojson"
KOPPELING = ROOT / "wijkportaal" / "demo" / "gebieden-koppeling.csv"
VIERKANT = [[4.90, 52.36], [4.91, 52.36], [4.91, 52.37], [4.90, 52.37], [4.90, 52.36]]
VLINDER = [[4.80, 52.35], [4.82, 52.37], [4.82, 52.35], [4.80, 52.37], [4.80, 52.35]]

needs_data = pytest.mark.skipif(not GEBIEDEN.exists(), reason="../shared/data is not present")


@pytest.fixture
def wijken(db):
    load_wijken(db, WIJKEN_CSV)
    db.commit()
    return {w.code: w for w in db.exec(select(Wijk))}


@pytest.fixture
def bestaand(db, wijken):
    """Two boundaries already stored, so a failed import can be seen to leave them alone."""
    vervang_grenzen(
        db,
        {
            wijken[
                "osdorp"
            ].id: '{"type":"Polygon","coordinates":[[[4.7,52.3],[4.8,52.3],[4.8,52.4],[4.7,52.3]]]}',
            wijken[
                "diemen"
            ].id: '{"type":"Polygon","coordinates":[[[4.9,52.3],[5.0,52.3],[5.0,52.4],[4.9,52.3]]]}',
        },
        bron="schematisch",
        is_schematisch=True,
    )
    db.commit()
    return opgeslagen(db)


def opgeslagen(db: Session) -> dict[str, tuple]:
    db.expire_all()
    rijen = db.exec(select(Wijk.code, Wijkgrens).join(Wijkgrens, Wijkgrens.wijk_id == Wijk.id)).all()
    return {code: (g.geometrie, g.is_schematisch, g.bron, g.bijgewerkt_op) for code, g in rijen}


def geojson(pad: Path, features: list[tuple[str, list]]) -> Path:
    pad.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": naam},
                        "geometry": {"type": "Polygon", "coordinates": [c]},
                    }
                    for naam, c in features
                ],
            }
        ),
        encoding="utf-8",
    )
    return pad


@needs_data
def test_real_division_gives_the_23_wijken(runner, db, wijken, bestaand):
    result = runner.invoke(args=["import", "grenzen", str(GEBIEDEN), "--koppeling", str(KOPPELING)])
    assert result.exit_code == 0, result.output
    assert "23 wijken" in result.output and "23 wijkgrenzen opgeslagen" in result.output
    assert "Genegeerd volgens de koppeling: Weesp, Driemond; Ouder-Amstel (1)" in result.output
    assert "bijlmer-centrum ← Bijlmer-West, Bijlmer-Centrum" in result.output
    assert "kB GeoJSON" in result.output

    rijen = opgeslagen(db)
    assert sorted(rijen) == sorted(wijken)
    for code, (geometrie, is_schematisch, bron, _) in rijen.items():
        geom = shapely.from_geojson(geometrie)
        assert geom.is_valid and not is_schematisch, code
        minx, miny, maxx, maxy = geom.bounds
        assert minx >= 4.72 and maxx <= 5.08 and miny >= 52.26 and maxy <= 52.44, code
        assert bron.startswith("amsterdam-diemen-gebieden-jetlag.geojson (veld name, koppeling")
    assert shapely.from_geojson(rijen["noord-oost"][0]).geom_type == "MultiPolygon"
    assert sum(len(g) for g, *_ in rijen.values()) < 80_000


@needs_data
def test_zipped_shapefile_in_rd_new_gives_the_same_wijken(runner, db, wijken, tmp_path):
    assert (
        runner.invoke(args=["import", "grenzen", str(GEBIEDEN), "--koppeling", str(KOPPELING)]).exit_code == 0
    )
    uit_geojson = opgeslagen(db)

    zip_pad = tmp_path / "gebieden-rd.shp.zip"
    gpd.read_file(GEBIEDEN, engine="pyogrio")[["name", "geometry"]].to_crs(28992).to_file(
        zip_pad, driver="ESRI Shapefile", engine="pyogrio"
    )
    result = runner.invoke(args=["import", "grenzen", str(zip_pad), "--koppeling", str(KOPPELING)])
    assert result.exit_code == 0, result.output
    assert "EPSG:28992" in result.output
    uit_shapefile = opgeslagen(db)
    assert sorted(uit_shapefile) == sorted(uit_geojson) == sorted(wijken)
    oppervlak = (
        gpd.GeoSeries(
            [shapely.from_geojson(uit_shapefile[c][0]) for c in sorted(wijken)]
            + [shapely.from_geojson(uit_geojson[c][0]) for c in sorted(wijken)],
            crs=4326,
        )
        .to_crs(28992)
        .area.to_numpy()
    )
    assert oppervlak[:23] == pytest.approx(oppervlak[23:], rel=0.005)


def test_a_file_that_leaves_wijken_empty_is_refused_without_vervang_alles(
    runner, db, wijken, bestaand, tmp_path
):
    pad = geojson(tmp_path / "een.geojson", [("Oud-Oost", VIERKANT)])
    voor = opgeslagen(db)
    result = runner.invoke(args=["import", "grenzen", str(pad)])
    assert result.exit_code == 1, result.output
    assert f"geen grens voor {len(wijken) - 1} wijken" in result.output
    assert "Osdorp" in result.output and "--vervang-alles" in result.output
    assert "Er is niets opgeslagen." in result.output
    db.expire_all()
    assert opgeslagen(db) == voor


def test_reimport_replaces_all_boundaries(runner, db, wijken, bestaand, tmp_path):
    pad = geojson(tmp_path / "twee.geojson", [("Oud-Oost", VIERKANT), ("Osdorp", VLINDER)])
    result = runner.invoke(args=["import", "grenzen", str(pad), "--tolerantie", "0", "--vervang-alles"])
    assert result.exit_code == 0, result.output
    assert "Ongeldige geometrie hersteld: Osdorp" in result.output
    assert "Let op, geen grens in dit bestand voor:" in result.output
    rijen = opgeslagen(db)
    assert sorted(rijen) == ["osdorp", "oud-oost"]  # the schematic Diemen is gone: one source per map
    assert not any(is_schematisch for _, is_schematisch, *_ in rijen.values())
    osdorp = shapely.from_geojson(rijen["osdorp"][0])
    assert osdorp.is_valid and osdorp.geom_type == "MultiPolygon"

    result = runner.invoke(args=["import", "grenzen", str(pad), "--vervang-alles"])
    assert result.exit_code == 0, result.output
    assert sorted(opgeslagen(db)) == ["osdorp", "oud-oost"]


def _zonder_prj(pad: Path) -> Path:
    frame = gpd.GeoDataFrame({"name": ["Oud-Oost"]}, geometry=[shapely.box(122000, 485000, 123000, 486000)])
    with pytest.warns(UserWarning, match="'crs' was not provided"):
        frame.to_file(pad, driver="ESRI Shapefile", engine="pyogrio")
    return pad


def _onbekende_crs(pad: Path) -> Path:
    rd = [[122000, 485000], [123000, 485000], [123000, 486000], [122000, 485000]]
    geojson(pad, [("Oud-Oost", rd)])
    data = json.loads(pad.read_text(encoding="utf-8"))
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::99999"}}
    pad.write_text(json.dumps(data), encoding="utf-8")
    return pad


def _groot(pad: Path) -> Path:
    """A 200 MB file, sparse on disk, so the test costs no space or time."""
    with pad.open("wb") as f:
        f.truncate(200 * 1024 * 1024)
    return pad


def _tekst(inhoud: str):
    def maak(pad: Path) -> Path:
        pad.write_text(inhoud, encoding="utf-8")
        return pad

    return maak


@pytest.mark.parametrize(
    ("naam", "maak", "melding"),
    [
        (
            "kapot.geojson",
            _tekst('{"type": "FeatureCollection", "features": [{"type": '),
            "geen geldig GeoJSON-bestand",
        ),
        ("leeg.geojson", _tekst(""), "is leeg"),
        ("groot.geojson", _groot, "mag hoogstens 20 MB"),
        ("zonder-prj.shp.zip", _zonder_prj, "Onbekend coördinatenstelsel"),
        ("onbekend.geojson", _onbekende_crs, "passen niet bij het opgegeven coördinatenstelsel"),
        (
            "elders.geojson",
            lambda p: geojson(p, [("Haarlem", VIERKANT)]),
            "Geen enkel object hoort bij een wijk",
        ),
    ],
)
def test_bad_files_change_nothing(runner, db, bestaand, tmp_path, naam, maak, melding):
    result = runner.invoke(args=["import", "grenzen", str(maak(tmp_path / naam))])
    assert result.exit_code == 1, result.output
    assert melding in result.output and "Er is niets opgeslagen." in result.output
    assert "Traceback" not in result.output
    assert opgeslagen(db) == bestaand


def test_a_mapping_to_an_unknown_wijk_changes_nothing(runner, db, bestaand, tmp_path):
    koppeling = tmp_path / "k.csv"
    koppeling.write_text("bron;wijk\nOud-Oost;Atlantis\n", encoding="utf-8")
    pad = geojson(tmp_path / "a.geojson", [("Oud-Oost", VIERKANT)])
    result = runner.invoke(args=["import", "grenzen", str(pad), "--koppeling", str(koppeling)])
    assert result.exit_code == 1 and "wijken die niet bestaan: Atlantis" in result.output
    assert opgeslagen(db) == bestaand


def test_a_failure_while_writing_rolls_everything_back(runner, db, bestaand, tmp_path, monkeypatch):
    def half_en_dan_stuk(session, *args, **kwargs):
        vervang_grenzen(session, *args, **kwargs)
        raise OperationalError("INSERT", {}, Exception("schijf vol"))

    monkeypatch.setattr(grenzen_cli, "vervang_grenzen", half_en_dan_stuk)
    pad = geojson(tmp_path / "a.geojson", [("Oud-Oost", VIERKANT)])
    result = runner.invoke(args=["import", "grenzen", str(pad), "--vervang-alles"])
    assert result.exit_code == 1 and "De database gaf een fout" in result.output
    assert opgeslagen(db) == bestaand


def test_without_wijken_nothing_is_imported(runner, tmp_path):
    result = runner.invoke(
        args=["import", "grenzen", str(geojson(tmp_path / "a.geojson", [("Oud-Oost", VIERKANT)]))]
    )
    assert result.exit_code == 1 and "flask wijken import" in result.output


def test_the_web_app_does_not_import_geopandas(sqlite_template, tmp_path):
    """Pages and the API must start and answer without geopandas (or pyogrio) loaded."""
    database = tmp_path / "app.sqlite"
    shutil.copy(sqlite_template, database)
    script = textwrap.dedent(
        f"""
        import sys
        import wijkportaal.pages.routes
        from wijkportaal import create_app

        app = create_app({{"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": "sqlite:///{database}"}})
        assert "grenzen" in app.cli.commands["import"].commands  # the command is registered ...
        client = app.test_client()
        assert client.get("/inloggen").status_code == 200
        client.get("/api/v1/wijken")
        loaded = sorted(m for m in ("geopandas", "pyogrio", "maps.grenzen") if m in sys.modules)
        print(loaded)  # ... but its heavy imports wait until it runs
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
