"""Who may do what in a wijkoverleg: the one place that decides it."""

from flask import g, has_request_context
from sqlalchemy import or_
from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import roles
from wijkportaal.core.access import found_and_allowed
from wijkportaal.core.clock import now
from wijkportaal.core.db import get_session
from wijkportaal.overleg.models import Bijeenkomst, Lidmaatschap, Wijkoverleg
from wijkportaal.wijken.models import Organisatie, Wijk
from wijkportaal.wijken.queries import wijk_by_code


def _ingelogd(user) -> bool:
    return getattr(user, "is_authenticated", False)


# Which wijken a user may see: the one place that decides it (membership of an overleg counts).


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


def can_open_wijk(user: Gebruiker, wijk: Wijk) -> bool:
    """For templates: whether a link to the wijk's page would open it (and not end in a 403)."""
    return can_view_wijk(get_session(), user, wijk)


def visible_wijk(code: str):
    """The wijk with this code, if the user may see it (404/403 otherwise)."""
    db = get_session()
    return found_and_allowed(wijk_by_code(db, code), lambda user, wijk: can_view_wijk(db, user, wijk))


def is_voorzitter(user: Gebruiker, overleg: Wijkoverleg) -> bool:
    return _ingelogd(user) and user.id is not None and user.id == overleg.voorzitter_id


def can_manage_overleg(user: Gebruiker, overleg: Wijkoverleg) -> bool:
    """The chair, or the secretary the chair appointed, runs the overleg of their own wijk only."""
    return (
        _ingelogd(user) and user.id is not None and user.id in (overleg.voorzitter_id, overleg.secretaris_id)
    )


def can_appoint_secretaris(user: Gebruiker, overleg: Wijkoverleg) -> bool:
    return is_voorzitter(user, overleg)


def can_appoint_voorzitter(user: Gebruiker) -> bool:
    """SWV staff set up an overleg and name its chair."""
    return roles.heeft(user, roles.BEHEERT_REFERENTIE)


def is_lid(session: Session, user: Gebruiker, overleg: Wijkoverleg) -> bool:
    if not _ingelogd(user) or not user.organisatie_id:
        return False
    return (
        session.exec(
            select(Lidmaatschap.id).where(
                Lidmaatschap.wijkoverleg_id == overleg.id, Lidmaatschap.organisatie_id == user.organisatie_id
            )
        ).first()
        is not None
    )


def can_view_overleg(session: Session, user: Gebruiker, overleg: Wijkoverleg) -> bool:
    return can_view_wijk(session, user, session.get(Wijk, overleg.wijk_id))


def can_propose_agendapunt(session: Session, user: Gebruiker, bijeenkomst: Bijeenkomst) -> bool:
    """Members propose items for a meeting that has not started yet."""
    overleg = session.get(Wijkoverleg, bijeenkomst.wijkoverleg_id)
    if bijeenkomst.is_geannuleerd or bijeenkomst.start <= now():
        return False
    return is_lid(session, user, overleg) and not can_manage_overleg(user, overleg)


def can_manage_themas(user: Gebruiker) -> bool:
    """SWV staff keep the list of themes, the required themes per school year and the bar."""
    return roles.heeft(user, roles.BEHEERT_REFERENTIE)


def can_view_audit(user: Gebruiker) -> bool:
    return roles.heeft(user, roles.BEHEERT_REFERENTIE)
