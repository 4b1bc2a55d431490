"""Read-only queries for the meeting pages, and the overleg of a wijk for the pages that show it."""

import time
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock
from wijkportaal.overleg import permissions
from wijkportaal.overleg.models import (
    Aanwezigheid,
    AanwezigheidStatus,
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    AgendapuntStatus,
    AgendapuntThema,
    Amendement,
    Besluit,
    Bijeenkomst,
    Lidmaatschap,
    Overlegnorm,
    Thema,
    VerplichtThema,
    Wijkoverleg,
    WijkstatusCache,
)
from wijkportaal.overleg.permissions import zichtbare_wijk_ids
from wijkportaal.overleg.rules import (
    KOLOMMEN,
    SORTEERBAAR,
    Feiten,
    Norm,
    OverlegStatus,
    WijkStatus,
    _sort_key,
    afspraak,
    amendement_regels,
    beoordeel,
    maanden_terug,
)
from wijkportaal.wijken.models import SPECIAAL_ONDERWIJS, Organisatie, OrganisatieSoort, Regio, Wijk


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


def aantal_open_voorstellen(session: Session, b: Bijeenkomst) -> int:
    """Members' proposals for this meeting still waiting for the chair's decision."""
    return session.exec(
        select(sa.func.count())
        .select_from(Agendapunt)
        .where(Agendapunt.bijeenkomst_id == b.id, Agendapunt.status == AgendapuntStatus.VOORGESTELD)
    ).one()


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
        "amendementen": [
            (a, amendement_regels(a.wijzigingen))
            for a in session.exec(
                select(Amendement)
                .where(Amendement.bijeenkomst_id == b.id)
                .order_by(Amendement.op, Amendement.id)
            )
        ],
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


def zichtbare_wijken(session: Session, user: Gebruiker, limit: int | None = None) -> list[Wijk]:
    """The wijken `user` may see, by name; the first `limit` when given."""
    ids = zichtbare_wijk_ids(session, user)
    query = select(Wijk).order_by(Wijk.naam).limit(limit)
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


def _to_json(s: "WijkStatus") -> dict:
    return {
        "status": s.status.value,
        "redenen": s.redenen,
        "laatste_bijeenkomst": s.laatste_bijeenkomst.isoformat() if s.laatste_bijeenkomst else None,
        "bijeenkomsten_dit_schooljaar": s.bijeenkomsten_dit_schooljaar,
        "ontbrekende_themas": s.ontbrekende_themas,
        "behandelde_themas": s.behandelde_themas,
        "te_late_actiepunten": s.te_late_actiepunten,
        "gehouden_in_periode": s.gehouden_in_periode,
    }


def _from_json(wijk_id: int, d: dict) -> "WijkStatus":
    return WijkStatus(
        wijk_id=wijk_id,
        status=OverlegStatus(d["status"]),
        redenen=list(d["redenen"]),
        laatste_bijeenkomst=date.fromisoformat(d["laatste_bijeenkomst"])
        if d["laatste_bijeenkomst"]
        else None,
        bijeenkomsten_dit_schooljaar=d["bijeenkomsten_dit_schooljaar"],
        ontbrekende_themas=list(d["ontbrekende_themas"]),
        behandelde_themas=list(d["behandelde_themas"]),
        te_late_actiepunten=d["te_late_actiepunten"],
        gehouden_in_periode=d["gehouden_in_periode"],
    )


def bewaarde_statussen(session: Session, wijk_ids=None) -> dict[int, "WijkStatus"]:
    """Like wijk_statussen, but read from the cache where it is still valid; the rest is computed and stored."""
    from wijkportaal.wijken.models import Wijk

    moment = clock.now()
    query = select(WijkstatusCache.wijk_id, WijkstatusCache.gegevens).where(
        WijkstatusCache.geldig_tot > moment
    )
    if wijk_ids is not None:
        query = query.where(WijkstatusCache.wijk_id.in_(list(wijk_ids)))
    result = {wijk_id: _from_json(wijk_id, gegevens) for wijk_id, gegevens in session.exec(query)}
    gevraagd = set(wijk_ids) if wijk_ids is not None else set(session.exec(select(Wijk.id)))
    ontbreekt = gevraagd - set(result)
    if ontbreekt:
        alles = wijk_ids is None and len(ontbreekt) == len(gevraagd)
        vers = wijk_statussen(session, None if alles else ontbreekt, moment)
        _bewaar(session, vers, moment)
        result.update(vers)
    return result


