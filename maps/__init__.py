"""Maps of the wijken: pure functions from data to GeoJSON (and later folium HTML); no Flask.

`maps.grenzen` imports geopandas and is for import and preparation code only: nothing on a request
path may import it. The other modules need only shapely."""

STANDAARD_TOLERANTIE_M = (
    10.0  # boundary simplification for display: ~2 px at a wijk page's zoom, ~50 kB for 23 wijken
)
