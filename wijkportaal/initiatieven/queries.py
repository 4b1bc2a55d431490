"""Reads of nieuwe initiatieven, as plain values or models. `aanvraag`, `gevraagd_per_jaar`,
`deelnemende_besturen` and `deelnemende_organisaties` are what other features (the assessing and
deciding) call."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import and_, not_, or_
from sqlmodel import Session, func, select

from ledger import to_decimal
from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock
from wijkportaal.core.web import datum
from wijkportaal.initiatieven import rules
from wijkportaal.initiatieven.models import (
    Aanvraag,
    AanvraagAmbitie,
    AanvraagThema,
    AanvraagWijk,
    Ambitie,
    Cofinanciering,
    Criterium,
    Deelnemer,
    Deelplan,
    Kostenregel,
    Partner,
    Rapportage,
    Rapportsoort,
    Ronde,
    Status,
)
from wijkportaal.overleg import queries as overleg_queries
from wijkportaal.overleg.models import Agendapunt, Bijeenkomst, Thema, Wijkoverleg
from wijkportaal.wijken.models import Bestuur, Organisatie, Wijk


def aanvraag(session: Session, id: int) -> Aanvraag | None:
    return session.get(Aanvraag, id)


def gevraagd_per_jaar(session: Session, aanvraag: Aanvraag) -> dict[int, Decimal]:
    """The requested amount per year in euros: the costs minus the co-financing (deelplannen included)."""
    return {
        jaar: to_decimal(cents) for jaar, cents in gevraagd_cents(session, [aanvraag.id])[aanvraag.id].items()
    }


def gevraagd_cents(session: Session, aanvraag_ids: list[int]) -> dict[int, dict[int, int]]:
    """Per application the requested cents per year, for many applications in two queries."""
    kosten: dict[int, list] = defaultdict(list)
    cofi: dict[int, list] = defaultdict(list)
    if aanvraag_ids:
        for aid, jaar, cents in session.exec(
            select(Kostenregel.aanvraag_id, Kostenregel.jaar, func.sum(Kostenregel.bedrag_cents))
            .where(Kostenregel.aanvraag_id.in_(aanvraag_ids))
            .group_by(Kostenregel.aanvraag_id, Kostenregel.jaar)
        ):
            kosten[aid].append((jaar, int(cents)))
        for aid, jaar, cents in session.exec(
            select(Cofinanciering.aanvraag_id, Cofinanciering.jaar, func.sum(Cofinanciering.bedrag_cents))
            .where(Cofinanciering.aanvraag_id.in_(aanvraag_ids))
            .group_by(Cofinanciering.aanvraag_id, Cofinanciering.jaar)
        ):
            cofi[aid].append((jaar, int(cents)))
    return {aid: rules.gevraagd(kosten[aid], cofi[aid]) for aid in aanvraag_ids}


def deelnemende_besturen(
    session: Session, aanvraag: Aanvraag, alleen_bevestigd: bool = True
) -> list[Bestuur]:
    """The boards taking part (by default only those that confirmed), by name."""
    query = select(Bestuur).join(Deelnemer, Deelnemer.bestuur_id == Bestuur.id)
    query = query.where(Deelnemer.aanvraag_id == aanvraag.id)
    if alleen_bevestigd:
        query = query.where(Deelnemer.is_bevestigd)
    return list(session.exec(query.order_by(Bestuur.naam)))


def deelnemende_organisaties(
    session: Session, aanvraag: Aanvraag, alleen_bevestigd: bool = True
) -> list[Organisatie]:
    """The schools taking part for their boards (by default only confirmed ones), by name."""
    query = select(Organisatie).join(Deelnemer, Deelnemer.school_id == Organisatie.id)
    query = query.where(Deelnemer.aanvraag_id == aanvraag.id)
    if alleen_bevestigd:
        query = query.where(Deelnemer.is_bevestigd)
    return list(session.exec(query.order_by(Organisatie.naam)))


# Rounds


def open_ronde(session: Session) -> Ronde | None:
    """The open round applications are made in (the latest, when there are several)."""
    return session.exec(select(Ronde).where(Ronde.is_open).order_by(Ronde.deadline.desc())).first()


def rondes(session: Session) -> list[Ronde]:
    return list(session.exec(select(Ronde).order_by(Ronde.eerste_jaar.desc(), Ronde.id.desc())))


def criteria(session: Session, ronde_id: int) -> list[Criterium]:
    return list(
        session.exec(select(Criterium).where(Criterium.ronde_id == ronde_id).order_by(Criterium.nummer))
    )


def ronde_heeft_ingediende_aanvragen(session: Session, ronde_id: int) -> bool:
    return (
        session.exec(
            select(Aanvraag.id)
            .where(Aanvraag.ronde_id == ronde_id, Aanvraag.status != Status.CONCEPT)
            .limit(1)
        ).first()
        is not None
    )


# Who someone is to an application


class Betrokkenheid(StrEnum):
    AANVRAGER = "aanvrager"  # made it, or a confirmed co-applicant
    UITGENODIGD = "uitgenodigd"  # their board is invited and has not confirmed yet
    GEEN = "geen"


def bestuur_van(session: Session, user) -> int | None:
    """The board a user acts for: a bestuurder's own, a school leader's school's."""
    if getattr(user, "bestuur_id", None):
        return user.bestuur_id
    if getattr(user, "organisatie_id", None):
        return session.exec(
            select(Organisatie.bestuur_id).where(Organisatie.id == user.organisatie_id)
        ).first()
    return None


