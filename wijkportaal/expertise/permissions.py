"""Who may see and keep the expertise register, the voorzieningen and the coverage norm: the one place."""

from collections.abc import Iterable

from flask import g, has_request_context
from sqlalchemy import or_
from sqlmodel import Session, select

from wijkportaal.core import clock, roles
from wijkportaal.expertise.models import Expertise, Voorziening
from wijkportaal.overleg.models import Wijkoverleg
from wijkportaal.wijken.models import Organisatie


def _ingelogd(user) -> bool:
    return getattr(user, "is_authenticated", False)


def beheert_referentie(user) -> bool:
    """SWV staff keep every entry, the taxonomy and the norm."""
    return roles.heeft(user, roles.BEHEERT_REFERENTIE)


def can_view_register(user) -> bool:
    """Organisational data, no pupils: every logged-in user."""
    return _ingelogd(user)


def eigen_organisatie_id(user) -> int | None:
    """The organisation a schoolleider or partner offers expertise for."""
    if roles.heeft(user, roles.BIEDT_AAN) and user.organisatie_id:
        return user.organisatie_id
    return None


def voorzitter_wijk_ids(session: Session, user) -> frozenset[int]:
    """The wijken whose overleg `user` chairs or is secretary of."""
    if not _ingelogd(user):
        return frozenset()
    cache = g.setdefault("_voorzitter_wijken", {}) if has_request_context() else {}
    if user.id not in cache:
        cache[user.id] = frozenset(
            session.exec(
                select(Wijkoverleg.wijk_id).where(
                    or_(Wijkoverleg.voorzitter_id == user.id, Wijkoverleg.secretaris_id == user.id)
                )
            )
        )
    return cache[user.id]


def can_record(session: Session, user) -> bool:
    """May add expertise or a voorziening at all (the 'Nieuw' buttons and routes)."""
    return (
        beheert_referentie(user)
        or eigen_organisatie_id(user) is not None
        or bool(voorzitter_wijk_ids(session, user))
    )


def can_record_voorziening(session: Session, user) -> bool:
    """May add a voorziening at all: SWV staff, a chair or secretary (hosted by a school of their wijk),
    or a school leader for their own school. A partner that is no school hosts none."""
    if beheert_referentie(user) or voorzitter_wijk_ids(session, user):
        return True
    organisatie_id = eigen_organisatie_id(user)
    organisatie = session.get(Organisatie, organisatie_id) if organisatie_id else None
    return organisatie is not None and organisatie.soort.is_school


def may_record_for(
    session: Session, user, aanbieder_id: int, wijk_ids: Iterable[int], school_ids: Iterable[int] = ()
) -> bool:
    """May record an entry of `aanbieder_id` serving these wijken and schools.

    SWV staff: anything. A provider: its own organisation, for anyone. A chair or secretary: any
    provider, as long as the entry serves only the wijken of their overleg."""
    if beheert_referentie(user):
        return True
    if aanbieder_id and aanbieder_id == eigen_organisatie_id(user):
        return True
    eigen = voorzitter_wijk_ids(session, user)
    if not eigen:
        return False
    wijk_ids, school_ids = set(wijk_ids), set(school_ids)
    if school_ids:
        school_wijken = set(session.exec(select(Organisatie.wijk_id).where(Organisatie.id.in_(school_ids))))
        if not school_wijken <= eigen:
            return False
    return wijk_ids <= eigen


def can_edit(session: Session, user, entry: Expertise | Voorziening) -> bool:
    """SWV staff every entry; a provider its own; a chair or secretary the entries they created."""
    if beheert_referentie(user):
        return True
    if not _ingelogd(user):
        return False
    aanbieder_id = entry.aanbieder_id if isinstance(entry, Expertise) else entry.locatie_id
    if aanbieder_id == eigen_organisatie_id(user):
        return True
    return entry.aangemaakt_door_id == user.id and bool(voorzitter_wijk_ids(session, user))


def can_view_entry(session: Session, user, entry: Expertise | Voorziening) -> bool:
    """Current entries for everyone; ended or future ones for SWV staff and whoever may edit them."""
    if not _ingelogd(user):
        return False
    return entry.is_geldig(clock.today()) or can_edit(session, user, entry)


def can_see_all_periods(user) -> bool:
    """The 'ook verlopen' toggle of the register and the list of voorzieningen."""
    return beheert_referentie(user)


def can_manage_taxonomy(user) -> bool:
    """The domains and the coverage norm."""
    return beheert_referentie(user)
