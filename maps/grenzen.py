"""Wijk boundaries from a GIS file: read, reproject to WGS84, repair, join to wijken, dissolve, simplify.

Import and preparation code only: this module imports geopandas, so nothing on a request path may import it.
It touches no database: it returns the shapes and a report, and the caller stores them."""

import csv
import re
import unicodedata
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError, FieldError, GeometryError
from pyproj.exceptions import CRSError, ProjError
from shapely.errors import GEOSException

from maps import STANDAARD_TOLERANTIE_M
from maps.geometrie import naar_geojson, vlakken

WGS84 = "EPSG:4326"
_DEEL = re.compile(r"\s*\(\d+\)\s*$")  # "Noord-Oost (2)": one part of an area split over several features
_MAX_GENOEMD = 20  # longer lists in the report end with "… en N meer"
MAX_BYTES = 100 * 1024 * 1024  # the city's own boundary files are a few MB; refuse before reading into memory


class GrenzenFout(ValueError):
    """A file that cannot be imported; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class Wijkvorm:
    """One wijk's shape, ready to store: GeoJSON geometry text in WGS84 (lon/lat)."""

    code: str
    geometrie: str
    bronnen: tuple[str, ...]  # the features dissolved into it
    oppervlakte_km2: float
    punten: int


@dataclass(frozen=True)
class Grenzen:
    """The result of reading a boundary file, with everything the operator should be told."""

    vormen: tuple[Wijkvorm, ...]
    bestand: str
    laag: str
    veld: str
    crs: str
    tolerantie: float
    punten_bron: int
    genegeerd: tuple[str, ...] = ()  # features the mapping file assigns to no wijk
    zonder_wijk: tuple[str, ...] = ()  # features that matched no wijk at all
    zonder_grens: tuple[str, ...] = ()  # wijk codes the file has no shape for
    hersteld: tuple[str, ...] = ()  # features whose invalid geometry was repaired
    meldingen: tuple[str, ...] = ()

    @property
    def grootte(self) -> int:
        """Bytes of GeoJSON stored for all wijken together."""
        return sum(len(v.geometrie.encode()) for v in self.vormen)

    @property
    def punten(self) -> int:
        return sum(v.punten for v in self.vormen)

    def samenvatting(self) -> str:
        vereenvoudigd = (
            f"vereenvoudigd met tolerantie {_getal(self.tolerantie)} m van {self.punten_bron} naar {self.punten} punten"
            if self.tolerantie
            else f"niet vereenvoudigd, {self.punten} punten"
        )
        regels = [
            f"Wijkgrenzen gelezen uit {self.bestand} (laag '{self.laag}', veld '{self.veld}', {self.crs}): "
            f"{len(self.vormen)} wijken, {vereenvoudigd}, {_getal(self.grootte / 1000)} kB GeoJSON."
        ]
        samengevoegd = [f"{v.code} ← {', '.join(v.bronnen)}" for v in self.vormen if len(v.bronnen) > 1]
        if samengevoegd:
            regels.append(f"Samengevoegd: {'; '.join(samengevoegd)}.")
        if self.genegeerd:
            regels.append(f"Genegeerd volgens de koppeling: {_opsomming(self.genegeerd)}.")
        if self.zonder_wijk:
            regels.append(f"Genegeerd, bij geen wijk gevonden: {_opsomming(self.zonder_wijk)}.")
        if self.hersteld:
            regels.append(f"Ongeldige geometrie hersteld: {_opsomming(self.hersteld)}.")
        if self.zonder_grens:
            regels.append(f"Let op, geen grens in dit bestand voor: {_opsomming(self.zonder_grens)}.")
        regels.extend(self.meldingen)
        return "\n".join(regels)


def sleutel(tekst: str) -> str:
    """How names and codes are compared: case, accents and punctuation do not count ('Geuzenveld, Slotermeer' =
    'geuzenveld-slotermeer')."""
    ascii_tekst = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_tekst.lower()).strip("-")


