"""Who may do what in assessing: the one place that decides it. SWV staff assign, withdraw and see
everything; an assessor sees only the applications assigned to them, and nothing of one they declined or
were withdrawn from; the director sees the combined results. Views, the API and templates ask these functions."""

from wijkportaal.beoordeling import queries
from wijkportaal.beoordeling.models import Score, Toewijzing, Verklaring
from wijkportaal.core import roles
from wijkportaal.core.db import get_session
from wijkportaal.initiatieven.models import Aanvraag, Status

# After this the application is in the assessors' hands (or past them): the director may follow it.
BEOORDELING_BEGONNEN = frozenset(
    {
        Status.IN_BEOORDELING,
        Status.BEOORDEELD,
        Status.AANGEHOUDEN,
        Status.TOEGEKEND,
        Status.AFGEWEZEN,
        Status.AFGEROND,
    }
)


def can_assign(user) -> bool:
    """SWV staff assign the assessors."""
    return roles.heeft(user, roles.BEHEERT_INITIATIEVEN)


def can_assign_to(user, aanvraag: Aanvraag) -> bool:
    """…to an application that is submitted or being assessed."""
    return can_assign(user) and aanvraag.status in (Status.INGEDIEND, Status.IN_BEOORDELING)


def can_withdraw(user, toewijzing: Toewijzing, aanvraag: Aanvraag) -> bool:
    """SWV staff withdraw an assessor who has not submitted (did not respond, fell ill), while the
    application is being assessed."""
    return (
        can_assign(user)
        and aanvraag.status is Status.IN_BEOORDELING
        and toewijzing.ingediend_op is None
        and toewijzing.telt_mee
    )


def is_beoordelaar(user) -> bool:
    return roles.heeft(user, roles.BEOORDEELT)


def can_open_beoordelen(user) -> bool:
    """The assessing overview: assessors (their queue), SWV staff (what waits for assessors) and the
    director (the combined results)."""
    return can_assign(user) or is_beoordelaar(user) or can_see_all_uitslagen(user)


def can_see_all_uitslagen(user) -> bool:
    """SWV staff and the director see the combined results of every application being assessed."""
    return roles.heeft(user, roles.ZIET_SCORES)


def _toewijzing(user, aanvraag: Aanvraag) -> Toewijzing | None:
    if not is_beoordelaar(user):
        return None
    return queries.toewijzing_van(get_session(), user, aanvraag.id)


def is_toegewezen(user, aanvraag: Aanvraag) -> bool:
    """An assessor assigned to `aanvraag` who did not decline and was not withdrawn (a conflicted one sees
    nothing of it)."""
    t = _toewijzing(user, aanvraag)
    return t is not None and t.telt_mee


def leest_als_beoordelaar(user, aanvraag: Aanvraag) -> bool:
    """The rule added to the applications' readers: the assigned assessors, and the director once the
    assessing has begun."""
    return is_toegewezen(user, aanvraag) or (
        roles.heeft(user, roles.ZIET_SCORES) and aanvraag.status in BEOORDELING_BEGONNEN
    )


def can_view_beoordeling(user, aanvraag: Aanvraag) -> bool:
    """The assessing page of a submitted application: SWV staff, the director (once begun) and its
    assessors."""
    if aanvraag.status is Status.CONCEPT:
        return False
    return can_assign(user) or leest_als_beoordelaar(user, aanvraag)


def can_see_uitslag(user, aanvraag: Aanvraag) -> bool:
    """The combined scores and every assessor's part: SWV staff and the director; an assessor only once
    they have submitted their own (assessing is blind until then)."""
    if can_see_all_uitslagen(user):
        return True
    t = _toewijzing(user, aanvraag)
    return t is not None and t.verklaring is Verklaring.GEEN_CONFLICT and t.ingediend_op is not None


def is_eigen(user, toewijzing: Toewijzing) -> bool:
    return is_beoordelaar(user) and toewijzing.beoordelaar_id == getattr(user, "id", None)


def can_declare(user, toewijzing: Toewijzing, aanvraag: Aanvraag) -> bool:
    """The assessor declares on a conflict of interest once, before scoring."""
    return (
        is_eigen(user, toewijzing)
        and toewijzing.verklaring is Verklaring.OPEN
        and aanvraag.status is Status.IN_BEOORDELING
    )


def can_score(user, toewijzing: Toewijzing, aanvraag: Aanvraag) -> bool:
    """The assessor scores after declaring no conflict, until they submit."""
    return (
        is_eigen(user, toewijzing)
        and toewijzing.verklaring is Verklaring.GEEN_CONFLICT
        and toewijzing.ingediend_op is None
        and aanvraag.status is Status.IN_BEOORDELING
    )


def can_revise(user, toewijzing: Toewijzing, aanvraag: Aanvraag) -> bool:
    """After submitting, the assessor revises a score (with a reason) until the director decides."""
    return (
        is_eigen(user, toewijzing)
        and toewijzing.ingediend_op is not None
        and aanvraag.status in (Status.IN_BEOORDELING, Status.BEOORDEELD)
    )


def can_revise_score(user, score: Score) -> bool:
    db = get_session()
    toewijzing = db.get(Toewijzing, score.toewijzing_id)
    return can_revise(user, toewijzing, db.get(Aanvraag, toewijzing.aanvraag_id))
