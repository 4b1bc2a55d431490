"""The expertise register, the bovenschoolse voorzieningen and the coverage bar SWV staff set."""

from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.core.clock import now
from wijkportaal.core.db import enum_type


class Domein(SQLModel, table=True):
    """An expertise domain of the taxonomy SWV staff keep (gedrag, autisme, taal/TOS, …)."""

    __tablename__ = "expertisedomeinen"

    id: int | None = Field(default=None, primary_key=True)
    naam: str = Field(max_length=120, unique=True)
    omschrijving: str = Field(default="", max_length=1000)
    volgorde: int = 0
    is_actief: bool = True


class Vorm(StrEnum):
    CONSULTATIE = "consultatie"
    CO_TEACHING = "co-teaching"
    AMBULANTE_BEGELEIDING = "ambulante begeleiding"
    TRAINING = "training en scholing"
    ARRANGEMENT = "arrangement"
    GROEPSAANBOD = "groepsaanbod"

    @property
    def label(self) -> str:
        return self.value[0].upper() + self.value[1:]


class Eenheid(StrEnum):
    UREN = "uren"  # hours per week
    PLAATSEN = "plaatsen"

    @property
    def label(self) -> str:
        return "uur per week" if self is Eenheid.UREN else "plaatsen"


class Geldig(SQLModel):
    """What an offer and a voorziening share: a contact, a period of validity and who recorded it."""

    contact_naam: str = Field(default="", max_length=120)
    contact_email: str = Field(default="", max_length=254)
    geldig_van: date
    geldig_tot: date | None = None
    aangemaakt_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)
    gewijzigd_op: NaiveDatetime = Field(default_factory=now)

    def is_geldig(self, peildatum: date) -> bool:
        return self.geldig_van <= peildatum and (self.geldig_tot is None or peildatum <= self.geldig_tot)

    @classmethod
    def geldig_op(cls, peildatum: date):
        """`is_geldig` as a SQL condition, for queries over the table."""
        return (cls.geldig_van <= peildatum) & sa.or_(cls.geldig_tot.is_(None), cls.geldig_tot >= peildatum)


class Expertise(Geldig, table=True):
    """One offer of expertise: who, which domain, in which form, how much, how long the wait, for whom."""

    __tablename__ = "expertise_aanbod"
    __table_args__ = (
        sa.CheckConstraint("capaciteit >= 0", name="capaciteit_niet_negatief"),
        sa.CheckConstraint("wachttijd_weken IS NULL OR wachttijd_weken >= 0", name="wachttijd_niet_negatief"),
        sa.CheckConstraint("geldig_tot IS NULL OR geldig_tot >= geldig_van", name="periode"),
    )

    id: int | None = Field(default=None, primary_key=True)
    aanbieder_id: int = Field(foreign_key="organisaties.id", index=True)
    domein_id: int = Field(foreign_key="expertisedomeinen.id", index=True)
    vorm: Vorm = Field(sa_type=enum_type(Vorm))
    omschrijving: str = Field(default="", sa_type=sa.Text)
    capaciteit: int = 0
    eenheid: Eenheid = Field(default=Eenheid.UREN, sa_type=enum_type(Eenheid))
    wachttijd_weken: int | None = None
    contact_telefoon: str = Field(default="", max_length=40)


class ExpertiseWijk(SQLModel, table=True):
    """A wijk an offer serves (all its schools)."""

    __tablename__ = "expertise_wijken"

    expertise_id: int = Field(foreign_key="expertise_aanbod.id", primary_key=True)
    wijk_id: int = Field(foreign_key="wijken.id", primary_key=True, index=True)


class ExpertiseSchool(SQLModel, table=True):
    """A single school an offer serves, where it serves only some schools of a wijk."""

    __tablename__ = "expertise_scholen"

    expertise_id: int = Field(foreign_key="expertise_aanbod.id", primary_key=True)
    organisatie_id: int = Field(foreign_key="organisaties.id", primary_key=True, index=True)


class VoorzieningSoort(StrEnum):
    STARTKLAS = "startklas"
    THUISZITTERSGROEP = "thuiszittersgroep"
    ONDERWIJSZORGGROEP = "onderwijszorggroep"
    PLUSKLAS = "plusklas"
    TAALKLAS = "taalklas"
    MAATWERKKLAS = "maatwerkklas"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        return VOORZIENING_LABELS[self]


VOORZIENING_LABELS = {
    VoorzieningSoort.STARTKLAS: "Startklas",
    VoorzieningSoort.THUISZITTERSGROEP: "Thuiszittersgroep",
    VoorzieningSoort.ONDERWIJSZORGGROEP: "Onderwijszorggroep",
    VoorzieningSoort.PLUSKLAS: "Plusklas / begaafdheid",
    VoorzieningSoort.TAALKLAS: "Taalklas",
    VoorzieningSoort.MAATWERKKLAS: "Maatwerkklas",
    VoorzieningSoort.OVERIG: "Overige voorziening",
}


class Voorziening(Geldig, table=True):
    """A bovenschoolse voorziening: a group or class at a host school that several wijken use."""

    __tablename__ = "voorzieningen"
    __table_args__ = (
        sa.CheckConstraint("plaatsen >= 0", name="plaatsen_niet_negatief"),
        sa.CheckConstraint("plaatsen_bezet >= 0", name="bezet_niet_negatief"),
        sa.CheckConstraint("geldig_tot IS NULL OR geldig_tot >= geldig_van", name="periode"),
    )

    id: int | None = Field(default=None, primary_key=True)
    naam: str = Field(max_length=200)
    soort: VoorzieningSoort = Field(sa_type=enum_type(VoorzieningSoort), index=True)
    locatie_id: int = Field(foreign_key="organisaties.id", index=True)  # the host school
    domein_id: int | None = Field(default=None, foreign_key="expertisedomeinen.id", index=True)
    doelgroep: str = Field(default="", max_length=500)
    plaatsen: int = 0
    plaatsen_bezet: int = 0
    financiering: str = Field(default="", max_length=200)
    aanpak_id: int | None = Field(default=None, foreign_key="aanpakken.id")  # funded from a pot

    @property
    def plaatsen_vrij(self) -> int:
        return max(self.plaatsen - self.plaatsen_bezet, 0)


class VoorzieningWijk(SQLModel, table=True):
    __tablename__ = "voorziening_wijken"

    voorziening_id: int = Field(foreign_key="voorzieningen.id", primary_key=True)
    wijk_id: int = Field(foreign_key="wijken.id", primary_key=True, index=True)


class Dekkingsnorm(SQLModel, table=True):
    """When a wijk counts as covered for a domain: capacity per 1,000 pupils at or above these bars.

    Below them (but with some offer) the cell is `dun`; with no valid offer it is `ontbreekt`."""

    __tablename__ = "dekkingsnormen"
    __table_args__ = (
        sa.CheckConstraint("min_uren_per_1000 >= 0", name="uren_niet_negatief"),
        sa.CheckConstraint("min_plaatsen_per_1000 >= 0", name="plaatsen_niet_negatief"),
    )

    id: int | None = Field(default=None, primary_key=True)
    min_uren_per_1000: int = 2  # hours of expertise per week per 1,000 pupils
    min_plaatsen_per_1000: int = 1  # places per 1,000 pupils
    gewijzigd_op: NaiveDatetime = Field(default_factory=now)