def betrokkenheid(session: Session, user, aanvraag: Aanvraag) -> Betrokkenheid:
    """How `user` takes part in `aanvraag`: as its maker or for a confirmed board, invited, or not.

    A school leader takes part for the school named in the board's participation, or for any school of
    that board when none is named; a bestuurder for their board."""
    if not getattr(user, "is_authenticated", False):
        return Betrokkenheid.GEEN
    if aanvraag.aanvrager_id == user.id:
        return Betrokkenheid.AANVRAGER
    bestuur_id = bestuur_van(session, user)
    if bestuur_id is None:
        return Betrokkenheid.GEEN
    deelnemer = session.exec(
        select(Deelnemer).where(Deelnemer.aanvraag_id == aanvraag.id, Deelnemer.bestuur_id == bestuur_id)
    ).first()
    if deelnemer is None:
        return Betrokkenheid.GEEN
    if user.bestuur_id is None and deelnemer.school_id not in (None, user.organisatie_id):
        return Betrokkenheid.GEEN
    return Betrokkenheid.AANVRAGER if deelnemer.is_bevestigd else Betrokkenheid.UITGENODIGD


# One application


def plan(session: Session, aanvraag: Aanvraag) -> rules.Plan:
    """What the formal checks read of `aanvraag`."""
    return plannen(session, [aanvraag])[aanvraag.id]


def plannen(session: Session, aanvragen: list[Aanvraag]) -> dict[int, rules.Plan]:
    """What the formal checks read of each application, in a fixed number of queries for any count."""
    ids = [a.id for a in aanvragen]
    deelnames: dict[int, list[rules.Deelname]] = defaultdict(list)
    kosten: dict[int, list[tuple[int, int]]] = defaultdict(list)
    cofi: dict[int, list[tuple[int, int]]] = defaultdict(list)
    aantal_wijken: dict[int, int] = {}
    aantal_ambities: dict[int, int] = {}
    rondes_: dict[int, Ronde] = {}
    if ids:
        for d, naam in session.exec(
            select(Deelnemer, Bestuur.naam)
            .join(Bestuur, Bestuur.id == Deelnemer.bestuur_id)
            .where(Deelnemer.aanvraag_id.in_(ids))
            .order_by(Deelnemer.id)
        ):
            deelnames[d.aanvraag_id].append(rules.Deelname(d.bestuur_id, naam, d.is_bevestigd))
        aantal_wijken = dict(
            session.exec(
                select(AanvraagWijk.aanvraag_id, func.count())
                .where(AanvraagWijk.aanvraag_id.in_(ids))
                .group_by(AanvraagWijk.aanvraag_id)
            ).all()
        )
        aantal_ambities = dict(
            session.exec(
                select(AanvraagAmbitie.aanvraag_id, func.count())
                .where(AanvraagAmbitie.aanvraag_id.in_(ids))
                .group_by(AanvraagAmbitie.aanvraag_id)
            ).all()
        )
        for aid, jaar, cents in session.exec(
            select(Kostenregel.aanvraag_id, Kostenregel.jaar, Kostenregel.bedrag_cents)
            .where(Kostenregel.aanvraag_id.in_(ids))
            .order_by(Kostenregel.id)
        ):
            kosten[aid].append((jaar, cents))
        for aid, jaar, cents in session.exec(
            select(Cofinanciering.aanvraag_id, Cofinanciering.jaar, Cofinanciering.bedrag_cents)
            .where(Cofinanciering.aanvraag_id.in_(ids))
            .order_by(Cofinanciering.id)
        ):
            cofi[aid].append((jaar, cents))
        ronde_ids = {a.ronde_id for a in aanvragen}
        rondes_ = {r.id: r for r in session.exec(select(Ronde).where(Ronde.id.in_(ronde_ids)))}
    return {
        a.id: rules.Plan(
            secties={naam: getattr(a, naam) or "" for naam, _ in rules.SECTIES},
            startdatum=a.startdatum,
            einddatum=a.einddatum,
            deelnames=deelnames[a.id],
            wijken=aantal_wijken.get(a.id, 0),
            ambities=aantal_ambities.get(a.id, 0),
            kosten=kosten[a.id],
            cofinanciering=cofi[a.id],
            ronde_jaren=rondes_[a.ronde_id].jaren if a.ronde_id in rondes_ else range(0),
        )
        for a in aanvragen
    }