def _bewaar(session: Session, statussen: dict[int, "WijkStatus"], moment: datetime) -> None:
    """Store fresh statuses, valid until midnight or the next meeting of the wijk, whichever is first."""
    if not statussen:
        return
    middernacht = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time())
    volgende = dict(
        session.exec(
            select(Wijkoverleg.wijk_id, sa.func.min(Bijeenkomst.start))
            .join(Bijeenkomst, Bijeenkomst.wijkoverleg_id == Wijkoverleg.id)
            .where(Bijeenkomst.start > moment, Bijeenkomst.start < middernacht)
            .group_by(Wijkoverleg.wijk_id)
        ).all()
    )
    rows = [
        {
            "wijk_id": wijk_id,
            "berekend_op": moment,
            "geldig_tot": min(middernacht, _as_datetime(volgende.get(wijk_id)) or middernacht),
            "gegevens": _to_json(s),
        }
        for wijk_id, s in statussen.items()
    ]
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(WijkstatusCache).values(rows)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[WijkstatusCache.wijk_id],
            set_={c: statement.excluded[c] for c in ("berekend_op", "geldig_tot", "gegevens")},
        )
    )


def vergeet(session: Session, wijk_id: int | None = None) -> None:
    """Drop the stored status of one wijk (after a change to its overleg) or of all (after a rule change)."""
    query = sa.delete(WijkstatusCache)
    if wijk_id is not None:
        query = query.where(WijkstatusCache.wijk_id == wijk_id)
    session.execute(query)


def _as_datetime(value) -> datetime | None:
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def load_norm(session: Session) -> Norm:
    return Norm.from_row(session.exec(select(Overlegnorm).order_by(Overlegnorm.id)).first())


def verplichte_themas(session: Session, schooljaar: int) -> list[Thema]:
    return list(
        session.exec(
            select(Thema)
            .join(VerplichtThema, VerplichtThema.thema_id == Thema.id)
            .where(VerplichtThema.schooljaar == schooljaar)
            .order_by(Thema.naam)
        )
    )


