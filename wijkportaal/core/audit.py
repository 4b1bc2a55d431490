"""The audit log: every change to meetings, agendas, minutes, actions and users, with who and when."""

from typing import Any

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, Session, SQLModel

from wijkportaal.core.clock import now


class AuditRegel(SQLModel, table=True):
    __tablename__ = "auditregels"

    id: int | None = Field(default=None, primary_key=True)
    op: NaiveDatetime = Field(default_factory=now, index=True)
    gebruiker_id: int | None = Field(default=None, foreign_key="gebruikers.id", index=True)
    object_soort: str = Field(max_length=40)
    object_id: int | None = None
    actie: str = Field(max_length=40)
    wijk_id: int | None = Field(default=None, foreign_key="wijken.id", index=True)
    wijzigingen: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)


def record(
    session: Session, gebruiker, obj: SQLModel | str, actie: str, wijzigingen=None, wijk_id=None
) -> None:
    """Add one audit line for `obj` (a record, or a table name for a change to a set of rows);
    the caller's transaction commits it with the change itself."""
    session.flush()
    session.add(
        AuditRegel(
            gebruiker_id=getattr(gebruiker, "id", None),
            object_soort=obj if isinstance(obj, str) else obj.__tablename__,
            object_id=getattr(obj, "id", None),
            actie=actie,
            wijk_id=wijk_id,
            wijzigingen=_jsonable(wijzigingen or {}),
        )
    )


def record_veel(session: Session, gebruiker, regels: list[tuple[SQLModel, str, dict]], wijk_id=None) -> None:
    """`record` for many (record, action, changes) at once, inserted in bulk: for bulk work in a job."""
    if not regels:
        return
    session.flush()
    moment = now()
    session.execute(
        sa.insert(AuditRegel),
        [
            {
                "op": moment,
                "gebruiker_id": getattr(gebruiker, "id", None),
                "object_soort": obj.__tablename__,
                "object_id": obj.id,
                "actie": actie,
                "wijk_id": wijk_id,
                "wijzigingen": _jsonable(wijzigingen or {}),
            }
            for obj, actie, wijzigingen in regels
        ],
    )


def changes(obj: SQLModel, new_values: dict[str, Any]) -> dict[str, list]:
    """Apply `new_values` to `obj` and return {field: [old, new]} for the fields that really changed."""
    changed = {}
    for key, value in new_values.items():
        old = getattr(obj, key)
        if old != value:
            changed[key] = [old, value]
            setattr(obj, key, value)
    return changed


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
