"""Who may see and change the monitor, and who decides on vrijval: the one place that decides it."""

from sqlmodel import Session

from wijkportaal.besluiten import permissions as besluiten
from wijkportaal.besluiten.models import Voorstel
from wijkportaal.core import roles
from wijkportaal.monitor.models import VrijvalVoorstel
from wijkportaal.overleg.permissions import can_view_wijk
from wijkportaal.pot.models import Pot
from wijkportaal.pot.permissions import beheert_swv_geld, can_view_pot
from wijkportaal.wijken.models import Wijk


def can_view_monitor(user) -> bool:
    """Bestuurders and school leaders see the monitor of the wijken they may see; SWV staff every wijk."""
    return roles.heeft(user, roles.LEEST_MONITOR)


def can_view_monitor_wijk(session: Session, user, wijk: Wijk) -> bool:
    return can_view_monitor(user) and can_view_wijk(session, user, wijk)


def can_edit_monitor(user) -> bool:
    """Counts, targets and average costs are entered by SWV staff."""
    return beheert_swv_geld(user)


def can_propose_vrijval(user) -> bool:
    return beheert_swv_geld(user)


def can_view_voorstel(session: Session, user, voorstel: VrijvalVoorstel) -> bool:
    """Whoever sees the wijk's monitor, and the boards of the pot it goes into."""
    if not can_view_monitor(user):
        return False
    if can_view_wijk(session, user, session.get(Wijk, voorstel.wijk_id)):
        return True
    return can_view_pot(session, user, session.get(Pot, voorstel.pot_id))


def can_decide_vrijval(session: Session, user, voorstel: VrijvalVoorstel) -> bool:
    """A bestuurder of a board in the pot decides for that board only, never on their own proposal."""
    return besluiten.can_decide(session, user, session.get(Voorstel, voorstel.voorstel_id))
