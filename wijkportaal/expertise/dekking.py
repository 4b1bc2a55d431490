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

from sqlalchemy import or_
from sqlmodel import Session, select

from wijkportaal.core import clock
from wijkportaal.expertise import queries
from wijkportaal.expertise.models import (
    Dekkingsnorm,
    Domein,
    Eenheid,
    Expertise,
    ExpertiseSchool,
    ExpertiseWijk,
    Voorziening,
    VoorzieningWijk,
)
from wijkportaal.wijken.models import Organisatie, Wijk
from wijkportaal.wijken.queries import leerlingen_per_wijk


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


def huidige_norm(session: Session) -> Norm:
    rij = session.exec(select(Dekkingsnorm).order_by(Dekkingsnorm.id)).first()
    if rij is None:
        return Norm()
    return Norm(Decimal(rij.min_uren_per_1000), Decimal(rij.min_plaatsen_per_1000))


def verzamel_aanbod(
    session: Session, peildatum: date, leerlingen: Mapping[int, int], wijk_id: int | None = None
) -> list[Aanbod]:
    """Every offer and voorziening valid on `peildatum` (only those serving `wijk_id`, when given),
    with the pupils it serves per wijk."""
    expertise_q = select(Expertise).where(Expertise.geldig_op(peildatum))
    voorziening_q = select(Voorziening).where(
        Voorziening.domein_id.is_not(None), Voorziening.geldig_op(peildatum)
    )
    if wijk_id is not None:
        via_school = (
            select(ExpertiseSchool.expertise_id)
            .join(Organisatie, Organisatie.id == ExpertiseSchool.organisatie_id)
            .where(Organisatie.wijk_id == wijk_id)
        )
        via_wijk = select(ExpertiseWijk.expertise_id).where(ExpertiseWijk.wijk_id == wijk_id)
        expertise_q = expertise_q.where(or_(Expertise.id.in_(via_wijk), Expertise.id.in_(via_school)))
        voorziening_q = voorziening_q.where(
            Voorziening.id.in_(
                select(VoorzieningWijk.voorziening_id).where(VoorzieningWijk.wijk_id == wijk_id)
            )
        )
    expertises = list(session.exec(expertise_q))
    voorzieningen = list(session.exec(voorziening_q))
    ids = [e.id for e in expertises]
    namen = _namen(session, {e.aanbieder_id for e in expertises})

    gewichten: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    if ids:
        for eid, school_wijk, n in session.exec(
            select(ExpertiseSchool.expertise_id, Organisatie.wijk_id, Organisatie.leerlingen)
            .join(Organisatie, Organisatie.id == ExpertiseSchool.organisatie_id)
            .where(ExpertiseSchool.expertise_id.in_(ids), Organisatie.wijk_id.is_not(None))
        ):
            gewichten[eid][school_wijk] += n or 0
        for eid, wid in session.exec(
            select(ExpertiseWijk.expertise_id, ExpertiseWijk.wijk_id).where(
                ExpertiseWijk.expertise_id.in_(ids)
            )
        ):
            gewichten[eid][wid] = leerlingen.get(wid, 0)  # the whole wijk, its schools included
    aanbod = [
        Aanbod(
            namen[e.aanbieder_id],
            e.domein_id,
            e.eenheid,
            e.capaciteit,
            dict(gewichten[e.id]),
            e.wachttijd_weken,
        )
        for e in expertises
    ]

    if voorzieningen:
        v_wijken: dict[int, dict[int, int]] = defaultdict(dict)
        for vid, wid in session.exec(
            select(VoorzieningWijk.voorziening_id, VoorzieningWijk.wijk_id).where(
                VoorzieningWijk.voorziening_id.in_([v.id for v in voorzieningen])
            )
        ):
            v_wijken[vid][wid] = leerlingen.get(wid, 0)
        aanbod += [
            Aanbod(v.naam, v.domein_id, Eenheid.PLAATSEN, v.plaatsen, v_wijken[v.id]) for v in voorzieningen
        ]
    return aanbod


def _namen(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.exec(select(Organisatie.id, Organisatie.naam).where(Organisatie.id.in_(ids))).all())


def dekking_van_wijk(session: Session, wijk_id: int, peildatum: date | None = None) -> Matrix:
    """The coverage of one wijk: reads only the offers that serve it (for the wijk page)."""
    peildatum = peildatum or clock.today()
    wijk = session.get(Wijk, wijk_id)
    domeinen = queries.domeinen(session)
    leerlingen = leerlingen_per_wijk(session)
    norm = huidige_norm(session)
    aanbod = verzamel_aanbod(session, peildatum, leerlingen, wijk_id=wijk_id)
    cellen = bereken(aanbod, leerlingen, [d.id for d in domeinen], norm)
    cellen = {k: c for k, c in cellen.items() if k[0] == wijk_id}
    return Matrix(wijken=[wijk], domeinen=domeinen, cellen=cellen, norm=norm, peildatum=peildatum)


def dekkingsmatrix(session: Session, peildatum: date | None = None) -> Matrix:
    """The coverage of every wijk for every active domain on `peildatum` (today by default)."""
    peildatum = peildatum or clock.today()
    wijken = list(session.exec(select(Wijk).order_by(Wijk.naam)))
    domeinen = queries.domeinen(session)
    leerlingen = leerlingen_per_wijk(session)
    norm = huidige_norm(session)
    aanbod = verzamel_aanbod(session, peildatum, leerlingen)
    cellen = bereken(aanbod, leerlingen, [d.id for d in domeinen], norm)
    return Matrix(wijken=wijken, domeinen=domeinen, cellen=cellen, norm=norm, peildatum=peildatum)
