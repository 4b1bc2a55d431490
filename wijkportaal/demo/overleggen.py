"""Demo wijkoverleggen and a realistic meeting history, dated relative to the day the demo is loaded."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.clock import schooljaar_grenzen, schooljaar_van
from wijkportaal.demo import teksten
from wijkportaal.demo.organisaties import DIEMEN, OSDORP, Organisaties
from wijkportaal.overleg.models import (
    Aanwezigheid,
    AanwezigheidStatus,
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    AgendapuntStatus,
    AgendapuntThema,
    Amendement,
    Besluit,
    Bijeenkomst,
    Lidmaatschap,
    Thema,
    Wijkoverleg,
)
from wijkportaal.overleg.rules import Norm, maanden_terug
from wijkportaal.wijken.models import SPECIAAL_ONDERWIJS, Organisatie, OrganisatieSoort, Wijk

# Wijken whose overleg is still starting up (number of meetings held), and wijken without an overleg.
OPSTARTEND = {"noord-oost": 2, "gaasperdam": 1}
GEEN_OVERLEG = ("ijburg-zeeburgereiland", "buitenveldert-zuidas")
GESCHIEDENIS_DAGEN = 548  # about 18 months of meetings
START, DUUR = time(15, 30), timedelta(hours=2)
AANWEZIG, AFGEMELD, AFWEZIG = (
    AanwezigheidStatus.AANWEZIG,
    AanwezigheidStatus.AFGEMELD,
    AanwezigheidStatus.AFWEZIG,
)


@dataclass
class DemoOverleg:
    wijk: Wijk
    overleg: Wijkoverleg
    voorzitter: Gebruiker
    scholen: list[Organisatie]  # the wijk's own schools, all members
    okt: Organisatie
    speciaal: list[Organisatie]  # SBO and SO members
    leerplicht: Organisatie
    jgz: Organisatie

    @property
    def leden(self) -> list[Organisatie]:
        extra = [o for o in self.speciaal if o not in self.scholen]
        return [*self.scholen, self.okt, *extra, self.leerplicht]


def maak_overleggen(
    session: Session,
    rng: random.Random,
    wijken: list[Wijk],
    orgs: Organisaties,
    voorzitters: dict[int, Gebruiker],
) -> list[DemoOverleg]:
    """One overleg per wijk except GEEN_OVERLEG: the wijk's schools, its OKT, special education and leerplicht."""
    result = []
    for wijk in wijken:
        if wijk.code in GEEN_OVERLEG:
            continue
        scholen = orgs.scholen[wijk.id]
        speciaal = [s for s in scholen if s.soort in SPECIAAL_ONDERWIJS]
        if not speciaal:
            speciaal = [rng.choice(orgs.speciaal[wijk.regio_id])]
        leerplicht = orgs.leerplicht["diemen" if wijk.code == DIEMEN else "amsterdam"]
        overleg = Wijkoverleg(wijk_id=wijk.id, voorzitter_id=voorzitters[wijk.id].id)
        result.append(
            DemoOverleg(
                wijk=wijk,
                overleg=overleg,
                voorzitter=voorzitters[wijk.id],
                scholen=scholen,
                okt=orgs.okt[wijk.id],
                speciaal=speciaal,
                leerplicht=leerplicht,
                jgz=orgs.jgz[wijk.regio_id],
            )
        )
    session.add_all(o.overleg for o in result)
    session.flush()
    return result


@dataclass
class _Plan:
    """One meeting and everything in it, linked up by id once the rows are flushed."""

    bijeenkomst: Bijeenkomst
    gastheer: Organisatie | None = None
    aanwezig: dict[int, AanwezigheidStatus] = field(default_factory=dict)
    punten: list[tuple[Agendapunt, tuple[str, ...]]] = field(default_factory=list)
    besluiten: list[tuple[Agendapunt | None, Besluit]] = field(default_factory=list)
    acties: list[tuple[Agendapunt, Actiepunt]] = field(default_factory=list)
    amendementen: list[tuple[Agendapunt, Amendement]] = field(default_factory=list)


