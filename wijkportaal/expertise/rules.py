"""Dekkend aanbod: for every wijk and expertise domain, is there enough support, too little, or none?

The rule is a pure function (`bereken`) over plain data, so it can be tested as a table; `dekkingsmatrix`
gathers that data from the database. An offer that serves several wijken is shared between them by
pupils, so one provider's ten hours are not counted ten hours in every wijk it names."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from wijkportaal.expertise.models import (
    Domein,
    Eenheid,
)
from wijkportaal.wijken.models import Wijk


class Dekking(StrEnum):
    GEDEKT = "gedekt"
    DUN = "dun"
    ONTBREEKT = "ontbreekt"

    @property
    def label(self) -> str:
        return {"gedekt": "Gedekt", "dun": "Dun", "ontbreekt": "Ontbreekt"}[self.value]


@dataclass(frozen=True)
class Norm:
    min_uren_per_1000: Decimal = Decimal(2)
    min_plaatsen_per_1000: Decimal = Decimal(1)


@dataclass(frozen=True)
class Aanbod:
    """One valid offer as the rule sees it: its capacity and how much of it each wijk may use.

    `gewichten` maps a wijk id to the pupils the offer serves there (the whole wijk or some schools)."""

    aanbieder: str
    domein_id: int
    eenheid: Eenheid
    capaciteit: int
    gewichten: Mapping[int, int]
    wachttijd_weken: int | None = None


@dataclass(frozen=True)
class Cel:
    wijk_id: int
    domein_id: int
    status: Dekking
    uren_per_1000: Decimal | None = Decimal(0)  # None: the wijk's pupils are not known
    plaatsen_per_1000: Decimal | None = Decimal(0)
    aanbieders: tuple[str, ...] = ()
    kortste_wachttijd_weken: int | None = None


@dataclass
class Matrix:
    wijken: list[Wijk]
    domeinen: list[Domein]
    cellen: dict[tuple[int, int], Cel] = field(default_factory=dict)
    norm: Norm = field(default_factory=Norm)
    peildatum: date | None = None

    def cel(self, wijk_id: int, domein_id: int) -> Cel:
        return self.cellen.get((wijk_id, domein_id)) or Cel(wijk_id, domein_id, Dekking.ONTBREEKT)

    def hiaten(self, wijk_id: int) -> list[tuple[Domein, Cel]]:
        """The domains a wijk lacks or has too little of, missing ones first."""
        cellen = [(d, self.cel(wijk_id, d.id)) for d in self.domeinen]
        gaten = [(d, c) for d, c in cellen if c.status != Dekking.GEDEKT]
        return sorted(gaten, key=lambda dc: (dc[1].status != Dekking.ONTBREEKT, dc[0].volgorde, dc[0].naam))

    def telling(self, wijk_id: int) -> dict[Dekking, int]:
        """How many domains of a wijk are covered, thin and missing (for the chart per wijk)."""
        tel = dict.fromkeys(Dekking, 0)
        for d in self.domeinen:
            tel[self.cel(wijk_id, d.id).status] += 1
        return tel


_HONDERDSTE = Decimal("0.01")


def beoordeel(uren_per_1000: Decimal, plaatsen_per_1000: Decimal, heeft_aanbod: bool, norm: Norm) -> Dekking:
    """The rule for one cell: no valid offer is `ontbreekt`; enough hours or places is `gedekt`."""
    if not heeft_aanbod:
        return Dekking.ONTBREEKT
    if uren_per_1000 > 0 and uren_per_1000 >= norm.min_uren_per_1000:
        return Dekking.GEDEKT
    if plaatsen_per_1000 > 0 and plaatsen_per_1000 >= norm.min_plaatsen_per_1000:
        return Dekking.GEDEKT
    return Dekking.DUN


def bereken(
    aanbod: Iterable[Aanbod], leerlingen: Mapping[int, int], domein_ids: Iterable[int], norm: Norm
) -> dict[tuple[int, int], Cel]:
    """Every (wijk, domain) cell from the valid offers and the pupils per wijk.

    A wijk with no known pupils counts as covered by any offer with capacity."""
    domeinen = set(domein_ids)
    capaciteit: dict[tuple[int, int, Eenheid], Decimal] = defaultdict(Decimal)
    namen: dict[tuple[int, int], list[str]] = defaultdict(list)
    wachttijd: dict[tuple[int, int], int] = {}
    for a in aanbod:
        if a.domein_id not in domeinen or not a.gewichten:
            continue
        totaal = sum(a.gewichten.values())
        for wijk_id, gewicht in a.gewichten.items():
            deel = (
                Decimal(a.capaciteit) * gewicht / totaal
                if totaal
                else Decimal(a.capaciteit) / len(a.gewichten)
            )
            capaciteit[(wijk_id, a.domein_id, a.eenheid)] += deel
            sleutel = (wijk_id, a.domein_id)
            if a.aanbieder not in namen[sleutel]:
                namen[sleutel].append(a.aanbieder)
            if a.wachttijd_weken is not None:
                wachttijd[sleutel] = min(wachttijd.get(sleutel, a.wachttijd_weken), a.wachttijd_weken)

    cellen = {}
    for (wijk_id, domein_id), aanbieders in namen.items():
        pupils = leerlingen.get(wijk_id, 0)
        cap = {e: capaciteit[(wijk_id, domein_id, e)] for e in Eenheid}
        if pupils:
            uren, plaatsen = ((cap[e] * 1000 / pupils).quantize(_HONDERDSTE, ROUND_HALF_UP) for e in Eenheid)
            status = beoordeel(uren, plaatsen, True, norm)
        else:  # no pupils known: there is nobody to be thin for
            uren = plaatsen = None
            status = Dekking.GEDEKT if any(cap.values()) else Dekking.DUN
        cellen[(wijk_id, domein_id)] = Cel(
            wijk_id=wijk_id,
            domein_id=domein_id,
            status=status,
            uren_per_1000=uren,
            plaatsen_per_1000=plaatsen,
            aanbieders=tuple(sorted(aanbieders)),
            kortste_wachttijd_weken=wachttijd.get((wijk_id, domein_id)),
        )
    return cellen
