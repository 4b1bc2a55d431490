"""The map of the partnership: regio's, wijken, besturen and the organisations in them."""

from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.core.db import enum_type


class Regio(SQLModel, table=True):
    __tablename__ = "regios"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    naam: str = Field(max_length=120)


class Wijk(SQLModel, table=True):
    __tablename__ = "wijken"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    naam: str = Field(max_length=120)
    regio_id: int = Field(foreign_key="regios.id", index=True)


class Bestuur(SQLModel, table=True):
    """A school board (bevoegd gezag)."""

    __tablename__ = "besturen"

    id: int | None = Field(default=None, primary_key=True)
    naam: str = Field(max_length=200)
    bestuursnummer: str | None = Field(default=None, max_length=20, unique=True)


class OrganisatieSoort(StrEnum):
    BASISSCHOOL = "basisschool"
    SBO = "sbo"
    SO = "so"
    OKT = "okt"
    LEERPLICHT = "leerplicht"
    JGZ = "jgz"
    ZORGAANBIEDER = "zorgaanbieder"
    GEMEENTE = "gemeente"
    SWV = "swv"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        return SOORT_LABELS[self]

    @property
    def is_school(self) -> bool:
        return self in SCHOOLSOORTEN


SOORT_LABELS = {
    OrganisatieSoort.BASISSCHOOL: "Basisschool",
    OrganisatieSoort.SBO: "Speciaal basisonderwijs (SBO)",
    OrganisatieSoort.SO: "Speciaal onderwijs (SO)",
    OrganisatieSoort.OKT: "Ouder- en Kindteam",
    OrganisatieSoort.LEERPLICHT: "Leerplicht",
    OrganisatieSoort.JGZ: "Jeugdgezondheidszorg",
    OrganisatieSoort.ZORGAANBIEDER: "Zorgaanbieder",
    OrganisatieSoort.GEMEENTE: "Gemeente",
    OrganisatieSoort.SWV: "Samenwerkingsverband",
    OrganisatieSoort.OVERIG: "Overig",
}
SCHOOLSOORTEN = frozenset({OrganisatieSoort.BASISSCHOOL, OrganisatieSoort.SBO, OrganisatieSoort.SO})
SPECIAAL_ONDERWIJS = frozenset({OrganisatieSoort.SBO, OrganisatieSoort.SO})


class Organisatie(SQLModel, table=True):
    """A school (regular, SBO, SO) or a partner organisation such as the OKT or leerplicht."""

    __tablename__ = "organisaties"

    id: int | None = Field(default=None, primary_key=True)
    naam: str = Field(max_length=200)
    soort: OrganisatieSoort = Field(sa_type=enum_type(OrganisatieSoort), index=True)
    code: str | None = Field(default=None, max_length=20, unique=True)  # BRIN + vestiging for schools
    wijk_id: int | None = Field(default=None, foreign_key="wijken.id", index=True)
    bestuur_id: int | None = Field(default=None, foreign_key="besturen.id", index=True)
    adres: str | None = Field(default=None, max_length=200)
    postcode: str | None = Field(default=None, max_length=10)
    plaats: str | None = Field(default=None, max_length=80)
    leerlingen: int | None = Field(default=None, ge=0)
    is_actief: bool = True
    gemeente: str | None = Field(default=None, max_length=80)
    cluster: str | None = Field(default=None, max_length=40)  # SO: cluster 1-4 (DUO)
    lat: float | None = None  # position (WGS84), from the postcode centroid or an address
    lon: float | None = None
    bron: str | None = Field(default=None, max_length=40)  # "duo" for imported schools, None for hand-made
    laatst_in_bron: date | None = None  # the reference date of the last import file that listed it


class Wijkgrens(SQLModel, table=True):
    """A wijk's boundary as stored for the maps: simplified GeoJSON geometry in WGS84 (lon/lat).

    Written only by `flask import grenzen` (or the demo's schematic shapes); a page request only reads it."""

    __tablename__ = "wijkgrenzen"

    wijk_id: int = Field(foreign_key="wijken.id", primary_key=True)
    geometrie: str = Field(sa_type=sa.Text)  # GeoJSON geometry (Polygon or MultiPolygon)
    is_schematisch: bool = False  # the demo's generated shapes, labelled as such on the map
    bron: str = Field(default="", max_length=200)
    bijgewerkt_op: NaiveDatetime