def maak_bijeenkomsten(
    session: Session,
    today: date,
    overleggen: list[DemoOverleg],
    themas: dict[str, Thema],
    voorsteller: Gebruiker | None,
    seed: int,
) -> int:
    """Past meetings with agenda, attendance, minutes, decisions and actions, plus one upcoming draft each."""
    plannen: list[_Plan] = []
    for o in overleggen:
        rng = random.Random(f"{seed}:{o.wijk.code}")
        gehouden, ontbreekt = _geschiedenis(rng, today, o)
        plannen += gehouden
        voorstel = voorsteller if o.wijk.code == OSDORP else None
        plannen.append(_komend(rng, today, o, gehouden, ontbreekt, voorstel))
        leden_sinds = o.overleg.opgericht_op
        session.add_all(
            Lidmaatschap(wijkoverleg_id=o.overleg.id, organisatie_id=org.id, sinds=leden_sinds)
            for org in o.leden
        )

    session.add_all(p.bijeenkomst for p in plannen)
    session.flush()
    for p in plannen:
        for punt, _ in p.punten:
            punt.bijeenkomst_id = p.bijeenkomst.id
    session.add_all(punt for p in plannen for punt, _ in p.punten)
    session.flush()

    rest: list = []
    for p in plannen:
        b = p.bijeenkomst
        for punt, namen in p.punten:
            rest += [AgendapuntThema(agendapunt_id=punt.id, thema_id=themas[n].id) for n in namen]
        rest += [Aanwezigheid(bijeenkomst_id=b.id, organisatie_id=o, status=s) for o, s in p.aanwezig.items()]
        for punt, rij in [*p.besluiten, *p.acties, *p.amendementen]:
            rij.bijeenkomst_id = b.id
            rij.agendapunt_id = punt.id if punt is not None else None
            if isinstance(rij, Actiepunt):
                rij.wijkoverleg_id = b.wijkoverleg_id
            rest.append(rij)
    session.add_all(rest)
    session.add_all(_logboek(today, overleggen, [p.bijeenkomst for p in plannen]))
    session.flush()
    return len(plannen)


def _logboek(
    today: date, overleggen: list[DemoOverleg], bijeenkomsten: list[Bijeenkomst]
) -> list[AuditRegel]:
    """The audit lines the chairs would have left: planned, agenda agreed, minutes agreed."""
    per_overleg = {o.overleg.id: o for o in overleggen}
    regels = []
    for b in bijeenkomsten:
        o = per_overleg[b.wijkoverleg_id]
        momenten = [
            (b.start - timedelta(days=42), "gepland", {"start": str(b.start), "locatie": b.locatie}),
            (b.agenda_vastgesteld_op, "agenda vastgesteld", {}),
            (b.notulen_vastgesteld_op, "notulen vastgesteld", {}),
        ]
        regels += [
            AuditRegel(
                op=op,
                gebruiker_id=o.voorzitter.id,
                object_soort=Bijeenkomst.__tablename__,
                object_id=b.id,
                actie=actie,
                wijk_id=o.wijk.id,
                wijzigingen=wijzigingen,
            )
            for op, actie, wijzigingen in momenten
            if op is not None and op.date() < today
        ]
    return regels


