"""Read-only queries for the meeting pages, and the overleg of a wijk for the pages that show it."""

from datetime import datetime

from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock
from wijkportaal.overleg import permissions
from wijkportaal.overleg.models import (
    Aanwezigheid,
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    AgendapuntStatus,
    AgendapuntThema,
    Amendement,
    Besluit,
    Bijeenkomst,
    Lidmaatschap,
    Thema,
    Wijkoverleg,
)
from wijkportaal.overleg.permissions import zichtbare_wijk_ids
from wijkportaal.overleg.services import volgende_gehouden
from wijkportaal.wijken.models import Organisatie, Wijk


def actieve_themas(session: Session) -> list[Thema]:
    return list(session.exec(select(Thema).where(Thema.is_actief).order_by(Thema.naam)))


def themas_per_punt(session: Session, punt_ids: list[int]) -> dict[int, list[Thema]]:
    result: dict[int, list[Thema]] = {pid: [] for pid in punt_ids}
    if not punt_ids:
        return result
    rows = session.exec(
        select(AgendapuntThema.agendapunt_id, Thema)
        .join(Thema, Thema.id == AgendapuntThema.thema_id)
        .where(AgendapuntThema.agendapunt_id.in_(punt_ids))
        .order_by(Thema.naam)
    )
    for pid, thema in rows:
        result[pid].append(thema)
    return result


def doorgeschoven_actiepunten(session: Session, b: Bijeenkomst) -> list[Actiepunt]:
    """Open action items from earlier meetings: they carry over to this meeting's agenda."""
    return list(
        session.exec(
            select(Actiepunt)
            .join(Bijeenkomst, Bijeenkomst.id == Actiepunt.bijeenkomst_id)
            .where(
                Actiepunt.wijkoverleg_id == b.wijkoverleg_id,
                Actiepunt.status == ActiepuntStatus.OPEN,
                Bijeenkomst.start < b.start,
            )
            .order_by(Actiepunt.deadline)
        )
    )


def bijeenkomst_pagina(session: Session, user, b: Bijeenkomst) -> dict:
    overleg = session.get(Wijkoverleg, b.wijkoverleg_id)
    wijk = session.get(Wijk, overleg.wijk_id)
    punten = list(
        session.exec(
            select(Agendapunt)
            .where(Agendapunt.bijeenkomst_id == b.id)
            .order_by(Agendapunt.volgorde, Agendapunt.id)
        )
    )
    themas = themas_per_punt(session, [p.id for p in punten])
    moment = clock.now()
    mag_beheren = permissions.can_manage_overleg(user, overleg)
    gebruiker_ids = {
        a.gebruiker_id for a in session.exec(select(Amendement).where(Amendement.bijeenkomst_id == b.id))
    }
    gebruiker_ids |= {p.voorgesteld_door_id for p in punten if p.voorgesteld_door_id}
    namen = dict(
        session.exec(select(Gebruiker.id, Gebruiker.naam).where(Gebruiker.id.in_(gebruiker_ids))).all()
    )
    return {
        "b": b,
        "overleg": overleg,
        "wijk": wijk,
        "agenda": [p for p in punten if p.status == AgendapuntStatus.AGENDA],
        "voorstellen": [p for p in punten if p.status == AgendapuntStatus.VOORGESTELD],
        "afgewezen": [
            p for p in punten if p.status in (AgendapuntStatus.AFGEWEZEN, AgendapuntStatus.GESCHRAPT)
        ],
        "themas": themas,
        "namen": namen,
        "amendementen": list(
            session.exec(select(Amendement).where(Amendement.bijeenkomst_id == b.id).order_by(Amendement.op))
        ),
        "leden": leden(session, overleg),
        "aanwezigheid": {
            a.organisatie_id: a.status
            for a in session.exec(select(Aanwezigheid).where(Aanwezigheid.bijeenkomst_id == b.id))
        },
        "besluiten": list(
            session.exec(select(Besluit).where(Besluit.bijeenkomst_id == b.id).order_by(Besluit.id))
        ),
        "actiepunten": list(
            session.exec(select(Actiepunt).where(Actiepunt.bijeenkomst_id == b.id).order_by(Actiepunt.id))
        ),
        "doorgeschoven": doorgeschoven_actiepunten(session, b),
        "is_begonnen": b.start <= moment,
        "vandaag": moment.date(),
        "mag_beheren": mag_beheren,
        "mag_voorstellen": permissions.can_propose_agendapunt(session, user, b),
        "mag_notulen_vaststellen": mag_beheren
        and b.notulen_vastgesteld_op is None
        and b.start <= moment
        and volgende_gehouden(session, b) is not None,
        "totaal_minuten": sum(p.minuten for p in punten if p.status == AgendapuntStatus.AGENDA),
    }


MAANDEN = ("aug", "sep", "okt", "nov", "dec", "jan", "feb", "mrt", "apr", "mei", "jun", "jul")


def bijeenkomsten_per_maand(session: Session, schooljaar: int, wijk_ids=None) -> dict[int, list[int]]:
    """Held or planned (not cancelled) meetings per wijk per month of a school year (August first)."""
    van = datetime(schooljaar, 8, 1)
    tot = datetime(schooljaar + 1, 8, 1)
    q = (
        select(Wijkoverleg.wijk_id, Bijeenkomst.start)
        .join(Wijkoverleg, Wijkoverleg.id == Bijeenkomst.wijkoverleg_id)
        .where(Bijeenkomst.start >= van, Bijeenkomst.start < tot, Bijeenkomst.is_geannuleerd.is_(False))
    )
    if wijk_ids is not None:
        q = q.where(Wijkoverleg.wijk_id.in_(wijk_ids))
    telling: dict[int, list[int]] = {}
    for wijk_id, start in session.exec(q):
        telling.setdefault(wijk_id, [0] * 12)[(start.month - 8) % 12] += 1
    return telling


def zichtbare_wijken(session: Session, user: Gebruiker) -> list[Wijk]:
    ids = zichtbare_wijk_ids(session, user)
    query = select(Wijk).order_by(Wijk.naam)
    if ids is not None:
        query = query.where(Wijk.id.in_(list(ids)))
    return list(session.exec(query))


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
