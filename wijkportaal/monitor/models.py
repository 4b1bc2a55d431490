"""Referral counts per wijk and school year, the targets and average costs, and vrijval proposals.

Counts only: no pupil is ever named or identified here."""

from enum import StrEnum

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.besluiten.models import VoorstelStatus
from wijkportaal.core.clock import now
from wijkportaal.core.db import enum_type


class VerwijzingSoort(StrEnum):
    SBO = "sbo"
    SO = "so"

    @property
    def label(self) -> str:
        return {"sbo": "Speciaal basisonderwijs (SBO)", "so": "Speciaal onderwijs (SO)"}[self]


class Verwijzingstelling(SQLModel, table=True):
    """How many pupils of one wijk were referred (TLV) to SBO and to SO in one school year."""

    __tablename__ = "verwijzingstellingen"
    __table_args__ = (
        sa.UniqueConstraint("wijk_id", "schooljaar"),
        sa.CheckConstraint("sbo >= 0", name="sbo_niet_negatief"),
        sa.CheckConstraint("so >= 0", name="so_niet_negatief"),
        sa.CheckConstraint("schooljaar BETWEEN 2000 AND 2100", name="schooljaar"),
    )

    id: int | None = Field(default=None, primary_key=True)
    wijk_id: int = Field(foreign_key="wijken.id", index=True)
    schooljaar: int  # the year the school year starts in (2024 = 2024-2025)
    sbo: int
    so: int
    bijgewerkt_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    bijgewerkt_op: NaiveDatetime = Field(default_factory=now)


class Reductiedoel(SQLModel, table=True):
    """The target reduction of a school year, in percent of the year before (overrides the default)."""

    __tablename__ = "reductiedoelen"
    __table_args__ = (sa.CheckConstraint("procent BETWEEN 0 AND 100", name="procent"),)

    schooljaar: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    procent: int
    bijgewerkt_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    bijgewerkt_op: NaiveDatetime = Field(default_factory=now)


class Kostennorm(SQLModel, table=True):
    """The average yearly cost of one referral of a type, in cents (overrides the demo default)."""

    __tablename__ = "kostennormen"
    __table_args__ = (sa.CheckConstraint("bedrag_cents > 0", name="positief"),)

    soort: VerwijzingSoort = Field(sa_type=enum_type(VerwijzingSoort), primary_key=True)
    bedrag_cents: int = Field(sa_type=sa.BigInteger)
    bijgewerkt_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    bijgewerkt_op: NaiveDatetime = Field(default_factory=now)


class VrijvalVoorstel(SQLModel, table=True):
    """A proposal by SWV staff to add a wijk's vrijval of one school year to one of its pots.

    The figures are fixed when proposed; the pot's boards decide on its Voorstel with the pot's rule, and
    on approval the amount is posted as a contribution (bron vrijval). `status` follows the Voorstel's
    outcome; it also keeps one live proposal per wijk and school year."""

    __tablename__ = "vrijval_voorstellen"
    __table_args__ = (
        sa.CheckConstraint("bedrag_cents > 0", name="positief"),
        sa.CheckConstraint("vermeden_sbo >= 0 AND vermeden_so >= 0", name="vermeden_niet_negatief"),
        sa.CheckConstraint(
            "bedrag_cents = vermeden_sbo * kosten_sbo_cents + vermeden_so * kosten_so_cents",
            name="berekening",
        ),
        # One live proposal per wijk and school year: the same vrijval never goes into a pot twice.
        sa.Index(
            "uq_vrijval_voorstellen_wijk_id_schooljaar_lopend",
            "wijk_id",
            "schooljaar",
            unique=True,
            sqlite_where=sa.text("status IN ('open', 'goedgekeurd')"),
            postgresql_where=sa.text("status IN ('open', 'goedgekeurd')"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    voorstel_id: int = Field(foreign_key="voorstellen.id", unique=True)
    wijk_id: int = Field(foreign_key="wijken.id", index=True)
    schooljaar: int
    pot_id: int = Field(foreign_key="potten.id", index=True)
    vermeden_sbo: int
    vermeden_so: int
    kosten_sbo_cents: int = Field(sa_type=sa.BigInteger)
    kosten_so_cents: int = Field(sa_type=sa.BigInteger)
    bedrag_cents: int = Field(sa_type=sa.BigInteger)
    toelichting: str = Field(default="", max_length=2000)
    status: VoorstelStatus = Field(default=VoorstelStatus.OPEN, sa_type=enum_type(VoorstelStatus))
    bijdrage_id: int | None = Field(default=None, foreign_key="bijdragen.id")
