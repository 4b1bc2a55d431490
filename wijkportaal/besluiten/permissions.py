"""Who may decide on a proposal: the one place that decides it."""

from sqlmodel import Session

from wijkportaal.besluiten import queries
from wijkportaal.besluiten.models import Besluitregel, Voorstel, VoorstelBestuur, VoorstelStatus
from wijkportaal.core import roles


def bestuur_van(user) -> int | None:
    """The board a user decides for: a bestuurder's own board."""
    if not roles.heeft(user, roles.BESTUURT):
        return None
    return user.bestuur_id or None


def beslisser_van(user, voorstel: Voorstel) -> int | None:
    """Who `user` decides as on this proposal: their board, or themselves under ALLEEN."""
    if voorstel.regel == Besluitregel.ALLEEN:
        return getattr(user, "id", None)
    return bestuur_van(user)


def can_decide(session: Session, user, voorstel: Voorstel) -> bool:
    """An open proposal, not the user's own, on which the user (or their board) is a decider."""
    if voorstel.status != VoorstelStatus.OPEN or not getattr(user, "is_authenticated", False):
        return False
    if voorstel.voorgesteld_door_id == user.id:
        return False
    if voorstel.regel == Besluitregel.ALLEEN:
        return voorstel.beslisser_id == user.id
    bestuur_id = bestuur_van(user)
    return bestuur_id is not None and session.get(VoorstelBestuur, (voorstel.id, bestuur_id)) is not None


def wacht_op(session: Session, user, voorstel: Voorstel) -> bool:
    """The user may decide and has not yet (for their board): show them the decision form."""
    if not can_decide(session, user, voorstel):
        return False
    return beslisser_van(user, voorstel) not in queries.besluiten_van(session, [voorstel.id])[voorstel.id]