def _geschiedenis(rng: random.Random, today: date, o: DemoOverleg) -> tuple[list[_Plan], set[str]]:
    """The meetings held so far, and the required themes this wijk leaves out this school year."""
    opstartend = OPSTARTEND.get(o.wijk.code)
    aantal = opstartend or GESCHIEDENIS_DAGEN  # functioning: as many as fit in the history
    data: list[date] = []
    dag = _vergaderdag(today - timedelta(days=rng.randint(10, 30) if opstartend else rng.randint(6, 40)), -1)
    while len(data) < aantal and dag >= today - timedelta(days=GESCHIEDENIS_DAGEN):
        data.append(dag)
        dag = _vergaderdag(dag - timedelta(days=rng.randint(42, 56)), -1)
    data.reverse()
    if opstartend:
        o.overleg.opgericht_op = data[0] - timedelta(days=rng.randint(20, 40))
    else:
        o.overleg.opgericht_op = date(data[0].year - rng.randint(2, 6), rng.choice([1, 9, 10]), 1)

    plannen = [_bijeenkomst(rng, o, dag) for dag in data]
    laat = rng.randrange(len(plannen)) if not opstartend and rng.random() < 0.4 else None
    for i, plan in enumerate(plannen):
        b = plan.bijeenkomst
        if i != laat:
            b.agenda_vastgesteld_op = datetime.combine(
                b.start.date() - timedelta(days=7), time(rng.randint(8, 16), rng.choice([0, 15, 30, 45]))
            )
            b.agenda_vastgesteld_door_id = o.voorzitter.id
        if i + 1 < len(plannen):
            b.notulen_vastgesteld_op = plannen[i + 1].bijeenkomst.start + timedelta(minutes=10)
            b.notulen_vastgesteld_door_id = o.voorzitter.id
        plan.aanwezig = _aanwezigheid(rng, o, plan.gastheer, geen_so=bool(opstartend))
    if not opstartend:
        _haal_de_norm(today, o, plannen)

    verplicht = [naam for naam, _, is_verplicht in teksten.THEMAS if is_verplicht]
    ontbreekt = set(rng.sample(verplicht, rng.choice([0, 0, 1, 1, 2])))
    nog_doen = [t for t in rng.sample(verplicht, len(verplicht)) if t not in ontbreekt]
    jaar_start = schooljaar_grenzen(schooljaar_van(today))[0]
    vorige: list[teksten.Onderwerp] = []
    for i, plan in enumerate(plannen):
        dit_jaar = plan.bijeenkomst.start.date() >= jaar_start
        mag = [
            ow
            for ow in teksten.ONDERWERPEN
            if ow not in vorige and not (dit_jaar and ontbreekt.intersection(ow.themas))
        ]
        onderwerpen = [teksten.KENNISMAKING] if opstartend and i == 0 else []
        if dit_jaar:  # cover the required themes this wijk does not skip, two per meeting
            for thema in nog_doen:
                if len(onderwerpen) < 2 and not any(thema in ow.themas for ow in onderwerpen):
                    onderwerpen.append(rng.choice([ow for ow in mag if ow.themas[0] == thema]))
            nog_doen = [t for t in nog_doen if not any(t in ow.themas for ow in onderwerpen)]
        doel = rng.choice([2, 3, 3])
        while len(onderwerpen) < doel:
            keuze = rng.choice(mag)
            if all(keuze.themas[0] != ow.themas[0] for ow in onderwerpen):
                onderwerpen.append(keuze)
        _vul_agenda(rng, today, o, plan, onderwerpen, eerste=i == 0)
        vorige = onderwerpen
    return plannen, ontbreekt


def _bijeenkomst(rng: random.Random, o: DemoOverleg, dag: date) -> _Plan:
    """A meeting at 15:30, at a member school or the OKT, sometimes online."""
    start = datetime.combine(dag, START)
    online = rng.random() < 0.15
    gastheer = rng.choice([s for s in o.scholen if s.soort == OrganisatieSoort.BASISSCHOOL] + [o.okt])
    lokaal = "vergaderruimte" if gastheer is o.okt else rng.choice(teksten.LOKALEN)
    bijeenkomst = Bijeenkomst(
        wijkoverleg_id=o.overleg.id,
        start=start,
        eind=start + DUUR,
        locatie="Online" if online else f"{gastheer.naam}, {lokaal}",
        online_link=f"https://vergaderen.example.org/wijkoverleg-{o.wijk.code}" if online else "",
        aangemaakt_op=datetime.combine(dag - timedelta(days=rng.randint(21, 35)), time(rng.randint(9, 16))),
    )
    return _Plan(bijeenkomst, gastheer=None if online else gastheer)


