"""Fictional boards, schools and partner organisations, placed on the real wijk structure."""

import random
from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session

from wijkportaal.demo import teksten
from wijkportaal.wijken.models import Bestuur, Organisatie, OrganisatieSoort, Regio, Wijk

DIEMEN = "diemen"
OSDORP = "osdorp"
# Where the demo bestuurder's board has schools (Osdorp twice), so the bestuurder sees several wijken.
DEMO_BESTUUR_SCHOLEN = (
    OSDORP,
    OSDORP,
    "geuzenveld-slotermeer",
    "slotervaart",
    "de-aker-sloten-nieuw-sloten",
    "bos-en-lommer",
)
DEMO_BESTUUR_REGIOS = ("west-buiten-de-ring", "west-binnen-de-ring")
AANTAL_SBO = AANTAL_SO = 8
AANTAL_REGULIER = 232  # with the SBO and SO schools about the 248 schools of the partnership


@dataclass
class Organisaties:
    besturen: list[Bestuur]
    demo_bestuur: Bestuur
    scholen: dict[int, list[Organisatie]]  # wijk id -> every school located in the wijk
    speciaal: dict[int, list[Organisatie]]  # regio id -> SBO and SO schools in that regio
    okt: dict[int, Organisatie]  # wijk id -> its Ouder- en Kindteam
    leerplicht: dict[str, Organisatie]  # "amsterdam" | "diemen"
    jgz: dict[int, Organisatie]  # regio id -> JGZ
    partners: list[Organisatie]

    @property
    def aantal_scholen(self) -> int:
        return sum(len(s) for s in self.scholen.values())


@dataclass
class _BestuurPlan:
    bestuur: Bestuur
    regio_ids: frozenset[int]
    gewicht: int


