"""Who may do what with pooled money: the one place that decides it."""

from sqlmodel import Session, select

from wijkportaal.besluiten import permissions as besluiten
from wijkportaal.besluiten.models import Voorstel
from wijkportaal.core import roles
from wijkportaal.overleg.permissions import zichtbare_wijk_ids
from wijkportaal.pot.models import BronSoort, Overheveling, Pot, PotBestuur, PotWijk, Toekenning


def _ingelogd(user) -> bool:
    return getattr(user, "is_authenticated", False)


def beheert_swv_geld(user) -> bool:
    """SWV staff and the director act for the SWV with money."""
    return roles.heeft(user, roles.BEHEERT_SWV_GELD)


def neemt_deel(session: Session, user, pot: Pot) -> bool:
    """A bestuurder whose board takes part in the pot."""
    if not roles.heeft(user, roles.BESTUURT) or not user.bestuur_id:
        return False
    return session.get(PotBestuur, (pot.id, user.bestuur_id)) is not None


def zichtbare_pot_ids(session: Session, user) -> set[int] | None:
    """None: every pot. Boards see the pots they take part in; others the pots of wijken they may see."""
    if not _ingelogd(user):
        return set()
    if roles.heeft(user, roles.ZIET_ALLE_WIJKEN):
        return None
    ids: set[int] = set()
    if roles.heeft(user, roles.BESTUURT) and user.bestuur_id:
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
    return beheert_swv_geld(user) or (roles.heeft(user, roles.BESTUURT) and bool(user.bestuur_id))


def can_manage_pot(session: Session, user, pot: Pot) -> bool:
    """Propose allocations, define approaches and record spending: SWV staff and participating boards."""
    return beheert_swv_geld(user) or neemt_deel(session, user, pot)


def can_contribute(session: Session, user, pot: Pot, bron: BronSoort, bestuur_id: int | None) -> bool:
    """A board records its own contribution; SWV staff record the SWV's, the vrijval and co-financing."""
    if bron == BronSoort.BESTUUR:
        return neemt_deel(session, user, pot) and user.bestuur_id == bestuur_id
    return beheert_swv_geld(user)


def bronnen_voor_bijdrage(session: Session, user, pot: Pot) -> list[BronSoort]:
    """The sources the contribution form offers this user (vrijval comes in only through the monitor)."""
    bronnen = [
        bron
        for bron in BronSoort
        if bron not in (BronSoort.BESTUUR, BronSoort.VRIJVAL)
        and can_contribute(session, user, pot, bron, None)
    ]
    if besturen_voor_bijdrage(session, user, pot):
        bronnen.insert(0, BronSoort.BESTUUR)
    return bronnen


def besturen_voor_bijdrage(session: Session, user, pot: Pot) -> list[int]:
    """The boards of the pot this user may record a contribution of: their own, for a bestuurder."""
    ids = session.exec(select(PotBestuur.bestuur_id).where(PotBestuur.pot_id == pot.id))
    return [i for i in ids if can_contribute(session, user, pot, BronSoort.BESTUUR, i)]


def can_reverse_bijdrage(session: Session, user, pot: Pot, bijdrage) -> bool:
    """SWV staff reverse any paid contribution; a board's bestuurder reverses its own board's."""
    if bijdrage.transaction_id is None:
        return False
    if beheert_swv_geld(user):
        return True
    return (
        bijdrage.bron_soort == BronSoort.BESTUUR
        and neemt_deel(session, user, pot)
        and user.bestuur_id == bijdrage.bestuur_id
    )


def can_reverse_besteding(user) -> bool:
    """Only SWV staff reverse a spending."""
    return beheert_swv_geld(user)


def must_open_for_own_board(user) -> bool:
    """A bestuurder opens a pot only with their own board taking part."""
    return roles.heeft(user, roles.BESTUURT)


def can_decide(session: Session, user, toekenning: Toekenning) -> bool:
    """A bestuurder of a participating board decides for that board only, never on their own proposal."""
    return besluiten.can_decide(session, user, session.get(Voorstel, toekenning.voorstel_id))


def can_view_overheveling(session: Session, user, overheveling: Overheveling) -> bool:
    """Whoever may see the closed pot sees the proposal to carry its balance over."""
    return can_view_pot(session, user, session.get(Pot, overheveling.van_pot_id))


def can_decide_overheveling(session: Session, user, overheveling: Overheveling) -> bool:
    """A bestuurder of a board of the closed pot decides for that board, as on an allocation."""
    return besluiten.can_decide(session, user, session.get(Voorstel, overheveling.voorstel_id))
