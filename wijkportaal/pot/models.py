"""Pooled budgets: pots, their boards, contributions, approaches, allocations with approval, spending.

Money itself lives in the ledger; these tables hold what the portal needs around it (who, why, which
rule) and point at ledger transactions and reservations by id."""

from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel, select

from wijkportaal.besluiten.models import Besluitregel, VoorstelStatus
from wijkportaal.core.clock import now
from wijkportaal.core.db import enum_type


class Goedkeuringsregel(StrEnum):
    """The rules a pot may choose for its boards' decisions (the decision component's, but ALLEEN)."""

    ALLE = "alle"
    MEERDERHEID = "meerderheid"
    GEWOGEN = "gewogen"

    @property
    def besluitregel(self) -> Besluitregel:
        return Besluitregel(self.value)

    @property
    def label(self) -> str:
        return self.besluitregel.label


class PeriodeSoort(StrEnum):
    SCHOOLJAAR = "schooljaar"
    KALENDERJAAR = "kalenderjaar"


class Pot(SQLModel, table=True):
    __tablename__ = "potten"
    __table_args__ = (sa.CheckConstraint("periode_eind > periode_start", name="periode"),)

    id: int | None = Field(default=None, primary_key=True)
    naam: str = Field(max_length=200)
    account_code: str = Field(max_length=120, unique=True)
    periode_soort: PeriodeSoort = Field(sa_type=enum_type(PeriodeSoort))
    periode_start: date
    periode_eind: date
    regel: Goedkeuringsregel = Field(default=Goedkeuringsregel.ALLE, sa_type=enum_type(Goedkeuringsregel))
    aangemaakt_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)
    # Closed at the new school year (job `nieuw-schooljaar-potten`): no new money in or out, only the
    # carry-over of what is left (`Overheveling`) and the decisions already pending.
    gesloten_op: NaiveDatetime | None = None


class PotWijk(SQLModel, table=True):
    __tablename__ = "pot_wijken"

    pot_id: int = Field(foreign_key="potten.id", primary_key=True)
    wijk_id: int = Field(foreign_key="wijken.id", primary_key=True, index=True)


class PotBestuur(SQLModel, table=True):
    """A board taking part in a pot: it contributes and decides on allocations."""

    __tablename__ = "pot_besturen"

    pot_id: int = Field(foreign_key="potten.id", primary_key=True)
    bestuur_id: int = Field(foreign_key="besturen.id", primary_key=True, index=True)


class BronSoort(StrEnum):
    BESTUUR = "bestuur"
    SWV = "swv"
    VRIJVAL = "vrijval"
    GEMEENTE = "gemeente"
    PARTNER = "partner"

    @property
    def label(self) -> str:
        return {
            "bestuur": "Schoolbestuur",
            "swv": "Samenwerkingsverband",
            "vrijval": "Vrijval (minder verwijzingen)",
            "gemeente": "Gemeente",
            "partner": "Partner",
        }[self]


class Bijdrage(SQLModel, table=True):
    """A contribution to a pot; a pledge (toezegging) until it is paid in and posted in the ledger."""

    __tablename__ = "bijdragen"
    __table_args__ = (sa.CheckConstraint("bedrag_cents > 0", name="positief"),)

    id: int | None = Field(default=None, primary_key=True)
    pot_id: int = Field(foreign_key="potten.id", index=True)
    bron_soort: BronSoort = Field(sa_type=enum_type(BronSoort))
    bestuur_id: int | None = Field(default=None, foreign_key="besturen.id", index=True)
    partner_naam: str = Field(default="", max_length=200)
    middelen: str = Field(max_length=120)  # eigen middelen, ondersteuningsmiddelen, NPO, …
    bedrag_cents: int = Field(sa_type=sa.BigInteger)
    datum: date
    is_toezegging: bool = False
    uiterlijk_op: date | None = None  # when a pledge is due
    betaald_op: date | None = None
    transaction_id: int | None = Field(default=None, foreign_key="ledger_transactions.id")
    ingevoerd_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    ingevoerd_op: NaiveDatetime = Field(default_factory=now)


class Aanpak(SQLModel, table=True):
    """A collective approach funded from a pot (Startklas Osdorp, Taalversterking Bos en Lommer, …)."""

    __tablename__ = "aanpakken"

    id: int | None = Field(default=None, primary_key=True)
    pot_id: int = Field(foreign_key="potten.id", index=True)
    naam: str = Field(max_length=200)
    doel: str = Field(default="", sa_type=sa.Text)
    doelgroep: str = Field(default="", max_length=500)
    niveau: str = Field(default="wijk", max_length=20)  # school, buurt or wijk
    account_code: str = Field(max_length=120, unique=True)
    aangemaakt_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)


class AanpakSchool(SQLModel, table=True):
    __tablename__ = "aanpak_scholen"

    aanpak_id: int = Field(foreign_key="aanpakken.id", primary_key=True)
    organisatie_id: int = Field(foreign_key="organisaties.id", primary_key=True)


class AanpakBudget(SQLModel, table=True):
    """The budget of an approach per year (the year the school year starts in, or the calendar year)."""

    __tablename__ = "aanpak_budgetten"
    __table_args__ = (sa.CheckConstraint("bedrag_cents >= 0", name="niet_negatief"),)

    aanpak_id: int = Field(foreign_key="aanpakken.id", primary_key=True)
    jaar: int = Field(primary_key=True)
    bedrag_cents: int = Field(sa_type=sa.BigInteger)


