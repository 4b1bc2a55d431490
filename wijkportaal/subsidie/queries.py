"""Reads of deciding and funding: the director's ranked list, a decision and its letter, a grant's
commitments, payments and releases per year, and what waits for the director and SWV staff.

Every list reads in a fixed number of queries, however many applications there are."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask import url_for
from sqlmodel import Session, func, select

from ledger import Ledger
from wijkportaal.begroting import queries as begroting_queries
from wijkportaal.begroting.models import Regel, rekeningen
from wijkportaal.beoordeling import queries as beoordeling_queries
from wijkportaal.beoordeling.models import UITGEVALLEN, Score, Toewijzing
from wijkportaal.initiatieven import queries as initiatieven_queries
from wijkportaal.initiatieven.models import (
    Aanvraag,
    Cofinanciering,
    Criterium,
    Kostenregel,
    Rapportage,
    Rapportsoort,
    Ronde,
    Status,
)
from wijkportaal.subsidie import permissions
from wijkportaal.subsidie.models import Besluit, Brief, Mutatie, Mutatiesoort, Toekenning

GROEP, REGEL = "Samenwerking in de wijk en regio", "Nieuwe initiatieven"
PER_PAGINA = 50


ONTVANGER = "aanvraag-"


def ontvanger(aanvraag_id: int) -> str:
    """The name of an initiative's own commitment account under the budget line (see begroting)."""
    return f"{ONTVANGER}{aanvraag_id}"


def regel_van(session: Session, ronde: Ronde) -> Regel | None:
    """The budget line a round draws on: its own, else the begroting's "Nieuwe initiatieven"."""
    if ronde.begroting_regel_id is not None:
        return session.get(Regel, ronde.begroting_regel_id)
    return begroting_queries.regel(session, GROEP, REGEL)


def resterend(session: Session, regel: Regel | None, jaren) -> dict[int, int]:
    """Per year what is still free on the line (budget minus committed), in cents."""
    if regel is None:
        return {j: 0 for j in jaren}
    return {j: begroting_queries.bedragen(session, regel, j).resterend for j in jaren}


# The ranked list


@dataclass(frozen=True)
class Rij:
    rang: int
    aanvraag: Aanvraag
    wijken: list[str]
    uitslag: object  # beoordeling's Uitslag
    gevraagd: dict[int, int]
    resterend_daarna: dict[int, int]  # per year: left on the line if this and everything above is granted

    @property
    def gevraagd_totaal(self) -> int:
        return sum(self.gevraagd.values())


@dataclass(frozen=True)
class Ranglijst:
    ronde: Ronde | None
    regel: Regel | None
    jaren: list[int]
    resterend: dict[int, int]  # now, before any of the list is granted
    rijen: list[Rij]  # this page
    aantal: int
    pagina: int
    paginas: int
    rondes: list[Ronde] = field(default_factory=list)


def _rangorde(session: Session, ronde: Ronde) -> list[int]:
    """The ids of the round's assessed applications, best first: knocked-out ones last, then the highest
    weighted total (weight × the mean of the submitted scores, per judged criterion), then the oldest.

    One query, without a list of ids: the ranking needs every assessed application, the page only its
    own rows (whose figures come from the assessing feature's `uitslagen`)."""
    beoordeeld = (Aanvraag.ronde_id == ronde.id, Aanvraag.status == Status.BEOORDEELD)
    per_criterium = (
        select(
            Toewijzing.aanvraag_id.label("aanvraag_id"),
            Score.criterium_id.label("criterium_id"),
            func.avg(Score.score).label("gemiddelde"),
        )
        .join(Score, Score.toewijzing_id == Toewijzing.id)
        .join(Aanvraag, Aanvraag.id == Toewijzing.aanvraag_id)
        .where(*beoordeeld, Toewijzing.ingediend_op.is_not(None), Toewijzing.verklaring.not_in(UITGEVALLEN))
        .group_by(Toewijzing.aanvraag_id, Score.criterium_id)
        .subquery()
    )
    per_aanvraag = (
        select(
            per_criterium.c.aanvraag_id,
            func.sum(Criterium.gewicht * per_criterium.c.gemiddelde).label("totaal"),
            func.min(per_criterium.c.gemiddelde).label("laagste"),
        )
        .join(Criterium, Criterium.id == per_criterium.c.criterium_id)
        .group_by(per_criterium.c.aanvraag_id)
        .subquery()
    )
    knock_out = sa.case((per_aanvraag.c.laagste < ronde.knock_out_minimum_honderdsten / 100, 1), else_=0)
    return list(
        session.exec(
            select(Aanvraag.id)
            .outerjoin(per_aanvraag, per_aanvraag.c.aanvraag_id == Aanvraag.id)
            .where(*beoordeeld)
            .order_by(knock_out, per_aanvraag.c.totaal.desc().nulls_last(), Aanvraag.id)
        )
    )


