"""Demo data for the gedeelde pot: Geen Kind de Buurt Uit in Osdorp and Bos en Lommer.

One pot per wijk per school year, for the previous and the current school year of the load day (loaded
in 2026-2027, the two years of the convenant: 2025-2026 and 2026-2027; like the meetings, they move
with the load day so the demo never looks stale). The boards with the most pupils in the wijk take
part; they, the SWV and the municipality pay in, with one municipal pledge still open; two approved
approaches per wijk spend their allocation month by month; one allocation waits for the decision of
the demo bestuurder.

Everything goes through `wijkportaal.pot.services`, so the ledger, its reservations and the audit log
are exactly what users would have made. Business dates (contributions, invoices) follow the load day;
the services stamp proposals and decisions with the real clock, as they always do."""

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, func, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.besluiten.models import BesluitKeuze, VoorstelStatus
from wijkportaal.core import clock
from wijkportaal.core.roles import Rol
from wijkportaal.demo import teksten
from wijkportaal.demo.organisaties import OSDORP
from wijkportaal.pot import services
from wijkportaal.pot.models import (
    Aanpak,
    BronSoort,
    Goedkeuringsregel,
    PeriodeSoort,
    Pot,
    Toekenning,
)
from wijkportaal.wijken.models import Bestuur, Organisatie, OrganisatieSoort, Wijk
from wijkportaal.wijken.services import slug

BOS_EN_LOMMER = "bos-en-lommer"
MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
SCHOOLMAANDEN = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6)  # invoices for September up to June
FACTUURDAG = 20
# Ondersteuningsmiddelen the boards pool per pupil in the wijk, growing as the convenant intends.
PER_LEERLING = {0: 35, 1: 50}  # year 0 = previous school year, 1 = current one (euros)
ONDERSTEUNING = "ondersteuningsmiddelen"
AKKOORD_TEKSTEN = [
    "",
    "Akkoord, past binnen het wijkplan.",
    "Akkoord; graag een tussentijdse evaluatie in het wijkoverleg.",
    "Akkoord namens het college van bestuur.",
    "",
]


@dataclass(frozen=True)
class AanpakPlan:
    naam: str
    niveau: str
    doel: str
    doelgroep: str
    budget: tuple[int, int]  # euros in the previous and the current school year
    factuur: str  # what each monthly invoice is for
    prefix: str  # invoice reference prefix
    aantal_scholen: int | None = None  # None: every school of the participating boards in the wijk


@dataclass(frozen=True)
class WijkPlan:
    code: str
    naam: str
    regel: Goedkeuringsregel
    aantal_besturen: int
    swv: tuple[int, int]  # euros from "Samenwerking in de wijk en regio"
    gemeente: tuple[int, int]
    aanpakken: tuple[AanpakPlan, AanpakPlan]
    toezegging: int = 0  # part of the current year's municipal money still pledged
    open_aanpak: AanpakPlan | None = None  # proposed this year, waiting for the demo bestuurder


