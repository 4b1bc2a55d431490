"""The geometry of the monitor chart (stacked bars for SBO and SO, a line for the target), as pure data.

The template draws it as inline SVG with presentation attributes only, so it needs no script or style."""

from dataclasses import dataclass

from wijkportaal.monitor.rules import Overzicht

BREEDTE, HOOGTE = 640, 300
LINKS, RECHTS, BOVEN, ONDER = 48, 16, 16, 40


@dataclass(frozen=True)
class Staaf:
    label: str
    x: float
    breedte: float
    sbo: int
    so: int
    y_sbo: float
    h_sbo: float
    y_so: float
    h_so: float

    @property
    def midden(self) -> float:
        return self.x + self.breedte / 2


@dataclass(frozen=True)
class Doelpunt:
    label: str
    x: float
    y: float
    waarde: int
    is_basis: bool


@dataclass(frozen=True)
class Grafiek:
    breedte: int
    hoogte: int
    links: int
    rechts: int
    boven: int
    nul_y: float
    staven: list[Staaf]
    doelpunten: list[Doelpunt]
    ticks: list[tuple[float, int]]

    @property
    def doellijn(self) -> str:
        """The SVG `points` of the target line."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.doelpunten)


def _stap(maximum: int) -> int:
    """A round tick step (1, 2 or 5 × 10ⁿ) giving at most six ticks above zero."""
    stap = 1
    while True:
        for factor in (1, 2, 5):
            if maximum <= 6 * stap * factor:
                return stap * factor
        stap *= 10


def grafiek(overzicht: Overzicht, breedte: int = BREEDTE, hoogte: int = HOOGTE) -> Grafiek:
    regels = overzicht.regels
    waarden = [r.aantallen.totaal for r in regels if r.aantallen] + [r.doel for r in regels if r.doel]
    stap = _stap(max(waarden, default=0) or 1)
    top = stap * -(-max(waarden, default=0) // stap) or stap
    plot_h = hoogte - BOVEN - ONDER
    nul_y = BOVEN + plot_h

    def y(waarde: int) -> float:
        return nul_y - waarde * plot_h / top

    kolom = (breedte - LINKS - RECHTS) / max(len(regels), 1)
    heeft_doelen = any(r.doel is not None for r in regels)
    staven, punten = [], []
    for i, r in enumerate(regels):
        x = LINKS + i * kolom
        sbo = r.aantallen.sbo if r.aantallen else 0
        so = r.aantallen.so if r.aantallen else 0
        staaf_b = kolom * 0.5
        sx = x + (kolom - staaf_b) / 2
        staven.append(
            Staaf(
                label=r.label,
                x=sx,
                breedte=staaf_b,
                sbo=sbo,
                so=so,
                y_sbo=y(sbo),
                h_sbo=nul_y - y(sbo),
                y_so=y(sbo + so),
                h_so=y(sbo) - y(sbo + so),
            )
        )
        # The line starts at the baseline itself: the number every reduction is taken from.
        if r.is_basisjaar and r.aantallen is not None and heeft_doelen:
            punten.append(
                Doelpunt(r.label, sx + staaf_b / 2, y(r.aantallen.totaal), r.aantallen.totaal, True)
            )
        elif r.doel is not None:
            punten.append(Doelpunt(r.label, sx + staaf_b / 2, y(r.doel), r.doel, False))
    ticks = [(y(v), v) for v in range(0, top + 1, stap)]
    return Grafiek(breedte, hoogte, LINKS, RECHTS, BOVEN, nul_y, staven, punten, ticks)
