"""The director's decisions on applications, the grants per year they book, the payments against them,
the releases of what was not spent, and the decision letters exactly as sent.

Money is in integer cents; each amount is also a ledger transaction (`transaction_id`), which is where
the balances are kept. These rows say what the transaction was for."""

from enum import StrEnum

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.core.clock import now
from wijkportaal.core.db import enum_type


class Uitkomst(StrEnum):
    TOEKENNEN = "toekennen"
    AFWIJZEN = "afwijzen"
    AANHOUDEN = "aanhouden"

    @property
    def label(self) -> str:
        return {"toekennen": "Toegekend", "afwijzen": "Afgewezen", "aanhouden": "Aangehouden"}[self]

    @property
    def werkwoord(self) -> str:
        return {"toekennen": "Toekennen", "afwijzen": "Afwijzen", "aanhouden": "Aanhouden"}[self]


class Besluit(SQLModel, table=True):
    """The director's decision on one version of an application, with the required motivation. It is
    the payload of a proposal of the decision workflow (`voorstel_id`, rule 'alleen')."""

    __tablename__ = "subsidie_besluiten"

    id: int | None = Field(default=None, primary_key=True)
    aanvraag_id: int = Field(foreign_key="aanvragen.id", unique=True)
    voorstel_id: int = Field(foreign_key="voorstellen.id", unique=True)
    uitkomst: Uitkomst = Field(sa_type=enum_type(Uitkomst), index=True)
    motivatie: str = Field(sa_type=sa.Text)
    genomen_door_id: int = Field(foreign_key="gebruikers.id")
    genomen_op: NaiveDatetime = Field(default_factory=now)


class Toekenning(SQLModel, table=True):
    """The granted amount of one year: a commitment from the budget line to the initiative's own account."""

    __tablename__ = "subsidie_toekenningen"
    __table_args__ = (
        sa.UniqueConstraint("aanvraag_id", "jaar"),
        sa.CheckConstraint("bedrag_cents > 0", name="positief"),
    )

    id: int | None = Field(default=None, primary_key=True)
    besluit_id: int = Field(foreign_key="subsidie_besluiten.id", index=True)
    aanvraag_id: int = Field(foreign_key="aanvragen.id", index=True)
    regel_id: int = Field(foreign_key="begroting_regels.id")
    jaar: int
    bedrag_cents: int = Field(sa_type=sa.BigInteger)
    transaction_id: int = Field(foreign_key="ledger_transactions.id")


class Mutatiesoort(StrEnum):
    BETALING = "betaling"
    VRIJGAVE = "vrijgave"

    @property
    def label(self) -> str:
        return {"betaling": "Betaling", "vrijgave": "Vrijgegeven"}[self]


class Mutatie(SQLModel, table=True):
    """A payment (tranche) against a year's grant, or the release of what was not spent back to the
    budget line when the initiative ends. Never more than what is committed and unpaid (the ledger's
    commitment account never goes below zero)."""

    __tablename__ = "subsidie_mutaties"
    __table_args__ = (
        sa.CheckConstraint("bedrag_cents > 0", name="positief"),
        sa.Index("ix_subsidie_mutaties_aanvraag_id_jaar", "aanvraag_id", "jaar"),
    )

    id: int | None = Field(default=None, primary_key=True)
    aanvraag_id: int = Field(foreign_key="aanvragen.id")
    jaar: int
    soort: Mutatiesoort = Field(sa_type=enum_type(Mutatiesoort), index=True)
    bedrag_cents: int = Field(sa_type=sa.BigInteger)
    omschrijving: str = Field(max_length=500)
    transaction_id: int = Field(foreign_key="ledger_transactions.id")
    door_id: int | None = Field(default=None, foreign_key="gebruikers.id")  # None: the daily job
    op: NaiveDatetime = Field(default_factory=now)


class Brief(SQLModel, table=True):
    """The besluitbrief as sent: its rendered HTML and the facts it was made of, frozen at the decision.
    Reissuing it shows this row, never a new rendering."""

    __tablename__ = "subsidie_brieven"

    id: int | None = Field(default=None, primary_key=True)
    besluit_id: int = Field(foreign_key="subsidie_besluiten.id", unique=True)
    kenmerk: str = Field(max_length=40, unique=True)
    html: str = Field(sa_type=sa.Text)
    inhoud: dict = Field(default_factory=dict, sa_type=sa.JSON)
    verstuurd_op: NaiveDatetime = Field(default_factory=now)