OSDORP_PLAN = WijkPlan(
    code=OSDORP,
    naam="Osdorp",
    regel=Goedkeuringsregel.ALLE,
    aantal_besturen=4,
    swv=(30_000, 45_000),
    gemeente=(35_000, 40_000),
    aanpakken=(
        AanpakPlan(
            naam="Startklas Osdorp",
            niveau="wijk",
            doel=(
                "Kleuters die (nog) niet in een reguliere groep 1-2 kunnen meedoen, krijgen in een kleine "
                "startklas in de wijk intensieve begeleiding van een vast team: leerkracht, "
                "onderwijsassistent en een ambulant begeleider uit het SO. Na hooguit een jaar stromen zij "
                "door naar een school in de buurt, in plaats van verwezen te worden."
            ),
            doelgroep="Kinderen van 4 tot 6 jaar met een intensieve ondersteuningsvraag (taal, spel, gedrag)",
            budget=(78_000, 86_000),
            factuur="Detachering leerkracht en onderwijsassistent startklas",
            prefix="STK",
            aantal_scholen=3,
        ),
        AanpakPlan(
            naam="Expertteam gedrag Osdorp",
            niveau="wijk",
            doel=(
                "Een gedragsspecialist en een orthopedagoog uit het gespecialiseerd onderwijs (cluster 4) "
                "zijn vier dagen per week beschikbaar voor consultatie, observatie en co-teaching op de "
                "deelnemende scholen, zodat leerkrachten gedragsvragen eerder en in de eigen klas aanpakken."
            ),
            doelgroep="Leerlingen in groep 1-8 met gedragsvragen en hun leerkrachten",
            budget=(52_000, 58_500),
            factuur="Inzet gedragsspecialist en orthopedagoog (cluster 4)",
            prefix="EXG",
        ),
    ),
    open_aanpak=AanpakPlan(
        naam="Integraal arrangeren Osdorp",
        niveau="wijk",
        doel=(
            "Een wijkondersteuningsteam met het OKT, leerplicht en het SO komt wekelijks bijeen, zodat een "
            "kind met een gecombineerde onderwijs- en zorgvraag binnen twee weken één plan en een passend "
            "arrangement heeft."
        ),
        doelgroep="Kinderen met een complexe ondersteuningsvraag op school en thuis",
        budget=(0, 24_000),
        factuur="Inzet wijkondersteuningsteam",
        prefix="IAO",
    ),
)
BOS_EN_LOMMER_PLAN = WijkPlan(
    code=BOS_EN_LOMMER,
    naam="Bos en Lommer",
    regel=Goedkeuringsregel.GEWOGEN,
    aantal_besturen=5,
    swv=(30_000, 45_000),
    gemeente=(35_000, 50_000),
    toezegging=25_000,
    aanpakken=(
        AanpakPlan(
            naam="Taalversterking Bos en Lommer",
            niveau="buurt",
            doel=(
                "Taalspecialisten en logopedisten met expertise uit cluster 2 versterken het taalonderwijs "
                "in groep 1-4: vroege screening, co-teaching en een wekelijkse taalgroep op drie "
                "locaties in de buurt."
            ),
            doelgroep="Leerlingen in groep 1-4 met een taalachterstand of (een vermoeden van) TOS",
            budget=(72_000, 96_000),
            factuur="Inzet taalspecialist en logopedist (cluster 2)",
            prefix="TAAL",
            aantal_scholen=4,
        ),
        AanpakPlan(
            naam="Thuiszitterspreventie Bos en Lommer",
            niveau="wijk",
            doel=(
                "Een aanwezigheidscoach en een flexibele opvangplek in de wijk voor kinderen die dreigen "
                "uit te vallen; samen met leerplicht en het OKT keert een kind binnen zes weken terug "
                "naar de eigen school."
            ),
            doelgroep="Leerlingen met (dreigend) verzuim en kinderen die thuiszitten",
            budget=(48_000, 64_000),
            factuur="Aanwezigheidscoach en flexibele opvangplek",
            prefix="THZ",
        ),
    ),
)
PLANNEN = (OSDORP_PLAN, BOS_EN_LOMMER_PLAN)


@dataclass
class _Demo:
    """What every step of the load shares."""

    session: Session
    rng: random.Random
    today: date
    vervalt_op: datetime
    swv: Gebruiker
    demo_bestuur: Bestuur
    bestuurders: dict[int, Gebruiker]  # bestuur id -> the bestuurder who acts for it
    potten: int = 0
    bijdragen: int = 0
    aanpakken: int = 0
    toekenningen: int = 0
    bestedingen: int = 0
    nieuwe_bestuurders: int = 0


