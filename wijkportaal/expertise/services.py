"""The only code that changes the register, the voorzieningen, the taxonomy and the norm.

Services check the rule in `permissions`, flush and write an audit line; the request commits once."""

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from wijkportaal.core import audit, clock
from wijkportaal.core.errors import Weigering
from wijkportaal.expertise import permissions
from wijkportaal.expertise.models import (
    Dekkingsnorm,
    Domein,
    Expertise,
    ExpertiseSchool,
    ExpertiseWijk,
    Voorziening,
    VoorzieningWijk,
)

GEEN_RECHT = "U kunt alleen aanbod van uw eigen organisatie vastleggen, of aanbod dat uw eigen wijk bedient."


class ExpertiseFout(Weigering):
    """A change the rules of this feature refuse."""


def _enige(ids) -> int | None:
    """The wijk for the audit line, when the entry serves exactly one."""
    ids = list(ids)
    return ids[0] if len(ids) == 1 else None


def _koppel(session: Session, model: type[SQLModel], eigen: str, eigen_id: int, ander: str, ids) -> dict:
    """Make the link rows of `model` for this entry exactly `ids`; {'erbij': [...], 'eraf': [...]} or {}."""
    rijen = {
        getattr(r, ander): r for r in session.exec(select(model).where(getattr(model, eigen) == eigen_id))
    }
    gewenst = set(ids)
    erbij, eraf = sorted(gewenst - rijen.keys()), sorted(rijen.keys() - gewenst)
    for i in eraf:
        session.delete(rijen[i])
    for i in erbij:
        session.add(model(**{eigen: eigen_id, ander: i}))
    return {"erbij": erbij, "eraf": eraf} if erbij or eraf else {}


def _controleer(session: Session, user, waarden: dict, veld: str, wijk_ids, school_ids=()) -> None:
    """The rules every new or changed entry meets: who may record it, and a period that runs forward."""
    if not permissions.may_record_for(session, user, waarden[veld], wijk_ids, school_ids):
        raise ExpertiseFout(GEEN_RECHT, veld)
    if waarden.get("geldig_tot") is not None and waarden["geldig_tot"] < waarden["geldig_van"]:
        raise ExpertiseFout("De einddatum ligt vóór de begindatum; kies een latere datum.", "geldig_tot")
    if waarden.get("plaatsen_bezet", 0) > waarden.get("plaatsen", 0):
        raise ExpertiseFout("Er kunnen niet meer plaatsen bezet zijn dan er plaatsen zijn.", "plaatsen_bezet")


# Expertise


def maak_expertise(session: Session, user, waarden: dict, wijk_ids, school_ids) -> Expertise:
    """Record an offer; `waarden` holds the Expertise columns the form edits."""
    _controleer(session, user, waarden, "aanbieder_id", wijk_ids, school_ids)
    expertise = Expertise(**waarden, aangemaakt_door_id=user.id)
    session.add(expertise)
    session.flush()
    wijken = _koppel(session, ExpertiseWijk, "expertise_id", expertise.id, "wijk_id", wijk_ids)
    scholen = _koppel(session, ExpertiseSchool, "expertise_id", expertise.id, "organisatie_id", school_ids)
    audit.record(
        session,
        user,
        expertise,
        "aangemaakt",
        {**waarden, "wijken": wijken.get("erbij", []), "scholen": scholen.get("erbij", [])},
        wijk_id=_enige(wijk_ids),
    )
    return expertise


def wijzig_expertise(
    session: Session, user, expertise: Expertise, waarden: dict, wijk_ids, school_ids
) -> Expertise:
    _controleer(session, user, waarden, "aanbieder_id", wijk_ids, school_ids)
    gewijzigd = audit.changes(expertise, waarden)
    wijken = _koppel(session, ExpertiseWijk, "expertise_id", expertise.id, "wijk_id", wijk_ids)
    scholen = _koppel(session, ExpertiseSchool, "expertise_id", expertise.id, "organisatie_id", school_ids)
    if wijken:
        gewijzigd["wijken"] = wijken
    if scholen:
        gewijzigd["scholen"] = scholen
    if gewijzigd:
        expertise.gewijzigd_op = clock.now()
        session.flush()
        audit.record(session, user, expertise, "gewijzigd", gewijzigd, wijk_id=_enige(wijk_ids))
    return expertise


