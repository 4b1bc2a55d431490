"""Who sees what on the maps: the one place that decides it.

Wijk names, overleg statuses, schools and coverage are not secret: every logged-in user sees them. Pooled
money is shown only for the wijken the user may see."""

from sqlmodel import Session

from wijkportaal.overleg.permissions import zichtbare_wijk_ids


def can_view_kaart(user) -> bool:
    return getattr(user, "is_authenticated", False)


def wijken_met_geld(session: Session, user) -> frozenset[int] | None:
    """The wijken whose pooled money `user` may see on a map; None: every wijk."""
    return zichtbare_wijk_ids(session, user)


def wijken_te_openen(session: Session, user) -> frozenset[int] | None:
    """The wijken whose page `user` may open from a map (a shape or a row of the table); None: every wijk."""
    return zichtbare_wijk_ids(session, user)