def wijk_statussen(session: Session, wijk_ids=None, moment: datetime | None = None) -> dict[int, WijkStatus]:
    """Status and key figures for the given wijken (None: all), in a fixed number of queries."""
    from wijkportaal.wijken.models import Wijk

    moment = moment or clock.now()
    vandaag = moment.date()
    norm = load_norm(session)
    periode_start = datetime.combine(maanden_terug(vandaag, norm.periode_maanden), datetime.min.time())
    jaar = clock.schooljaar_van(vandaag)
    jaar_start = datetime.combine(clock.schooljaar_grenzen(jaar)[0], datetime.min.time())

    gehouden = sa.and_(Bijeenkomst.is_geannuleerd.is_(False), Bijeenkomst.start <= moment)
    # The last held meeting per overleg: an index walk backwards on (wijkoverleg_id, start), not a scan.
    laatste_start = (
        select(Bijeenkomst.start)
        .where(Bijeenkomst.wijkoverleg_id == Wijkoverleg.id, gehouden)
        .order_by(Bijeenkomst.start.desc())
        .limit(1)
        .correlate(Wijkoverleg)
        .scalar_subquery()
    )
    wijk_query = select(Wijk.id, Wijkoverleg.id, laatste_start).join(
        Wijkoverleg, Wijkoverleg.wijk_id == Wijk.id, isouter=True
    )
    if wijk_ids is not None:
        wijk_query = wijk_query.where(Wijk.id.in_(list(wijk_ids)))
    overleg_van, laatste = {}, {}
    for wijk_id, overleg_id, last in session.exec(wijk_query):
        overleg_van[wijk_id] = overleg_id
        laatste[overleg_id] = last
    overleg_ids = [o for o in overleg_van.values() if o is not None]
    if wijk_ids is not None and not overleg_ids:
        overleg_ids = [-1]  # nothing to count; keeps every query below cheap and well-formed

    def in_scope(query, column):
        return query.where(column.in_(overleg_ids)) if wijk_ids is not None else query

    # One pass over the meetings since the earlier of the period start and the school year start.
    vanaf = min(periode_start, jaar_start)
    aanwezig = _aanwezig_per_bijeenkomst(vanaf, moment, overleg_ids if wijk_ids is not None else None)
    in_periode = Bijeenkomst.start >= periode_start
    rows = session.exec(
        in_scope(
            select(
                Bijeenkomst.wijkoverleg_id,
                sa.func.sum(sa.case((in_periode, 1), else_=0)),
                sa.func.sum(
                    sa.case(
                        (sa.and_(in_periode, Bijeenkomst.agenda_vastgesteld_op <= Bijeenkomst.start), 1),
                        else_=0,
                    )
                ),
                sa.func.sum(
                    sa.case((sa.and_(in_periode, aanwezig.c.okt == 1, aanwezig.c.so == 1), 1), else_=0)
                ),
                sa.func.sum(sa.case((Bijeenkomst.start >= jaar_start, 1), else_=0)),
            )
            .join(aanwezig, aanwezig.c.bijeenkomst_id == Bijeenkomst.id, isouter=True)
            .where(gehouden, Bijeenkomst.start >= vanaf)
            .group_by(Bijeenkomst.wijkoverleg_id),
            Bijeenkomst.wijkoverleg_id,
        )
    ).all()
    periode = {row[0]: tuple(int(v or 0) for v in row[1:4]) for row in rows}
    dit_jaar = {row[0]: int(row[4] or 0) for row in rows}
    verplicht = verplichte_themas(session, jaar)
    behandeld: dict[int, set[int]] = {}
    if verplicht:
        rows = session.exec(
            in_scope(
                select(Bijeenkomst.wijkoverleg_id, AgendapuntThema.thema_id)
                .join(Agendapunt, Agendapunt.id == AgendapuntThema.agendapunt_id)
                .join(Bijeenkomst, Bijeenkomst.id == Agendapunt.bijeenkomst_id)
                .where(
                    gehouden,
                    Bijeenkomst.start >= jaar_start,
                    Agendapunt.status == AgendapuntStatus.AGENDA,
                    AgendapuntThema.thema_id.in_([t.id for t in verplicht]),
                )
                .distinct(),
                Bijeenkomst.wijkoverleg_id,
            )
        ).all()
        for overleg_id, thema_id in rows:
            behandeld.setdefault(overleg_id, set()).add(thema_id)
    te_laat = dict(
        session.exec(
            in_scope(
                select(Actiepunt.wijkoverleg_id, sa.func.count())
                .where(Actiepunt.status == ActiepuntStatus.OPEN, Actiepunt.deadline < vandaag)
                .group_by(Actiepunt.wijkoverleg_id),
                Actiepunt.wijkoverleg_id,
            )
        ).all()
    )

    result = {}
    for wijk_id, overleg_id in overleg_van.items():
        aantal, vooraf, okt_so = periode.get(overleg_id, (0, 0, 0))
        last = laatste.get(overleg_id)
        last_day = _as_date(last)
        status, redenen = beoordeel(
            norm,
            Feiten(overleg_id is not None, aantal, last_day, vooraf or 0, okt_so or 0),
            vandaag,
        )
        gedaan = behandeld.get(overleg_id, set())
        result[wijk_id] = WijkStatus(
            wijk_id=wijk_id,
            status=status,
            redenen=redenen,
            laatste_bijeenkomst=last_day,
            bijeenkomsten_dit_schooljaar=dit_jaar.get(overleg_id, 0),
            ontbrekende_themas=[t.naam for t in verplicht if t.id not in gedaan],
            behandelde_themas=[t.naam for t in verplicht if t.id in gedaan],
            te_late_actiepunten=te_laat.get(overleg_id, 0),
            gehouden_in_periode=aantal,
        )
    return result


def _aanwezig_per_bijeenkomst(vanaf: datetime, tot: datetime, overleg_ids: list[int] | None):
    """Per meeting in the window: was an OKT present (okt = 1), and special education (so = 1)?"""
    query = (
        select(
            Aanwezigheid.bijeenkomst_id,
            sa.func.max(sa.case((Organisatie.soort == OrganisatieSoort.OKT, 1), else_=0)).label("okt"),
            sa.func.max(sa.case((Organisatie.soort.in_(list(SPECIAAL_ONDERWIJS)), 1), else_=0)).label("so"),
        )
        .join(Organisatie, Organisatie.id == Aanwezigheid.organisatie_id)
        .join(Bijeenkomst, Bijeenkomst.id == Aanwezigheid.bijeenkomst_id)
        .where(
            Aanwezigheid.status == AanwezigheidStatus.AANWEZIG,
            Bijeenkomst.start >= vanaf,
            Bijeenkomst.start <= tot,
        )
        .group_by(Aanwezigheid.bijeenkomst_id)
    )
    if overleg_ids is not None:
        query = query.where(Bijeenkomst.wijkoverleg_id.in_(overleg_ids))
    return query.subquery()