def formele_controles(session: Session, aanvraag: Aanvraag) -> list[str]:
    return rules.formele_controles(plan(session, aanvraag))


def formele_controles_van(session: Session, aanvragen: list[Aanvraag]) -> dict[int, list[str]]:
    """The formal checks of many applications at once (the API's list)."""
    return {aid: rules.formele_controles(p) for aid, p in plannen(session, aanvragen).items()}


def wijkcodes(session: Session, aanvraag_ids: list[int]) -> dict[int, list[str]]:
    """The codes of each application's wijken, sorted by the wijk's name."""
    codes: dict[int, list[str]] = defaultdict(list)
    if aanvraag_ids:
        for aid, code in session.exec(
            select(AanvraagWijk.aanvraag_id, Wijk.code)
            .join(Wijk, Wijk.id == AanvraagWijk.wijk_id)
            .where(AanvraagWijk.aanvraag_id.in_(aanvraag_ids))
            .order_by(Wijk.naam)
        ):
            codes[aid].append(code)
    return codes


@dataclass(frozen=True)
class DeelnemerRegel:
    deelnemer: Deelnemer
    bestuur: str
    school: str | None


def deelnemers(session: Session, aanvraag: Aanvraag) -> list[DeelnemerRegel]:
    """Every board taking part or invited, the main applicant first."""
    rijen = session.exec(
        select(Deelnemer, Bestuur.naam, Organisatie.naam)
        .join(Bestuur, Bestuur.id == Deelnemer.bestuur_id)
        .outerjoin(Organisatie, Organisatie.id == Deelnemer.school_id)
        .where(Deelnemer.aanvraag_id == aanvraag.id)
        .order_by(Deelnemer.is_hoofdaanvrager.desc(), Bestuur.naam)
    )
    return [DeelnemerRegel(d, bestuur, school) for d, bestuur, school in rijen]


def partners(session: Session, aanvraag: Aanvraag) -> list[Partner]:
    return list(
        session.exec(select(Partner).where(Partner.aanvraag_id == aanvraag.id).order_by(Partner.naam))
    )


def wijk_ids(session: Session, aanvraag: Aanvraag) -> list[int]:
    return list(session.exec(select(AanvraagWijk.wijk_id).where(AanvraagWijk.aanvraag_id == aanvraag.id)))


def wijken(session: Session, aanvraag: Aanvraag) -> list[Wijk]:
    return list(
        session.exec(
            select(Wijk)
            .join(AanvraagWijk, AanvraagWijk.wijk_id == Wijk.id)
            .where(AanvraagWijk.aanvraag_id == aanvraag.id)
            .order_by(Wijk.naam)
        )
    )


def ambities(session: Session, aanvraag: Aanvraag) -> list[Ambitie]:
    return sorted(
        session.exec(select(AanvraagAmbitie.ambitie).where(AanvraagAmbitie.aanvraag_id == aanvraag.id))
    )


def kostenregels(session: Session, aanvraag: Aanvraag) -> list[Kostenregel]:
    return list(
        session.exec(
            select(Kostenregel)
            .where(Kostenregel.aanvraag_id == aanvraag.id)
            .order_by(
                Kostenregel.deelplan_id.is_not(None),
                Kostenregel.deelplan_id,
                Kostenregel.jaar,
                Kostenregel.id,
            )
        )
    )


def cofinancieringen(session: Session, aanvraag: Aanvraag) -> list[Cofinanciering]:
    return list(
        session.exec(
            select(Cofinanciering)
            .where(Cofinanciering.aanvraag_id == aanvraag.id)
            .order_by(Cofinanciering.jaar, Cofinanciering.id)
        )
    )


def deelplannen(session: Session, aanvraag: Aanvraag) -> list[Deelplan]:
    return list(
        session.exec(select(Deelplan).where(Deelplan.aanvraag_id == aanvraag.id).order_by(Deelplan.id))
    )