def _aanwezigheid(
    rng: random.Random, o: DemoOverleg, gastheer: Organisatie | None, geen_so: bool
) -> dict[int, AanwezigheidStatus]:
    """Who came: the chair's school and the host always; the OKT and special education most times."""

    def trek(kans_aanwezig: float) -> AanwezigheidStatus:
        if rng.random() < kans_aanwezig:
            return AANWEZIG
        return AFGEMELD if rng.random() < 0.7 else AFWEZIG

    result = {}
    for org in o.leden:
        if org.id == o.voorzitter.organisatie_id or org is gastheer:
            result[org.id] = AANWEZIG
        elif org.soort in SPECIAAL_ONDERWIJS:
            result[org.id] = (AFWEZIG if rng.random() < 0.5 else AFGEMELD) if geen_so else trek(0.75)
        elif org.soort == OrganisatieSoort.OKT:
            result[org.id] = trek(0.85)
        elif org.soort == OrganisatieSoort.LEERPLICHT:
            result[org.id] = trek(0.55)
        else:
            result[org.id] = trek(0.8)
    return result


def _haal_de_norm(today: date, o: DemoOverleg, plannen: list[_Plan]) -> None:
    """Nudge attendance and agendas so a functioning overleg meets the default bar on any load day."""
    norm = Norm()
    periode_start = datetime.combine(maanden_terug(today, norm.periode_maanden), time.min)
    in_periode = [p for p in plannen if p.bijeenkomst.start >= periode_start]
    if len(in_periode) < norm.min_bijeenkomsten or (today - plannen[-1].bijeenkomst.start.date()).days > (
        norm.max_dagen_sinds_laatste
    ):
        raise AssertionError(f"demo schedule for {o.wijk.code} does not meet the norm")

    def beide(p: _Plan) -> bool:
        return p.aanwezig[o.okt.id] == AANWEZIG and any(p.aanwezig[s.id] == AANWEZIG for s in o.speciaal)

    for p in in_periode:
        if 100 * sum(map(beide, in_periode)) >= norm.min_pct_okt_so * len(in_periode):
            break
        p.aanwezig[o.okt.id] = p.aanwezig[o.speciaal[0].id] = AANWEZIG
    for p in in_periode:
        vooraf = sum(1 for q in in_periode if q.bijeenkomst.agenda_vastgesteld_op is not None)
        if 100 * vooraf >= norm.min_pct_vastgesteld * len(in_periode):
            break
        b = p.bijeenkomst
        b.agenda_vastgesteld_op = datetime.combine(b.start.date() - timedelta(days=7), time(10))
        b.agenda_vastgesteld_door_id = o.voorzitter.id