def _as_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite returns aggregates of datetimes as text
        value = datetime.fromisoformat(value)
    return value.date() if isinstance(value, datetime) else value


def volgende_gehouden(session, b: Bijeenkomst) -> Bijeenkomst | None:
    """The next meeting of the same overleg that has begun (minutes are agreed at or after it)."""
    return session.exec(
        select(Bijeenkomst)
        .where(
            Bijeenkomst.wijkoverleg_id == b.wijkoverleg_id,
            Bijeenkomst.start > b.start,
            Bijeenkomst.start <= clock.now(),
            Bijeenkomst.is_geannuleerd.is_(False),
        )
        .order_by(Bijeenkomst.start)
    ).first()


def overzicht_context(session: Session, args) -> dict:
    regios = list(session.exec(select(Regio).order_by(Regio.naam)))
    regio_code = args.get("regio", "")
    regio = next((r for r in regios if r.code == regio_code), None)
    query = select(Wijk.id, Wijk.code, Wijk.naam, Regio.naam).join(Regio, Regio.id == Wijk.regio_id)
    if regio is not None:
        query = query.where(Wijk.regio_id == regio.id)
    wijken = list(session.exec(query))
    statussen = bewaarde_statussen(session, {w[0] for w in wijken} if regio else None)
    rijen = []
    for wijk_id, code, naam, regio_naam in wijken:
        s = statussen[wijk_id]
        rijen.append(
            {
                "code": code,
                "wijk": naam,
                "regio": regio_naam,
                "status": s.status,
                "laatste_bijeenkomst": s.laatste_bijeenkomst,
                "bijeenkomsten_dit_schooljaar": s.bijeenkomsten_dit_schooljaar,
                "ontbrekende_themas": s.ontbrekende_themas,
                "te_late_actiepunten": s.te_late_actiepunten,
                "redenen": s.redenen,
            }
        )
    sort = args.get("sorteer", "wijk")
    if sort not in SORTEERBAAR:
        sort = "wijk"
    aflopend = args.get("richting") == "af"
    rijen.sort(key=lambda r: (_sort_key(r, sort), r["wijk"]), reverse=aflopend)
    status = next((s for s in OverlegStatus if s.value == args.get("status", "")), None)
    return {
        "rijen": [r for r in rijen if status is None or r["status"] == status],
        "regios": regios,
        "regio": regio,
        "statussen": list(OverlegStatus),
        "status": status,
        "sorteer": sort,
        "richting": "af" if aflopend else "op",
        "aantal_wijken": len(rijen),
        "aantal_functionerend": sum(1 for r in rijen if r["status"] == OverlegStatus.FUNCTIONEREND),
        "kolommen": KOLOMMEN,
    }


# What waits for whom (read by the start page's providers in wijkportaal/pages/te_doen/)


