"""Who sees which meetings in a calendar feed: the one place that decides it."""

from sqlmodel import Session

from wijkportaal.overleg.permissions import can_view_wijk


def can_use_feeds(user) -> bool:
    """Every logged-in user keeps their own feed links."""
    return bool(getattr(user, "is_authenticated", False))


def can_follow_wijk(session: Session, user, wijk) -> bool:
    """A wijk's feed shows what the user may see on the wijk's page; an inactive user's feeds stop."""
    return user.is_actief and can_view_wijk(session, user, wijk)
