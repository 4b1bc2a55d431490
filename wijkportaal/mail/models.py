"""The outbox: every message is written here in the transaction of the change that caused it, and a
sender delivers it later; bounced addresses; each user's notification settings per message type."""

from enum import StrEnum

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.core.clock import now
from wijkportaal.core.db import enum_type


class BerichtStatus(StrEnum):
    WACHTEND = "wachtend"  # to be sent at `volgende_poging_op`
    VERZONDEN = "verzonden"
    MISLUKT = "mislukt"  # too many failed attempts; the beheerder may resend it
    VASTGEHOUDEN = "vastgehouden"  # the address bounced; held until the beheerder resends it
    OVERZICHT = "overzicht"  # waits for the user's daily or weekly digest
    GEBUNDELD = "gebundeld"  # went out inside a digest (`overzicht_id`)

    @property
    def label(self) -> str:
        return {
            "wachtend": "Wachtend",
            "verzonden": "Verzonden",
            "mislukt": "Mislukt",
            "vastgehouden": "Vastgehouden",
            "overzicht": "Voor overzicht",
            "gebundeld": "In overzicht verzonden",
        }[self.value]


class Frequentie(StrEnum):
    DIRECT = "direct"
    DAGELIJKS = "dagelijks"
    WEKELIJKS = "wekelijks"
    UIT = "uit"

    @property
    def label(self) -> str:
        return {
            "direct": "Direct",
            "dagelijks": "Dagelijks overzicht",
            "wekelijks": "Wekelijks overzicht",
            "uit": "Uit",
        }[self.value]


class Bericht(SQLModel, table=True):
    """One e-mail in the outbox."""

    __tablename__ = "mail_berichten"
    __table_args__ = (
        sa.Index("ix_mail_berichten_status_volgende_poging_op", "status", "volgende_poging_op"),
    )

    id: int | None = Field(default=None, primary_key=True)
    gebruiker_id: int | None = Field(default=None, foreign_key="gebruikers.id", index=True)
    adres: str = Field(max_length=254)
    naam: str = Field(default="", max_length=120)
    soort: str = Field(max_length=40)
    onderwerp: str = Field(max_length=200)
    tekst: str = Field(sa_type=sa.Text)
    html: str = Field(sa_type=sa.Text)
    link: str = Field(default="", max_length=500)
    status: BerichtStatus = Field(sa_type=enum_type(BerichtStatus), default=BerichtStatus.WACHTEND)
    pogingen: int = 0
    laatste_fout: str | None = Field(default=None, max_length=500)
    volgende_poging_op: NaiveDatetime = Field(default_factory=now)
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)
    verzonden_op: NaiveDatetime | None = None
    # A job's own key (job, subject, period): a second run never queues the same message twice.
    dedup_sleutel: str | None = Field(default=None, max_length=200, unique=True)
    overzicht_id: int | None = Field(default=None, foreign_key="mail_berichten.id", index=True)


class Bijlage(SQLModel, table=True):
    """An attachment of a message (an .ics invitation, a report)."""

    __tablename__ = "mail_bijlagen"

    id: int | None = Field(default=None, primary_key=True)
    bericht_id: int = Field(foreign_key="mail_berichten.id", index=True)
    naam: str = Field(max_length=200)
    mime_type: str = Field(max_length=100)
    inhoud: bytes = Field(sa_type=sa.LargeBinary)


class Bounce(SQLModel, table=True):
    """An address that bounced: mail to it is held, and the beheerder sees it."""

    __tablename__ = "mail_bounces"

    id: int | None = Field(default=None, primary_key=True)
    adres: str = Field(max_length=254, unique=True)  # lower case
    reden: str = Field(default="", max_length=500)
    gemarkeerd_op: NaiveDatetime = Field(default_factory=now)
    gemarkeerd_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")


class Voorkeur(SQLModel, table=True):
    """How a user wants one type of message: direct, in a digest, or not at all."""

    __tablename__ = "mail_voorkeuren"
    __table_args__ = (sa.UniqueConstraint("gebruiker_id", "soort"),)

    id: int | None = Field(default=None, primary_key=True)
    gebruiker_id: int = Field(foreign_key="gebruikers.id", index=True)
    soort: str = Field(max_length=40)
    frequentie: Frequentie = Field(sa_type=enum_type(Frequentie))


class WachtwoordHerstel(SQLModel, table=True):
    """A one-time link to set a new password, sent by mail; only its SHA-256 is stored.

    It lives here and not in `auth` because it is sent through the outbox, and `auth` sits below `mail`."""

    __tablename__ = "wachtwoord_herstel"

    id: int | None = Field(default=None, primary_key=True)
    gebruiker_id: int = Field(foreign_key="gebruikers.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)
    verloopt_op: NaiveDatetime
    gebruikt_op: NaiveDatetime | None = None