def load_potten(session: Session, today: date, seed: int = 2026) -> str:
    """Create the Geen Kind de Buurt Uit pots (after the rest of the demo) and return a Dutch summary."""
    from wijkportaal.demo import DEMO_DOMEIN  # the package imports this module

    demo_bestuurder = _gebruiker(session, f"bestuurder@{DEMO_DOMEIN}")
    demo = _Demo(
        session=session,
        rng=random.Random(f"potten-{seed}"),
        today=today,
        vervalt_op=_termijn(today),
        swv=_gebruiker(session, f"swv@{DEMO_DOMEIN}"),
        demo_bestuur=session.get(Bestuur, demo_bestuurder.bestuur_id),
        bestuurders={demo_bestuurder.bestuur_id: demo_bestuurder},
    )
    namen = set(session.exec(select(Gebruiker.naam)))
    huidig = clock.schooljaar_van(today)
    for plan in PLANNEN:
        wijk = session.exec(select(Wijk).where(Wijk.code == plan.code)).one()
        besturen = _deelnemers(session, wijk, plan.aantal_besturen, demo.demo_bestuur)
        for bestuur in besturen:
            if bestuur.id not in demo.bestuurders:
                demo.bestuurders[bestuur.id] = _bestuurder(demo, bestuur, demo_bestuurder, namen, DEMO_DOMEIN)
        scholen = list(
            session.exec(
                select(Organisatie)
                .where(
                    Organisatie.wijk_id == wijk.id,
                    Organisatie.soort == OrganisatieSoort.BASISSCHOOL,
                    Organisatie.bestuur_id.in_([b.id for b in besturen]),
                )
                .order_by(Organisatie.id)
            )
        )
        for stap, jaar in enumerate((huidig - 1, huidig)):
            _pot(demo, plan, wijk, jaar, stap, besturen, scholen)
    session.flush()
    return (
        f"{demo.potten} gedeelde potten met {demo.bijdragen} bijdragen, {demo.aanpakken} aanpakken, "
        f"{demo.toekenningen} toekenningen en {demo.bestedingen} bestedingen "
        f"(en {demo.nieuwe_bestuurders} bestuurders van deelnemende besturen)"
    )


def _gebruiker(session: Session, email: str) -> Gebruiker:
    return session.exec(select(Gebruiker).where(Gebruiker.email == email)).one()


def _termijn(today: date) -> datetime:
    """Decision deadline three weeks after the load day, and always in the real future (the services check)."""
    termijn = datetime.combine(today + timedelta(days=21), time(17, 0))
    if termijn <= clock.now() + timedelta(days=7):
        termijn = datetime.combine(clock.today() + timedelta(days=21), time(17, 0))
    return termijn


def _deelnemers(session: Session, wijk: Wijk, aantal: int, demo_bestuur: Bestuur) -> list[Bestuur]:
    """The boards with the most pupils in the wijk's regular schools, always with the demo board."""
    rows = session.exec(
        select(Organisatie.bestuur_id, func.sum(Organisatie.leerlingen))
        .where(Organisatie.wijk_id == wijk.id, Organisatie.soort == OrganisatieSoort.BASISSCHOOL)
        .group_by(Organisatie.bestuur_id)
    ).all()
    ranking = sorted(((int(n or 0), b) for b, n in rows if b is not None), key=lambda r: (-r[0], r[1]))
    ids = [b for _, b in ranking[:aantal]]
    if demo_bestuur.id not in ids:
        ids[-1] = demo_bestuur.id
    return [session.get(Bestuur, b) for b in ids]


def _bestuurder(demo: _Demo, bestuur: Bestuur, model: Gebruiker, namen: set[str], domein: str) -> Gebruiker:
    """The board's bestuurder: an existing one, or a new demo login with the demo password."""
    bestaand = demo.session.exec(
        select(Gebruiker)
        .where(Gebruiker.rol == Rol.BESTUURDER, Gebruiker.bestuur_id == bestuur.id)
        .order_by(Gebruiker.id)
    ).first()
    if bestaand is not None:
        return bestaand
    while (naam := f"{demo.rng.choice(teksten.VOORNAMEN)} {demo.rng.choice(teksten.ACHTERNAMEN)}") in namen:
        pass
    namen.add(naam)
    gebruiker = Gebruiker(
        email=f"bestuurder.{slug(bestuur.naam)}@{domein}",
        naam=naam,
        rol=Rol.BESTUURDER,
        bestuur_id=bestuur.id,
        wachtwoord_hash=model.wachtwoord_hash,
    )
    demo.session.add(gebruiker)
    demo.session.flush()
    demo.nieuwe_bestuurders += 1
    return gebruiker


def _dag(jaar: int, maand: int, dag: int) -> date:
    """A day in school year `jaar` (August to July)."""
    return date(jaar if maand >= 8 else jaar + 1, maand, dag)