class Toekenning(SQLModel, table=True):
    """A proposal to fund an approach from the pot: the money is reserved until the boards decide.

    The boards decide on its Voorstel; `status` follows the Voorstel's outcome once the pot has acted on
    it (posted or released the reservation)."""

    __tablename__ = "toekenningen"
    __table_args__ = (sa.CheckConstraint("bedrag_cents > 0", name="positief"),)

    id: int | None = Field(default=None, primary_key=True)
    voorstel_id: int = Field(foreign_key="voorstellen.id", unique=True)
    pot_id: int = Field(foreign_key="potten.id", index=True)
    aanpak_id: int = Field(foreign_key="aanpakken.id", index=True)
    bedrag_cents: int = Field(sa_type=sa.BigInteger)
    toelichting: str = Field(default="", sa_type=sa.Text)
    status: VoorstelStatus = Field(default=VoorstelStatus.OPEN, sa_type=enum_type(VoorstelStatus))
    reservation_id: int = Field(foreign_key="ledger_reservations.id")
    transaction_id: int | None = Field(default=None, foreign_key="ledger_transactions.id")


class OverhevelingStatus(StrEnum):
    VOORGESTELD = "voorgesteld"
    AKKOORD = "akkoord"
    AFGEWEZEN = "afgewezen"

    @property
    def label(self) -> str:
        return {
            "voorgesteld": "Voorgesteld, wacht op besluiten",
            "akkoord": "Akkoord, overgeboekt",
            "afgewezen": "Afgewezen, blijft in de oude pot",
        }[self]


class Overheveling(SQLModel, table=True):
    """The proposal to carry a closed pot's remaining balance into the new school year's pot.

    Made by the job at the new school year; the closed pot's boards decide on its Voorstel with that pot's
    rule. The amount is reserved in the old pot when proposed; on approval the reservation is posted into
    the new pot, on rejection it is released (the money stays in the old pot). One per closed pot."""

    __tablename__ = "overhevelingen"
    __table_args__ = (
        sa.CheckConstraint("bedrag_cents > 0", name="positief"),
        sa.CheckConstraint("van_pot_id <> naar_pot_id", name="andere_pot"),
    )

    id: int | None = Field(default=None, primary_key=True)
    voorstel_id: int = Field(foreign_key="voorstellen.id", unique=True)
    van_pot_id: int = Field(foreign_key="potten.id", unique=True)
    naar_pot_id: int = Field(foreign_key="potten.id", index=True)
    bedrag_cents: int = Field(sa_type=sa.BigInteger)
    status: OverhevelingStatus = Field(
        default=OverhevelingStatus.VOORGESTELD, sa_type=enum_type(OverhevelingStatus)
    )
    reservation_id: int = Field(foreign_key="ledger_reservations.id")
    transaction_id: int | None = Field(default=None, foreign_key="ledger_transactions.id")
    voorgesteld_door_id: int = Field(foreign_key="gebruikers.id")
    voorgesteld_op: NaiveDatetime = Field(default_factory=now)
    afgerond_op: NaiveDatetime | None = None


class Besteding(SQLModel, table=True):
    """Spending on an approach (an invoice paid), posted from the approach's account."""

    __tablename__ = "bestedingen"
    __table_args__ = (sa.CheckConstraint("bedrag_cents > 0", name="positief"),)

    id: int | None = Field(default=None, primary_key=True)
    aanpak_id: int = Field(foreign_key="aanpakken.id", index=True)
    datum: date
    omschrijving: str = Field(max_length=500)
    factuurreferentie: str = Field(default="", max_length=120)
    bedrag_cents: int = Field(sa_type=sa.BigInteger)
    transaction_id: int = Field(foreign_key="ledger_transactions.id")
    ingevoerd_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    ingevoerd_op: NaiveDatetime = Field(default_factory=now)


class Terugdraaiing(SQLModel, table=True):
    """A paid contribution or a spending undone by a ledger reversal, with why, by whom and when.

    The original booking stays as it was; the reversal is a new ledger transaction pointing at it. One
    booking is reversed at most once (the unique original transaction)."""

    __tablename__ = "terugdraaiingen"
    __table_args__ = (
        sa.CheckConstraint("(bijdrage_id IS NULL) <> (besteding_id IS NULL)", name="een_boeking"),
    )

    id: int | None = Field(default=None, primary_key=True)
    pot_id: int = Field(foreign_key="potten.id", index=True)
    bijdrage_id: int | None = Field(default=None, foreign_key="bijdragen.id", unique=True)
    besteding_id: int | None = Field(default=None, foreign_key="bestedingen.id", unique=True)
    origineel_transaction_id: int = Field(foreign_key="ledger_transactions.id", unique=True)
    transaction_id: int = Field(foreign_key="ledger_transactions.id", unique=True)
    reden: str = Field(sa_type=sa.Text)
    door_id: int = Field(foreign_key="gebruikers.id")
    op: NaiveDatetime = Field(default_factory=now)


def bijdrage_telt():
    """SQL condition: the contribution was not reversed."""
    return Bijdrage.id.not_in(select(Terugdraaiing.bijdrage_id).where(Terugdraaiing.bijdrage_id.is_not(None)))


def besteding_telt():
    """SQL condition: the spending was not reversed."""
    return Besteding.id.not_in(
        select(Terugdraaiing.besteding_id).where(Terugdraaiing.besteding_id.is_not(None))
    )
