"""Read-only queries for the pages that show several features at once: the wijken and the wijk page."""

from sqlmodel import Session, func, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock
from wijkportaal.initiatieven.queries import wijk_initiatieven
from wijkportaal.overleg import permissions as overleg_permissions
from wijkportaal.overleg.models import Wijkoverleg
from wijkportaal.overleg.permissions import zichtbare_wijk_ids
from wijkportaal.overleg.queries import (
    bewaarde_statussen,
    bijeenkomsten,
    leden,
    open_actiepunten,
    overleg_van,
    wijk_statussen,
    zichtbare_wijken,
)
from wijkportaal.pages.te_doen.item import nog_dagen
from wijkportaal.wijken.models import SCHOOLSOORTEN, Bestuur, Organisatie, Regio, Wijk


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
    volgende = next((b for b in komend if not b.is_geannuleerd), None)
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
        "volgende": volgende,
        "volgende_over": nog_dagen(volgende.start.date(), clock.today()) if volgende else "",
        "verleden": verleden,
        "actiepunten": open_actiepunten(session, overleg),
        "status": wijk_statussen(session, {wijk.id})[wijk.id],
        "vandaag": clock.today(),
        "mag_beheren": mag_beheren,
        **hiaten(session, user, wijk, overleg, mag_beheren),
        "mag_voorzitter_benoemen": overleg_permissions.can_appoint_voorzitter(user),
        "initiatieven": wijk_initiatieven(session, wijk.id),
    }


def hiaten(
    session: Session, user: Gebruiker, wijk: Wijk, overleg: Wijkoverleg | None, mag_beheren: bool
) -> dict:
    """The wijk's gaps in support, and where the chair's one click would put them on the agenda."""
    from wijkportaal.expertise.permissions import can_record
    from wijkportaal.expertise.queries import dekking_van_wijk
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