@dataclass(frozen=True)
class Begroting:
    """An application's budget: per year the costs, the co-financing and the request, in cents."""

    jaren: list[int]
    kosten: dict[int, int]
    cofinanciering: dict[int, int]
    gevraagd: dict[int, int]

    @property
    def totaal_gevraagd(self) -> int:
        return sum(self.gevraagd.values())


def begroting(kosten: list[Kostenregel], cofi: list[Cofinanciering]) -> Begroting:
    k = rules.per_jaar([(r.jaar, r.bedrag_cents) for r in kosten])
    c = rules.per_jaar([(r.jaar, r.bedrag_cents) for r in cofi])
    return Begroting(
        jaren=sorted(set(k) | set(c)),
        kosten=k,
        cofinanciering=c,
        gevraagd=rules.gevraagd(list(k.items()), list(c.items())),
    )


def versies(session: Session, aanvraag: Aanvraag) -> list[Aanvraag]:
    """Every version of the application `aanvraag` belongs to, the first first."""
    eerste = aanvraag
    while eerste.vorige_versie_id is not None:
        eerste = session.get(Aanvraag, eerste.vorige_versie_id)
    reeks = [eerste]
    while volgende := session.exec(select(Aanvraag).where(Aanvraag.vorige_versie_id == reeks[-1].id)).first():
        reeks.append(volgende)
    return reeks


def rapportages(session: Session, aanvraag: Aanvraag) -> dict[Rapportsoort, Rapportage]:
    return {r.soort: r for r in session.exec(select(Rapportage).where(Rapportage.aanvraag_id == aanvraag.id))}


# Lists


def mijn_aanvragen(session: Session, user) -> list[Aanvraag]:
    """The applications `user` made or takes part in (also when invited), latest versions, newest first."""
    bestuur_id = bestuur_van(session, user)
    voorwaarde = Aanvraag.aanvrager_id == user.id
    if bestuur_id is not None:
        deelname = select(Deelnemer.aanvraag_id).where(Deelnemer.bestuur_id == bestuur_id)
        if user.bestuur_id is None:
            deelname = deelname.where(
                or_(Deelnemer.school_id.is_(None), Deelnemer.school_id == user.organisatie_id)
            )
        voorwaarde = or_(voorwaarde, Aanvraag.id.in_(deelname))
    return list(
        session.exec(select(Aanvraag).where(voorwaarde, _laatste_versie()).order_by(Aanvraag.id.desc()))
    )


def _laatste_versie():
    opvolger = select(Aanvraag.vorige_versie_id).where(Aanvraag.vorige_versie_id.is_not(None))
    return Aanvraag.id.not_in(opvolger.scalar_subquery())


# Filled by the assessing feature: per application the granted cents per year (see `toegekend_cents`).
ToegekendBron = Callable[[Session, list[int]], dict[int, dict[int, int]]]
TOEGEKEND: list[ToegekendBron] = []


def toegekend_cents(session: Session, aanvraag_ids: list[int]) -> dict[int, dict[int, int]]:
    """Per application the granted cents per year, from whichever feature records grants."""
    uitkomst: dict[int, dict[int, int]] = {aid: {} for aid in aanvraag_ids}
    for bron in TOEGEKEND:
        for aid, per_jaar in bron(session, aanvraag_ids).items():
            for jaar, cents in per_jaar.items():
                uitkomst[aid][jaar] = uitkomst[aid].get(jaar, 0) + cents
    return uitkomst


# Filled by the features above (deciding, paying): links on an application's page for this user, as
# (label, url) pairs, each feature asking its own permissions. `(user, aanvraag) -> [(label, url)]`.
Link = Callable[[object, Aanvraag], list[tuple[str, str]]]
LINKS: list[Link] = []


def links(user, aanvraag: Aanvraag) -> list[tuple[str, str]]:
    return [link for bron in LINKS for link in bron(user, aanvraag)]


# Filled by the assessing feature: an application's scores (per criterion, weighted total, flags) as a
# JSON-ready dict, or None when it has none. Shown only to whom `permissions.can_see_scores` admits.
ScoreBron = Callable[[Session, Aanvraag], dict | None]
SCORES: list[ScoreBron] = []


def scores(session: Session, aanvraag: Aanvraag) -> dict | None:
    for bron in SCORES:
        if (uitkomst := bron(session, aanvraag)) is not None:
            return uitkomst
    return None


@dataclass(frozen=True)
class OverzichtRij:
    aanvraag: Aanvraag
    ronde: str
    aanvrager: str
    wijken: list[str]
    ambities: list[Ambitie]
    besturen: list[str]
    gevraagd: dict[int, int]
    toegekend: dict[int, int]


