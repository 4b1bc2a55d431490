"""Small shapely helpers shared by the boundary import and the schematic demo shapes."""

import json

import numpy as np
import shapely
from shapely.geometry import mapping


def naar_geojson(geometrie: shapely.Geometry, decimalen: int = 6) -> str:
    """A compact GeoJSON geometry text with coordinates rounded to `decimalen` (6 ≈ 0.1 m, 5 ≈ 1 m)."""
    afgerond = shapely.transform(geometrie, lambda xy: np.round(xy, decimalen))
    return json.dumps(mapping(afgerond), separators=(",", ":"))


def vlakken(geometrie: shapely.Geometry | None) -> shapely.Geometry | None:
    """Only the polygonal part of a geometry (make_valid may leave lines or points); None when there is none."""
    if geometrie is None or geometrie.is_empty:
        return None
    if isinstance(geometrie, shapely.Polygon | shapely.MultiPolygon):
        return geometrie
    delen = [d for d in shapely.get_parts(geometrie) if isinstance(d, shapely.Polygon | shapely.MultiPolygon)]
    if not delen:
        return None
    return shapely.union_all(delen) if len(delen) > 1 else delen[0]