def lees_koppeling(pad: Path) -> dict[str, str]:
    """A mapping file `bron;wijk` (UTF-8): a feature's name or code → a wijk's code or name; an empty wijk
    means "deliberately no wijk". Returns {sleutel(bron): wijk}."""
    try:
        tekst = Path(pad).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as fout:
        raise GrenzenFout(f"Het koppelbestand {Path(pad).name} is geen UTF-8-tekst.") from fout
    regels = [r for r in csv.reader(tekst.splitlines(), delimiter=";") if any(c.strip() for c in r)]
    if not regels:
        raise GrenzenFout(f"Het koppelbestand {Path(pad).name} is leeg.")
    kop = [k.strip().lower() for k in regels[0]]
    if kop[:2] != ["bron", "wijk"]:
        raise GrenzenFout(
            f"Het koppelbestand {Path(pad).name} moet beginnen met de kopregel 'bron;wijk' "
            f"(puntkomma als scheidingsteken), niet met '{';'.join(regels[0])}'."
        )
    koppeling: dict[str, str] = {}
    fouten = []
    for nummer, regel in enumerate(regels[1:], start=2):
        bron, wijk = (regel + ["", ""])[:2]
        sleutel_bron = sleutel(bron)
        if not sleutel_bron:
            fouten.append(f"regel {nummer}: geen bron")
        elif koppeling.get(sleutel_bron, wijk.strip()) != wijk.strip():
            fouten.append(f"regel {nummer}: '{bron.strip()}' staat er al met een andere wijk")
        else:
            koppeling[sleutel_bron] = wijk.strip()
    if fouten:
        raise GrenzenFout(f"Het koppelbestand {Path(pad).name} klopt niet: {'; '.join(fouten)}.")
    return koppeling


def lees_grenzen(
    pad: Path,
    wijken: Mapping[str, str],
    *,
    veld: str | None = None,
    koppeling: Mapping[str, str] | None = None,
    tolerantie: float = STANDAARD_TOLERANTIE_M,
) -> Grenzen:
    """Read a GeoJSON, (zipped) Shapefile or GeoPackage and return one simplified WGS84 shape per wijk.

    `wijken` maps code → naam. Features are joined to wijken by `veld` (or the field that matches most), first
    through `koppeling` (from `lees_koppeling`), then by the wijk's code or name; a trailing part number
    "(2)" is ignored when nothing matches it exactly. Raises GrenzenFout with a Dutch message."""
    try:
        return _lees_grenzen(Path(pad), wijken, veld, koppeling or {}, tolerantie)
    except GEOSException as fout:
        raise GrenzenFout(f"De vormen in {Path(pad).name} zijn niet te verwerken ({fout}).") from fout


