"""Nieuwe initiatieven: rounds with their ten criteria, applications (aanvragen) with their versions,
participating boards, partners, wijken, ambitions, budget and deelplannen, and the reports after a grant.

Money is in integer cents. The requested amount is never stored: it is the costs minus the co-financing,
per year (`queries.gevraagd_per_jaar`)."""

from datetime import date
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.core.clock import now
from wijkportaal.core.db import enum_type


class Status(StrEnum):
    """Where an application stands; the values are part of the API."""

    CONCEPT = "concept"
    INGEDIEND = "ingediend"
    IN_BEOORDELING = "in_beoordeling"
    BEOORDEELD = "beoordeeld"
    AANGEHOUDEN = "aangehouden"
    TOEGEKEND = "toegekend"
    AFGEWEZEN = "afgewezen"
    AFGEROND = "afgerond"

    @property
    def label(self) -> str:
        return {
            "concept": "Concept",
            "ingediend": "Ingediend",
            "in_beoordeling": "In beoordeling",
            "beoordeeld": "Beoordeeld",
            "aangehouden": "Aangehouden",
            "toegekend": "Toegekend",
            "afgewezen": "Afgewezen",
            "afgerond": "Afgerond",
        }[self]


class Soort(StrEnum):
    """A formal criterion is checked by the portal from the application itself; an inhoudelijk one is
    scored by assessors."""

    FORMEEL = "formeel"
    INHOUDELIJK = "inhoudelijk"

    @property
    def label(self) -> str:
        return {"formeel": "Formeel", "inhoudelijk": "Inhoudelijk"}[self]


class Ambitie(StrEnum):
    """The four ambitions of the Ondersteuningsplan 2025-2029 (hoofdstuk 2)."""

    INCLUSIEF = "1"
    SAMENWERKING = "2"
    ELK_KIND = "3"
    LEERLIJN = "4"

    @property
    def label(self) -> str:
        return {
            "1": "Ambitie 1: de volgende stap naar inclusief onderwijs",
            "2": "Ambitie 2: sterke samenwerking in de wijk en regio",
            "3": "Ambitie 3: een vorm van onderwijs voor elk kind",
            "4": "Ambitie 4: een doorgaande leerlijn",
        }[self]


class Kostensoort(StrEnum):
    PERSONEEL = "personeel"
    INHUUR = "inhuur"
    SCHOLING = "scholing"
    MATERIAAL = "materiaal"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        return {
            "personeel": "Personeel",
            "inhuur": "Inhuur en externe expertise",
            "scholing": "Scholing en training",
            "materiaal": "Materiaal en middelen",
            "overig": "Overig",
        }[self]


class Rapportsoort(StrEnum):
    TUSSENTIJDS = "tussentijds"
    EIND = "eind"

    @property
    def label(self) -> str:
        return {"tussentijds": "Tussentijdse evaluatie", "eind": "Eindevaluatie"}[self]


class Vervolg(StrEnum):
    """What happens after the two funded years."""

    EIGEN_MIDDELEN = "eigen_middelen"
    PARTNERS = "partners"
    GESTOPT = "gestopt"

    @property
    def label(self) -> str:
        return {
            "eigen_middelen": "Voortgezet met eigen middelen",
            "partners": "Voortgezet door partners",
            "gestopt": "Gestopt",
        }[self]