@dataclass(frozen=True)
class Filter:
    status: Status | None = None
    wijk_id: int | None = None
    ambitie: Ambitie | None = None
    ronde_id: int | None = None
    thema_id: int | None = None
    zoek: str = ""


def overzichtsrij(session: Session, aanvraag: Aanvraag) -> OverzichtRij:
    """One application's row of the overview, whichever version it is."""
    return overzicht(session, aanvraag_id=aanvraag.id)[0]


PER_PAGINA = 50


def overzicht(
    session: Session,
    filter: Filter = Filter(),
    alleen_toegekend: bool = False,
    aanvraag_id: int | None = None,
    pagina: int | None = None,
) -> list[OverzichtRij]:
    """The latest version of every application (filtered), newest first, with its wijken, ambitions,
    boards and money; a fixed number of queries however many there are. With `pagina` (from 1) only
    that page of PER_PAGINA rows (`aantal` counts them all)."""
    query = _overzicht_query(filter, alleen_toegekend, aanvraag_id).order_by(Aanvraag.id.desc())
    if pagina is not None:
        query = query.offset((max(pagina, 1) - 1) * PER_PAGINA).limit(PER_PAGINA)
    return _overzichtsrijen(session, session.exec(query).all())


def aantal(session: Session, filter: Filter = Filter(), alleen_toegekend: bool = False) -> int:
    """How many applications the overview lists with this filter (for its pages): one count over the
    applications alone (every application has its round and its applicant, so the joins add nothing)."""
    query = _filtered(select(func.count(Aanvraag.id)), filter, alleen_toegekend, None)
    return session.exec(query).one()


def _overzicht_query(filter: Filter, alleen_toegekend: bool, aanvraag_id: int | None):
    query = select(Aanvraag, Ronde.naam, Gebruiker.naam).join(Ronde, Ronde.id == Aanvraag.ronde_id)
    query = query.join(Gebruiker, Gebruiker.id == Aanvraag.aanvrager_id)
    return _filtered(query, filter, alleen_toegekend, aanvraag_id)


def _filtered(query, filter: Filter, alleen_toegekend: bool, aanvraag_id: int | None):
    query = query.where(Aanvraag.id == aanvraag_id if aanvraag_id is not None else _laatste_versie())
    if filter.status:
        query = query.where(Aanvraag.status == filter.status)
    if alleen_toegekend:
        query = query.where(Aanvraag.status.in_([Status.TOEGEKEND, Status.AFGEROND]))
    if filter.ronde_id:
        query = query.where(Aanvraag.ronde_id == filter.ronde_id)
    if filter.wijk_id:
        query = query.where(
            Aanvraag.id.in_(select(AanvraagWijk.aanvraag_id).where(AanvraagWijk.wijk_id == filter.wijk_id))
        )
    if filter.ambitie:
        query = query.where(
            Aanvraag.id.in_(
                select(AanvraagAmbitie.aanvraag_id).where(AanvraagAmbitie.ambitie == filter.ambitie)
            )
        )
    if filter.thema_id:
        query = query.where(
            Aanvraag.id.in_(
                select(AanvraagThema.aanvraag_id).where(AanvraagThema.thema_id == filter.thema_id)
            )
        )
    if filter.zoek.strip():
        patroon = f"%{filter.zoek.strip().lower()}%"
        query = query.where(
            or_(
                func.lower(Aanvraag.titel).like(patroon),
                func.lower(Aanvraag.doelen).like(patroon),
                func.lower(Aanvraag.doelgroep).like(patroon),
                func.lower(Aanvraag.samenvatting).like(patroon),
            )
        )
    return query


def _overzichtsrijen(session: Session, rijen) -> list[OverzichtRij]:
    ids = [a.id for a, _, _ in rijen]
    wijknamen: dict[int, list[str]] = defaultdict(list)
    ambs: dict[int, list[Ambitie]] = defaultdict(list)
    besturen: dict[int, list[str]] = defaultdict(list)
    if ids:
        for aid, naam in session.exec(
            select(AanvraagWijk.aanvraag_id, Wijk.naam)
            .join(Wijk, Wijk.id == AanvraagWijk.wijk_id)
            .where(AanvraagWijk.aanvraag_id.in_(ids))
            .order_by(Wijk.naam)
        ):
            wijknamen[aid].append(naam)
        for aid, ambitie in session.exec(
            select(AanvraagAmbitie.aanvraag_id, AanvraagAmbitie.ambitie)
            .where(AanvraagAmbitie.aanvraag_id.in_(ids))
            .order_by(AanvraagAmbitie.ambitie)
        ):
            ambs[aid].append(ambitie)
        for aid, naam in session.exec(
            select(Deelnemer.aanvraag_id, Bestuur.naam)
            .join(Bestuur, Bestuur.id == Deelnemer.bestuur_id)
            .where(Deelnemer.aanvraag_id.in_(ids), Deelnemer.is_bevestigd)
            .order_by(Bestuur.naam)
        ):
            besturen[aid].append(naam)
    gevraagd = gevraagd_cents(session, ids)
    toegekend = toegekend_cents(session, ids)
    return [
        OverzichtRij(
            a, ronde, aanvrager, wijknamen[a.id], ambs[a.id], besturen[a.id], gevraagd[a.id], toegekend[a.id]
        )
        for a, ronde, aanvrager in rijen
    ]


