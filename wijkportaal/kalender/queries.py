"""Reads of the calendar feeds: whose token a feed URL carries, and the user's feed token."""

import hashlib
import hmac
from dataclasses import dataclass

from flask import current_app, url_for
from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker, Login
from wijkportaal.kalender.models import KalenderToken
from wijkportaal.overleg import queries as overleg_queries

PREFIX = "wk_"


def token_tekst(nonce: str) -> str:
    """The secret in the feed URL, derived from the stored nonce with the app's SECRET_KEY."""
    sleutel = str(current_app.config["SECRET_KEY"]).encode()
    return PREFIX + hmac.new(sleutel, f"kalender:{nonce}".encode(), hashlib.sha256).hexdigest()[:40]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actief_token(session: Session, user) -> KalenderToken | None:
    return session.exec(
        select(KalenderToken)
        .where(KalenderToken.gebruiker_id == user.id, KalenderToken.ingetrokken_op.is_(None))
        .order_by(KalenderToken.id.desc())
    ).first()


def heeft_ooit_token(session: Session, user) -> bool:
    return (
        session.exec(select(KalenderToken.id).where(KalenderToken.gebruiker_id == user.id)).first()
        is not None
    )


def gebruiker_van(session: Session, token: str) -> Login | None:
    """The active user whose valid (not revoked) token this is, as the permission functions take a user
    (a feed request has no login of its own); None for anything else."""
    if not token.startswith(PREFIX) or len(token) > 100:
        return None
    rij = session.exec(
        select(KalenderToken).where(
            KalenderToken.token_hash == token_hash(token), KalenderToken.ingetrokken_op.is_(None)
        )
    ).first()
    if rij is None:
        return None
    gebruiker = session.get(Gebruiker, rij.gebruiker_id)
    return Login(gebruiker) if gebruiker is not None and gebruiker.is_actief else None


@dataclass(frozen=True)
class WijkFeed:
    code: str
    naam: str
    url: str | None


@dataclass(frozen=True)
class Feeds:
    """The user's feed URLs (absolute); None after they revoked their token."""

    persoonlijk: str | None
    wijken: list[WijkFeed]


def feeds(session: Session, user, token: str | None) -> Feeds:
    """The personal feed and one per wijk the user may see."""
    wijken = overleg_queries.zichtbare_wijken(session, user)

    def url(endpoint: str, **values) -> str | None:
        return url_for(endpoint, token=token, _external=True, **values) if token else None

    return Feeds(
        persoonlijk=url("kalender.persoonlijk"),
        wijken=[WijkFeed(w.code, w.naam, url("kalender.wijk", code=w.code)) for w in wijken],
    )
