"""Schematic wijk shapes for the demo, and positions for its schools inside them.

A fresh clone has no real boundaries (those come in with `flask import grenzen`), so the demo generates its
own: Voronoi cells around each wijk's approximate centre (wijkcentra.csv), clipped to a rough outline of
Amsterdam and Diemen (omtrek.csv). They are stored with is_schematisch=True so the map can say so."""

import csv
from pathlib import Path

from sqlmodel import Session, select

from maps.geometrie import naar_geojson
from maps.schematisch import punten_in, schematische_vormen
from wijkportaal.wijken.models import Organisatie, Wijk
from wijkportaal.wijken.services import vervang_grenzen

CENTRA_CSV = Path(__file__).with_name("wijkcentra.csv")
OMTREK_CSV = Path(__file__).with_name("omtrek.csv")
BRON = "Schematische demovormen (Voronoi rond wijkcentra), geen echte grenzen"


def lees_centra(pad: Path = CENTRA_CSV) -> dict[str, tuple[float, float]]:
    """code → (lon, lat) from a `code;lat;lon` file."""
    with pad.open(encoding="utf-8", newline="") as f:
        return {r["code"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(f, delimiter=";")}


def lees_omtrek(pad: Path = OMTREK_CSV) -> list[tuple[float, float]]:
    """The outline's corners as (lon, lat) from a `lat;lon` file."""
    with pad.open(encoding="utf-8", newline="") as f:
        return [(float(r["lon"]), float(r["lat"])) for r in csv.DictReader(f, delimiter=";")]


def laad_schematische_grenzen(session: Session, seed: int) -> int:
    """Store a schematic shape for every wijk and place each school without a position inside its wijk."""
    wijken = list(session.exec(select(Wijk).order_by(Wijk.id)))
    centra = lees_centra()
    zonder = [w.code for w in wijken if w.code not in centra]
    if zonder:
        raise ValueError(f"Geen centrum in {CENTRA_CSV.name} voor: {', '.join(zonder)}.")
    vormen = schematische_vormen({w.code: centra[w.code] for w in wijken}, lees_omtrek())
    vervang_grenzen(
        session, {w.id: naar_geojson(vormen[w.code]) for w in wijken}, bron=BRON, is_schematisch=True
    )
    for wijk in wijken:
        scholen = [
            o
            for o in session.exec(
                select(Organisatie)
                .where(Organisatie.wijk_id == wijk.id, Organisatie.lat.is_(None))
                .order_by(Organisatie.id)
            )
            if o.soort.is_school
        ]
        for school, (lon, lat) in zip(
            scholen, punten_in(vormen[wijk.code], len(scholen), f"{seed}:{wijk.code}"), strict=True
        ):
            school.lat, school.lon = lat, lon
    session.flush()
    return len(wijken)