def _lees_grenzen(
    pad: Path, wijken: Mapping[str, str], veld: str | None, koppeling: Mapping[str, str], tolerantie: float
) -> Grenzen:
    if tolerantie < 0:
        raise GrenzenFout("De tolerantie kan niet negatief zijn.")
    if pad.is_file() and pad.stat().st_size > MAX_BYTES:
        raise GrenzenFout(
            f"{pad.name} is groter dan {MAX_BYTES // (1024 * 1024)} MB; dat zijn geen wijkgrenzen."
        )
    opzoeken = _wijk_opzoeken(wijken)
    doelen = _koppeling_naar_codes(koppeling, opzoeken, pad)
    meldingen: list[str] = []

    laag, frame = _lees_bestand(pad, meldingen)
    veld, labels, codes = _kies_veld(frame, veld, doelen, opzoeken)

    genegeerd = tuple(labels[codes == ""])
    zonder_wijk = tuple(labels[pd.isna(codes)])
    gekoppeld = np.array([bool(c) for c in codes])
    frame, labels, codes = frame[gekoppeld], labels[gekoppeld], codes[gekoppeld]

    geometrie = frame.geometry.array
    leeg = geometrie.isna() | geometrie.is_empty
    if leeg.any():
        meldingen.append(f"Overgeslagen, zonder geometrie: {_opsomming(labels[leeg])}.")
    geen_vlak = ~leeg & ~np.isin(shapely.get_type_id(np.asarray(geometrie)), [3, 6])  # Polygon, MultiPolygon
    if geen_vlak.any():
        meldingen.append(f"Overgeslagen, geen vlak (punt of lijn): {_opsomming(labels[geen_vlak])}.")
    frame, hersteld = _herstel(frame[~leeg & ~geen_vlak], labels[~leeg & ~geen_vlak])
    labels, codes = labels[~leeg & ~geen_vlak], codes[~leeg & ~geen_vlak]
    over = frame.geometry.notna().to_numpy()  # a repair may leave nothing polygonal
    if not over.any():
        raise GrenzenFout(f"Geen bruikbaar vlak in {pad.name} hoort bij een wijk: niets geïmporteerd.")
    frame, labels, codes = frame[over], labels[over], codes[over]
    crs_naam, metrisch = _naar_metrisch(frame, pad, meldingen)
    punten_bron = int(shapely.get_num_coordinates(np.asarray(metrisch.geometry.array)).sum())

    delen: dict[str, list[tuple[str, shapely.Geometry]]] = {}
    for label, code, geom in zip(labels, codes, metrisch.geometry.array, strict=True):
        delen.setdefault(code, []).append((label, geom))

    codes_met_grens = list(delen)
    samengevoegd = [_samenvoegen([g for _, g in delen[c]]) for c in codes_met_grens]
    vereenvoudigd = _vereenvoudig(samengevoegd, tolerantie)
    decimalen = 6 if tolerantie < 2 else 5  # coordinates no finer than the simplification needs
    wgs84 = gpd.GeoSeries(vereenvoudigd, crs=metrisch.crs).to_crs(WGS84).array
    vormen = []
    for code, geom_m, geom in zip(codes_met_grens, vereenvoudigd, wgs84, strict=True):
        geom = vlakken(shapely.set_precision(geom, 10.0**-decimalen))
        if geom is None or not geom.is_valid:
            raise GrenzenFout(
                f"De vorm van wijk {code} gaat verloren bij het vereenvoudigen: kies een kleinere tolerantie."
            )
        vormen.append(
            Wijkvorm(
                code=code,
                geometrie=naar_geojson(geom, decimalen),
                bronnen=tuple(label for label, _ in delen[code]),
                oppervlakte_km2=geom_m.area / 1e6,
                punten=int(shapely.get_num_coordinates(geom)),
            )
        )
    return Grenzen(
        vormen=tuple(sorted(vormen, key=lambda v: v.code)),
        bestand=pad.name,
        laag=laag,
        veld=veld,
        crs=crs_naam,
        tolerantie=tolerantie,
        punten_bron=punten_bron,
        genegeerd=genegeerd,
        zonder_wijk=zonder_wijk,
        zonder_grens=tuple(c for c in wijken if c not in delen),
        hersteld=hersteld,
        meldingen=tuple(meldingen),
    )


def _wijk_opzoeken(wijken: Mapping[str, str]) -> dict[str, str]:
    """sleutel(code or naam) → code."""
    opzoeken = {sleutel(naam): code for code, naam in wijken.items()}
    opzoeken.update({sleutel(code): code for code in wijken})
    return opzoeken


def _koppeling_naar_codes(
    koppeling: Mapping[str, str], opzoeken: dict[str, str], pad: Path
) -> dict[str, str]:
    """The mapping with each wijk resolved to its code ("" = no wijk); unknown wijken are an error."""
    onbekend = sorted({w for w in koppeling.values() if w and sleutel(w) not in opzoeken})
    if onbekend:
        raise GrenzenFout(
            f"Het koppelbestand noemt wijken die niet bestaan: {_opsomming(onbekend)}. "
            f"Gebruik de code of naam van een wijk, bijvoorbeeld '{next(iter(opzoeken.values()), 'centrum-west')}'."
        )
    return {bron: opzoeken[sleutel(w)] if w else "" for bron, w in koppeling.items()}


