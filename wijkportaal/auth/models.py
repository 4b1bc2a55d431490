"""Who uses the portal, their login sessions and their personal API tokens."""

from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.core.clock import now
from wijkportaal.core.db import enum_type
from wijkportaal.core.roles import Rol


class Gebruiker(SQLModel, table=True):
    __tablename__ = "gebruikers"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    naam: str = Field(max_length=120)
    rol: Rol = Field(sa_type=enum_type(Rol))
    wachtwoord_hash: str | None = Field(default=None, max_length=255)
    bestuur_id: int | None = Field(default=None, foreign_key="besturen.id", index=True)
    organisatie_id: int | None = Field(default=None, foreign_key="organisaties.id", index=True)
    wijk_id: int | None = Field(default=None, foreign_key="wijken.id", index=True)
    is_actief: bool = True
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)


class Login:
    """The logged-in user for Flask-Login: its id is the server-side session, so logout can end it."""

    is_authenticated = True
    is_anonymous = False
    is_active = True

    def __init__(self, gebruiker: Gebruiker, sessie_id: str | None = None):
        self.gebruiker = gebruiker
        self.sessie_id = sessie_id

    def get_id(self) -> str | None:
        return self.sessie_id

    def __getattr__(self, name):
        return getattr(self.gebruiker, name)


class Sessie(SQLModel, table=True):
    """A server-side login session: logging out ends it, so a copied cookie stops working; so do inactivity
    and age (SESSIE_INACTIEF_MINUTEN, SESSIE_MAX_UREN), checked here and not only in the cookie."""

    __tablename__ = "sessies"

    id: str = Field(primary_key=True, max_length=64)
    gebruiker_id: int = Field(foreign_key="gebruikers.id", index=True)
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)
    laatst_actief_op: NaiveDatetime = Field(default_factory=now)  # for the idle timeout, to the minute
    beeindigd_op: NaiveDatetime | None = None


class ApiToken(SQLModel, table=True):
    """A personal API token; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: int | None = Field(default=None, primary_key=True)
    gebruiker_id: int = Field(foreign_key="gebruikers.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    prefix: str = Field(max_length=12)
    omschrijving: str = Field(default="", max_length=120)
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)
    aangemaakt_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    ingetrokken_op: NaiveDatetime | None = None
    laatst_gebruikt_op: NaiveDatetime | None = None