def beheerde_overleggen(session: Session, user) -> list[tuple[Wijkoverleg, Wijk]]:
    """The overleggen `user` runs as chair or secretary, with their wijk, by wijk name."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        session.exec(
            select(Wijkoverleg, Wijk)
            .join(Wijk, Wijk.id == Wijkoverleg.wijk_id)
            .where(sa.or_(Wijkoverleg.voorzitter_id == user.id, Wijkoverleg.secretaris_id == user.id))
            .order_by(Wijk.naam)
        )
    )


def volgende_bijeenkomsten(session: Session, overleg_ids: list[int]) -> dict[int, Bijeenkomst]:
    """Per overleg its next meeting that has not begun and is not cancelled (absent: none planned)."""
    result: dict[int, Bijeenkomst] = {}
    for b in session.exec(
        select(Bijeenkomst)
        .where(
            Bijeenkomst.wijkoverleg_id.in_(overleg_ids or [0]),
            Bijeenkomst.start > clock.now(),
            Bijeenkomst.is_geannuleerd.is_(False),
        )
        .order_by(Bijeenkomst.start.desc())
    ):
        result[b.wijkoverleg_id] = b  # the earliest comes last and wins
    return result


def open_voorstellen(session: Session, overleg_ids: list[int]) -> list[tuple[Agendapunt, Bijeenkomst, str]]:
    """Items members proposed for meetings that have not begun, not yet taken up or rejected, with the
    proposer's name; soonest meeting first."""
    return list(
        session.exec(
            select(Agendapunt, Bijeenkomst, Gebruiker.naam)
            .join(Bijeenkomst, Bijeenkomst.id == Agendapunt.bijeenkomst_id)
            .join(Gebruiker, Gebruiker.id == Agendapunt.voorgesteld_door_id, isouter=True)
            .where(
                Bijeenkomst.wijkoverleg_id.in_(overleg_ids or [0]),
                Bijeenkomst.start > clock.now(),
                Bijeenkomst.is_geannuleerd.is_(False),
                Agendapunt.status == AgendapuntStatus.VOORGESTELD,
            )
            .order_by(Bijeenkomst.start, Agendapunt.aangemaakt_op, Agendapunt.id)
        ).all()
    )


def zonder_notulen(
    session: Session, overleg_ids: list[int], sinds: date
) -> list[tuple[Bijeenkomst, int, int]]:
    """Held meetings since `sinds` with agenda items whose minutes are still empty: (meeting, items
    without minutes, items on the agenda), oldest first."""
    leeg = sa.func.sum(sa.case((Agendapunt.notulen == "", 1), else_=0))
    rows = session.exec(
        select(Bijeenkomst, leeg, sa.func.count(Agendapunt.id))
        .join(Agendapunt, Agendapunt.bijeenkomst_id == Bijeenkomst.id)
        .where(
            Bijeenkomst.wijkoverleg_id.in_(overleg_ids or [0]),
            Bijeenkomst.start <= clock.now(),
            Bijeenkomst.start >= datetime.combine(sinds, datetime.min.time()),
            Bijeenkomst.is_geannuleerd.is_(False),
            Bijeenkomst.notulen_vastgesteld_op.is_(None),
            Agendapunt.status == AgendapuntStatus.AGENDA,
        )
        .group_by(Bijeenkomst.id)
        .order_by(Bijeenkomst.start)
    ).all()
    return [(b, int(n or 0), int(totaal)) for b, n, totaal in rows if n]


def notulen_vast_te_stellen(session: Session, overleg_ids: list[int]) -> list[Bijeenkomst]:
    """Held meetings whose minutes are not agreed while a later meeting has begun (minutes are agreed at
    or after the next meeting), oldest first."""
    moment = clock.now()
    later = sa.orm.aliased(Bijeenkomst)
    volgende = (
        select(later.id)
        .where(
            later.wijkoverleg_id == Bijeenkomst.wijkoverleg_id,
            later.start > Bijeenkomst.start,
            later.start <= moment,
            later.is_geannuleerd.is_(False),
        )
        .exists()
    )
    return list(
        session.exec(
            select(Bijeenkomst)
            .where(
                Bijeenkomst.wijkoverleg_id.in_(overleg_ids or [0]),
                Bijeenkomst.start <= moment,
                Bijeenkomst.is_geannuleerd.is_(False),
                Bijeenkomst.notulen_vastgesteld_op.is_(None),
                volgende,
            )
            .order_by(Bijeenkomst.start)
        )
    )


def actiepunten_van(session: Session, overleg_ids: list[int], eigenaars: set[str]) -> list[Actiepunt]:
    """Open action items of these overleggen owned by one of `eigenaars` (a person's or an
    organisation's name, as the chair wrote it; case does not matter), soonest deadline first."""
    namen = [n.strip().lower() for n in eigenaars if n and n.strip()]
    if not namen:
        return []
    return list(
        session.exec(
            select(Actiepunt)
            .where(
                Actiepunt.wijkoverleg_id.in_(overleg_ids or [0]),
                Actiepunt.status == ActiepuntStatus.OPEN,
                sa.func.lower(sa.func.trim(Actiepunt.eigenaar)).in_(namen),
            )
            .order_by(Actiepunt.deadline, Actiepunt.id)
        )
    )


