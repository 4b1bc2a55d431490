"""Who may do what in a wijkoverleg: the one place that decides it."""

from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import roles
from wijkportaal.core.clock import now
from wijkportaal.overleg.models import Bijeenkomst, Lidmaatschap, Wijkoverleg
from wijkportaal.wijken.models import Wijk
from wijkportaal.wijken.permissions import can_view_wijk


def _ingelogd(user) -> bool:
    return getattr(user, "is_authenticated", False)


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