@dataclass(frozen=True)
class Lopend:
    """What a signal shows of a running initiative (its page is `initiatieven.aanvraag` by id)."""

    id: int
    titel: str
    startdatum: date | None
    einddatum: date


@dataclass(frozen=True)
class Signaal:
    aanvraag: Lopend
    wat: str
    datum: date


def signalen(session: Session, vandaag: date) -> list[Signaal]:
    """For SWV staff: funded initiatives that end within three months, and reports that are late."""
    lopend_waar = (Aanvraag.status == Status.TOEGEKEND, Aanvraag.einddatum.is_not(None))
    # Only the columns the signals need: building every running application's full record is slow.
    lopend = [
        Lopend(*rij)
        for rij in session.exec(
            select(Aanvraag.id, Aanvraag.titel, Aanvraag.startdatum, Aanvraag.einddatum).where(*lopend_waar)
        )
    ]
    ingediend: dict[int, set[Rapportsoort]] = defaultdict(set)
    if lopend:
        for aid, soort in session.exec(
            select(Rapportage.aanvraag_id, Rapportage.soort)
            .join(Aanvraag, Aanvraag.id == Rapportage.aanvraag_id)
            .where(*lopend_waar)
        ):
            ingediend[aid].add(soort)
    uitkomst = []
    grens = rules.plus_maanden(vandaag, 3)
    # Thousands of initiatives share a few start and end dates (a round's) and have the same reports in:
    # what is late is worked out once per date pair and reports, as (what, when) pairs.
    te_laat_van: dict[tuple, list[tuple[str, date]]] = {}
    for a in lopend:
        if vandaag <= a.einddatum <= grens:
            uitkomst.append(Signaal(a, "Eindigt binnen drie maanden", a.einddatum))
        sleutel = (a.startdatum, a.einddatum, frozenset(ingediend.get(a.id, ())))
        if (laat := te_laat_van.get(sleutel)) is None:
            deadlines = rules.rapport_deadlines(a.startdatum, a.einddatum)
            laat = te_laat_van[sleutel] = [
                (f"{soort.label} te laat", deadlines[soort])
                for soort in rules.te_laat(deadlines, sleutel[2], vandaag)
            ]
        uitkomst.extend(Signaal(a, wat, dag) for wat, dag in laat)
    return sorted(uitkomst, key=lambda s: (s.datum, s.aanvraag.id))


def eerste_signalen(session: Session, vandaag: date, limit: int) -> tuple[list[Signaal], int]:
    """The first `limit` signals of `signalen`, oldest first, and how many there are. Thousands of funded
    initiatives share a few start and end dates (a round's) and the same reports in: the signals are
    worked out per such group, counted in one query, and only the initiatives shown are read."""
    lopend_waar = (Aanvraag.status == Status.TOEGEKEND, Aanvraag.einddatum.is_not(None))
    heeft = {
        soort: Aanvraag.id.in_(select(Rapportage.aanvraag_id).where(Rapportage.soort == soort))
        for soort in Rapportsoort
    }
    kolommen = (Aanvraag.startdatum, Aanvraag.einddatum, *heeft.values())
    groepen = session.exec(select(*kolommen, func.count()).where(*lopend_waar).group_by(*kolommen)).all()
    grens = rules.plus_maanden(vandaag, 3)
    soorten = []  # (date, what, the group's values, how many initiatives)
    for *groep, aantal in groepen:
        startdatum, einddatum, *ingediend = groep
        if vandaag <= einddatum <= grens:
            soorten.append((einddatum, "Eindigt binnen drie maanden", groep, aantal))
        deadlines = rules.rapport_deadlines(startdatum, einddatum)
        binnen = {soort for soort, ja in zip(heeft, ingediend, strict=True) if ja}
        for soort in rules.te_laat(deadlines, binnen, vandaag):
            soorten.append((deadlines[soort], f"{soort.label} te laat", groep, aantal))
    soorten.sort(key=lambda s: (s[0], s[1], str(s[2])))
    uitkomst: list[Signaal] = []
    for dag, wat, groep, _ in soorten:
        if len(uitkomst) >= limit:
            break
        startdatum, einddatum, *ingediend = groep
        waar = [
            Aanvraag.startdatum == startdatum if startdatum else Aanvraag.startdatum.is_(None),
            Aanvraag.einddatum == einddatum,
            *(ja_nee if ja else not_(ja_nee) for ja_nee, ja in zip(heeft.values(), ingediend, strict=True)),
        ]
        uitkomst.extend(
            Signaal(Lopend(*rij), wat, dag)
            for rij in session.exec(
                select(Aanvraag.id, Aanvraag.titel, Aanvraag.startdatum, Aanvraag.einddatum)
                .where(*lopend_waar, *waar)
                .order_by(Aanvraag.id)
                .limit(limit - len(uitkomst))
            )
        )
    return uitkomst, sum(aantal for *_, aantal in soorten)