def komende_bijeenkomsten_van_lid(
    session: Session, organisatie_id: int | None, tot: datetime, behalve: set[int] = frozenset()
) -> list[tuple[Bijeenkomst, Wijk]]:
    """Meetings until `tot` of the overleggen the organisation is a member of (except the overleggen
    in `behalve`), soonest first."""
    if not organisatie_id:
        return []
    return list(
        session.exec(
            select(Bijeenkomst, Wijk)
            .join(Wijkoverleg, Wijkoverleg.id == Bijeenkomst.wijkoverleg_id)
            .join(Wijk, Wijk.id == Wijkoverleg.wijk_id)
            .join(Lidmaatschap, Lidmaatschap.wijkoverleg_id == Wijkoverleg.id)
            .where(
                Lidmaatschap.organisatie_id == organisatie_id,
                Wijkoverleg.id.not_in(list(behalve) or [0]),
                Bijeenkomst.start > clock.now(),
                Bijeenkomst.start <= tot,
                Bijeenkomst.is_geannuleerd.is_(False),
            )
            .order_by(Bijeenkomst.start)
        ).all()
    )


STATUS_RANG = {OverlegStatus.GEEN: 0, OverlegStatus.OPSTARTEND: 1, OverlegStatus.FUNCTIONEREND: 2}


TOEN_BEWAARD = 900  # seconds a worker keeps the statuses of a past moment (see `statussen_toen`)
_toen: dict[tuple[str, datetime], tuple[float, dict[int, WijkStatus]]] = {}


def statussen_toen(session: Session, moment: datetime, bewaren: bool = False) -> dict[int, WijkStatus]:
    """Every wijk's status at `moment`, in the past. With `bewaren` the worker keeps them TOEN_BEWAARD
    seconds per database and moment: the past hardly changes, and computing it is a pass over every
    meeting (a quarter of a second at national scale, on each SWV start page)."""
    if not bewaren:
        return wijk_statussen(session, None, moment)
    sleutel = (str(session.get_bind().url), moment)
    nu = time.monotonic()
    if (bewaard := _toen.get(sleutel)) is not None and bewaard[0] > nu:
        return bewaard[1]
    for oud in [k for k, (tot, _) in _toen.items() if tot <= nu]:
        _toen.pop(oud, None)
    statussen = wijk_statussen(session, None, moment)
    _toen[sleutel] = (nu + TOEN_BEWAARD, statussen)
    return statussen


def statussen_kort(session: Session) -> dict[int, tuple[OverlegStatus, date | None]]:
    """Every wijk's status and last held meeting, read from the cache without decoding its documents
    (the SWV start page compares all 1,500); those missing or expired are computed as by
    `bewaarde_statussen`."""
    from wijkportaal.wijken.models import Wijk

    gegevens = WijkstatusCache.gegevens
    uitkomst = {
        wijk_id: (OverlegStatus(status), date.fromisoformat(laatste) if laatste else None)
        for wijk_id, status, laatste in session.exec(
            select(
                WijkstatusCache.wijk_id,
                gegevens["status"].as_string(),
                gegevens["laatste_bijeenkomst"].as_string(),
            ).where(WijkstatusCache.geldig_tot > clock.now())
        )
    }
    alle = set(session.exec(select(Wijk.id)))
    if ontbreekt := alle - set(uitkomst):
        vers = bewaarde_statussen(session, None if len(ontbreekt) == len(alle) else ontbreekt)
        uitkomst.update((wijk_id, (s.status, s.laatste_bijeenkomst)) for wijk_id, s in vers.items())
    return uitkomst


def gedaalde_statussen(
    session: Session,
    sinds: datetime,
    bewaren: bool = False,
    kort: dict[int, tuple[OverlegStatus, date | None]] | None = None,
    limit: int | None = None,
) -> tuple[list[tuple[Wijk, WijkStatus, WijkStatus]], int]:
    """Wijken whose overleg status is lower now than it was at `sinds`: (wijk, then, now) by wijk name,
    the first `limit`, and how many there are. `bewaren`: keep the statuses at `sinds` a while
    (`statussen_toen`); `kort`: `statussen_kort`, when the caller has it."""
    kort = statussen_kort(session) if kort is None else kort
    toen = statussen_toen(session, sinds, bewaren)
    gedaald = {
        wijk_id
        for wijk_id, (status, _) in kort.items()
        if wijk_id in toen and STATUS_RANG[status] < STATUS_RANG[toen[wijk_id].status]
    }
    if not gedaald:
        return [], 0
    wijken = list(session.exec(select(Wijk).where(Wijk.id.in_(gedaald)).order_by(Wijk.naam).limit(limit)))
    nu = bewaarde_statussen(session, [w.id for w in wijken])
    return [(w, toen[w.id], nu[w.id]) for w in wijken], len(gedaald)