def _pot(
    demo: _Demo,
    plan: WijkPlan,
    wijk: Wijk,
    jaar: int,
    stap: int,
    besturen: list[Bestuur],
    scholen: list[Organisatie],
) -> None:
    """One wijk's pot for one school year (`stap` 0: the previous one, 1: the current one)."""
    label = clock.schooljaar_label(jaar)
    pot = services.open_pot(
        demo.session,
        demo.swv,
        naam=f"Geen Kind de Buurt Uit {plan.naam} {label}",
        periode_soort=PeriodeSoort.SCHOOLJAAR,
        jaar=jaar,
        wijk_ids=[wijk.id],
        bestuur_ids=[b.id for b in besturen],
        regel=plan.regel,
    )
    demo.potten += 1
    ingelegd = _bijdragen(demo, plan, pot, jaar, stap, besturen, scholen)

    plannen = [*plan.aanpakken] + ([plan.open_aanpak] if plan.open_aanpak and stap == 1 else [])
    gevraagd = sum(p.budget[stap] for p in plannen) * 100
    schaal = min(1.0, 0.85 * ingelegd / gevraagd)  # never ask more than the pot holds
    for aanpak_plan in plannen:
        budget = int(aanpak_plan.budget[stap] * schaal) // 500 * 500 * 100
        if aanpak_plan.aantal_scholen is None:
            school_ids = [s.id for s in scholen]
        else:
            school_ids = [
                s.id for s in demo.rng.sample(scholen, min(aanpak_plan.aantal_scholen, len(scholen)))
            ]
        aanpak = services.maak_aanpak(
            demo.session,
            demo.swv,
            pot,
            naam=aanpak_plan.naam,
            doel=aanpak_plan.doel,
            doelgroep=aanpak_plan.doelgroep,
            niveau=aanpak_plan.niveau,
            school_ids=school_ids,
            budgetten={jaar: budget},
        )
        demo.aanpakken += 1
        toekenning = services.stel_toekenning_voor(
            demo.session,
            demo.swv,
            pot,
            aanpak,
            bedrag_cents=budget,
            toelichting=(
                f"Inzet in schooljaar {label}, besproken in het wijkoverleg {plan.naam}. "
                f"Doelgroep: {aanpak_plan.doelgroep[0].lower()}{aanpak_plan.doelgroep[1:]}."
            ),
            vervalt_op=demo.vervalt_op,
            sleutel=f"demo:{aanpak.account_code}:toekenning",
        )
        demo.toekenningen += 1
        _besluiten(demo, toekenning, besturen, wacht_op_demo=aanpak_plan is plan.open_aanpak)
        if toekenning.status == VoorstelStatus.GOEDGEKEURD:
            _bestedingen(demo, aanpak_plan, aanpak, budget, jaar)