def _vul_agenda(rng, today: date, o: DemoOverleg, plan: _Plan, onderwerpen, eerste: bool) -> None:
    """The agenda of a held meeting with minutes, decisions and action items."""
    b = plan.bijeenkomst
    ctx = _context(rng, o)
    afgemeld = [org.naam for org in o.leden if plan.aanwezig.get(org.id) == AFGEMELD]
    mededeling = rng.choice(teksten.MEDEDELINGEN).format(**ctx)
    opening = "De voorzitter opent de bijeenkomst en heet iedereen welkom. " + (
        f"Afgemeld: {', '.join(afgemeld)}. " if afgemeld else "Er zijn geen afmeldingen. "
    )
    punten = [_punt(b, teksten.OPENING, o.voorzitter.naam, 10, notulen=opening + mededeling)]
    if not eerste:
        punten.append(_punt(b, teksten.VERSLAG, o.voorzitter.naam, 10, notulen=teksten.VERSLAG_NOTULEN))
    plan.punten = [(p, ()) for p in punten]

    besluit_kandidaten = []
    for ow in onderwerpen:
        ctx = _context(rng, o)
        punt = _punt(
            b,
            ow.titel,
            _eigenaar(ow.eigenaar, o, ctx),
            ow.minuten,
            beschrijving=ow.beschrijving.format(**ctx),
            notulen=ow.notulen.format(**ctx),
        )
        plan.punten.append((punt, ow.themas))
        if ow.besluit:
            besluit_kandidaten.append((punt, ow.besluit.format(**ctx)))
        if ow.actie and (rng.random() < 0.75 or not plan.acties):
            omschrijving, eigenaar = ow.actie
            plan.acties.append((punt, _actiepunt(rng, today, b, omschrijving, _eigenaar(eigenaar, o, ctx))))

    if b.agenda_vastgesteld_op is not None and not eerste and rng.random() < 0.15:
        titel, beschrijving, notulen, reden = (s.format(**ctx) for s in rng.choice(teksten.NAGEKOMEN))
        punt = _punt(b, titel, o.voorzitter.naam, 15, beschrijving=beschrijving, notulen=notulen)
        punt.aangemaakt_op = b.agenda_vastgesteld_op + timedelta(days=2)
        plan.punten.append((punt, ()))
        omschrijving = f"Agendapunt '{titel}' toegevoegd na vaststelling van de agenda."
        plan.amendementen.append(
            (
                punt,
                Amendement(
                    gebruiker_id=o.voorzitter.id,
                    op=punt.aangemaakt_op,
                    omschrijving=omschrijving,
                    reden=reden,
                ),
            )
        )
    rondvraag = rng.choice(teksten.RONDVRAAG_NOTULEN).format(**ctx)
    plan.punten.append((_punt(b, teksten.RONDVRAAG, o.voorzitter.naam, 10, notulen=rondvraag), ()))
    for volgorde, (punt, _) in enumerate(plan.punten):
        punt.volgorde = volgorde

    if not besluit_kandidaten and not eerste:
        besluit_kandidaten = [(plan.punten[1][0], "Het verslag van de vorige bijeenkomst is vastgesteld.")]
    for punt, tekst in rng.sample(besluit_kandidaten, min(len(besluit_kandidaten), rng.choice([1, 2]))):
        plan.besluiten.append((punt, Besluit(tekst=tekst, aangemaakt_op=b.eind)))


def _komend(
    rng, today: date, o: DemoOverleg, gehouden: list[_Plan], ontbreekt: set[str], voorsteller
) -> _Plan:
    """The next meeting, 1-5 weeks ahead, with a draft agenda that is not agreed yet (and picks up a missing theme)."""
    dagen = [today + timedelta(days=n) for n in range(7, 36)]
    dagen = [d for d in dagen if d == _vergaderdag(d, +1)] or [_vergaderdag(dagen[-1], +1)]
    plan = _bijeenkomst(rng, o, rng.choice(dagen))
    b = plan.bijeenkomst
    b.aangemaakt_op = datetime.combine(today - timedelta(days=rng.randint(1, 10)), time(rng.randint(9, 16)))
    vorige = {punt.titel for p in gehouden[-1:] for punt, _ in p.punten}
    mag = [ow for ow in teksten.ONDERWERPEN if ow.titel not in vorige]
    onderwerpen = [rng.choice([ow for ow in mag if ow.themas[0] in ontbreekt] or mag)]
    if rng.random() < 0.5:
        onderwerpen.append(rng.choice([ow for ow in mag if ow.themas[0] != onderwerpen[0].themas[0]]))
    plan.punten.append((_punt(b, teksten.OPENING_CONCEPT, o.voorzitter.naam, 15), ()))
    for ow in onderwerpen:
        ctx = _context(rng, o)
        punt = _punt(
            b,
            ow.titel,
            _eigenaar(ow.eigenaar, o, ctx),
            ow.minuten,
            beschrijving=ow.beschrijving.format(**ctx),
        )
        plan.punten.append((punt, ow.themas))
    if voorsteller is not None:
        ow = teksten.VOORSTEL_PARTNER
        ctx = _context(rng, o)
        punt = _punt(
            b,
            ow.titel,
            _eigenaar(ow.eigenaar, o, ctx),
            ow.minuten,
            beschrijving=ow.beschrijving.format(**ctx),
        )
        punt.status = AgendapuntStatus.VOORGESTELD
        punt.voorgesteld_door_id = voorsteller.id
        punt.aangemaakt_op = b.aangemaakt_op + timedelta(hours=2, minutes=20)
        plan.punten.append((punt, ow.themas))
    plan.punten.append((_punt(b, teksten.RONDVRAAG, o.voorzitter.naam, 10), ()))
    for volgorde, (punt, _) in enumerate(plan.punten):
        punt.volgorde = volgorde
    return plan