def zonder_recente_bijeenkomst(
    session: Session,
    sinds: date,
    kort: dict[int, tuple[OverlegStatus, date | None]] | None = None,
    limit: int | None = None,
) -> tuple[list[tuple[Wijk, WijkStatus]], int]:
    """Wijken whose last held meeting was before `sinds`, or that never met, longest ago first (then by
    name): the first `limit` with their status, and how many there are. `kort`: `statussen_kort`, when
    the caller has it."""
    kort = statussen_kort(session) if kort is None else kort
    ids = [wijk_id for wijk_id, (_, laatste) in kort.items() if laatste is None or laatste < sinds]
    if not ids:
        return [], 0
    namen = dict(session.exec(select(Wijk.id, Wijk.naam).where(Wijk.id.in_(ids))).all())
    getoond = sorted(ids, key=lambda w: (kort[w][1] or date.min, namen[w]))[:limit]
    wijken = {w.id: w for w in session.exec(select(Wijk).where(Wijk.id.in_(getoond)))}
    statussen = bewaarde_statussen(session, getoond)
    return [(wijken[w], statussen[w]) for w in getoond], len(ids)


# Calendars


def deelnemende_wijk_ids(session: Session, user: Gebruiker) -> set[int]:
    """The wijken whose overleg `user` takes part in: as chair or secretary, through their organisation's
    membership, or as the wijk they work for. (Seeing a wijk, as a board or SWV staff do, is not taking
    part in its meetings.)"""
    ids = {user.wijk_id} if user.wijk_id else set()
    voorwaarden = [Wijkoverleg.voorzitter_id == user.id, Wijkoverleg.secretaris_id == user.id]
    if user.organisatie_id:
        lid = select(Lidmaatschap.wijkoverleg_id).where(Lidmaatschap.organisatie_id == user.organisatie_id)
        voorwaarden.append(Wijkoverleg.id.in_(lid))
    ids.update(session.exec(select(Wijkoverleg.wijk_id).where(sa.or_(*voorwaarden))))
    return ids


def kalender_afspraken(session: Session, wijk_ids: set[int], url_voor) -> list:
    """Every meeting of these wijken (cancelled ones too, so calendars drop them) as calendar events,
    oldest first; `url_voor(bijeenkomst_id)` gives the meeting page's absolute URL."""
    if not wijk_ids:
        return []
    rijen = session.exec(
        select(Bijeenkomst, Wijk)
        .join(Wijkoverleg, Wijkoverleg.id == Bijeenkomst.wijkoverleg_id)
        .join(Wijk, Wijk.id == Wijkoverleg.wijk_id)
        .where(Wijk.id.in_(wijk_ids))
        .order_by(Bijeenkomst.start, Bijeenkomst.id)
    ).all()
    return [afspraak(b, wijk, url_voor(b.id)) for b, wijk in rijen]


# What the scheduled jobs read (wijkportaal/overleg/jobs.py)


def bijeenkomsten_met_wijk(session: Session, *voorwaarden) -> list[tuple[Bijeenkomst, Wijkoverleg, Wijk]]:
    """Meetings matching `voorwaarden`, with their overleg and wijk, soonest first."""
    return list(
        session.exec(
            select(Bijeenkomst, Wijkoverleg, Wijk)
            .join(Wijkoverleg, Wijkoverleg.id == Bijeenkomst.wijkoverleg_id)
            .join(Wijk, Wijk.id == Wijkoverleg.wijk_id)
            .where(*voorwaarden)
            .order_by(Bijeenkomst.start, Bijeenkomst.id)
        ).all()
    )