class Ronde(SQLModel, table=True):
    """A round of applications ("Ronde 2026"): its criteria, knock-out minimum, deadline and the budget
    years of the line it draws on. Applications keep the round they were made in."""

    __tablename__ = "initiatief_rondes"
    __table_args__ = (
        sa.CheckConstraint("laatste_jaar >= eerste_jaar", name="jaren_oplopend"),
        sa.CheckConstraint(
            "knock_out_minimum_honderdsten BETWEEN 0 AND 300", name="knock_out_minimum_op_schaal"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    naam: str = Field(max_length=120, unique=True)
    deadline: date
    # The lowest average score (0-3) a criterion may have before the application is knocked out, in
    # hundredths: 150 is 1,50.
    knock_out_minimum_honderdsten: int = 150
    begroting_regel_id: int | None = Field(default=None, foreign_key="begroting_regels.id")
    eerste_jaar: int
    laatste_jaar: int
    is_open: bool = True
    aangemaakt_op: NaiveDatetime = Field(default_factory=now)
    aangemaakt_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")

    @property
    def knock_out_minimum(self) -> Decimal:
        return Decimal(self.knock_out_minimum_honderdsten) / 100

    @property
    def jaren(self) -> range:
        return range(self.eerste_jaar, self.laatste_jaar + 1)


class Criterium(SQLModel, table=True):
    """One of a round's ten criteria, in the wording of §7.4, with its weight and the rubric text per
    score 0-3."""

    __tablename__ = "initiatief_criteria"
    __table_args__ = (
        sa.UniqueConstraint("ronde_id", "nummer"),
        sa.CheckConstraint("nummer BETWEEN 1 AND 10", name="nummer_1_tot_10"),
        sa.CheckConstraint("gewicht >= 0", name="gewicht_niet_negatief"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ronde_id: int = Field(foreign_key="initiatief_rondes.id", index=True)
    nummer: int
    tekst: str = Field(sa_type=sa.Text)
    soort: Soort = Field(sa_type=enum_type(Soort))
    gewicht: int = 1
    rubriek_0: str = Field(default="niet", max_length=500)
    rubriek_1: str = Field(default="onvoldoende", max_length=500)
    rubriek_2: str = Field(default="voldoende", max_length=500)
    rubriek_3: str = Field(default="goed", max_length=500)

    def rubriek(self, score: int) -> str:
        return (self.rubriek_0, self.rubriek_1, self.rubriek_2, self.rubriek_3)[score]


class Aanvraag(SQLModel, table=True):
    """One version of an application. Submitting freezes it; a change after that (when it is held back)
    is a new version that points at the one it replaces, which stays readable."""

    __tablename__ = "aanvragen"
    __table_args__ = (
        sa.CheckConstraint("versie >= 1", name="versie_positief"),
        sa.CheckConstraint(
            "startdatum IS NULL OR einddatum IS NULL OR einddatum > startdatum", name="eind_na_start"
        ),
        sa.CheckConstraint("verwacht_aantal_leerlingen >= 0", name="leerlingen_niet_negatief"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ronde_id: int = Field(foreign_key="initiatief_rondes.id", index=True)
    versie: int = 1
    vorige_versie_id: int | None = Field(default=None, foreign_key="aanvragen.id", unique=True)
    status: Status = Field(default=Status.CONCEPT, sa_type=enum_type(Status), index=True)
    aanvrager_id: int = Field(foreign_key="gebruikers.id", index=True)

    # The plan, one column per section the criteria ask for.
    titel: str = Field(default="", max_length=200)
    samenvatting: str = Field(default="", sa_type=sa.Text)
    doelgroep: str = Field(default="", sa_type=sa.Text)
    verwacht_aantal_leerlingen: int | None = None
    doelen: str = Field(default="", sa_type=sa.Text)
    werkwijze: str = Field(default="", sa_type=sa.Text)
    resultaten: str = Field(default="", sa_type=sa.Text)
    evaluatie: str = Field(default="", sa_type=sa.Text)
    kennisdeling: str = Field(default="", sa_type=sa.Text)
    onderbouwing: str = Field(default="", sa_type=sa.Text)  # why it is needed here
    afspraken: str = Field(default="", sa_type=sa.Text)  # with the other schools and boards of the wijk
    duurzaamheid: str = Field(default="", sa_type=sa.Text)  # the sustainability plan
    startdatum: date | None = None
    einddatum: date | None = None
    # Optionally, the need this answers: a coverage gap of a wijk (wijk × expertise domain) or an item
    # of a wijkoverleg's agenda.
    hiaat_wijk_id: int | None = Field(default=None, foreign_key="wijken.id")
    hiaat_domein_id: int | None = Field(default=None, foreign_key="expertisedomeinen.id")
    agendapunt_id: int | None = Field(default=None, foreign_key="agendapunten.id")

    aangemaakt_op: NaiveDatetime = Field(default_factory=now)
    gewijzigd_op: NaiveDatetime = Field(default_factory=now)
    ingediend_op: NaiveDatetime | None = None


class Deelnemer(SQLModel, table=True):
    """A board taking part in an application, through one of its schools or as the board itself.

    The applicant's own board is confirmed when it is added; an invited board confirms in the portal.
    A board takes part once per application."""

    __tablename__ = "aanvraag_deelnemers"
    __table_args__ = (
        sa.UniqueConstraint("aanvraag_id", "bestuur_id"),
        sa.CheckConstraint("(bevestigd_op IS NULL) = (NOT is_bevestigd)", name="bevestigd_met_datum"),
    )

    id: int | None = Field(default=None, primary_key=True)
    aanvraag_id: int = Field(foreign_key="aanvragen.id", index=True)
    bestuur_id: int = Field(foreign_key="besturen.id", index=True)
    school_id: int | None = Field(default=None, foreign_key="organisaties.id", index=True)
    is_hoofdaanvrager: bool = False
    is_bevestigd: bool = False
    uitgenodigd_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    uitgenodigd_op: NaiveDatetime = Field(default_factory=now)
    bevestigd_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    bevestigd_op: NaiveDatetime | None = None


class Partner(SQLModel, table=True):
    """A partner from youth care or the city taking part (OKT, zorgaanbieder, …): an organisation of the
    portal, or a name when it has none there."""

    __tablename__ = "aanvraag_partners"

    id: int | None = Field(default=None, primary_key=True)
    aanvraag_id: int = Field(foreign_key="aanvragen.id", index=True)
    organisatie_id: int | None = Field(default=None, foreign_key="organisaties.id")
    naam: str = Field(max_length=200)
    rol: str = Field(default="", max_length=500)


class AanvraagWijk(SQLModel, table=True):
    __tablename__ = "aanvraag_wijken"

    aanvraag_id: int = Field(foreign_key="aanvragen.id", primary_key=True)
    wijk_id: int = Field(foreign_key="wijken.id", primary_key=True, index=True)


class AanvraagAmbitie(SQLModel, table=True):
    __tablename__ = "aanvraag_ambities"

    aanvraag_id: int = Field(foreign_key="aanvragen.id", primary_key=True)
    ambitie: Ambitie = Field(sa_type=enum_type(Ambitie), primary_key=True)


class AanvraagThema(SQLModel, table=True):
    """A theme of the wijkoverleggen (overleg's `themas`) the application works on; the kennisbank filters on it."""

    __tablename__ = "aanvraag_themas"

    aanvraag_id: int = Field(foreign_key="aanvragen.id", primary_key=True)
    thema_id: int = Field(foreign_key="themas.id", primary_key=True, index=True)


class Deelplan(SQLModel, table=True):
    """A sub-plan with its own budget (its cost lines and co-financing point at it)."""

    __tablename__ = "aanvraag_deelplannen"

    id: int | None = Field(default=None, primary_key=True)
    aanvraag_id: int = Field(foreign_key="aanvragen.id", index=True)
    titel: str = Field(max_length=200)
    beschrijving: str = Field(default="", sa_type=sa.Text)


class Kostenregel(SQLModel, table=True):
    """A cost line of the budget: a year, a category and an amount; of a deelplan or of the main plan."""

    __tablename__ = "aanvraag_kostenregels"
    __table_args__ = (sa.CheckConstraint("bedrag_cents >= 0", name="niet_negatief"),)

    id: int | None = Field(default=None, primary_key=True)
    aanvraag_id: int = Field(foreign_key="aanvragen.id", index=True)
    deelplan_id: int | None = Field(default=None, foreign_key="aanvraag_deelplannen.id", index=True)
    jaar: int
    soort: Kostensoort = Field(sa_type=enum_type(Kostensoort))
    omschrijving: str = Field(default="", max_length=300)
    bedrag_cents: int = Field(sa_type=sa.BigInteger)


class Cofinanciering(SQLModel, table=True):
    """Money from another source (a board, the municipality, a fund) for a year."""

    __tablename__ = "aanvraag_cofinancieringen"
    __table_args__ = (sa.CheckConstraint("bedrag_cents >= 0", name="niet_negatief"),)

    id: int | None = Field(default=None, primary_key=True)
    aanvraag_id: int = Field(foreign_key="aanvragen.id", index=True)
    deelplan_id: int | None = Field(default=None, foreign_key="aanvraag_deelplannen.id", index=True)
    bron: str = Field(max_length=200)
    jaar: int
    bedrag_cents: int = Field(sa_type=sa.BigInteger)


class Rapportage(SQLModel, table=True):
    """A report of a funded initiative: the interim or the final evaluation. The final one says what
    happens after the two years."""

    __tablename__ = "initiatief_rapportages"
    __table_args__ = (
        sa.UniqueConstraint("aanvraag_id", "soort"),
        sa.CheckConstraint("bereikte_leerlingen >= 0", name="leerlingen_niet_negatief"),
        sa.CheckConstraint("soort = 'tussentijds' OR vervolg IS NOT NULL", name="eind_met_vervolg"),
    )

    id: int | None = Field(default=None, primary_key=True)
    aanvraag_id: int = Field(foreign_key="aanvragen.id", index=True)
    soort: Rapportsoort = Field(sa_type=enum_type(Rapportsoort))
    resultaten: str = Field(sa_type=sa.Text)  # results against the goals
    bereikte_leerlingen: int
    evaluatie: str = Field(sa_type=sa.Text)
    vervolg: Vervolg | None = Field(default=None, sa_type=enum_type(Vervolg))
    toelichting_vervolg: str = Field(default="", sa_type=sa.Text)
    ingediend_door_id: int = Field(foreign_key="gebruikers.id")
    ingediend_op: NaiveDatetime = Field(default_factory=now)
