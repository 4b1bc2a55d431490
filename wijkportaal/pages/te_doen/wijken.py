"""What the state of the wijken asks of SWV staff: an overleg whose status dropped, and wijken without a
recent meeting."""

from datetime import timedelta

from flask import url_for
from sqlmodel import Session

from wijkportaal.core import clock
from wijkportaal.core.web import datum
from wijkportaal.overleg import queries
from wijkportaal.pages.te_doen.item import Item, Urgentie
from wijkportaal.wijken.permissions import volgt_wijken

GEDAALD_SINDS = timedelta(days=30)  # a status lower than 30 days ago has dropped
ZONDER_BIJEENKOMST = timedelta(days=90)


def gedaalde_status(session: Session, user) -> list[Item]:
    """Wijken whose overleg status is lower now than 30 days ago, with what is missing now."""
    if not volgt_wijken(user):
        return []
    sinds = clock.now() - GEDAALD_SINDS
    return [
        Item(
            titel=f"Status {wijk.naam} gedaald van {toen.status.label.lower()} naar {nu.status.label.lower()}",
            url=url_for("wijken.wijk", code=wijk.code),
            soort="Wijkoverleg",
            detail="; ".join(nu.redenen) or f"sinds {datum(sinds.date())}",
            urgentie=Urgentie.DRINGEND,
        )
        for wijk, toen, nu in queries.gedaalde_statussen(session, sinds)
    ]


def zonder_bijeenkomst(session: Session, user) -> list[Item]:
    """Wijken whose overleg has not met in 90 days, or never met."""
    if not volgt_wijken(user):
        return []
    return [
        Item(
            titel=f"Geen bijeenkomst in {wijk.naam} sinds {datum(s.laatste_bijeenkomst)}"
            if s.laatste_bijeenkomst
            else f"Nog nooit een bijeenkomst in {wijk.naam}",
            url=url_for("wijken.wijk", code=wijk.code),
            soort="Wijkoverleg",
            detail="; ".join(s.redenen),
            datum=s.laatste_bijeenkomst,
            urgentie=Urgentie.TE_LAAT,
        )
        for wijk, s in queries.zonder_recente_bijeenkomst(session, clock.today() - ZONDER_BIJEENKOMST)
    ]