def maak_organisaties(
    session: Session, rng: random.Random, regios: list[Regio], wijken: list[Wijk], niet_speciaal: set[str]
) -> Organisaties:
    """Boards, ~250 schools and the partners; SBO and SO schools are not placed in `niet_speciaal` wijken."""
    regio_van_code = {r.code: r for r in regios}
    plannen = _besturen(rng, regios, regio_van_code)
    session.add_all(p.bestuur for p in plannen)
    session.flush()
    demo_plan = plannen[0]
    so_bestuur = next(p.bestuur for p in plannen if p.bestuur.naam == teksten.SO_BESTUUR)

    adres = _Adressen(rng, wijken)
    namen = _SchoolNamen(rng)
    scholen: dict[int, list[Organisatie]] = {w.id: [] for w in wijken}
    gedwongen = Counter(DEMO_BESTUUR_SCHOLEN)
    for wijk, aantal in zip(wijken, _aantallen(rng, len(wijken)), strict=True):
        kandidaten = [p for p in plannen if wijk.regio_id in p.regio_ids]
        gewichten = [p.gewicht for p in kandidaten]
        for i in range(aantal):
            plan = demo_plan if i < gedwongen[wijk.code] else rng.choices(kandidaten, gewichten)[0]
            scholen[wijk.id].append(
                _school(
                    adres,
                    wijk,
                    namen.volgende(wijk.id),
                    OrganisatieSoort.BASISSCHOOL,
                    plan.bestuur,
                    int(rng.triangular(80, 550, 230)),
                )
            )

    speciaal: dict[int, list[Organisatie]] = {r.id: [] for r in regios}
    stad = [p.bestuur for p in plannen if len(p.regio_ids) == len(regios)]
    for soort, namen_lijst, aantal, verschuiving in (
        (OrganisatieSoort.SBO, teksten.SBO_NAMEN, AANTAL_SBO, 0),
        (OrganisatieSoort.SO, teksten.SO_NAMEN, AANTAL_SO, len(regios) // 2),
    ):
        for i in range(aantal):
            regio = regios[(i + verschuiving) % len(regios)]
            wijk = rng.choice([w for w in wijken if w.regio_id == regio.id and w.code not in niet_speciaal])
            if soort == OrganisatieSoort.SO:
                bestuur = so_bestuur if i < aantal - 2 else rng.choice(stad)
            else:
                bestuur = rng.choice(
                    [p.bestuur for p in plannen if regio.id in p.regio_ids and p.gewicht > 2]
                )
            school = _school(adres, wijk, namen_lijst[i], soort, bestuur, rng.randint(80, 200))
            scholen[wijk.id].append(school)
            speciaal[regio.id].append(school)
    _iedereen_een_school(rng, plannen, scholen, wijken, demo_plan)

    okt = {w.id: _partner(f"OKT {w.naam}", OrganisatieSoort.OKT, wijk=w, adres=adres) for w in wijken}
    diemen = next((w for w in wijken if w.code == DIEMEN), None)
    leerplicht = {
        "amsterdam": _partner("Leerplicht Amsterdam", OrganisatieSoort.LEERPLICHT, plaats="Amsterdam"),
        "diemen": _partner("Leerplicht Diemen", OrganisatieSoort.LEERPLICHT, wijk=diemen, plaats="Diemen"),
    }
    jgz = {r.id: _partner(f"JGZ {r.naam}", OrganisatieSoort.JGZ, plaats="Amsterdam") for r in regios}
    zorg = [_partner(n, OrganisatieSoort.ZORGAANBIEDER, plaats="Amsterdam") for n in teksten.ZORGAANBIEDERS]

    partners = [*okt.values(), *leerplicht.values(), *jgz.values(), *zorg]
    session.add_all([s for lijst in scholen.values() for s in lijst] + partners)
    session.flush()
    return Organisaties(
        besturen=[p.bestuur for p in plannen],
        demo_bestuur=demo_plan.bestuur,
        scholen=scholen,
        speciaal=speciaal,
        okt=okt,
        leerplicht=leerplicht,
        jgz=jgz,
        partners=partners,
    )


def _aantallen(rng: random.Random, n: int) -> list[int]:
    """Between 8 and 13 regular schools per wijk, AANTAL_REGULIER in all."""
    aantallen = [rng.randint(8, 13) for _ in range(n)]
    while (verschil := sum(aantallen) - AANTAL_REGULIER) != 0:
        i = rng.randrange(n)
        if verschil > 0 and aantallen[i] > 8:
            aantallen[i] -= 1
        elif verschil < 0 and aantallen[i] < 13:
            aantallen[i] += 1
    return aantallen


def _besturen(
    rng: random.Random, regios: list[Regio], regio_van_code: dict[str, Regio]
) -> list[_BestuurPlan]:
    """City-wide boards, boards in two regio's and small boards in one; the demo board comes first."""
    alle = frozenset(r.id for r in regios)
    demo_regios = frozenset(regio_van_code[c].id for c in DEMO_BESTUUR_REGIOS if c in regio_van_code) or alle
    plannen = [_BestuurPlan(Bestuur(naam=teksten.DEMO_BESTUUR), demo_regios, 4)]
    plannen += [_BestuurPlan(Bestuur(naam=n), alle, 9) for n in teksten.BESTUREN_STAD]
    plannen += [
        _BestuurPlan(Bestuur(naam=n), frozenset(r.id for r in rng.sample(regios, 2)), 4)
        for n in teksten.BESTUREN_REGIO
    ]
    plannen += [
        _BestuurPlan(Bestuur(naam=n), frozenset({regios[i % len(regios)].id}), 2)
        for i, n in enumerate(teksten.BESTUREN_KLEIN)
    ]
    plannen.append(_BestuurPlan(Bestuur(naam=teksten.SO_BESTUUR), frozenset(), 0))
    for i, plan in enumerate(plannen):
        plan.bestuur.bestuursnummer = f"DB{1003 + 17 * i}"
    return plannen


def _iedereen_een_school(rng, plannen, scholen, wijken, demo_plan) -> None:
    """Give a board without schools one regular school in its regio, taken from a board that has plenty."""
    regio_van = {w.id: w.regio_id for w in wijken}
    alle = [s for lijst in scholen.values() for s in lijst]
    aantal = Counter(s.bestuur_id for s in alle)
    for plan in plannen:
        if aantal[plan.bestuur.id] or not plan.regio_ids:
            continue
        donor = rng.choice(
            [
                s
                for s in alle
                if s.soort == OrganisatieSoort.BASISSCHOOL
                and regio_van[s.wijk_id] in plan.regio_ids
                and aantal[s.bestuur_id] >= 3
                and s.bestuur_id != demo_plan.bestuur.id
            ]
        )
        aantal[donor.bestuur_id] -= 1
        donor.bestuur_id = plan.bestuur.id
        aantal[plan.bestuur.id] += 1


class _SchoolNamen:
    """Unique, plausible and clearly made-up school names, no name twice in a wijk."""

    def __init__(self, rng: random.Random):
        self._vrij = [
            (soort, naam) for soort in dict.fromkeys(teksten.SCHOOL_SOORTEN) for naam in teksten.SCHOOL_NAMEN
        ]
        rng.shuffle(self._vrij)
        self._rng = rng
        self._per_wijk: dict[int, set[str]] = {}

    def volgende(self, wijk_id: int) -> str:
        gebruikt = self._per_wijk.setdefault(wijk_id, set())
        soort = self._rng.choice(teksten.SCHOOL_SOORTEN)
        vrij = [i for i, (s, naam) in enumerate(self._vrij) if naam not in gebruikt]
        i = next((i for i in vrij if self._vrij[i][0] == soort), vrij[0])
        soort, naam = self._vrij.pop(i)
        gebruikt.add(naam)
        return f"{soort} {naam}"


class _Adressen:
    """Fictional street addresses with a plausible postcode per wijk."""

    def __init__(self, rng: random.Random, wijken: list[Wijk]):
        self._rng = rng
        self._basis = {}
        amsterdam = 1011
        for wijk in wijken:
            if wijk.code == DIEMEN:
                self._basis[wijk.id] = 1111
            else:
                self._basis[wijk.id] = amsterdam
                amsterdam += 4
        self._codes: set[int] = set()

    def adres(self) -> str:
        return f"{self._rng.choice(teksten.STRATEN)} {self._rng.randint(1, 180)}"

    def postcode(self, wijk: Wijk) -> str:
        letters = "".join(self._rng.choice(teksten.POSTCODE_LETTERS) for _ in range(2))
        return f"{self._basis[wijk.id] + self._rng.randint(0, 3)} {letters}"

    def plaats(self, wijk: Wijk) -> str:
        return "Diemen" if wijk.code == DIEMEN else "Amsterdam"

    def schoolcode(self) -> str:
        while True:
            nummer = self._rng.randint(100, 9999)
            if nummer not in self._codes:
                self._codes.add(nummer)
                vestiging = 1 if self._rng.random() < 0.1 else 0
                return f"DM{nummer:04d}-{vestiging:02d}"


def _school(adres: _Adressen, wijk: Wijk, naam: str, soort, bestuur: Bestuur, leerlingen: int) -> Organisatie:
    return Organisatie(
        naam=naam,
        soort=soort,
        code=adres.schoolcode(),
        wijk_id=wijk.id,
        bestuur_id=bestuur.id,
        adres=adres.adres(),
        postcode=adres.postcode(wijk),
        plaats=adres.plaats(wijk),
        leerlingen=leerlingen,
    )


def _partner(naam: str, soort, wijk: Wijk | None = None, adres: _Adressen | None = None, plaats=None):
    return Organisatie(
        naam=naam,
        soort=soort,
        wijk_id=wijk.id if wijk else None,
        adres=adres.adres() if adres and wijk else None,
        postcode=adres.postcode(wijk) if adres and wijk else None,
        plaats=adres.plaats(wijk) if adres and wijk else plaats,
    )
