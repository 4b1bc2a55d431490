"""Who may do what with pooled money: the one place that decides it."""

from sqlmodel import Session, select

from wijkportaal.auth.models import Rol
from wijkportaal.besluiten import permissions as besluiten
from wijkportaal.besluiten.models import Voorstel
from wijkportaal.pot.models import BronSoort, Pot, PotBestuur, PotWijk, Toekenning
from wijkportaal.wijken.permissions import zichtbare_wijk_ids


def _ingelogd(user) -> bool:
    return getattr(user, "is_authenticated", False)


def is_swv(user) -> bool:
    return _ingelogd(user) and user.rol in (Rol.SWV, Rol.DIRECTEUR)


def neemt_deel(session: Session, user, pot: Pot) -> bool:
    """A bestuurder whose board takes part in the pot."""
    if not _ingelogd(user) or user.rol != Rol.BESTUURDER or not user.bestuur_id:
        return False
    return session.get(PotBestuur, (pot.id, user.bestuur_id)) is not None


def zichtbare_pot_ids(session: Session, user) -> set[int] | None:
    """None: every pot. Boards see the pots they take part in; others the pots of wijken they may see."""
    if not _ingelogd(user):
        return set()
    if user.ziet_alles:
        return None
    ids: set[int] = set()
    if user.rol == Rol.BESTUURDER and user.bestuur_id:
        ids.update(session.exec(select(PotBestuur.pot_id).where(PotBestuur.bestuur_id == user.bestuur_id)))
    wijken = zichtbare_wijk_ids(session, user)
    if wijken:
        ids.update(session.exec(select(PotWijk.pot_id).where(PotWijk.wijk_id.in_(list(wijken)))))
    return ids


def can_view_pot(session: Session, user, pot: Pot) -> bool:
    ids = zichtbare_pot_ids(session, user)
    return ids is None or pot.id in ids


def can_open_pot(user) -> bool:
    """SWV staff or a board open a pot."""
    return is_swv(user) or (_ingelogd(user) and user.rol == Rol.BESTUURDER and bool(user.bestuur_id))


def can_manage_pot(session: Session, user, pot: Pot) -> bool:
    """Propose allocations, define approaches and record spending: SWV staff and participating boards."""
    return is_swv(user) or neemt_deel(session, user, pot)


def can_contribute(session: Session, user, pot: Pot, bron: BronSoort, bestuur_id: int | None) -> bool:
    """A board records its own contribution; SWV staff record the SWV's, the vrijval and co-financing."""
    if bron == BronSoort.BESTUUR:
        return neemt_deel(session, user, pot) and user.bestuur_id == bestuur_id
    return is_swv(user)


def can_decide(session: Session, user, toekenning: Toekenning) -> bool:
    """A bestuurder of a participating board decides for that board only, never on their own proposal."""
    return besluiten.can_decide(session, user, session.get(Voorstel, toekenning.voorstel_id))
