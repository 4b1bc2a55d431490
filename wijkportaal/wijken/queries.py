"""Read-only queries on the reference data: a wijk by its code, the pupils per wijk."""

from sqlmodel import Session, func, select

from wijkportaal.wijken.models import SCHOOLSOORTEN, Organisatie, Wijk


def wijk_by_code(session: Session, code: str) -> Wijk | None:
    return session.exec(select(Wijk).where(Wijk.code == code)).first()


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