def wijk_initiatieven(session: Session, wijk_id: int) -> list[Aanvraag]:
    """The funded initiatives of a wijk (granted or ended), newest first."""
    return list(
        session.exec(
            select(Aanvraag)
            .join(AanvraagWijk, AanvraagWijk.aanvraag_id == Aanvraag.id)
            .where(AanvraagWijk.wijk_id == wijk_id, Aanvraag.status.in_([Status.TOEGEKEND, Status.AFGEROND]))
            .order_by(Aanvraag.startdatum.desc())
        )
    )


def alle_wijken(session: Session) -> list[Wijk]:
    return list(session.exec(select(Wijk).order_by(Wijk.naam)))


def wijk_keuzes(session: Session) -> list[tuple[int, str]]:
    """Every wijk's id and name, by name: only the two columns (1,500 wijken nationally)."""
    return list(session.exec(select(Wijk.id, Wijk.naam).order_by(Wijk.naam)).all())


def besturen(session: Session) -> list[Bestuur]:
    return list(session.exec(select(Bestuur).order_by(Bestuur.naam)))


def scholen_van(session: Session, bestuur_id: int) -> list[Organisatie]:
    return list(
        session.exec(
            select(Organisatie).where(Organisatie.bestuur_id == bestuur_id).order_by(Organisatie.naam)
        )
    )


def scholen_keuzes(session: Session) -> list[tuple[int, str]]:
    """Every school with its board's name, for inviting a board through one of its schools."""
    return [
        (id, f"{school} ({bestuur})")
        for id, school, bestuur in session.exec(
            select(Organisatie.id, Organisatie.naam, Bestuur.naam)
            .join(Bestuur, Bestuur.id == Organisatie.bestuur_id)
            .where(Organisatie.is_actief)
            .order_by(Organisatie.naam)
        )
    ]


def rapportages_van(session: Session, aanvraag_ids: list[int]) -> dict[int, list[Rapportage]]:
    """The reports of many applications, per application."""
    uitkomst: dict[int, list[Rapportage]] = defaultdict(list)
    if aanvraag_ids:
        for r in session.exec(
            select(Rapportage)
            .where(Rapportage.aanvraag_id.in_(aanvraag_ids))
            .order_by(Rapportage.ingediend_op)
        ):
            uitkomst[r.aanvraag_id].append(r)
    return uitkomst


def uitnodigingen(session: Session, user) -> list[tuple[Aanvraag, Ronde]]:
    """Drafts that wait for the confirmation of the user's board (through their school, when one is named)."""
    bestuur_id = bestuur_van(session, user)
    if bestuur_id is None:
        return []
    query = (
        select(Aanvraag, Ronde)
        .join(Ronde, Ronde.id == Aanvraag.ronde_id)
        .join(Deelnemer, Deelnemer.aanvraag_id == Aanvraag.id)
        .where(Aanvraag.status == Status.CONCEPT, Deelnemer.bestuur_id == bestuur_id, ~Deelnemer.is_bevestigd)
    )
    if user.bestuur_id is None:
        query = query.where(or_(Deelnemer.school_id.is_(None), Deelnemer.school_id == user.organisatie_id))
    return list(session.exec(query.order_by(Ronde.deadline, Aanvraag.id)))


