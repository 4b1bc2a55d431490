"""Reading the register: the search a school leader uses, the voorzieningen, and the matrix as rows."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_
from sqlmodel import Session, select

from wijkportaal.core import clock
from wijkportaal.core.ids import id_arg
from wijkportaal.core.web import aantal
from wijkportaal.expertise.models import (
    Dekkingsnorm,
    Domein,
    Eenheid,
    Expertise,
    ExpertiseSchool,
    ExpertiseWijk,
    Voorziening,
    VoorzieningSoort,
    VoorzieningWijk,
    Vorm,
)
from wijkportaal.expertise.rules import (
    Aanbod,
    Dekking,  # noqa: F401  (the type of a cell's status, for other features)
    Matrix,
    Norm,
    bereken,
)
from wijkportaal.pot.models import Aanpak
from wijkportaal.wijken.models import SCHOOLSOORTEN, Organisatie, Regio, Wijk
from wijkportaal.wijken.queries import leerlingen_per_wijk

# Texts in the users' words


def capaciteit_tekst(capaciteit: int, eenheid: Eenheid) -> str:
    """'6 uur per week', '4 plaatsen', '1 plaats'."""
    if eenheid == Eenheid.UREN:
        return f"{capaciteit} uur per week"
    return aantal(capaciteit, "plaats", "plaatsen")


def wachttijd_tekst(weken: int | None) -> str:
    """'geen wachttijd', '1 week', '3 weken', 'onbekend'."""
    if weken is None:
        return "onbekend"
    if weken == 0:
        return "geen wachttijd"
    return aantal(weken, "week", "weken")


# Choices for forms and filters


def domeinen(session: Session, alleen_actief: bool = True) -> list[Domein]:
    query = select(Domein).order_by(Domein.volgorde, Domein.naam)
    if alleen_actief:
        query = query.where(Domein.is_actief)
    return list(session.exec(query))


def wijken(session: Session, ids=None) -> list[Wijk]:
    query = select(Wijk).order_by(Wijk.naam)
    if ids is not None:
        query = query.where(Wijk.id.in_(list(ids) or [0]))
    return list(session.exec(query))


def scholen(session: Session, wijk_ids=None) -> list[Organisatie]:
    query = (
        select(Organisatie)
        .where(Organisatie.soort.in_(list(SCHOOLSOORTEN)), Organisatie.is_actief)
        .order_by(Organisatie.naam)
    )
    if wijk_ids is not None:
        query = query.where(Organisatie.wijk_id.in_(list(wijk_ids) or [0]))
    return list(session.exec(query))


def organisaties(session: Session, ids=None) -> list[Organisatie]:
    query = select(Organisatie).where(Organisatie.is_actief).order_by(Organisatie.naam)
    if ids is not None:
        query = query.where(Organisatie.id.in_(list(ids) or [0]))
    return list(session.exec(query))


def scholen_per_wijk(session: Session, wijk_ids=None) -> dict[str, list[tuple[int, str]]]:
    """Schools grouped by wijk name (for an option group per wijk)."""
    namen = {w.id: w.naam for w in wijken(session)}
    groepen: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for s in scholen(session, wijk_ids):
        groepen[namen.get(s.wijk_id, "Zonder wijk")].append((s.id, s.naam))
    return dict(sorted(groepen.items()))


def aanpakken(session: Session, pot_ids: set[int] | None) -> list[Aanpak]:
    """The approaches of the pots the user may see (None: all)."""
    query = select(Aanpak).order_by(Aanpak.naam)
    if pot_ids is not None:
        query = query.where(Aanpak.pot_id.in_(list(pot_ids) or [0]))
    return list(session.exec(query))


# The register


@dataclass
class Zoekvraag:
    """The filters of the register; 0 or '' means 'all'."""

    domein_id: int = 0
    vorm: str = ""
    wijk_id: int = 0
    school_id: int = 0
    tekst: str = ""
    ook_verlopen: bool = False

    @classmethod
    def uit(cls, args, standaard_school: int = 0, mag_verlopen: bool = False) -> "Zoekvraag":
        """From the query string; the school leader's own school unless they chose another (or none)."""
        vorm = args.get("vorm", "")
        return cls(
            domein_id=args.get("domein", 0, type=id_arg),
            vorm=vorm if vorm in {v.value for v in Vorm} else "",
            wijk_id=args.get("wijk", 0, type=id_arg),
            school_id=args.get("school", 0, type=id_arg) if "school" in args else standaard_school,
            tekst=args.get("q", "").strip()[:200],
            ook_verlopen=mag_verlopen and args.get("verlopen") == "1",
        )


@dataclass
class Regel:
    """One offer as the register shows it."""

    expertise: Expertise
    aanbieder: str
    domein: str
    wijken: list[Wijk] = field(default_factory=list)
    scholen: list[str] = field(default_factory=list)

    @property
    def capaciteit(self) -> str:
        return capaciteit_tekst(self.expertise.capaciteit, self.expertise.eenheid)

    @property
    def wachttijd(self) -> str:
        return wachttijd_tekst(self.expertise.wachttijd_weken)


