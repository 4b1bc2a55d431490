"""A user's secret for their calendar feeds. The token itself is never stored: the database keeps a
random nonce (from which the app derives the token with its SECRET_KEY, so it can show the URL again)
and the token's SHA-256 (to find the user of a feed request)."""

from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.core.clock import now


class KalenderToken(SQLModel, table=True):
    __tablename__ = "kalender_tokens"

    id: int | None = Field(default=None, primary_key=True)
    gebruiker_id: int = Field(foreign_key="gebruikers.id", index=True)
    nonce: str = Field(max_length=64)
    token_hash: str = Field(max_length=64, unique=True)
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)
    ingetrokken_op: NaiveDatetime | None = None
