"""Read-only queries for the wijk pages and the API; each runs a fixed number of queries."""

from sqlmodel import Session, func, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock
from wijkportaal.overleg import permissions as overleg_permissions
from wijkportaal.overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Bijeenkomst,
    Lidmaatschap,
    Wijkoverleg,
)
from wijkportaal.overleg.status import bewaarde_statussen, wijk_statussen
from wijkportaal.wijken.models import SCHOOLSOORTEN, Bestuur, Organisatie, Regio, Wijk
from wijkportaal.wijken.permissions import zichtbare_wijk_ids


def zichtbare_wijken(session: Session, user: Gebruiker) -> list[Wijk]:
    ids = zichtbare_wijk_ids(session, user)
    query = select(Wijk).order_by(Wijk.naam)
    if ids is not None:
        query = query.where(Wijk.id.in_(list(ids)))
    return list(session.exec(query))


def wijk_by_code(session: Session, code: str) -> Wijk | None:
    return session.exec(select(Wijk).where(Wijk.code == code)).first()


def wijken_per_regio(session: Session, user: Gebruiker) -> dict:
    wijken = zichtbare_wijken(session, user)
    regios = {r.id: r for r in session.exec(select(Regio).order_by(Regio.naam))}
    statussen = bewaarde_statussen(
        session, {w.id for w in wijken} if zichtbare_wijk_ids(session, user) is not None else None
    )
    groepen: dict[int, list[Wijk]] = {}
    for wijk in wijken:
        groepen.setdefault(wijk.regio_id, []).append(wijk)
    return {
        "groepen": [(regios[rid], groepen[rid]) for rid in sorted(groepen, key=lambda r: regios[r].naam)],
        "statussen": statussen,
        "aantal_functionerend": sum(1 for s in statussen.values() if s.status == "functionerend"),
        "aantal": len(wijken),
    }


def overleg_van(session: Session, wijk: Wijk) -> Wijkoverleg | None:
    return session.exec(select(Wijkoverleg).where(Wijkoverleg.wijk_id == wijk.id)).first()


def leden(session: Session, overleg: Wijkoverleg | None) -> list[Organisatie]:
    if overleg is None:
        return []
    return list(
        session.exec(
            select(Organisatie)
            .join(Lidmaatschap, Lidmaatschap.organisatie_id == Organisatie.id)
            .where(Lidmaatschap.wijkoverleg_id == overleg.id)
            .order_by(Organisatie.soort, Organisatie.naam)
        )
    )


def leerlingen_per_wijk(session: Session) -> dict[int, int]:
    """The pupils of the active schools in each wijk (regular, SBO and SO)."""
    rows = session.exec(
        select(Organisatie.wijk_id, func.coalesce(func.sum(Organisatie.leerlingen), 0))
        .where(
            Organisatie.wijk_id.is_not(None),
            Organisatie.is_actief,
            Organisatie.soort.in_(list(SCHOOLSOORTEN)),
        )
        .group_by(Organisatie.wijk_id)
    )
    return {wijk_id: int(n) for wijk_id, n in rows}


def bijeenkomsten(session: Session, overleg: Wijkoverleg | None, limit: int = 10) -> tuple[list, list]:
    """(upcoming, past) meetings, nearest first."""
    if overleg is None:
        return [], []
    moment = clock.now()
    base = select(Bijeenkomst).where(Bijeenkomst.wijkoverleg_id == overleg.id)
    komend = session.exec(base.where(Bijeenkomst.start > moment).order_by(Bijeenkomst.start).limit(limit))
    verleden = session.exec(
        base.where(Bijeenkomst.start <= moment).order_by(Bijeenkomst.start.desc()).limit(limit)
    )
    return list(komend), list(verleden)


def open_actiepunten(session: Session, overleg: Wijkoverleg | None) -> list[Actiepunt]:
    if overleg is None:
        return []
    return list(
        session.exec(
            select(Actiepunt)
            .where(Actiepunt.wijkoverleg_id == overleg.id, Actiepunt.status == ActiepuntStatus.OPEN)
            .order_by(Actiepunt.deadline)
        )
    )


def wijk_pagina(session: Session, user: Gebruiker, wijk: Wijk) -> dict:
    overleg = overleg_van(session, wijk)
    scholen = list(
        session.exec(
            select(Organisatie)
            .where(Organisatie.wijk_id == wijk.id, Organisatie.soort.in_(list(SCHOOLSOORTEN)))
            .order_by(Organisatie.naam)
        )
    )
    besturen = list(
        session.exec(
            select(Bestuur, func.count(Organisatie.id))
            .join(Organisatie, Organisatie.bestuur_id == Bestuur.id)
            .where(Organisatie.wijk_id == wijk.id)
            .group_by(Bestuur.id)
            .order_by(Bestuur.naam)
        )
    )
    mensen_ids = [i for i in (overleg.voorzitter_id, overleg.secretaris_id) if i] if overleg else []
    mensen = (
        {g.id: g for g in session.exec(select(Gebruiker).where(Gebruiker.id.in_(mensen_ids)))}
        if mensen_ids
        else {}
    )
    komend, verleden = bijeenkomsten(session, overleg)
    mag_beheren = overleg is not None and overleg_permissions.can_manage_overleg(user, overleg)
    return {
        "wijk": wijk,
        "regio": session.get(Regio, wijk.regio_id),
        "overleg": overleg,
        "voorzitter": mensen.get(overleg.voorzitter_id) if overleg else None,
        "secretaris": mensen.get(overleg.secretaris_id) if overleg else None,
        "leden": leden(session, overleg),
        "scholen": scholen,
        "leerlingen": sum(s.leerlingen or 0 for s in scholen),
        "besturen": besturen,
        "komend": komend,
        "verleden": verleden,
        "actiepunten": open_actiepunten(session, overleg),
        "status": wijk_statussen(session, {wijk.id})[wijk.id],
        "vandaag": clock.today(),
        "mag_beheren": mag_beheren,
        **hiaten(session, user, wijk, overleg, mag_beheren),
        "mag_voorzitter_benoemen": overleg_permissions.can_appoint_voorzitter(user),
    }


def hiaten(
    session: Session, user: Gebruiker, wijk: Wijk, overleg: Wijkoverleg | None, mag_beheren: bool
) -> dict:
    """The wijk's gaps in support, and where the chair's one click would put them on the agenda."""
    from wijkportaal.expertise.dekking import dekking_van_wijk
    from wijkportaal.expertise.permissions import can_record
    from wijkportaal.overleg.forms import HiaatForm
    from wijkportaal.overleg.services import volgende_bijeenkomst

    dekking = dekking_van_wijk(session, wijk.id)
    volgende = volgende_bijeenkomst(session, overleg) if mag_beheren else None
    return {
        "hiaten": dekking.hiaten(wijk.id),
        "dekking_telling": dekking.telling(wijk.id),
        "dekkingsnorm": dekking.norm,
        "volgende_bijeenkomst": volgende,
        "hiaat_form": HiaatForm() if volgende else None,
        "mag_aanbod_vastleggen": can_record(session, user),
    }