def _lees_bestand(pad: Path, meldingen: list[str]) -> tuple[str, gpd.GeoDataFrame]:
    """The first layer with polygons; library warnings become report lines, read errors a GrenzenFout."""
    if pad.stat().st_size == 0:
        raise GrenzenFout(f"Het bestand {pad.name} is leeg.")
    soort = "GIS-bestand (GeoJSON, gezipte Shapefile of GeoPackage)"
    if pad.suffix.lower() in {".geojson", ".json"}:
        soort = "geldig GeoJSON-bestand"
    with warnings.catch_warnings(record=True) as gezien:
        warnings.simplefilter("always")
        try:
            lagen = pyogrio.list_layers(pad)
            if len(lagen) == 0:
                raise GrenzenFout(f"Het bestand {pad.name} bevat geen kaartlagen.")
            vlaklagen = [naam for naam, type_ in lagen if type_ and "Polygon" in type_]
            laag = (vlaklagen or [lagen[0][0]])[0]
            if len(lagen) > 1:
                meldingen.append(f"Het bestand heeft {len(lagen)} lagen; gelezen is laag '{laag}'.")
            frame = gpd.read_file(pad, layer=laag, engine="pyogrio")
        except (DataSourceError, DataLayerError, FieldError, GeometryError) as fout:
            raise GrenzenFout(f"{pad.name} is geen {soort} ({_gdal_melding(fout)}).") from fout
    meldingen.extend(f"Waarschuwing bij het lezen: {w.message}" for w in gezien)
    if not isinstance(frame, gpd.GeoDataFrame):  # e.g. a CSV: a table without geometry
        raise GrenzenFout(f"Het bestand {pad.name} bevat geen vormen, alleen een tabel.")
    if frame.empty:
        raise GrenzenFout(f"Het bestand {pad.name} bevat geen objecten.")
    return laag, frame


def _kies_veld(
    frame: gpd.GeoDataFrame, veld: str | None, doelen: Mapping[str, str], opzoeken: Mapping[str, str]
) -> tuple[str, np.ndarray, np.ndarray]:
    """The field to join on, each feature's label, and its wijk code ("" = no wijk on purpose, None = none)."""
    velden = [k for k in frame.columns if k != frame.geometry.name]
    if veld is not None and veld not in velden:
        raise GrenzenFout(f"Het bestand heeft geen veld '{veld}'. Velden: {_opsomming(velden) or 'geen'}.")
    if not velden:
        raise GrenzenFout("Het bestand heeft geen velden met namen of codes om aan wijken te koppelen.")
    kandidaten = {}
    for naam in [veld] if veld else velden:
        waarden = np.array([_tekst(w) for w in frame[naam]], dtype=object)
        codes = np.array([_wijk_van(w, doelen, opzoeken) for w in waarden], dtype=object)
        kandidaten[naam] = (waarden, codes)
    beste = max(kandidaten, key=lambda n: sum(c is not None for c in kandidaten[n][1]))
    waarden, codes = kandidaten[beste]
    if not any(codes):
        voorbeelden = _opsomming(list(dict.fromkeys(w for w in waarden if w))[:5])
        raise GrenzenFout(
            f"Geen enkel object hoort bij een wijk: niets geïmporteerd. Waarden in veld '{beste}': {voorbeelden}. "
            f"Kies een ander veld met --veld (velden: {_opsomming(velden)}) of geef een koppelbestand met "
            "--koppeling (kopregel bron;wijk)."
        )
    labels = np.array([w or f"object {i + 1}" for i, w in enumerate(waarden)], dtype=object)
    return beste, labels, codes


def _tekst(waarde) -> str:
    if waarde is None or (isinstance(waarde, float) and np.isnan(waarde)) or waarde is pd.NA:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde).strip()


def _wijk_van(waarde: str, doelen: Mapping[str, str], opzoeken: Mapping[str, str]) -> str | None:
    """A feature's wijk code: through the mapping, then by code or name; "" when the mapping says none."""
    pogingen = [waarde]
    if _DEEL.search(waarde):
        pogingen.append(_DEEL.sub("", waarde))
    for poging in pogingen:
        s = sleutel(poging)
        if s in doelen:
            return doelen[s]
        if s in opzoeken:
            return opzoeken[s]
    return None


