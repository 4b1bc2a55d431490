"""Chart geometry as plain data: templates draw it as inline SVG with presentation attributes only, so
charts need no script (strict CSP) and every figure is also in a table or a tooltip."""

from collections.abc import Sequence
from dataclasses import dataclass

from wijkportaal.core.web import aantal

# Light to dark blue: the count of meetings in a month (0, 1, 2, 3+).
TINTEN = ("#eef2f6", "#a9cce3", "#4a90c2", "#08466a")


@dataclass(frozen=True)
class Vak:
    x: float
    y: float
    breedte: float
    hoogte: float
    kleur: str
    waarde: int
    titel: str


@dataclass(frozen=True)
class Rij:
    label: str
    url: str | None
    y: float
    vakken: tuple[Vak, ...]
    totaal: int


@dataclass(frozen=True)
class Grafiek:
    breedte: int
    hoogte: int
    label_breedte: int
    kolommen: tuple[tuple[float, str], ...]  # (x of the column's centre, label)
    rijen: tuple[Rij, ...]
    rij_hoogte: int


LABEL_BREEDTE, RIJ_HOOGTE, KOP = 230, 20, 28


def heatmap(
    rijen: Sequence[tuple[str, str | None, Sequence[int]]],
    kolommen: Sequence[str],
    eenheid: tuple[str, str] = ("bijeenkomst", "bijeenkomsten"),
    breedte: int = 760,
) -> Grafiek:
    """One row per label, one square per column, darker for more (0, 1, 2, 3 or more)."""
    vak_b = (breedte - LABEL_BREEDTE - 8) / max(len(kolommen), 1)
    uit = []
    for i, (label, url, waarden) in enumerate(rijen):
        y = KOP + i * RIJ_HOOGTE
        vakken = tuple(
            Vak(
                x=LABEL_BREEDTE + j * vak_b,
                y=y,
                breedte=vak_b - 2,
                hoogte=RIJ_HOOGTE - 2,
                kleur=TINTEN[min(w, len(TINTEN) - 1)],
                waarde=w,
                titel=f"{label}, {kolommen[j]}: {aantal(w, *eenheid)}",
            )
            for j, w in enumerate(waarden)
        )
        uit.append(Rij(label, url, y, vakken, sum(waarden)))
    koppen = tuple((LABEL_BREEDTE + (j + 0.5) * vak_b, k) for j, k in enumerate(kolommen))
    return Grafiek(breedte, KOP + len(rijen) * RIJ_HOOGTE + 4, LABEL_BREEDTE, koppen, tuple(uit), RIJ_HOOGTE)


def gestapeld(
    rijen: Sequence[tuple[str, str | None, Sequence[int]]],
    delen: Sequence[tuple[str, str]],
    breedte: int = 760,
) -> Grafiek:
    """Horizontal stacked bars: per row, one segment per part (name, colour), scaled to the largest row."""
    grootste = max((sum(w) for _, _, w in rijen), default=0) or 1
    schaal = (breedte - LABEL_BREEDTE - 40) / grootste
    uit = []
    for i, (label, url, waarden) in enumerate(rijen):
        y = KOP + i * RIJ_HOOGTE
        x = float(LABEL_BREEDTE)
        vakken = []
        for (naam, kleur), w in zip(delen, waarden, strict=True):
            if w:
                vakken.append(Vak(x, y, w * schaal, RIJ_HOOGTE - 4, kleur, w, f"{label}: {w} {naam}"))
                x += w * schaal
        uit.append(Rij(label, url, y, tuple(vakken), sum(waarden)))
    return Grafiek(breedte, KOP + len(rijen) * RIJ_HOOGTE + 4, LABEL_BREEDTE, (), tuple(uit), RIJ_HOOGTE)
