"""The arithmetic of Geen Kind de Buurt Uit as pure functions: targets, progress, avoided referrals, vrijval.

No Flask, no database: counts and cents in, counts and cents out.

Definitions (the UI states the same):
- Target (doel): the baseline total (SBO + SO) of the baseline year, reduced year after year by that
  year's percentage of the year before's *target*: doel(j) = basis × Π (1 − p/100). It is the highest
  whole number of referrals that still meets the reduction, so it is rounded down — once, at the end,
  so rounding never compounds.
- On track (op koers): the actual total is at most the target.
- Avoided referrals (vermeden), per type: last year's actual − this year's actual, never below zero.
  A rise of one type is not set off against a fall of the other.
- Vrijval: avoided SBO × average yearly cost of an SBO referral + avoided SO × that of an SO referral.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

BASISJAAR = 2023  # 2023-2024, the year before the first target of the convenant
STANDAARD_REDUCTIES: Mapping[int, int] = {2024: 10, 2025: 30, 2026: 60}


@dataclass(frozen=True)
class Aantallen:
    """Referrals in one school year: counts only."""

    sbo: int
    so: int

    def __post_init__(self) -> None:
        if self.sbo < 0 or self.so < 0:
            raise ValueError("Aantallen kunnen niet negatief zijn.")

    @property
    def totaal(self) -> int:
        return self.sbo + self.so


@dataclass(frozen=True)
class Kosten:
    """Average yearly cost of one referral, per type, in cents."""

    sbo_cents: int
    so_cents: int


# Clearly fictional demo values, to be replaced by the SWV's own figures.
STANDAARD_KOSTEN = Kosten(sbo_cents=1_200_000, so_cents=2_500_000)


def doelen(basis: int, reducties: Mapping[int, int], basisjaar: int = BASISJAAR) -> dict[int, int]:
    """Target total per school year after the baseline, up to the last year with a percentage.

    A year without a percentage between target years keeps the year before's target (0 %)."""
    if basis < 0:
        raise ValueError("Het basisaantal kan niet negatief zijn.")
    for jaar, procent in reducties.items():
        if not 0 <= procent <= 100:
            raise ValueError(f"Reductie {procent} % voor {jaar} ligt niet tussen 0 en 100.")
    laatste = max((j for j in reducties if j > basisjaar), default=basisjaar)
    factor = Fraction(1)
    result = {}
    for jaar in range(basisjaar + 1, laatste + 1):
        factor *= 1 - Fraction(reducties.get(jaar, 0), 100)
        result[jaar] = math.floor(basis * factor)
    return result


def op_koers(werkelijk: int, doel: int) -> bool:
    return werkelijk <= doel


def vermeden(vorig: Aantallen, dit: Aantallen) -> Aantallen:
    """Referrals avoided compared with the year before, per type, never below zero."""
    return Aantallen(sbo=max(0, vorig.sbo - dit.sbo), so=max(0, vorig.so - dit.so))


def vrijval_cents(vermeden_aantallen: Aantallen, kosten: Kosten) -> int:
    return vermeden_aantallen.sbo * kosten.sbo_cents + vermeden_aantallen.so * kosten.so_cents


@dataclass(frozen=True)
class Jaarregel:
    """One school year of one wijk: actual against target, avoided referrals and vrijval."""

    schooljaar: int
    aantallen: Aantallen | None
    is_basisjaar: bool
    reductie_procent: int | None
    doel: int | None
    vermeden: Aantallen | None
    vrijval_cents: int | None
    daling_procent: Decimal | None = None  # the actual fall against the year before

    @property
    def label(self) -> str:
        return f"{self.schooljaar}-{self.schooljaar + 1}"

    @property
    def verschil(self) -> int | None:
        """Actual − target: negative is better than the target."""
        if self.aantallen is None or self.doel is None:
            return None
        return self.aantallen.totaal - self.doel

    @property
    def op_koers(self) -> bool | None:
        if self.aantallen is None or self.doel is None:
            return None
        return op_koers(self.aantallen.totaal, self.doel)


@dataclass(frozen=True)
class Overzicht:
    regels: list[Jaarregel]

    @property
    def basis(self) -> Aantallen | None:
        return self.regels[0].aantallen if self.regels else None

    @property
    def vrijval_totaal_cents(self) -> int:
        return sum(r.vrijval_cents or 0 for r in self.regels)

    def jaar(self, schooljaar: int) -> Jaarregel | None:
        return next((r for r in self.regels if r.schooljaar == schooljaar), None)


def overzicht(
    aantallen: Mapping[int, Aantallen],
    reducties: Mapping[int, int],
    kosten: Kosten,
    basisjaar: int = BASISJAAR,
) -> Overzicht:
    """Every school year from the baseline to the last year with a target or with counts."""
    laatste = max([basisjaar, *(j for j in reducties if j > basisjaar), *aantallen])
    basis = aantallen.get(basisjaar)
    doel_per_jaar = doelen(basis.totaal, reducties, basisjaar) if basis is not None else {}
    laatste_doel = max((j for j in reducties if j > basisjaar), default=basisjaar)
    regels = []
    for jaar in range(basisjaar, laatste + 1):
        dit, vorig = aantallen.get(jaar), aantallen.get(jaar - 1)
        verm = vermeden(vorig, dit) if jaar > basisjaar and dit is not None and vorig is not None else None
        regels.append(
            Jaarregel(
                schooljaar=jaar,
                aantallen=dit,
                is_basisjaar=jaar == basisjaar,
                reductie_procent=reducties.get(jaar, 0) if basisjaar < jaar <= laatste_doel else None,
                doel=doel_per_jaar.get(jaar),
                vermeden=verm,
                vrijval_cents=vrijval_cents(verm, kosten) if verm is not None else None,
                daling_procent=daling_procent(vorig.totaal, dit.totaal) if verm is not None else None,
            )
        )
    return Overzicht(regels)


def daling_procent(vorig: int, dit: int) -> Decimal | None:
    """The actual change against the year before, in percent with one decimal (positive is a fall)."""
    if vorig == 0:
        return None
    return (Decimal(vorig - dit) * 100 / vorig).quantize(Decimal("0.1"))


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