def _gevraagd_in_ronde(session: Session, ronde: Ronde) -> dict[int, dict[int, int]]:
    """Per assessed application of the round the requested cents per year (costs minus co-financing),
    in two queries without a list of ids."""
    uitkomst: dict[int, dict[int, int]] = defaultdict(dict)
    for model, teken in ((Kostenregel, 1), (Cofinanciering, -1)):
        for aid, jaar, cents in session.exec(
            select(model.aanvraag_id, model.jaar, func.sum(model.bedrag_cents))
            .join(Aanvraag, Aanvraag.id == model.aanvraag_id)
            .where(Aanvraag.ronde_id == ronde.id, Aanvraag.status == Status.BEOORDEELD)
            .group_by(model.aanvraag_id, model.jaar)
        ):
            uitkomst[aid][jaar] = uitkomst[aid].get(jaar, 0) + teken * int(cents)
    return {aid: dict(sorted(per_jaar.items())) for aid, per_jaar in uitkomst.items()}


def ranglijst(session: Session, ronde_id: int | None = None, pagina: int = 1) -> Ranglijst:
    """The assessed applications of a round (the open one when none is given), best first, with their
    scores and flags, the requested cents per year, and the money left per year on the round's budget
    line when everything down to that row is granted. A fixed number of queries, whatever the size."""
    rondes = initiatieven_queries.rondes(session)
    ronde = next((r for r in rondes if r.id == ronde_id), None) if ronde_id else None
    ronde = ronde or initiatieven_queries.open_ronde(session) or (rondes[0] if rondes else None)
    if ronde is None:
        return Ranglijst(None, None, [], {}, [], 0, 1, 1, rondes)
    volgorde = _rangorde(session, ronde)
    gevraagd = _gevraagd_in_ronde(session, ronde)
    regel = regel_van(session, ronde)
    jaren = list(ronde.jaren)
    nu = resterend(session, regel, jaren)
    paginas = max(1, -(-len(volgorde) // PER_PAGINA))
    pagina = min(max(1, pagina), paginas)
    begin = (pagina - 1) * PER_PAGINA
    zichtbaar = volgorde[begin : begin + PER_PAGINA]
    aanvragen = {a.id: a for a in session.exec(select(Aanvraag).where(Aanvraag.id.in_(zichtbaar)))}
    uitslagen = beoordeling_queries.uitslagen(session, zichtbaar)
    wijken = initiatieven_queries.wijkcodes(session, zichtbaar)
    over = dict(nu)
    rijen = []
    for rang, aid in enumerate(volgorde[: begin + PER_PAGINA], start=1):
        for jaar, cents in gevraagd.get(aid, {}).items():
            over[jaar] = over.get(jaar, 0) - cents
        if rang > begin:
            rijen.append(
                Rij(rang, aanvragen[aid], wijken[aid], uitslagen.get(aid), gevraagd.get(aid, {}), dict(over))
            )
    return Ranglijst(ronde, regel, jaren, nu, rijen, len(volgorde), pagina, paginas, rondes)


# A decision and its letter


def uitslag(session: Session, aanvraag_id: int):
    """The combined scores of one application (beoordeling's Uitslag), or None."""
    return beoordeling_queries.uitslagen(session, [aanvraag_id]).get(aanvraag_id)


def besluit_van(session: Session, aanvraag_id: int) -> Besluit | None:
    return session.exec(select(Besluit).where(Besluit.aanvraag_id == aanvraag_id)).first()


def brief_van(session: Session, aanvraag_id: int) -> Brief | None:
    return session.exec(
        select(Brief).join(Besluit, Besluit.id == Brief.besluit_id).where(Besluit.aanvraag_id == aanvraag_id)
    ).first()


def toegekend_per_jaar(session: Session, aanvraag_ids: list[int]) -> dict[int, dict[int, int]]:
    """Per application the granted cents per year (the initiatieven feature's `TOEGEKEND` source)."""
    uitkomst: dict[int, dict[int, int]] = defaultdict(dict)
    if aanvraag_ids:
        for aid, jaar, cents in session.exec(
            select(Toekenning.aanvraag_id, Toekenning.jaar, Toekenning.bedrag_cents).where(
                Toekenning.aanvraag_id.in_(aanvraag_ids)
            )
        ):
            uitkomst[aid][jaar] = cents
    return dict(uitkomst)


# A grant: committed, paid, released and open per year


@dataclass(frozen=True)
class JaarStand:
    jaar: int
    toegekend: int
    betaald: int
    vrijgegeven: int
    open: int  # committed and not yet paid: the balance of the initiative's own account


@dataclass(frozen=True)
class Stand:
    regel: Regel | None
    jaren: list[JaarStand]
    mutaties: list[Mutatie]

    @property
    def open(self) -> int:
        return sum(j.open for j in self.jaren)


def _open_saldi(session: Session, toekenningen: list[Toekenning]) -> dict[tuple[int, int], int]:
    codes = {
        (t.aanvraag_id, t.jaar): rekeningen(t.regel_id, t.jaar).toezegging(ontvanger(t.aanvraag_id))
        for t in toekenningen
    }
    saldi = Ledger(session).balances(list(codes.values())) if codes else {}
    return {k: saldi[c].posted if c in saldi else 0 for k, c in codes.items()}


def stand(session: Session, aanvraag: Aanvraag) -> Stand:
    """Per granted year: the grant, what is paid, what went back to the line, and what is still open."""
    toekenningen = list(
        session.exec(
            select(Toekenning).where(Toekenning.aanvraag_id == aanvraag.id).order_by(Toekenning.jaar)
        )
    )
    mutaties = list(
        session.exec(
            select(Mutatie).where(Mutatie.aanvraag_id == aanvraag.id).order_by(Mutatie.op, Mutatie.id)
        )
    )
    open_ = _open_saldi(session, toekenningen)
    som: dict[tuple[int, Mutatiesoort], int] = defaultdict(int)
    for m in mutaties:
        som[(m.jaar, m.soort)] += m.bedrag_cents
    jaren = [
        JaarStand(
            t.jaar,
            t.bedrag_cents,
            som[(t.jaar, Mutatiesoort.BETALING)],
            som[(t.jaar, Mutatiesoort.VRIJGAVE)],
            open_[(aanvraag.id, t.jaar)],
        )
        for t in toekenningen
    ]
    regel = session.get(Regel, toekenningen[0].regel_id) if toekenningen else None
    return Stand(regel, jaren, mutaties)


def toekenningen(session: Session, aanvraag_id: int) -> list[Toekenning]:
    return list(
        session.exec(
            select(Toekenning).where(Toekenning.aanvraag_id == aanvraag_id).order_by(Toekenning.jaar)
        )
    )


# What waits


def te_beslissen(session: Session, limit: int | None = None) -> list[tuple[Aanvraag, Ronde]]:
    """Assessed applications waiting for the director's decision, oldest first; the first `limit` when
    given."""
    return list(
        session.exec(
            select(Aanvraag, Ronde)
            .join(Ronde, Ronde.id == Aanvraag.ronde_id)
            .where(Aanvraag.status == Status.BEOORDEELD)
            .order_by(Aanvraag.gewijzigd_op, Aanvraag.id)
            .limit(limit)
        )
    )


def aantal_te_beslissen(session: Session) -> int:
    return session.exec(
        select(func.count()).select_from(Aanvraag).where(Aanvraag.status == Status.BEOORDEELD)
    ).one()


@dataclass(frozen=True)
class TeBetalen:
    aanvraag_id: int
    titel: str
    einddatum: date | None
    open_dit_jaar: int  # committed for this year or earlier and not paid
    einde_voorbij: bool


@dataclass(frozen=True)
class TeBetalenLijst:
    """What SWV staff have to pay and close: the first `limit` of each kind, and how many there are."""

    afronden: list[TeBetalen]  # past their end date, longest ago first
    aantal_afronden: int
    betalen: list[TeBetalen]  # money committed for this year or earlier and not paid, oldest grant first
    aantal_betalen: int


def te_betalen(session: Session, vandaag: date, limit: int | None = None) -> TeBetalenLijst:
    """Running grants past their end date, and those with money committed for this year (or earlier)
    and not yet paid, for SWV staff: the first `limit` of each and the counts. What is open comes from
    the ledger, per budget line and year in one read; titles only for the grants shown."""
    open_ = _open_per_aanvraag(session, vandaag.year)
    lopend = session.exec(
        select(Aanvraag.id, Aanvraag.einddatum)
        .where(Aanvraag.status == Status.TOEGEKEND)
        .order_by(Aanvraag.id)
    ).all()
    voorbij = sorted((eind, aid) for aid, eind in lopend if eind is not None and eind < vandaag)
    betalen = [aid for aid, eind in lopend if (eind is None or eind >= vandaag) and open_.get(aid, 0) > 0]
    getoond_afronden = [aid for _, aid in voorbij[:limit]]
    getoond_betalen = betalen[:limit]
    titels = {
        aid: (titel, eind)
        for aid, titel, eind in session.exec(
            select(Aanvraag.id, Aanvraag.titel, Aanvraag.einddatum).where(
                Aanvraag.id.in_(getoond_afronden + getoond_betalen)
            )
        )
    }

    def regel(aid: int, is_voorbij: bool) -> TeBetalen:
        return TeBetalen(aid, titels[aid][0], titels[aid][1], open_.get(aid, 0), is_voorbij)

    return TeBetalenLijst(
        [regel(aid, True) for aid in getoond_afronden],
        len(voorbij),
        [regel(aid, False) for aid in getoond_betalen],
        len(betalen),
    )


def _open_per_aanvraag(session: Session, jaar: int) -> dict[int, int]:
    """Per initiative the cents committed to it for `jaar` or earlier and not paid: the balances of the
    commitment accounts of every budget line and year up to `jaar`, each line-year read by its prefix
    (naming thousands of accounts one by one is slow to send)."""
    regeljaren = session.exec(
        select(Toekenning.regel_id, Toekenning.jaar).where(Toekenning.jaar <= jaar).distinct()
    ).all()
    uitkomst: dict[int, int] = defaultdict(int)
    for regel_id, j in regeljaren:
        voorvoegsel = rekeningen(regel_id, j).toezegging(ONTVANGER)
        for code, saldo in Ledger(session).balances(prefix=voorvoegsel).items():
            if (nummer := code.removeprefix(voorvoegsel)).isdigit():
                uitkomst[int(nummer)] += saldo.posted
    return uitkomst


def einde_voorbij(session: Session, vandaag: date) -> list[tuple[Aanvraag, bool]]:
    """Running initiatives past their end date, each with whether its final report is in."""
    eind = select(Rapportage.aanvraag_id).where(Rapportage.soort == Rapportsoort.EIND).scalar_subquery()
    return [
        (a, heeft_eind)
        for a, heeft_eind in session.exec(
            select(Aanvraag, Aanvraag.id.in_(eind))
            .where(Aanvraag.status == Status.TOEGEKEND, Aanvraag.einddatum < vandaag)
            .order_by(Aanvraag.einddatum, Aanvraag.id)
        )
    ]


def aantal_besluiten(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Besluit)).one()


# Links on the application's page


def links(user, aanvraag: Aanvraag) -> list[tuple[str, str]]:
    """What the application's page links to for this user: the decision form, the letter, the grant."""
    uitkomst = []
    if permissions.can_decide(user, aanvraag):
        uitkomst.append(("Besluiten", url_for("subsidie.besluit", id=aanvraag.id)))
    if aanvraag.status in permissions.BESLOTEN and permissions.can_read_brief(user, aanvraag):
        uitkomst.append(("Besluitbrief", url_for("subsidie.brief", id=aanvraag.id)))
    if permissions.can_see_grant(user, aanvraag):
        uitkomst.append(("Subsidie en betalingen", url_for("subsidie.subsidie", id=aanvraag.id)))
    return uitkomst
