"""The monthly digest for SWV staff: it reads the overleg, the coverage and the pots, so it lives in the
composition layer beside the pages that read the same."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock, jobs, roles
from wijkportaal.core.web import aantal, centen, datum
from wijkportaal.expertise import queries as expertise_queries
from wijkportaal.mail import services as mail
from wijkportaal.overleg import queries as overleg_queries
from wijkportaal.pot import queries as pot_queries
from wijkportaal.pot.models import Pot
from wijkportaal.wijken.models import Wijk

MAANDOVERZICHT = "maandoverzicht"
ZONDER_BIJEENKOMST = timedelta(days=90)
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


@dataclass
class Maandoverzicht:
    """The digest's sections, each a list of lines (an empty section says 'none')."""

    maand: str
    status_gewijzigd: list[str] = field(default_factory=list)
    zonder_bijeenkomst: list[str] = field(default_factory=list)
    open_themas: list[str] = field(default_factory=list)
    te_late_acties: list[str] = field(default_factory=list)
    hiaten: list[str] = field(default_factory=list)
    potten: list[str] = field(default_factory=list)

    def punten(self) -> list[str]:
        secties = (
            ("Status gewijzigd sinds vorige maand", self.status_gewijzigd),
            ("Langer dan 90 dagen geen bijeenkomst", self.zonder_bijeenkomst),
            ("Verplichte thema's nog open", self.open_themas),
            ("Te late actiepunten", self.te_late_acties),
            ("Hiaten in het aanbod", self.hiaten),
            ("Saldo van de potten", self.potten),
        )
        return [f"{kop}: {'; '.join(regels) if regels else 'geen'}" for kop, regels in secties]


def _vorige_maand(vandaag: date) -> datetime:
    begin = vandaag.replace(day=1)
    vorige = (begin - timedelta(days=1)).replace(day=1)
    return datetime.combine(vorige, datetime.min.time())


def stel_samen(session: Session, vandaag: date | None = None) -> Maandoverzicht:
    """The digest's content on `vandaag` (the first of a month when the job runs on time)."""
    vandaag = vandaag or clock.today()
    overzicht = Maandoverzicht(maand=f"{MAANDEN[vandaag.month - 1]} {vandaag.year}")
    wijken = {w.id: w for w in session.exec(select(Wijk).order_by(Wijk.naam))}
    nu = overleg_queries.bewaarde_statussen(session)
    toen = overleg_queries.wijk_statussen(session, None, _vorige_maand(vandaag))
    for wijk_id, wijk in wijken.items():
        status = nu.get(wijk_id)
        if status is None:
            continue
        if wijk_id in toen and toen[wijk_id].status != status.status:
            overzicht.status_gewijzigd.append(
                f"{wijk.naam} ({toen[wijk_id].status.label.lower()} → {status.status.label.lower()})"
            )
        if status.ontbrekende_themas:
            overzicht.open_themas.append(f"{wijk.naam} ({', '.join(status.ontbrekende_themas)})")
        if status.te_late_actiepunten:
            overzicht.te_late_acties.append(f"{wijk.naam} ({status.te_late_actiepunten})")
    for wijk, status in overleg_queries.zonder_recente_bijeenkomst(session, vandaag - ZONDER_BIJEENKOMST)[0]:
        laatst = datum(status.laatste_bijeenkomst) if status.laatste_bijeenkomst else "nooit"
        overzicht.zonder_bijeenkomst.append(f"{wijk.naam} (laatste: {laatst})")
    matrix = expertise_queries.dekkingsmatrix(session, vandaag)
    for wijk in matrix.wijken:
        gaten = matrix.hiaten(wijk.id)
        if gaten:
            overzicht.hiaten.append(f"{wijk.naam} ({', '.join(d.naam for d, _ in gaten)})")
    potten = list(session.exec(select(Pot).where(Pot.periode_eind >= vandaag).order_by(Pot.naam)))
    cijfers = pot_queries.cijfers(session, potten)
    for pot in potten:
        c = cijfers[pot.id]
        overzicht.potten.append(
            f"{pot.naam}: {centen(c.beschikbaar)} beschikbaar, {centen(c.gereserveerd)} gereserveerd"
        )
    return overzicht


def verstuur_maandoverzicht(session: Session) -> str:
    """Once a month (from the first), the digest to every SWV staff member who follows the wijken."""
    vandaag = clock.today()
    if not jobs.eenmalig(session, MAANDOVERZICHT, "swv", f"{vandaag:%Y-%m}"):
        return "0 maandoverzichten verstuurd (deze maand al gedaan)"
    ontvangers = list(
        session.exec(
            select(Gebruiker)
            .where(Gebruiker.rol.in_(roles.VOLGT_WIJKEN), Gebruiker.is_actief.is_(True))
            .order_by(Gebruiker.naam, Gebruiker.id)
        )
    )
    if not ontvangers:
        return "0 maandoverzichten verstuurd"
    overzicht = stel_samen(session, vandaag)
    punten = overzicht.punten()
    for gebruiker in ontvangers:
        mail.plaats(
            session,
            ontvanger=gebruiker,
            soort_naam="maandoverzicht",
            onderwerp=f"Maandoverzicht van de wijken, {overzicht.maand}",
            link=mail.url("overleg.overzicht"),
            context={"inleiding": f"Hoe staan de wijken ervoor, begin {overzicht.maand}?", "punten": punten},
        )
    return f"{aantal(len(ontvangers), 'maandoverzicht', 'maandoverzichten')} verstuurd"


JOBS = (
    jobs.Job(
        naam=MAANDOVERZICHT,
        omschrijving="Stuurt SWV-medewerkers aan het begin van elke maand het overzicht van de wijken.",
        run=verstuur_maandoverzicht,
        tijd="07:30",
    ),
)