def _bedient(wijk_ids: list[int], school_ids: list[int]):
    """Offers serving one of these wijken as a whole, or one of these schools."""
    return or_(
        Expertise.id.in_(
            select(ExpertiseWijk.expertise_id).where(ExpertiseWijk.wijk_id.in_(wijk_ids or [0]))
        ),
        Expertise.id.in_(
            select(ExpertiseSchool.expertise_id).where(ExpertiseSchool.organisatie_id.in_(school_ids or [0]))
        ),
    )


def zoek(session: Session, vraag: Zoekvraag, peildatum: date) -> list[Regel]:
    """Offers matching the filters, shortest wait first (unknown last), then provider."""
    query = (
        select(Expertise, Organisatie.naam, Domein.naam)
        .join(Organisatie, Organisatie.id == Expertise.aanbieder_id)
        .join(Domein, Domein.id == Expertise.domein_id)
    )
    if not vraag.ook_verlopen:
        query = query.where(Expertise.geldig_op(peildatum))
    if vraag.domein_id:
        query = query.where(Expertise.domein_id == vraag.domein_id)
    if vraag.vorm:
        query = query.where(Expertise.vorm == Vorm(vraag.vorm))
    if vraag.wijk_id:  # serves the wijk, or some of its schools
        in_wijk = list(session.exec(select(Organisatie.id).where(Organisatie.wijk_id == vraag.wijk_id)))
        query = query.where(_bedient([vraag.wijk_id], in_wijk))
    if vraag.school_id:  # serves the school, or the school's whole wijk
        school = session.get(Organisatie, vraag.school_id)
        query = query.where(
            _bedient([school.wijk_id] if school and school.wijk_id else [], [vraag.school_id])
        )
    if vraag.tekst:
        patroon = f"%{vraag.tekst.lower()}%"
        query = query.where(
            or_(
                func.lower(Expertise.omschrijving).like(patroon),
                func.lower(Organisatie.naam).like(patroon),
                func.lower(Domein.naam).like(patroon),
                func.lower(Expertise.contact_naam).like(patroon),
            )
        )
    query = query.order_by(
        Expertise.wachttijd_weken.is_(None), Expertise.wachttijd_weken, Organisatie.naam, Expertise.id
    )
    regels = [Regel(e, aanbieder, domein) for e, aanbieder, domein in session.exec(query)]
    _vul_bediend(session, regels)
    return regels


def _vul_bediend(session: Session, regels: list[Regel]) -> None:
    """The wijken and schools each offer serves, in two queries for the whole page."""
    per_id = {r.expertise.id: r for r in regels}
    if not per_id:
        return
    for eid, wijk in session.exec(
        select(ExpertiseWijk.expertise_id, Wijk)
        .join(Wijk, Wijk.id == ExpertiseWijk.wijk_id)
        .where(ExpertiseWijk.expertise_id.in_(per_id))
        .order_by(Wijk.naam)
    ):
        per_id[eid].wijken.append(wijk)
    for eid, naam in session.exec(
        select(ExpertiseSchool.expertise_id, Organisatie.naam)
        .join(Organisatie, Organisatie.id == ExpertiseSchool.organisatie_id)
        .where(ExpertiseSchool.expertise_id.in_(per_id))
        .order_by(Organisatie.naam)
    ):
        per_id[eid].scholen.append(naam)


def regel(session: Session, expertise: Expertise) -> Regel:
    r = Regel(
        expertise,
        session.get(Organisatie, expertise.aanbieder_id).naam,
        session.get(Domein, expertise.domein_id).naam,
    )
    _vul_bediend(session, [r])
    return r


def eigen_school_id(session: Session, user) -> int:
    """The school of a school leader, to preselect in the register."""
    org = session.get(Organisatie, user.organisatie_id) if getattr(user, "organisatie_id", None) else None
    return org.id if org is not None and org.soort.is_school else 0


# Voorzieningen


@dataclass
class VoorzieningRegel:
    voorziening: Voorziening
    locatie: str
    domein: str | None
    aanpak: Aanpak | None
    wijken: list[Wijk] = field(default_factory=list)