def _herstel(frame: gpd.GeoDataFrame, labels: np.ndarray) -> tuple[gpd.GeoDataFrame, tuple[str, ...]]:
    """Repair invalid geometries (self-intersections and the like), keeping only their polygonal part."""
    geoms = np.asarray(frame.geometry.array)
    ongeldig = ~shapely.is_valid(geoms)
    if not ongeldig.any():
        return frame, ()
    geoms = geoms.copy()
    geoms[ongeldig] = [
        vlakken(g) for g in shapely.make_valid(geoms[ongeldig], method="structure", keep_collapsed=False)
    ]
    frame = frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs))
    return frame, tuple(labels[ongeldig])


def _naar_metrisch(frame: gpd.GeoDataFrame, pad: Path, meldingen: list[str]) -> tuple[str, gpd.GeoDataFrame]:
    """Check the coordinate system and reproject: to WGS84 to check the bounds, then to the local UTM zone."""
    if frame.crs is None:
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise GrenzenFout(
                f"Onbekend coördinatenstelsel in {pad.name}: het bestand noemt er geen (bij een Shapefile "
                "ontbreekt het .prj-bestand) en de coördinaten zijn geen lengte- en breedtegraden. Lever het "
                "bestand aan met zijn coördinatenstelsel, bijvoorbeeld EPSG:28992 (RD New)."
            )
        frame = frame.set_crs(WGS84)
        meldingen.append("Het bestand noemt geen coördinatenstelsel; de coördinaten zijn gelezen als WGS84.")
    crs_naam = frame.crs.to_string()
    with warnings.catch_warnings(record=True) as gezien:
        warnings.simplefilter("always")
        try:
            wgs84 = frame.to_crs(WGS84)
            minx, miny, maxx, maxy = wgs84.total_bounds
            if not (
                np.isfinite([minx, miny, maxx, maxy]).all()
                and -180 <= minx <= maxx <= 180
                and -90 <= miny <= maxy <= 90
            ):
                raise GrenzenFout(
                    f"De coördinaten in {pad.name} passen niet bij het opgegeven coördinatenstelsel ({crs_naam}): "
                    "het stelsel is onbekend of verkeerd opgegeven. Lever het bestand aan met zijn juiste "
                    "coördinatenstelsel, bijvoorbeeld EPSG:28992 (RD New)."
                )
            metrisch = wgs84.to_crs(wgs84.estimate_utm_crs())
        except (CRSError, ProjError) as fout:
            raise GrenzenFout(
                f"Het coördinatenstelsel van {pad.name} ({crs_naam}) is niet om te rekenen naar WGS84 "
                f"({_gdal_melding(fout)})."
            ) from fout
    meldingen.extend(f"Waarschuwing bij het omrekenen: {w.message}" for w in gezien)
    return crs_naam, metrisch


def _samenvoegen(delen: list[shapely.Geometry]) -> shapely.Geometry:
    """Dissolve a wijk's parts into one (Multi)Polygon."""
    geheel = shapely.union_all(delen) if len(delen) > 1 else delen[0]
    geheel = vlakken(geheel if geheel.is_valid else shapely.make_valid(geheel, method="structure"))
    if geheel is None:
        raise GrenzenFout("Het samenvoegen van de delen van een wijk leverde geen vlak op.")
    return geheel


def _vereenvoudig(geoms: list[shapely.Geometry], tolerantie: float) -> list[shapely.Geometry]:
    """Simplify the wijken together, so neighbours keep their shared borders (no gaps, no overlaps);
    a shape that comes out invalid is simplified on its own, preserving its topology."""
    if tolerantie == 0:
        return geoms
    samen = shapely.coverage_simplify(np.array(geoms, dtype=object), tolerantie)
    return [
        s if s.is_valid and not s.is_empty else shapely.simplify(g, tolerantie, preserve_topology=True)
        for g, s in zip(geoms, samen, strict=True)
    ]


def _opsomming(items) -> str:
    items = [str(i) for i in items]
    if len(items) > _MAX_GENOEMD:
        return f"{'; '.join(items[:_MAX_GENOEMD])} … en {len(items) - _MAX_GENOEMD} meer"
    return "; ".join(items)


def _getal(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0").replace(".", ",")


def _gdal_melding(fout: Exception) -> str:
    """GDAL's message without its hint about driver prefixes, which means nothing to our users."""
    return str(fout).split("; It might help")[0].strip().rstrip(".")
