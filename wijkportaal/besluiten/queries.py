"""Read-only views of proposals and decisions; each function runs a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.besluiten import rules, soorten
from wijkportaal.besluiten.models import (
    Besluitregel,
    Voorstel,
    VoorstelBesluit,
    VoorstelBestuur,
    VoorstelStatus,
)
from wijkportaal.core import clock, roles
from wijkportaal.wijken.models import Bestuur


def beslisser(besluit: VoorstelBesluit) -> int:
    """Whom a decision counts for: its board, or (without a board) the sole decider who made it."""
    return besluit.bestuur_id if besluit.bestuur_id is not None else besluit.gebruiker_id


def beslissers(session: Session, voorstel: Voorstel) -> list[int]:
    """The deciders of a proposal: board ids, or the one user id under ALLEEN."""
    if voorstel.regel == Besluitregel.ALLEEN:
        return [voorstel.beslisser_id]
    return list(
        session.exec(
            select(VoorstelBestuur.bestuur_id)
            .where(VoorstelBestuur.voorstel_id == voorstel.id)
            .order_by(VoorstelBestuur.bestuur_id)
        )
    )


def beslissers_met_naam(session: Session, voorstel: Voorstel) -> list[tuple[int, str]]:
    """(decider, name) for the table of decisions: the boards by name, or the sole decider."""
    if voorstel.regel == Besluitregel.ALLEEN:
        gebruiker = session.get(Gebruiker, voorstel.beslisser_id)
        return [(gebruiker.id, gebruiker.naam)]
    return list(
        session.exec(
            select(Bestuur.id, Bestuur.naam)
            .join(VoorstelBestuur, VoorstelBestuur.bestuur_id == Bestuur.id)
            .where(VoorstelBestuur.voorstel_id == voorstel.id)
            .order_by(Bestuur.naam)
        ).all()
    )


def besluiten_van(session: Session, voorstel_ids: list[int]) -> dict[int, dict[int, VoorstelBesluit]]:
    """Per proposal: decider → decision (every id given is a key, with {} when nobody decided yet)."""
    result: dict[int, dict[int, VoorstelBesluit]] = {i: {} for i in voorstel_ids}
    for b in session.exec(
        select(VoorstelBesluit)
        .where(VoorstelBesluit.voorstel_id.in_(voorstel_ids or [0]))
        .order_by(VoorstelBesluit.op, VoorstelBesluit.id)
    ):
        result[b.voorstel_id][beslisser(b)] = b
    return result


def besluitvorming(session: Session, voorstel: Voorstel) -> dict:
    """What the decisions partial (templates/besluiten/_besluiten.html) shows of one proposal."""
    return {
        "voorstel": voorstel,
        "beslissers": beslissers_met_naam(session, voorstel),
        "besluiten": besluiten_van(session, [voorstel.id])[voorstel.id],
        "door_besturen": voorstel.regel != Besluitregel.ALLEEN,
    }


def gevolg_van_akkoord(
    session: Session, voorstel: Voorstel, beslisser: int, gevolg: str, gewicht: dict[int, int] | None = None
) -> str:
    """The sentence the decision form shows: what an approval by `beslisser` does under the rule."""
    besluiten = {b: x.keuze for b, x in besluiten_van(session, [voorstel.id])[voorstel.id].items()}
    nodig = rules.nog_nodig_na_akkoord(
        voorstel.regel, beslissers(session, voorstel), besluiten, beslisser, gewicht
    )
    return rules.gevolg_van_akkoord(voorstel.regel, nodig, gevolg)


def verlopen(session: Session, soort: str, moment: datetime | None = None) -> list[Voorstel]:
    """Open proposals of a kind whose decision period has passed."""
    moment = moment or clock.now()
    return list(
        session.exec(
            select(Voorstel)
            .where(
                Voorstel.soort == soort,
                Voorstel.status == VoorstelStatus.OPEN,
                Voorstel.vervalt_op.is_not(None),
                Voorstel.vervalt_op <= moment,
            )
            .order_by(Voorstel.id)
        )
    )


@dataclass(frozen=True)
class Wachtend:
    """An open proposal waiting for a user's decision, as its feature describes it."""

    voorstel: Voorstel
    soort: str
    soort_label: str
    onderwerp: soorten.Onderwerp

    @property
    def vervalt_op(self) -> datetime | None:
        return self.voorstel.vervalt_op