def voorzieningen(
    session: Session, peildatum: date, ook_verlopen: bool = False, soort: str = "", ids=None
) -> dict[VoorzieningSoort, list[VoorzieningRegel]]:
    """Voorzieningen grouped by soort (in the order of the enum), then by name."""
    query = (
        select(Voorziening, Organisatie.naam, Domein.naam, Aanpak)
        .join(Organisatie, Organisatie.id == Voorziening.locatie_id)
        .join(Domein, Domein.id == Voorziening.domein_id, isouter=True)
        .join(Aanpak, Aanpak.id == Voorziening.aanpak_id, isouter=True)
        .order_by(Voorziening.naam)
    )
    if not ook_verlopen:
        query = query.where(Voorziening.geldig_op(peildatum))
    if soort in {s.value for s in VoorzieningSoort}:
        query = query.where(Voorziening.soort == VoorzieningSoort(soort))
    if ids is not None:
        query = query.where(Voorziening.id.in_(list(ids) or [0]))
    regels = [
        VoorzieningRegel(v, locatie, domein, aanpak) for v, locatie, domein, aanpak in session.exec(query)
    ]
    per_id = {r.voorziening.id: r for r in regels}
    if per_id:
        for vid, wijk in session.exec(
            select(VoorzieningWijk.voorziening_id, Wijk)
            .join(Wijk, Wijk.id == VoorzieningWijk.wijk_id)
            .where(VoorzieningWijk.voorziening_id.in_(per_id))
            .order_by(Wijk.naam)
        ):
            per_id[vid].wijken.append(wijk)
    groepen: dict[VoorzieningSoort, list[VoorzieningRegel]] = {}
    for s in VoorzieningSoort:
        rij = [r for r in regels if r.voorziening.soort == s]
        if rij:
            groepen[s] = rij
    return groepen


# The coverage matrix


def regios(session: Session) -> list[Regio]:
    return list(session.exec(select(Regio).order_by(Regio.naam)))


def per_regio(
    matrix: "Matrix", regio_lijst: list[Regio], regio: Regio | None
) -> list[tuple[Regio, list[Wijk]]]:
    """The matrix's wijken grouped by regio (only `regio` when filtered)."""
    groepen = []
    for r in regio_lijst:
        if regio is not None and r.id != regio.id:
            continue
        rij = [w for w in matrix.wijken if w.regio_id == r.id]
        if rij:
            groepen.append((r, rij))
    return groepen


DEKKING_KOLOMMEN = [
    "Regio",
    "Wijk",
    "Domein",
    "Dekking",
    "Uur per week per 1.000 leerlingen",
    "Plaatsen per 1.000 leerlingen",
    "Aanbieders",
    "Kortste wachttijd (weken)",
]


def dekking_rijen(matrix: "Matrix", groepen: list[tuple[Regio, list[Wijk]]]):
    """One row per wijk and domain, for the CSV and XLSX download."""
    for regio, wijk_lijst in groepen:
        for wijk in wijk_lijst:
            for domein in matrix.domeinen:
                cel = matrix.cel(wijk.id, domein.id)
                yield [
                    regio.naam,
                    wijk.naam,
                    domein.naam,
                    cel.status,
                    cel.uren_per_1000,
                    cel.plaatsen_per_1000,
                    list(cel.aanbieders),
                    cel.kortste_wachttijd_weken,
                ]


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
    actief = domeinen(session)
    leerlingen = leerlingen_per_wijk(session)
    norm = huidige_norm(session)
    aanbod = verzamel_aanbod(session, peildatum, leerlingen, wijk_id=wijk_id)
    cellen = bereken(aanbod, leerlingen, [d.id for d in actief], norm)
    cellen = {k: c for k, c in cellen.items() if k[0] == wijk_id}
    return Matrix(wijken=[wijk], domeinen=actief, cellen=cellen, norm=norm, peildatum=peildatum)


def dekkingsmatrix(session: Session, peildatum: date | None = None) -> Matrix:
    """The coverage of every wijk for every active domain on `peildatum` (today by default)."""
    peildatum = peildatum or clock.today()
    wijken = list(session.exec(select(Wijk).order_by(Wijk.naam)))
    actief = domeinen(session)
    leerlingen = leerlingen_per_wijk(session)
    norm = huidige_norm(session)
    aanbod = verzamel_aanbod(session, peildatum, leerlingen)
    cellen = bereken(aanbod, leerlingen, [d.id for d in actief], norm)
    return Matrix(wijken=wijken, domeinen=actief, cellen=cellen, norm=norm, peildatum=peildatum)


def aanbod_van(session: Session, organisatie_id: int | None) -> list[tuple[Expertise | Voorziening, str]]:
    """An organisation's own offers and the voorzieningen it hosts, ended ones included, with the
    domain's name (or the voorziening's kind): current ones first, then by name."""
    if not organisatie_id:
        return []
    expertise = session.exec(
        select(Expertise, Domein.naam)
        .join(Domein, Domein.id == Expertise.domein_id)
        .where(Expertise.aanbieder_id == organisatie_id)
    ).all()
    voorzieningen = [
        (v, v.naam) for v in session.exec(select(Voorziening).where(Voorziening.locatie_id == organisatie_id))
    ]
    vandaag = clock.today()
    return sorted(
        [*expertise, *voorzieningen],
        key=lambda rij: (rij[0].geldig_tot is not None and rij[0].geldig_tot < vandaag, rij[1], rij[0].id),
    )
