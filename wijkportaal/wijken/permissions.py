"""Who may see the reference data of every wijk at once."""

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import roles


def can_view_overzicht(user: Gebruiker) -> bool:
    """The SWV overview of every wijk is for SWV staff."""
    return roles.heeft(user, roles.ZIET_ALLE_WIJKEN)


def volgt_wijken(user: Gebruiker) -> bool:
    """SWV staff follow up every wijk: the signals on their start page are for them."""
    return roles.heeft(user, roles.VOLGT_WIJKEN)
