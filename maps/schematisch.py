"""Schematic wijk shapes for the demo: Voronoi cells around each wijk's centre, clipped to a rough outline.

They look like a city map without being one: the demo ships them until real boundaries are imported.
Coordinates are (lon, lat) in WGS84; shapely only."""

import math
import random
from collections.abc import Mapping, Sequence

import numpy as np
import shapely

Punt = tuple[float, float]  # (lon, lat)


def schematische_vormen(centra: Mapping[str, Punt], omtrek: Sequence[Punt]) -> dict[str, shapely.Geometry]:
    """One cell per centre: the area closer to that centre than to any other, within the outline.

    Distances are taken with longitude shrunk by cos(latitude), so the cells are not stretched east-west."""
    if len(centra) < 2:
        raise ValueError("Schematische vormen vragen minstens twee wijkcentra.")
    if len(set(centra.values())) < len(centra):
        raise ValueError("Twee wijken hebben hetzelfde centrum.")
    schaal = math.cos(math.radians(float(np.mean([lat for _, lat in centra.values()]))))
    rand = _schaal(shapely.Polygon(omtrek), schaal)
    if not rand.is_valid:
        raise ValueError(f"De omtrek is geen geldig vlak: {shapely.is_valid_reason(rand)}.")
    punten = _schaal(shapely.MultiPoint(list(centra.values())), schaal)
    buiten = [code for code, p in zip(centra, punten.geoms, strict=True) if not rand.contains(p)]
    if buiten:
        raise ValueError(f"Centrum buiten de omtrek: {', '.join(buiten)}.")
    cellen = shapely.voronoi_polygons(punten, extend_to=rand, ordered=True)
    return {
        code: _schaal(cel.intersection(rand), 1 / schaal)
        for code, cel in zip(centra, cellen.geoms, strict=True)
    }


def punten_in(vorm: shapely.Geometry, aantal: int, zaad: str, marge: float = 0.001) -> list[Punt]:
    """`aantal` points spread at random but reproducibly (same `zaad`, same points) inside `vorm`,
    kept `marge` degrees away from its edge where the shape allows."""
    binnen = vorm.buffer(-marge)
    if binnen.is_empty or binnen.area < vorm.area / 10:
        binnen = vorm
    shapely.prepare(binnen)
    minx, miny, maxx, maxy = binnen.bounds
    rng = random.Random(zaad)
    punten: list[Punt] = []
    while len(punten) < aantal:
        x, y = round(rng.uniform(minx, maxx), 6), round(rng.uniform(miny, maxy), 6)
        if shapely.contains_xy(binnen, x, y):
            punten.append((x, y))
    return punten


def _schaal(geometrie: shapely.Geometry, factor: float) -> shapely.Geometry:
    return shapely.transform(geometrie, lambda xy: xy * np.array([factor, 1.0]))
