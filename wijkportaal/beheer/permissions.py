"""Who may manage users and API tokens, read the audit log and keep the scheduled jobs: the one place
that decides it."""

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import roles
from wijkportaal.overleg.permissions import can_view_audit

__all__ = [
    "can_change_rol",
    "can_deactivate",
    "can_manage_gebruikers",
    "can_manage_taken",
    "can_view_audit",
]


def can_manage_gebruikers(user) -> bool:
    """Only the beheerder manages users, their roles, passwords and API tokens."""
    return roles.heeft(user, roles.BEHEERT_GEBRUIKERS)


def can_deactivate(user, gebruiker: Gebruiker) -> bool:
    """A beheerder may deactivate anyone but themselves, so they cannot lock themselves out."""
    return can_manage_gebruikers(user) and user.id != gebruiker.id


def can_change_rol(user, gebruiker: Gebruiker) -> bool:
    """A beheerder may not change their own role: that could leave the portal without a beheerder."""
    return can_manage_gebruikers(user) and user.id != gebruiker.id


def can_manage_taken(user) -> bool:
    """SWV staff (and the beheerder) see the scheduled jobs and their last results, and set their times."""
    return roles.heeft(user, roles.BEHEERT_REFERENTIE)