def wachtend_op(session: Session, user, soort: str | None = None) -> list[Wachtend]:
    """Open proposals this user can decide on and has not yet (for their board), soonest deadline first."""
    if not getattr(user, "is_authenticated", False):
        return []
    kan = sa.and_(
        Voorstel.beslisser_id == user.id,
        Voorstel.id.not_in(select(VoorstelBesluit.voorstel_id).where(VoorstelBesluit.bestuur_id.is_(None))),
    )
    if user.rol in roles.BESTUURT and user.bestuur_id:
        kan = sa.or_(
            kan,
            sa.and_(
                Voorstel.regel != Besluitregel.ALLEEN,
                Voorstel.id.in_(
                    select(VoorstelBestuur.voorstel_id).where(VoorstelBestuur.bestuur_id == user.bestuur_id)
                ),
                Voorstel.id.not_in(
                    select(VoorstelBesluit.voorstel_id).where(VoorstelBesluit.bestuur_id == user.bestuur_id)
                ),
            ),
        )
    query = select(Voorstel).where(
        Voorstel.status == VoorstelStatus.OPEN,
        Voorstel.voorgesteld_door_id != user.id,
        sa.or_(Voorstel.vervalt_op.is_(None), Voorstel.vervalt_op > clock.now()),
        kan,
    )
    if soort is not None:
        query = query.where(Voorstel.soort == soort)
    voorstellen = list(
        session.exec(
            query.order_by(Voorstel.vervalt_op.is_(None), Voorstel.vervalt_op, Voorstel.voorgesteld_op)
        )
    )
    per_soort: dict[str, list[int]] = {}
    for v in voorstellen:
        per_soort.setdefault(v.soort, []).append(v.id)
    onderwerpen: dict[int, soorten.Onderwerp] = {}
    for naam, ids in per_soort.items():
        onderwerpen.update(soorten.soort(naam).beschrijf(session, ids))
    return [
        Wachtend(
            voorstel=v, soort=v.soort, soort_label=soorten.soort(v.soort).label, onderwerp=onderwerpen[v.id]
        )
        for v in voorstellen
    ]


def mogelijke_beslissers(session: Session, voorstellen: list[Voorstel]) -> dict[int, list[Gebruiker]]:
    """Per proposal the active users who could decide on it (the sole decider, or the bestuurders of its
    boards), by name; whether one still has to is `permissions.wacht_op`'s answer."""
    result: dict[int, list[Gebruiker]] = {v.id: [] for v in voorstellen}
    alleen = [v for v in voorstellen if v.regel == Besluitregel.ALLEEN]
    if alleen:
        gebruikers = {
            g.id: g
            for g in session.exec(
                select(Gebruiker).where(
                    Gebruiker.id.in_([v.beslisser_id for v in alleen]), Gebruiker.is_actief.is_(True)
                )
            )
        }
        for v in alleen:
            if v.beslisser_id in gebruikers:
                result[v.id].append(gebruikers[v.beslisser_id])
    besturen = [v.id for v in voorstellen if v.regel != Besluitregel.ALLEEN]
    for voorstel_id, gebruiker in session.exec(
        select(VoorstelBestuur.voorstel_id, Gebruiker)
        .join(Gebruiker, Gebruiker.bestuur_id == VoorstelBestuur.bestuur_id)
        .where(
            VoorstelBestuur.voorstel_id.in_(besturen or [0]),
            Gebruiker.rol.in_(roles.BESTUURT),
            Gebruiker.is_actief.is_(True),
        )
        .order_by(Gebruiker.naam, Gebruiker.id)
    ).all():
        result[voorstel_id].append(gebruiker)
    return result
