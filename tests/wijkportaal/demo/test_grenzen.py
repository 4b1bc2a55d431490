"""The demo's schematic wijk shapes and its schools placed inside them, the same on every load."""

import shutil

import shapely
from sqlmodel import Session, select

from wijkportaal import create_app
from wijkportaal.demo import load_demo
from wijkportaal.demo.grenzen import BRON
from wijkportaal.wijken.models import Organisatie, Wijk, Wijkgrens


def _laad(app) -> None:
    with Session(app.extensions["db_engine"], expire_on_commit=False) as session:
        load_demo(session)
        session.commit()


def test_demo_stores_a_schematic_shape_for_every_wijk_and_places_its_schools(app, db):
    _laad(app)
    grenzen = {g.wijk_id: g for g in db.exec(select(Wijkgrens))}
    wijken = list(db.exec(select(Wijk)))
    assert sorted(grenzen) == sorted(w.id for w in wijken) and len(wijken) == 23
    assert all(g.is_schematisch and g.bron == BRON for g in grenzen.values())
    vormen = {wijk_id: shapely.from_geojson(g.geometrie) for wijk_id, g in grenzen.items()}
    assert all(v.is_valid and v.geom_type in {"Polygon", "MultiPolygon"} for v in vormen.values())
    assert sum(len(g.geometrie) for g in grenzen.values()) < 20_000

    scholen = [o for o in db.exec(select(Organisatie)) if o.soort.is_school]
    assert len(scholen) > 200
    for school in scholen:
        assert school.lat is not None and school.lon is not None, school.naam
        assert vormen[school.wijk_id].contains(shapely.Point(school.lon, school.lat)), school.naam
    assert len({(s.lat, s.lon) for s in scholen}) == len(scholen)


def test_school_positions_are_the_same_on_every_load(app, db, tmp_path, sqlite_template):
    _laad(app)
    eerste = {o.code: (o.lat, o.lon) for o in db.exec(select(Organisatie)) if o.soort.is_school}

    shutil.copy(sqlite_template, tmp_path / "tweede.sqlite")
    url = f"sqlite:///{tmp_path / 'tweede.sqlite'}"
    tweede_app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": url})
    _laad(tweede_app)
    with Session(tweede_app.extensions["db_engine"]) as session:
        tweede = {o.code: (o.lat, o.lon) for o in session.exec(select(Organisatie)) if o.soort.is_school}
    tweede_app.extensions["db_engine"].dispose()
    assert tweede == eerste
