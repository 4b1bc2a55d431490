"""Make, renew and revoke a user's calendar feed token; every change is in the audit log."""

import secrets

from sqlmodel import Session, SQLModel

from wijkportaal.core import audit, clock
from wijkportaal.core.db import lock_row
from wijkportaal.kalender import queries
from wijkportaal.kalender.models import KalenderToken


def _nieuw(session: Session, user) -> str:
    nonce = secrets.token_hex(32)
    token = queries.token_tekst(nonce)
    session.add(KalenderToken(gebruiker_id=user.id, nonce=nonce, token_hash=queries.token_hash(token)))
    session.flush()
    return token


def _trek_in(session: Session, user) -> None:
    rij = queries.actief_token(session, user)
    while rij is not None:
        rij.ingetrokken_op = clock.now()
        session.add(rij)
        session.flush()
        rij = queries.actief_token(session, user)


def zorg_voor_token(session: Session, user) -> str | None:
    """The user's feed token; the first time they look, one is made. None after they revoked it."""
    rij = queries.actief_token(session, user)
    if rij is not None:
        return queries.token_tekst(rij.nonce)
    # Two first looks at once make one token: the second waits here and then finds it.
    lock_row(session, SQLModel.metadata.tables["gebruikers"], user.id)
    if queries.heeft_ooit_token(session, user):
        rij = queries.actief_token(session, user)
        return queries.token_tekst(rij.nonce) if rij is not None else None
    return _nieuw(session, user)


def vernieuw(session: Session, user) -> str:
    """A new token: the old feed URLs stop working at once."""
    lock_row(session, SQLModel.metadata.tables["gebruikers"], user.id)
    _trek_in(session, user)
    token = _nieuw(session, user)
    audit.record(session, user, "kalender_tokens", "vernieuwd")
    return token


def trek_in(session: Session, user) -> None:
    """Revoke the user's feed URLs; they work again only after the user makes new ones."""
    lock_row(session, SQLModel.metadata.tables["gebruikers"], user.id)
    _trek_in(session, user)
    audit.record(session, user, "kalender_tokens", "ingetrokken")
