"""Who may do what with nieuwe initiatieven: the one place that decides it. Views and the API ask these
functions; templates ask them to show or hide, never decide alone."""

from collections.abc import Callable

from wijkportaal.core import roles
from wijkportaal.core.db import get_session
from wijkportaal.initiatieven import queries
from wijkportaal.initiatieven.models import Aanvraag, Rapportsoort, Status
from wijkportaal.initiatieven.queries import Betrokkenheid

# Other features add who else may read an application (the assessing feature: an assigned assessor
# without a conflict of interest). Each rule is `(user, aanvraag) -> bool`.
LEESREGELS: list[Callable[[object, Aanvraag], bool]] = []


def can_manage_rondes(user) -> bool:
    """SWV staff open rounds and set their criteria, weights, rubric and knock-out minimum."""
    return roles.heeft(user, roles.BEHEERT_INITIATIEVEN)


def can_see_all(user) -> bool:
    """SWV staff see every application, the overview, its export and the signals."""
    return roles.heeft(user, roles.BEHEERT_INITIATIEVEN)


def can_start_aanvraag(user) -> bool:
    """A school leader or a bestuurder, acting for a board, starts an application."""
    return roles.heeft(user, roles.VRAAGT_AAN) and queries.bestuur_van(get_session(), user) is not None


def _betrokkenheid(user, aanvraag: Aanvraag) -> Betrokkenheid:
    if not roles.heeft(user, roles.VRAAGT_AAN):
        return Betrokkenheid.GEEN
    return queries.betrokkenheid(get_session(), user, aanvraag)


def is_aanvrager(user, aanvraag: Aanvraag) -> bool:
    """The applicant, or someone of a co-applicant board that confirmed."""
    return _betrokkenheid(user, aanvraag) is Betrokkenheid.AANVRAGER


def can_read_aanvraag(user, aanvraag: Aanvraag) -> bool:
    """Its applicants and invited boards, SWV staff, and whom another feature's rule admits."""
    return (
        can_see_all(user)
        or _betrokkenheid(user, aanvraag) is not Betrokkenheid.GEEN
        or any(regel(user, aanvraag) for regel in LEESREGELS)
    )


def can_edit_aanvraag(user, aanvraag: Aanvraag) -> bool:
    """Its applicants edit it while it is a draft; a submitted version is frozen."""
    return aanvraag.status is Status.CONCEPT and is_aanvrager(user, aanvraag)


def can_confirm_deelname(user, aanvraag: Aanvraag) -> bool:
    """Someone of an invited board confirms (or declines) its part while the application is a draft."""
    return aanvraag.status is Status.CONCEPT and _betrokkenheid(user, aanvraag) is Betrokkenheid.UITGENODIGD


def can_submit_aanvraag(user, aanvraag: Aanvraag) -> bool:
    return can_edit_aanvraag(user, aanvraag)


def can_make_new_version(user, aanvraag: Aanvraag) -> bool:
    """An application held back comes back as a new version, made by its applicants."""
    return aanvraag.status is Status.AANGEHOUDEN and is_aanvrager(user, aanvraag)


def can_report(user, aanvraag: Aanvraag, soort: Rapportsoort | None = None) -> bool:
    """The applicants of a funded initiative report on it."""
    return aanvraag.status is Status.TOEGEKEND and is_aanvrager(user, aanvraag)


def can_see_scores(user) -> bool:
    """The assessors' scores are shown only to SWV staff and the director."""
    return roles.heeft(user, roles.ZIET_SCORES)


def can_read_kennisbank(user) -> bool:
    """Every school leader, bestuurder, partner and SWV staff member searches the funded initiatives."""
    return roles.heeft(user, roles.LEEST_KENNISBANK)


def can_open_bijeenkomst(user, bijeenkomst) -> bool:
    """The meeting of the agenda item an application refers to is linked only for who may open it."""
    from wijkportaal.overleg import permissions as overleg_permissions
    from wijkportaal.overleg.models import Wijkoverleg

    db = get_session()
    return overleg_permissions.can_view_overleg(db, user, db.get(Wijkoverleg, bijeenkomst.wijkoverleg_id))
