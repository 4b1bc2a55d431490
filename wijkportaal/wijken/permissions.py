"""Which wijken a user may see: the one place that decides it."""

from flask import g, has_request_context
from sqlalchemy import or_
from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import roles
from wijkportaal.wijken.models import Organisatie, Wijk


def zichtbare_wijk_ids(session: Session, user: Gebruiker) -> frozenset[int] | None:
    """The ids of the wijken `user` may see, or None when they may see every wijk."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if roles.heeft(user, roles.ZIET_ALLE_WIJKEN):
        return None
    cache = g.setdefault("_zichtbare_wijken", {}) if has_request_context() else {}
    if user.id not in cache:
        cache[user.id] = frozenset(_compute(session, user))
    return cache[user.id]


def _compute(session: Session, user: Gebruiker) -> set[int]:
    from wijkportaal.overleg.models import Lidmaatschap, Wijkoverleg

    ids: set[int] = set()
    if user.wijk_id:
        ids.add(user.wijk_id)
    if roles.heeft(user, roles.BESTUURT) and user.bestuur_id:
        ids.update(
            session.exec(
                select(Organisatie.wijk_id)
                .where(Organisatie.bestuur_id == user.bestuur_id, Organisatie.wijk_id.is_not(None))
                .distinct()
            )
        )
    if user.organisatie_id:
        org = session.get(Organisatie, user.organisatie_id)
        if org is not None and org.wijk_id:
            ids.add(org.wijk_id)
        ids.update(
            session.exec(
                select(Wijkoverleg.wijk_id)
                .join(Lidmaatschap, Lidmaatschap.wijkoverleg_id == Wijkoverleg.id)
                .where(Lidmaatschap.organisatie_id == user.organisatie_id)
            )
        )
    ids.update(
        session.exec(
            select(Wijkoverleg.wijk_id).where(
                or_(Wijkoverleg.voorzitter_id == user.id, Wijkoverleg.secretaris_id == user.id)
            )
        )
    )
    return ids


def can_view_wijk(session: Session, user: Gebruiker, wijk: Wijk) -> bool:
    ids = zichtbare_wijk_ids(session, user)
    return ids is None or wijk.id in ids


def can_view_overzicht(user: Gebruiker) -> bool:
    """The SWV overview of every wijk is for SWV staff."""
    return roles.heeft(user, roles.ZIET_ALLE_WIJKEN)
