"""Reads of nieuwe initiatieven, in plain values or models."""

from collections import defaultdict
from decimal import Decimal

from sqlmodel import Session, select

from ledger import to_decimal
from wijkportaal.initiatieven.models import Aanvraag, Cofinanciering, Deelnemer, Kostenregel
from wijkportaal.wijken.models import Bestuur, Organisatie


def aanvraag(session: Session, id: int) -> Aanvraag | None:
    return session.get(Aanvraag, id)


def gevraagd_per_jaar(session: Session, aanvraag: Aanvraag) -> dict[int, Decimal]:
    """The requested amount per year: the costs minus the co-financing (deelplannen included)."""
    per_jaar: dict[int, int] = defaultdict(int)
    for jaar, bedrag in session.exec(
        select(Kostenregel.jaar, Kostenregel.bedrag_cents).where(Kostenregel.aanvraag_id == aanvraag.id)
    ):
        per_jaar[jaar] += bedrag
    for jaar, bedrag in session.exec(
        select(Cofinanciering.jaar, Cofinanciering.bedrag_cents).where(
            Cofinanciering.aanvraag_id == aanvraag.id
        )
    ):
        per_jaar[jaar] -= bedrag
    return {jaar: to_decimal(per_jaar[jaar]) for jaar in sorted(per_jaar)}


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