def _punt(b: Bijeenkomst, titel: str, eigenaar: str, minuten: int, beschrijving: str = "", notulen: str = ""):
    return Agendapunt(
        titel=titel,
        eigenaar=eigenaar,
        minuten=minuten,
        beschrijving=beschrijving,
        notulen=notulen,
        aangemaakt_op=b.aangemaakt_op,
    )


def _actiepunt(rng, today: date, b: Bijeenkomst, omschrijving: str, eigenaar: str) -> Actiepunt:
    """Old actions are done; recent ones are open, some of them already past their deadline."""
    dag = b.start.date()
    deadline = dag + timedelta(days=rng.randint(21, 56))
    if deadline < today:
        if (today - dag).days > 180:
            status = ActiepuntStatus.AFGEROND if rng.random() < 0.9 else ActiepuntStatus.VERVALLEN
        else:
            status = ActiepuntStatus.OPEN if rng.random() < 0.2 else ActiepuntStatus.AFGEROND
    else:
        status = ActiepuntStatus.AFGEROND if rng.random() < 0.2 else ActiepuntStatus.OPEN
    afgerond_op = None
    if status == ActiepuntStatus.AFGEROND:
        klaar = min(deadline - timedelta(days=rng.randint(0, 14)), today - timedelta(days=1))
        if klaar <= dag:
            status = ActiepuntStatus.OPEN
        else:
            afgerond_op = datetime.combine(klaar, time(rng.randint(9, 17), rng.choice([0, 15, 30, 45])))
    return Actiepunt(
        omschrijving=omschrijving,
        eigenaar=eigenaar,
        deadline=deadline,
        status=status,
        afgerond_op=afgerond_op,
        aangemaakt_op=b.eind,
    )


def _context(rng: random.Random, o: DemoOverleg) -> dict[str, str | int]:
    """What the placeholders in the demo texts stand for in this wijk; numbers are small counts, never ids."""
    scholen = [s for s in o.scholen if s.soort == OrganisatieSoort.BASISSCHOOL]
    return {
        "wijk": o.wijk.naam,
        "okt": o.okt.naam,
        "so": rng.choice(o.speciaal).naam,
        "leerplicht": o.leerplicht.naam,
        "jgz": o.jgz.naam,
        "school": rng.choice(scholen).naam,
        "n": rng.randint(2, 9),
        "m": rng.randint(10, 40),
    }


def _eigenaar(soort: str, o: DemoOverleg, ctx: dict) -> str:
    return {
        "voorzitter": o.voorzitter.naam,
        "okt": o.okt.naam,
        "so": ctx["so"],
        "leerplicht": o.leerplicht.naam,
        "school": ctx["school"],
        "alle": "Alle scholen",
        "swv": "SWV (beleidsmedewerker)",
        "jgz": o.jgz.naam,
    }[soort]


def _in_vakantie(dag: date) -> bool:
    """Roughly the school holidays of the region: summer, Christmas and May."""
    md = (dag.month, dag.day)
    return (7, 12) <= md <= (8, 31) or md >= (12, 20) or md <= (1, 5) or (4, 26) <= md <= (5, 5)


def _vergaderdag(dag: date, stap: int) -> date:
    """The nearest Tuesday, Wednesday or Thursday outside the holidays, searching in direction `stap`."""
    while dag.weekday() not in (1, 2, 3) or _in_vakantie(dag):
        dag += timedelta(days=stap)
    return dag
