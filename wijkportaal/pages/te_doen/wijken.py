"""What the state of the wijken asks of SWV staff: an overleg whose status dropped, and wijken without a
recent meeting."""

from datetime import datetime, time, timedelta

from flask import current_app, g, url_for
from sqlmodel import Session

from wijkportaal.core import clock
from wijkportaal.core.web import datum
from wijkportaal.overleg import queries
from wijkportaal.pages.te_doen.item import GETOOND, Item, Urgentie, met_rest
from wijkportaal.wijken.permissions import volgt_wijken

GEDAALD_SINDS = timedelta(days=30)  # a status lower than 30 days ago has dropped
ZONDER_BIJEENKOMST = timedelta(days=90)


def _statussen(session: Session) -> dict:
    """Every wijk's current status and last meeting, read once per request for both providers below."""
    if "te_doen_statussen" not in g:
        g.te_doen_statussen = queries.statussen_kort(session)
    return g.te_doen_statussen


def gedaalde_status(session: Session, user) -> list[Item]:
    """Wijken whose overleg status is lower now than at the start of the day 30 days ago, with what is
    missing now; the first GETOOND by name."""
    if not volgt_wijken(user):
        return []
    sinds = datetime.combine(clock.today() - GEDAALD_SINDS, time.min)
    # the statuses of that day are kept a while by the worker, except in tests, whose data changes under it
    gedaald, aantal = queries.gedaalde_statussen(
        session, sinds, bewaren=not current_app.testing, kort=_statussen(session), limit=GETOOND
    )
    items = [
        Item(
            titel=f"Status {wijk.naam} gedaald van {toen.status.label.lower()} naar {nu.status.label.lower()}",
            url=url_for("wijken.wijk", code=wijk.code),
            soort="Wijkoverleg",
            detail="; ".join(nu.redenen) or f"sinds {datum(sinds.date())}",
            urgentie=Urgentie.DRINGEND,
        )
        for wijk, toen, nu in gedaald
    ]
    return met_rest(
        items,
        aantal,
        "wijk met een gedaalde status",
        "wijken met een gedaalde status",
        url_for("overleg.overzicht", sorteer="status"),
    )


def zonder_bijeenkomst(session: Session, user) -> list[Item]:
    """Wijken whose overleg has not met in 90 days, or never met: the GETOOND longest ago."""
    if not volgt_wijken(user):
        return []
    wijken, aantal = queries.zonder_recente_bijeenkomst(
        session, clock.today() - ZONDER_BIJEENKOMST, _statussen(session), GETOOND
    )
    items = [
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
        for wijk, s in wijken
    ]
    return met_rest(
        items,
        aantal,
        "wijk zonder recente bijeenkomst",
        "wijken zonder recente bijeenkomst",
        url_for("overleg.overzicht", sorteer="laatste_bijeenkomst"),
    )