def agendas_per_bijeenkomst(session: Session, bijeenkomst_ids: list[int]) -> dict[int, list[str]]:
    """Per meeting the titles of the items on its agenda, in order (every id given is a key)."""
    result: dict[int, list[str]] = {i: [] for i in bijeenkomst_ids}
    for bijeenkomst_id, titel in session.exec(
        select(Agendapunt.bijeenkomst_id, Agendapunt.titel)
        .where(
            Agendapunt.bijeenkomst_id.in_(bijeenkomst_ids or [0]),
            Agendapunt.status == AgendapuntStatus.AGENDA,
        )
        .order_by(Agendapunt.bijeenkomst_id, Agendapunt.volgorde, Agendapunt.id)
    ).all():
        result[bijeenkomst_id].append(titel)
    return result


def zonder_enige_notulen(session: Session, bijeenkomst_ids: list[int]) -> set[int]:
    """Those of these meetings that have no minutes yet: not agreed, and no agenda item has any."""
    met_notulen = set(
        session.exec(
            select(Agendapunt.bijeenkomst_id)
            .where(Agendapunt.bijeenkomst_id.in_(bijeenkomst_ids or [0]), Agendapunt.notulen != "")
            .distinct()
        )
    )
    return {i for i in bijeenkomst_ids if i not in met_notulen}


def deelnemers(session: Session, overleg_ids: list[int]) -> dict[int, list[Gebruiker]]:
    """Per overleg the active users who take part in it: the chair, the secretary, the users of its
    member organisations and those who work for its wijk (as `deelnemende_wijk_ids` has it), by name."""
    result: dict[int, dict[int, Gebruiker]] = {i: {} for i in overleg_ids}
    ids = overleg_ids or [0]
    leden = select(Lidmaatschap.wijkoverleg_id, Gebruiker).join(
        Gebruiker, Gebruiker.organisatie_id == Lidmaatschap.organisatie_id
    )
    rollen = select(Wijkoverleg.id, Gebruiker).join(
        Gebruiker,
        sa.or_(
            Gebruiker.id == Wijkoverleg.voorzitter_id,
            Gebruiker.id == Wijkoverleg.secretaris_id,
            Gebruiker.wijk_id == Wijkoverleg.wijk_id,
        ),
    )
    for query in (
        leden.where(Lidmaatschap.wijkoverleg_id.in_(ids), Gebruiker.is_actief.is_(True)),
        rollen.where(Wijkoverleg.id.in_(ids), Gebruiker.is_actief.is_(True)),
    ):
        for overleg_id, gebruiker in session.exec(query).all():
            result[overleg_id][gebruiker.id] = gebruiker
    return {i: sorted(g.values(), key=lambda g: (g.naam, g.id)) for i, g in result.items()}


def open_actiepunten_tot(session: Session, tot: date) -> list[tuple[Actiepunt, Wijkoverleg, Wijk]]:
    """Open action items due on or before `tot` (overdue ones included), with overleg and wijk,
    soonest deadline first."""
    return list(
        session.exec(
            select(Actiepunt, Wijkoverleg, Wijk)
            .join(Wijkoverleg, Wijkoverleg.id == Actiepunt.wijkoverleg_id)
            .join(Wijk, Wijk.id == Wijkoverleg.wijk_id)
            .where(Actiepunt.status == ActiepuntStatus.OPEN, Actiepunt.deadline <= tot)
            .order_by(Actiepunt.deadline, Actiepunt.id)
        ).all()
    )


def eigenaars_als_gebruiker(
    session: Session, deelnemers_per_overleg: dict[int, list[Gebruiker]], acties: list[Actiepunt]
) -> dict[int, list[Gebruiker]]:
    """Per action item the users its owner names, as the start page matches them: a participant of the
    overleg whose own name, or whose organisation's name, is the owner (case and spaces do not matter).
    An owner that names nobody (a role, "alle scholen") maps to []."""
    org_ids = {g.organisatie_id for gs in deelnemers_per_overleg.values() for g in gs if g.organisatie_id}
    org_naam = dict(
        session.exec(select(Organisatie.id, Organisatie.naam).where(Organisatie.id.in_(org_ids or [0]))).all()
    )

    def schoon(tekst: str | None) -> str:
        return " ".join((tekst or "").split()).lower()

    result = {}
    for a in acties:
        eigenaar = schoon(a.eigenaar)
        result[a.id] = [
            g
            for g in deelnemers_per_overleg.get(a.wijkoverleg_id, [])
            if eigenaar and eigenaar in (schoon(g.naam), schoon(org_naam.get(g.organisatie_id)))
        ]
    return result