def _bijdragen(
    demo: _Demo,
    plan: WijkPlan,
    pot: Pot,
    jaar: int,
    stap: int,
    besturen: list[Bestuur],
    scholen: list[Organisatie],
) -> int:
    """Ondersteuningsmiddelen per pupil from every board, own funds from the two largest, the SWV's budget
    line and the municipality's co-financing; returns the cents paid in (pledges not counted)."""
    leerlingen = Counter()
    for school in scholen:
        leerlingen[school.bestuur_id] += school.leerlingen or 0
    ingelegd = 0

    def bijdrage(user, bron, euros, datum, middelen, *, bestuur_id=None, uiterlijk_op=None):
        nonlocal ingelegd
        demo.bijdragen += 1
        services.voeg_bijdrage_toe(
            demo.session,
            user,
            pot,
            bron=bron,
            bestuur_id=bestuur_id,
            partner_naam="",
            middelen=middelen,
            bedrag_cents=euros * 100,
            datum=min(datum, demo.today),
            toezegging=uiterlijk_op is not None,
            uiterlijk_op=uiterlijk_op,
            sleutel=f"demo:{pot.account_code}:bijdrage:{demo.bijdragen}",
        )
        if uiterlijk_op is None:
            ingelegd += euros * 100

    for i, bestuur in enumerate(besturen):
        euros = round(leerlingen[bestuur.id] * PER_LEERLING[stap], -2)
        datum = _dag(jaar, 9, 8 + 3 * i + demo.rng.randint(0, 2))
        if euros:
            bijdrage(
                demo.bestuurders[bestuur.id],
                BronSoort.BESTUUR,
                euros,
                datum,
                ONDERSTEUNING,
                bestuur_id=bestuur.id,
            )
    grootste = sorted(besturen, key=lambda b: (-leerlingen[b.id], b.id))[:2]
    for i, bestuur in enumerate(grootste):
        euros = (10_000 if i == 0 else 7_500) + 2_500 * stap
        datum = _dag(jaar, 10, 20 + i)
        bijdrage(
            demo.bestuurders[bestuur.id],
            BronSoort.BESTUUR,
            euros,
            datum,
            "eigen middelen",
            bestuur_id=bestuur.id,
        )
    bijdrage(demo.swv, BronSoort.SWV, plan.swv[stap], _dag(jaar, 10, 1), "Samenwerking in de wijk en regio")
    toezegging = plan.toezegging if stap == 1 else 0
    cofinanciering = "cofinanciering Geen Kind de Buurt Uit"
    eerste = f"{cofinanciering}, eerste tranche" if toezegging else cofinanciering
    bijdrage(demo.swv, BronSoort.GEMEENTE, plan.gemeente[stap] - toezegging, _dag(jaar, 10, 15), eerste)
    if toezegging:
        uiterlijk_op = _eerste_van_de_maand(demo.today + timedelta(days=60))
        tweede = f"{cofinanciering}, tweede tranche"
        bijdrage(
            demo.swv, BronSoort.GEMEENTE, toezegging, _dag(jaar, 10, 15), tweede, uiterlijk_op=uiterlijk_op
        )
    return ingelegd


def _eerste_van_de_maand(dag: date) -> date:
    """The first day of the month after `dag`'s."""
    return date(dag.year + dag.month // 12, dag.month % 12 + 1, 1)


def _besluiten(demo: _Demo, toekenning: Toekenning, besturen: list[Bestuur], *, wacht_op_demo: bool) -> None:
    """Each board decides by its own bestuurder, smallest contributor first, until the rule is met.

    With `wacht_op_demo` every board but the demo board agrees, so the allocation waits for it."""
    inbreng = services.ingelegd_per_bestuur(demo.session, demo.session.get(Pot, toekenning.pot_id))
    for bestuur in sorted(besturen, key=lambda b: (inbreng.get(b.id, 0), b.id)):
        if toekenning.status != VoorstelStatus.OPEN:
            break
        if wacht_op_demo and bestuur.id == demo.demo_bestuur.id:
            continue
        services.neem_besluit(
            demo.session,
            demo.bestuurders[bestuur.id],
            toekenning,
            bestuur_id=bestuur.id,
            besluit=BesluitKeuze.AKKOORD,
            toelichting=demo.rng.choice(AKKOORD_TEKSTEN),
        )


def _bestedingen(demo: _Demo, plan: AanpakPlan, aanpak: Aanpak, toegekend: int, jaar: int) -> None:
    """Monthly invoices from September up to the load day; a full year is 90-98 % of the allocation."""
    per_maand = toegekend / len(SCHOOLMAANDEN)
    nummer = demo.rng.randint(100, 400)
    for i, maand in enumerate(SCHOOLMAANDEN, start=1):
        datum = _dag(jaar, maand, FACTUURDAG)
        if datum > demo.today:
            break
        nummer += demo.rng.randint(3, 30)
        services.boek_besteding(
            demo.session,
            demo.swv,
            aanpak,
            datum=datum,
            omschrijving=f"{plan.factuur}, {MAANDEN[maand - 1]} {datum.year}",
            factuurreferentie=f"{plan.prefix}-{datum.year}-{nummer:04d}",
            bedrag_cents=int(per_maand * demo.rng.uniform(0.90, 0.98)),
            sleutel=f"demo:{aanpak.account_code}:factuur:{i}",
        )
        demo.bestedingen += 1