def per_wijk(session: Session) -> dict[int, tuple[list[str], int]]:
    """Per wijk the titles of its funded initiatives and the cents granted to them (shared initiatives
    count fully in each of their wijken)."""
    rijen = session.exec(
        select(AanvraagWijk.wijk_id, Aanvraag.id, Aanvraag.titel)
        .join(Aanvraag, Aanvraag.id == AanvraagWijk.aanvraag_id)
        .where(Aanvraag.status.in_([Status.TOEGEKEND, Status.AFGEROND]))
    ).all()
    toegekend = toegekend_cents(session, sorted({aid for _, aid, _ in rijen}))
    uitkomst: dict[int, tuple[list[str], int]] = {}
    for wijk_id, aid, titel in rijen:
        titels, cents = uitkomst.get(wijk_id, ([], 0))
        uitkomst[wijk_id] = ([*titels, titel], cents + sum(toegekend[aid].values()))
    return uitkomst


def hiaat_keuzes(session: Session, wijk_ids: list[int]) -> list[tuple[str, str]]:
    """The coverage gaps of the application's wijken (the dekking matrix), as 'wijk:domein' choices."""
    from wijkportaal.expertise.queries import dekking_van_wijk

    keuzes = []
    for wijk in sorted((session.get(Wijk, w) for w in wijk_ids), key=lambda w: w.naam):
        for domein, cel in dekking_van_wijk(session, wijk.id).hiaten(wijk.id):
            keuzes.append(
                (f"{wijk.id}:{domein.id}", f"{wijk.naam}: {domein.naam} ({cel.status.label.lower()})")
            )
    return keuzes


def themas(session: Session) -> list[Thema]:
    """The active themes of the wijkoverleggen, to choose from."""
    return overleg_queries.actieve_themas(session)


def thema_ids(session: Session, aanvraag: Aanvraag) -> list[int]:
    return list(session.exec(select(AanvraagThema.thema_id).where(AanvraagThema.aanvraag_id == aanvraag.id)))


def themas_van(session: Session, aanvraag: Aanvraag) -> list[Thema]:
    return list(
        session.exec(
            select(Thema)
            .join(AanvraagThema, AanvraagThema.thema_id == Thema.id)
            .where(AanvraagThema.aanvraag_id == aanvraag.id)
            .order_by(Thema.naam)
        )
    )


AGENDA_TERUG = timedelta(days=365)  # the agenda items an application may refer to: those of the past year


def agendapunt_keuzes(
    session: Session, wijk_ids: list[int], huidig_id: int | None = None
) -> list[tuple[int, str]]:
    """The agenda items of the past year in the wijkoverleg of the application's wijken, as choices
    ('Osdorp, 12-11-2026: Thuiszitters'); the one already chosen stays among them."""
    vanaf = datetime.combine(clock.today() - AGENDA_TERUG, time.min)
    query = (
        select(Agendapunt.id, Wijk.naam, Bijeenkomst.start, Agendapunt.titel)
        .join(Bijeenkomst, Bijeenkomst.id == Agendapunt.bijeenkomst_id)
        .join(Wijkoverleg, Wijkoverleg.id == Bijeenkomst.wijkoverleg_id)
        .join(Wijk, Wijk.id == Wijkoverleg.wijk_id)
        .where(
            or_(
                and_(Wijk.id.in_(wijk_ids or [-1]), Bijeenkomst.start >= vanaf),
                Agendapunt.id == (huidig_id or -1),
            )
        )
        .order_by(Wijk.naam, Bijeenkomst.start.desc(), Agendapunt.volgorde)
    )
    return [(pid, f"{wijk}, {datum(start)}: {titel}") for pid, wijk, start, titel in session.exec(query)]


def agendapunt_van(session: Session, aanvraag: Aanvraag) -> tuple[Agendapunt, Bijeenkomst, str] | None:
    """The agenda item the application refers to, with its meeting and wijk name, when it names one."""
    if aanvraag.agendapunt_id is None:
        return None
    return session.exec(
        select(Agendapunt, Bijeenkomst, Wijk.naam)
        .join(Bijeenkomst, Bijeenkomst.id == Agendapunt.bijeenkomst_id)
        .join(Wijkoverleg, Wijkoverleg.id == Bijeenkomst.wijkoverleg_id)
        .join(Wijk, Wijk.id == Wijkoverleg.wijk_id)
        .where(Agendapunt.id == aanvraag.agendapunt_id)
    ).first()


def hiaat_naam(session: Session, aanvraag: Aanvraag) -> str | None:
    """'Osdorp: autisme', the coverage gap the application answers, when it names one."""
    from wijkportaal.expertise.models import Domein

    if aanvraag.hiaat_wijk_id is None or aanvraag.hiaat_domein_id is None:
        return None
    return f"{session.get(Wijk, aanvraag.hiaat_wijk_id).naam}: {session.get(Domein, aanvraag.hiaat_domein_id).naam}"
