"""A map layer as a PNG, for the annual monitor: the same layer data as the folium map, drawn with matplotlib.

Pure: no Flask, no database. Uses matplotlib's object API (no pyplot), so it needs no display."""

import math
from collections.abc import Iterator
from typing import BinaryIO

import matplotlib
import shapely
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from maps.kaart import GEEN_GEGEVENS, SCHEMATISCH, Kaartlaag


def teken_png(laag: Kaartlaag, uitvoer: str | BinaryIO, *, breedte_cm: float = 24, dpi: int = 150) -> None:
    """Draw `laag` (areas with their colour and name, points, a Dutch legend and title) to a PNG.

    Names are text, never mathtext: "€ 5 en $ 6" must not be typeset as a formula."""
    with matplotlib.rc_context({"text.parse_math": False}):
        _teken(laag, uitvoer, breedte_cm, dpi)


def _teken(laag: Kaartlaag, uitvoer: str | BinaryIO, breedte_cm: float, dpi: int) -> None:
    figuur = Figure(figsize=(breedte_cm / 2.54, breedte_cm / 2.54 * 0.8), dpi=dpi, layout="constrained")
    as_ = figuur.add_subplot()
    lats = []
    for feature in laag.wijken["features"]:
        geometrie = shapely.geometry.shape(feature["geometry"])
        eigenschappen = feature["properties"]
        for vlak in _vlakken(geometrie):
            as_.add_patch(
                PathPatch(
                    _pad(vlak),
                    facecolor=eigenschappen.get("kleur", GEEN_GEGEVENS),
                    edgecolor="#4a4a4a",
                    linewidth=0.6,
                    alpha=0.3 if eigenschappen.get("gedimd") else 0.85,
                )
            )
        grootste = max(_vlakken(geometrie), key=lambda v: v.area)
        label = grootste.representative_point()
        lats.append(label.y)
        as_.annotate(
            eigenschappen.get("naam", ""),
            (label.x, label.y),
            ha="center",
            va="center",
            fontsize=5.5,
            color="#1a1a1a",
        )
    punten = (laag.punten or {}).get("features", [])
    if punten:
        as_.scatter(
            [p["geometry"]["coordinates"][0] for p in punten],
            [p["geometry"]["coordinates"][1] for p in punten],
            s=9,
            c=[p["properties"].get("kleur", "#333333") for p in punten],
            edgecolors="white",
            linewidths=0.4,
            zorder=3,
        )
    as_.autoscale_view()
    if lats:
        as_.set_aspect(1 / math.cos(math.radians(sum(lats) / len(lats))))  # degrees of longitude are shorter
    as_.set_axis_off()
    as_.set_title(laag.titel, fontsize=13, loc="left")
    handvatten = list(_legenda(laag))
    if handvatten:
        as_.legend(handles=handvatten, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    if laag.schematisch:
        figuur.text(
            0.5,
            0.01,
            SCHEMATISCH,
            ha="center",
            va="bottom",
            fontsize=10,
            fontweight="bold",
            color="#4d3600",
            bbox={"facecolor": "#fff3cd", "edgecolor": "#8a6100", "boxstyle": "round,pad=0.4"},
        )
    figuur.savefig(uitvoer, format="png", facecolor="white")


def _vlakken(geometrie: shapely.Geometry) -> list[shapely.Polygon]:
    return [g for g in shapely.get_parts(geometrie) if isinstance(g, shapely.Polygon)]


def _pad(vlak: shapely.Polygon) -> MplPath:
    """A matplotlib path of a polygon with its holes."""
    hoekpunten, codes = [], []
    for ring in (vlak.exterior, *vlak.interiors):
        coords = list(ring.coords)
        hoekpunten += coords
        codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(coords) - 2) + [MplPath.CLOSEPOLY]
    return MplPath(hoekpunten, codes)


def _legenda(laag: Kaartlaag) -> Iterator:
    for legenda in laag.legenda:
        yield Patch(visible=False, label=legenda.titel)  # a heading line
        for post in legenda.posten:
            if legenda.punten:
                yield Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markerfacecolor=post.kleur,
                    markeredgecolor="white",
                    label=post.label,
                )
            else:
                yield Patch(facecolor=post.kleur, edgecolor="#4a4a4a", label=post.label)
