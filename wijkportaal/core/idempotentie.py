"""The one idempotency record: a request that creates something runs once per (user, key).

Every form that creates something carries a key made when the form was shown; every POST of the API
carries an `Idempotency-Key` header. The server scopes the key to the logged-in user (never a prefix
the client writes), stores a digest of what was asked and a reference to what was made, and derives
the ledger's own key from the record. A repeat with the same content gets the original back; the same
key with other content is refused."""

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, Session, SQLModel, select

from wijkportaal.core.clock import now
from wijkportaal.core.db import lock_row
from wijkportaal.core.errors import Weigering

MAX_SLEUTEL = 200
T = TypeVar("T", bound=SQLModel)


class Idempotentie(SQLModel, table=True):
    __tablename__ = "idempotentie"
    __table_args__ = (sa.UniqueConstraint("gebruiker_id", "sleutel"),)

    id: int | None = Field(default=None, primary_key=True)
    gebruiker_id: int = Field(foreign_key="gebruikers.id")
    sleutel: str = Field(max_length=MAX_SLEUTEL)
    digest: str = Field(max_length=64)
    object_soort: str = Field(default="", max_length=40)
    object_id: int | None = None
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)


class SleutelHergebruikt(Weigering):
    """The key was used before for another request: a new booking needs a new key."""


def digest(operatie: str, pad: dict[str, Any] | None, invoer: dict[str, Any]) -> str:
    """A fingerprint of what was asked: the operation (endpoint), its URL values and the input."""
    tekst = json.dumps({"operatie": operatie, "pad": pad, "invoer": invoer}, sort_keys=True, default=str)
    return hashlib.sha256(tekst.encode()).hexdigest()


def eenmalig(
    session: Session,
    user,
    sleutel: str,
    fingerprint: str,
    soort: type[T],
    maak: Callable[[str], T],
) -> tuple[T, bool]:
    """Run `maak(ledger_key)` once for this user and key: (the new record, True), or on a repeat with
    the same fingerprint (the original record, False). SleutelHergebruikt when the key was used for
    something else. Two identical requests at once: the second waits for the first and gets its result."""
    if not sleutel or len(sleutel) > MAX_SLEUTEL:
        raise Weigering("Het formulier is onvolledig; laad de pagina opnieuw.")
    # One user's creating requests run one after the other: a repeat sent while the first still runs
    # waits for it and then finds it.
    lock_row(session, SQLModel.metadata.tables["gebruikers"], user.id)
    vorige = _record(session, user, sleutel)
    if vorige is not None:
        if not _zelfde(vorige, fingerprint, soort):
            raise SleutelHergebruikt(
                "Deze sleutel is al gebruikt voor een ander verzoek. Gebruik een nieuwe sleutel voor een "
                "nieuwe boeking (laad het formulier opnieuw)."
            )
        return session.get(soort, vorige.object_id), False
    rij = Idempotentie(
        gebruiker_id=user.id, sleutel=sleutel, digest=fingerprint, object_soort=soort.__tablename__
    )
    session.add(rij)
    session.flush()
    record = maak(f"idempotentie:{rij.id}")
    rij.object_id = record.id
    session.flush()
    return record, True


def eerder(session: Session, user, sleutel: str, fingerprint: str, soort: type[T]) -> T | None:
    """What an earlier request of this user with this key and the same content made, or None (never
    used, or used for something else: `eenmalig` refuses that). Reads only: a repeated confirmation is
    sent to the original before its form is checked again against a state the original changed."""
    if not sleutel or len(sleutel) > MAX_SLEUTEL or not getattr(user, "id", None):
        return None
    vorige = _record(session, user, sleutel)
    if vorige is None or vorige.object_id is None or not _zelfde(vorige, fingerprint, soort):
        return None
    return session.get(soort, vorige.object_id)


def _record(session: Session, user, sleutel: str) -> Idempotentie | None:
    return session.exec(
        select(Idempotentie).where(Idempotentie.gebruiker_id == user.id, Idempotentie.sleutel == sleutel)
    ).first()


def _zelfde(vorige: Idempotentie, fingerprint: str, soort: type[SQLModel]) -> bool:
    return vorige.digest == fingerprint and vorige.object_soort == soort.__tablename__
