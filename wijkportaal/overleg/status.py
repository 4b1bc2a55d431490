"""Is a wijkoverleg functioning? Facts are gathered per wijk in a fixed number of queries; the verdict is pure."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Session, select

from wijkportaal.core import clock
from wijkportaal.overleg.models import (
    Aanwezigheid,
    AanwezigheidStatus,
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    AgendapuntStatus,
    AgendapuntThema,
    Bijeenkomst,
    Overlegnorm,
    Thema,
    VerplichtThema,
    Wijkoverleg,
    WijkstatusCache,
)
from wijkportaal.wijken.models import SPECIAAL_ONDERWIJS, Organisatie, OrganisatieSoort


class OverlegStatus(StrEnum):
    FUNCTIONEREND = "functionerend"
    OPSTARTEND = "opstartend"
    GEEN = "geen"

    @property
    def label(self) -> str:
        return {"functionerend": "Functionerend", "opstartend": "Opstartend", "geen": "Geen overleg"}[self]


@dataclass(frozen=True)
class Norm:
    periode_maanden: int = 12
    min_bijeenkomsten: int = 4
    max_dagen_sinds_laatste: int = 120
    min_pct_vastgesteld: int = 75
    min_pct_okt_so: int = 50

    @classmethod
    def from_row(cls, row: Overlegnorm | None) -> "Norm":
        if row is None:
            return cls()
        return cls(
            row.periode_maanden,
            row.min_bijeenkomsten,
            row.max_dagen_sinds_laatste,
            row.min_pct_vastgesteld,
            row.min_pct_okt_so,
        )


@dataclass(frozen=True)
class Feiten:
    """What happened in one wijkoverleg within the norm's period."""

    heeft_overleg: bool
    gehouden: int = 0
    laatste: date | None = None
    vastgesteld_vooraf: int = 0
    okt_en_so_aanwezig: int = 0


def _pct(deel: int, geheel: int) -> int:
    return round(100 * deel / geheel) if geheel else 0


def beoordeel(norm: Norm, feiten: Feiten, vandaag: date) -> tuple[OverlegStatus, list[str]]:
    """The status and, when the bar is not met, every part of it that is missed."""
    if not feiten.heeft_overleg:
        return OverlegStatus.GEEN, ["Er is (nog) geen wijkoverleg ingesteld."]
    redenen = []
    periode = f"de laatste {norm.periode_maanden} maanden"
    if feiten.gehouden < norm.min_bijeenkomsten:
        redenen.append(
            f"{feiten.gehouden} bijeenkomst{'en' if feiten.gehouden != 1 else ''} gehouden in {periode} "
            f"(minimaal {norm.min_bijeenkomsten})."
        )
    if feiten.laatste is None:
        redenen.append("Nog geen bijeenkomst gehouden.")
    elif (vandaag - feiten.laatste).days > norm.max_dagen_sinds_laatste:
        redenen.append(
            f"Laatste bijeenkomst {(vandaag - feiten.laatste).days} dagen geleden "
            f"(maximaal {norm.max_dagen_sinds_laatste})."
        )
    if feiten.gehouden:
        pct = _pct(feiten.vastgesteld_vooraf, feiten.gehouden)
        if pct < norm.min_pct_vastgesteld:
            redenen.append(
                f"Agenda vooraf vastgesteld bij {pct} % van de bijeenkomsten (minimaal {norm.min_pct_vastgesteld} %)."
            )
        pct = _pct(feiten.okt_en_so_aanwezig, feiten.gehouden)
        if pct < norm.min_pct_okt_so:
            redenen.append(
                f"OKT en speciaal onderwijs samen aanwezig bij {pct} % van de bijeenkomsten "
                f"(minimaal {norm.min_pct_okt_so} %)."
            )
    return (OverlegStatus.OPSTARTEND if redenen else OverlegStatus.FUNCTIONEREND), redenen


@dataclass
class WijkStatus:
    wijk_id: int
    status: OverlegStatus
    redenen: list[str]
    laatste_bijeenkomst: date | None = None
    bijeenkomsten_dit_schooljaar: int = 0
    ontbrekende_themas: list[str] = field(default_factory=list)
    behandelde_themas: list[str] = field(default_factory=list)
    te_late_actiepunten: int = 0
    gehouden_in_periode: int = 0


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


def maanden_terug(day: date, maanden: int) -> date:
    month_index = day.year * 12 + day.month - 1 - maanden
    year, month = divmod(month_index, 12)
    month += 1
    for dag in (day.day, 30, 29, 28):
        try:
            return date(year, month, dag)
        except ValueError:
            continue
    raise AssertionError("unreachable")


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
