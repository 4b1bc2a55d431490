"""The wijkoverleg: its members, meetings (bijeenkomsten), agendas, minutes, decisions and actions."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.core.clock import now
from wijkportaal.core.db import enum_type


class Thema(SQLModel, table=True):
    __tablename__ = "themas"

    id: int | None = Field(default=None, primary_key=True)
    naam: str = Field(max_length=120, unique=True)
    omschrijving: str = Field(default="", max_length=1000)
    is_actief: bool = True


class VerplichtThema(SQLModel, table=True):
    """A theme every wijk must discuss in a school year (named by its start year)."""

    __tablename__ = "verplichte_themas"
    __table_args__ = (sa.UniqueConstraint("schooljaar", "thema_id"),)

    id: int | None = Field(default=None, primary_key=True)
    schooljaar: int = Field(index=True)
    thema_id: int = Field(foreign_key="themas.id")


class Overlegnorm(SQLModel, table=True):
    """The bar a wijkoverleg must meet to count as functioning; one row, editable by SWV staff."""

    __tablename__ = "overlegnormen"
    __table_args__ = (
        sa.CheckConstraint("periode_maanden BETWEEN 1 AND 36", name="periode"),
        sa.CheckConstraint("min_pct_vastgesteld BETWEEN 0 AND 100", name="pct_vastgesteld"),
        sa.CheckConstraint("min_pct_okt_so BETWEEN 0 AND 100", name="pct_okt_so"),
    )

    id: int | None = Field(default=None, primary_key=True)
    periode_maanden: int = 12
    min_bijeenkomsten: int = 4
    max_dagen_sinds_laatste: int = 120
    min_pct_vastgesteld: int = 75
    min_pct_okt_so: int = 50
    gewijzigd_op: NaiveDatetime = Field(default_factory=now)


class Wijkoverleg(SQLModel, table=True):
    __tablename__ = "wijkoverleggen"

    id: int | None = Field(default=None, primary_key=True)
    wijk_id: int = Field(foreign_key="wijken.id", unique=True)
    voorzitter_id: int | None = Field(default=None, foreign_key="gebruikers.id", index=True)
    secretaris_id: int | None = Field(default=None, foreign_key="gebruikers.id", index=True)
    opgericht_op: date | None = None


class Lidmaatschap(SQLModel, table=True):
    """A member organisation (school or partner) of a wijkoverleg."""

    __tablename__ = "lidmaatschappen"
    __table_args__ = (sa.UniqueConstraint("wijkoverleg_id", "organisatie_id"),)

    id: int | None = Field(default=None, primary_key=True)
    wijkoverleg_id: int = Field(foreign_key="wijkoverleggen.id", index=True)
    organisatie_id: int = Field(foreign_key="organisaties.id", index=True)
    sinds: date | None = None


class Bijeenkomst(SQLModel, table=True):
    __tablename__ = "bijeenkomsten"
    __table_args__ = (
        sa.CheckConstraint("eind > start", name="eind_na_start"),
        sa.Index("ix_bijeenkomsten_overleg_start", "wijkoverleg_id", "start"),
        sa.Index("ix_bijeenkomsten_start", "start"),
    )

    id: int | None = Field(default=None, primary_key=True)
    wijkoverleg_id: int = Field(foreign_key="wijkoverleggen.id")
    start: NaiveDatetime
    eind: NaiveDatetime
    locatie: str = Field(default="", max_length=200)
    online_link: str = Field(default="", max_length=500)
    is_geannuleerd: bool = False
    agenda_vastgesteld_op: NaiveDatetime | None = None
    agenda_vastgesteld_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    notulen_vastgesteld_op: NaiveDatetime | None = None
    notulen_vastgesteld_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)

    @property
    def agenda_is_vastgesteld(self) -> bool:
        return self.agenda_vastgesteld_op is not None

    def is_gehouden(self, moment: datetime) -> bool:
        return not self.is_geannuleerd and self.start <= moment


class AgendapuntStatus(StrEnum):
    AGENDA = "agenda"
    VOORGESTELD = "voorgesteld"
    AFGEWEZEN = "afgewezen"
    GESCHRAPT = "geschrapt"


class Agendapunt(SQLModel, table=True):
    __tablename__ = "agendapunten"
    __table_args__ = (sa.CheckConstraint("minuten BETWEEN 1 AND 480", name="minuten"),)

    id: int | None = Field(default=None, primary_key=True)
    bijeenkomst_id: int = Field(foreign_key="bijeenkomsten.id", index=True)
    volgorde: int = 0
    titel: str = Field(max_length=200)
    beschrijving: str = Field(default="", sa_type=sa.Text)
    eigenaar: str = Field(default="", max_length=120)
    minuten: int = 15
    status: AgendapuntStatus = Field(default=AgendapuntStatus.AGENDA, sa_type=enum_type(AgendapuntStatus))
    voorgesteld_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    notulen: str = Field(default="", sa_type=sa.Text)
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)


class AgendapuntThema(SQLModel, table=True):
    __tablename__ = "agendapunt_themas"

    agendapunt_id: int = Field(foreign_key="agendapunten.id", primary_key=True)
    thema_id: int = Field(foreign_key="themas.id", primary_key=True, index=True)


class Amendement(SQLModel, table=True):
    """A change to an agenda after it was agreed: what, why, who and when. `wijzigingen` holds what
    changed field by field, old → new: [{"veld": "titel", "oud": "…", "nieuw": "…"}, …] (themes as
    lists of names, moments as ISO text); `omschrijving` says what kind of change it was."""

    __tablename__ = "amendementen"

    id: int | None = Field(default=None, primary_key=True)
    bijeenkomst_id: int = Field(foreign_key="bijeenkomsten.id", index=True)
    agendapunt_id: int | None = Field(default=None, foreign_key="agendapunten.id")
    gebruiker_id: int = Field(foreign_key="gebruikers.id")
    op: NaiveDatetime = Field(default_factory=now)
    omschrijving: str = Field(max_length=500)
    reden: str = Field(max_length=500)
    wijzigingen: list[dict] = Field(default_factory=list, sa_type=sa.JSON)


class AanwezigheidStatus(StrEnum):
    AANWEZIG = "aanwezig"
    AFGEMELD = "afgemeld"
    AFWEZIG = "afwezig"


class Aanwezigheid(SQLModel, table=True):
    __tablename__ = "aanwezigheden"
    __table_args__ = (sa.UniqueConstraint("bijeenkomst_id", "organisatie_id"),)

    id: int | None = Field(default=None, primary_key=True)
    bijeenkomst_id: int = Field(foreign_key="bijeenkomsten.id", index=True)
    organisatie_id: int = Field(foreign_key="organisaties.id")
    status: AanwezigheidStatus = Field(sa_type=enum_type(AanwezigheidStatus))


class Besluit(SQLModel, table=True):
    __tablename__ = "besluiten"

    id: int | None = Field(default=None, primary_key=True)
    bijeenkomst_id: int = Field(foreign_key="bijeenkomsten.id", index=True)
    agendapunt_id: int | None = Field(default=None, foreign_key="agendapunten.id")
    tekst: str = Field(max_length=2000)
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)


class ActiepuntStatus(StrEnum):
    OPEN = "open"
    AFGEROND = "afgerond"
    VERVALLEN = "vervallen"


class Actiepunt(SQLModel, table=True):
    __tablename__ = "actiepunten"
    __table_args__ = (sa.Index("ix_actiepunten_overleg_status", "wijkoverleg_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    wijkoverleg_id: int = Field(foreign_key="wijkoverleggen.id")
    bijeenkomst_id: int = Field(foreign_key="bijeenkomsten.id", index=True)
    agendapunt_id: int | None = Field(default=None, foreign_key="agendapunten.id")
    omschrijving: str = Field(max_length=500)
    eigenaar: str = Field(max_length=120)
    deadline: date
    status: ActiepuntStatus = Field(default=ActiepuntStatus.OPEN, sa_type=enum_type(ActiepuntStatus))
    afgerond_op: NaiveDatetime | None = None
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)

    def is_te_laat(self, vandaag: date) -> bool:
        return self.status == ActiepuntStatus.OPEN and self.deadline < vandaag


class WijkstatusCache(SQLModel, table=True):
    """The overleg status of a wijk as computed at `berekend_op`, valid until `geldig_tot` (the next
    meeting's start or midnight, whichever comes first). A read model: any change to a wijk's overleg
    deletes its row, and a missing or expired row is computed again on the next read."""

    __tablename__ = "wijkstatus_cache"

    wijk_id: int = Field(foreign_key="wijken.id", primary_key=True)
    berekend_op: NaiveDatetime
    geldig_tot: NaiveDatetime
    gegevens: dict = Field(sa_type=sa.JSON)