def beeindig(session: Session, user, entry: Expertise | Voorziening, laatste_dag: date) -> None:
    """End an entry on `laatste_dag` instead of deleting it, so the register keeps its history."""
    if laatste_dag < entry.geldig_van:
        raise ExpertiseFout(
            f"De laatste dag kan niet vóór de begindatum ({entry.geldig_van:%d-%m-%Y}) liggen.", "geldig_tot"
        )
    gewijzigd = audit.changes(entry, {"geldig_tot": laatste_dag})
    if gewijzigd:
        entry.gewijzigd_op = clock.now()
        session.flush()
        audit.record(session, user, entry, "beeindigd", gewijzigd)


def wijken_van(session: Session, expertise: Expertise) -> list[int]:
    return list(session.exec(select(ExpertiseWijk.wijk_id).where(ExpertiseWijk.expertise_id == expertise.id)))


def scholen_van(session: Session, expertise: Expertise) -> list[int]:
    return list(
        session.exec(
            select(ExpertiseSchool.organisatie_id).where(ExpertiseSchool.expertise_id == expertise.id)
        )
    )


# Voorzieningen


def maak_voorziening(session: Session, user, waarden: dict, wijk_ids) -> Voorziening:
    """Record a bovenschoolse voorziening; its host school counts as the provider."""
    _controleer(session, user, waarden, "locatie_id", wijk_ids)
    voorziening = Voorziening(**waarden, aangemaakt_door_id=user.id)
    session.add(voorziening)
    session.flush()
    wijken = _koppel(session, VoorzieningWijk, "voorziening_id", voorziening.id, "wijk_id", wijk_ids)
    audit.record(
        session,
        user,
        voorziening,
        "aangemaakt",
        {**waarden, "wijken": wijken.get("erbij", [])},
        wijk_id=_enige(wijk_ids),
    )
    return voorziening


def wijzig_voorziening(
    session: Session, user, voorziening: Voorziening, waarden: dict, wijk_ids
) -> Voorziening:
    _controleer(session, user, waarden, "locatie_id", wijk_ids)
    gewijzigd = audit.changes(voorziening, waarden)
    wijken = _koppel(session, VoorzieningWijk, "voorziening_id", voorziening.id, "wijk_id", wijk_ids)
    if wijken:
        gewijzigd["wijken"] = wijken
    if gewijzigd:
        voorziening.gewijzigd_op = clock.now()
        session.flush()
        audit.record(session, user, voorziening, "gewijzigd", gewijzigd, wijk_id=_enige(wijk_ids))
    return voorziening


def voorziening_wijken(session: Session, voorziening: Voorziening) -> list[int]:
    return list(
        session.exec(select(VoorzieningWijk.wijk_id).where(VoorzieningWijk.voorziening_id == voorziening.id))
    )


# Taxonomy and norm (SWV staff)


def _naam_bestaat(session: Session, naam: str, behalve: int | None = None) -> bool:
    query = select(Domein.id).where(func.lower(Domein.naam) == naam.lower())
    if behalve is not None:
        query = query.where(Domein.id != behalve)
    return session.exec(query).first() is not None


def maak_domein(session: Session, user, naam: str, omschrijving: str = "", volgorde: int = 0) -> Domein:
    naam = naam.strip()
    if _naam_bestaat(session, naam):
        raise ExpertiseFout("Er bestaat al een domein met deze naam.", "naam")
    domein = Domein(naam=naam, omschrijving=omschrijving.strip(), volgorde=volgorde)
    session.add(domein)
    session.flush()
    audit.record(session, user, domein, "aangemaakt", {"naam": naam})
    return domein


def wijzig_domein(session: Session, user, domein: Domein, waarden: dict) -> None:
    """Rename, reorder, or (de)activate a domain; a deactivated domain keeps its offers but leaves the matrix."""
    if "naam" in waarden:
        waarden = {**waarden, "naam": waarden["naam"].strip()}
        if _naam_bestaat(session, waarden["naam"], behalve=domein.id):
            raise ExpertiseFout("Er bestaat al een domein met deze naam.", "naam")
    gewijzigd = audit.changes(domein, waarden)
    if gewijzigd:
        session.flush()
        audit.record(session, user, domein, "gewijzigd", gewijzigd)


def wijzig_dekkingsnorm(session: Session, user, waarden: dict) -> Dekkingsnorm:
    norm = session.exec(select(Dekkingsnorm).order_by(Dekkingsnorm.id)).first()
    if norm is None:
        norm = Dekkingsnorm()
        session.add(norm)
        session.flush()
    gewijzigd = audit.changes(norm, waarden)
    if gewijzigd:
        norm.gewijzigd_op = clock.now()
        session.flush()
        audit.record(session, user, norm, "gewijzigd", gewijzigd)
    return norm
