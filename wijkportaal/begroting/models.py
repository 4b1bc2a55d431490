"""The SWV's meerjarenbegroting: groups and budget lines as data, and the record of every change of a
line's amount for a year.

The amounts themselves live in the ledger: per line and year a set of accounts (see `rekeningen`), so
`flask ledger check` and the Beancount export cover them. These tables say which lines there are, in
which order, and who changed what when."""

from dataclasses import dataclass

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.core.clock import now


class Groep(SQLModel, table=True):
    """A group of budget lines ("Samenwerking in de wijk en regio"); a line alone is its own group."""

    __tablename__ = "begroting_groepen"

    id: int | None = Field(default=None, primary_key=True)
    naam: str = Field(max_length=200, unique=True)
    volgorde: int = 0


class Regel(SQLModel, table=True):
    """A budget line ("Nieuwe initiatieven"), unique by name within its group."""

    __tablename__ = "begroting_regels"
    __table_args__ = (sa.UniqueConstraint("groep_id", "naam"),)

    id: int | None = Field(default=None, primary_key=True)
    groep_id: int = Field(foreign_key="begroting_groepen.id", index=True)
    naam: str = Field(max_length=200)
    volgorde: int = 0


class Wijziging(SQLModel, table=True):
    """A change of a line's budget for a year: from `oud_cents` to `nieuw_cents`, by whom and when,
    and the ledger transaction that booked the difference."""

    __tablename__ = "begroting_wijzigingen"
    __table_args__ = (
        sa.CheckConstraint("oud_cents >= 0 AND nieuw_cents >= 0", name="niet_negatief"),
        sa.CheckConstraint("oud_cents <> nieuw_cents", name="echte_wijziging"),
        sa.Index("ix_begroting_wijzigingen_regel_id_jaar", "regel_id", "jaar"),
    )

    id: int | None = Field(default=None, primary_key=True)
    regel_id: int = Field(foreign_key="begroting_regels.id")
    jaar: int = Field(index=True)
    oud_cents: int = Field(sa_type=sa.BigInteger)
    nieuw_cents: int = Field(sa_type=sa.BigInteger)
    bron: str = Field(default="", max_length=200)  # the imported file's name, or "formulier"
    transaction_id: int | None = Field(default=None, foreign_key="ledger_transactions.id")
    gebruiker_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    op: NaiveDatetime = Field(default_factory=now)


@dataclass(frozen=True)
class Rekeningen:
    """The ledger accounts of one line in one year.

    vastgesteld (budget, one per year for all lines): where the set budgets come from; its balance is
    minus the year's total budget.
    beschikbaar (begroting, never below zero): what is still free to commit.
    toegezegd (begroting, never below zero): committed and not yet paid.
    betaald (uitgaven): paid out.
    All of a line's money comes from its budget, so its budget is the sum of its three own accounts."""

    vastgesteld: str
    beschikbaar: str
    toegezegd: str
    betaald: str

    @property
    def eigen(self) -> tuple[str, str, str]:
        """The line's own accounts, which together hold its budget."""
        return (self.beschikbaar, self.toegezegd, self.betaald)

    @property
    def basis(self) -> str:
        """What every account of the line in this year starts with (its own and its commitments')."""
        return self.beschikbaar.removesuffix("beschikbaar")

    def toezegging(self, ontvanger: str) -> str:
        """The account of one commitment of the line (a grant to an initiative: `ontvanger` is
        "aanvraag-12"); counted as committed, never below zero, so payments never exceed it."""
        return f"{self.toegezegd}:{ontvanger}"


def rekeningen(regel_id: int, jaar: int) -> Rekeningen:
    basis = f"begroting:{jaar}:regel-{regel_id}"
    return Rekeningen(
        vastgesteld=f"begroting:{jaar}:vastgesteld",
        beschikbaar=f"{basis}:beschikbaar",
        toegezegd=f"{basis}:toegezegd",
        betaald=f"{basis}:betaald",
    )
