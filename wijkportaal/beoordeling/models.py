"""Assessing nieuwe initiatieven: who assesses which application (toewijzing, with the declaration on a
conflict of interest and the recommendation), the scores per judged criterion on the 0-3 rubric, and the
revisions of a score after the assessor submitted (kept, with the reason)."""

from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.core.clock import now
from wijkportaal.core.db import enum_type


class Advies(StrEnum):
    """An assessor's recommendation to the director."""

    TOEKENNEN = "toekennen"
    AFWIJZEN = "afwijzen"
    AANHOUDEN = "aanhouden"

    @property
    def label(self) -> str:
        return {"toekennen": "Toekennen", "afwijzen": "Afwijzen", "aanhouden": "Aanhouden"}[self]


class Verklaring(StrEnum):
    """What the assessor declared about a conflict of interest before scoring."""

    OPEN = "open"
    GEEN_CONFLICT = "geen_conflict"
    AFGEZIEN = "afgezien"  # declined, with a reason: they see nothing of the application
    INGETROKKEN = "ingetrokken"  # withdrawn by SWV staff before submitting, with a reason: the same

    @property
    def label(self) -> str:
        return {
            "open": "Nog niet verklaard",
            "geen_conflict": "Geen belangenconflict",
            "afgezien": "Afgezien",
            "ingetrokken": "Ingetrokken door het SWV",
        }[self]


# An assignment in one of these no longer counts: its assessor sees nothing of the application, and SWV
# staff assign someone else.
UITGEVALLEN = (Verklaring.AFGEZIEN, Verklaring.INGETROKKEN)


class Toewijzing(SQLModel, table=True):
    """An assessor assigned to an application by SWV staff, with a deadline. The assessor first declares
    that they have no conflict of interest (or declines with a reason), then scores every judged criterion
    and gives a recommendation; `ingediend_op` is when they submitted. SWV staff may withdraw an assessor
    who has not submitted (`ingetrokken`); `afzien_reden` then holds their reason."""

    __tablename__ = "beoordeling_toewijzingen"
    __table_args__ = (
        sa.UniqueConstraint("aanvraag_id", "beoordelaar_id"),
        sa.CheckConstraint("verklaring <> 'afgezien' OR length(afzien_reden) > 0", name="afzien_met_reden"),
        sa.CheckConstraint(
            "ingediend_op IS NULL OR (verklaring = 'geen_conflict' AND advies IS NOT NULL)",
            name="ingediend_na_verklaring_met_advies",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    aanvraag_id: int = Field(foreign_key="aanvragen.id", index=True)
    beoordelaar_id: int = Field(foreign_key="gebruikers.id", index=True)
    deadline: date
    toegewezen_door_id: int | None = Field(default=None, foreign_key="gebruikers.id")
    toegewezen_op: NaiveDatetime = Field(default_factory=now)
    verklaring: Verklaring = Field(default=Verklaring.OPEN, sa_type=enum_type(Verklaring))
    verklaard_op: NaiveDatetime | None = None
    afzien_reden: str = Field(default="", sa_type=sa.Text)
    advies: Advies | None = Field(default=None, sa_type=enum_type(Advies))
    advies_toelichting: str = Field(default="", sa_type=sa.Text)
    ingediend_op: NaiveDatetime | None = None

    @property
    def telt_mee(self) -> bool:
        """Not declined and not withdrawn: this assessor counts towards the application's two."""
        return self.verklaring not in UITGEVALLEN


class Score(SQLModel, table=True):
    """One assessor's score of one judged criterion: 0 = niet, 1 = onvoldoende, 2 = voldoende, 3 = goed.
    A 0 or 1 needs a motivation. One score per assessor per criterion; a change is a revision."""

    __tablename__ = "beoordeling_scores"
    __table_args__ = (
        sa.UniqueConstraint("toewijzing_id", "criterium_id"),
        sa.CheckConstraint("score BETWEEN 0 AND 3", name="score_op_rubriek"),
        sa.CheckConstraint("score >= 2 OR length(motivering) > 0", name="motivering_bij_laag"),
    )

    id: int | None = Field(default=None, primary_key=True)
    toewijzing_id: int = Field(foreign_key="beoordeling_toewijzingen.id", index=True)
    criterium_id: int = Field(foreign_key="initiatief_criteria.id", index=True)
    score: int
    motivering: str = Field(default="", sa_type=sa.Text)
    gegeven_op: NaiveDatetime = Field(default_factory=now)


class Herziening(SQLModel, table=True):
    """A score changed after the assessor submitted and saw the others': the old and new score and
    motivation, and why. Kept and shown with the score."""

    __tablename__ = "beoordeling_herzieningen"
    __table_args__ = (
        sa.CheckConstraint("oude_score BETWEEN 0 AND 3", name="oude_score_op_rubriek"),
        sa.CheckConstraint("nieuwe_score BETWEEN 0 AND 3", name="nieuwe_score_op_rubriek"),
        sa.CheckConstraint("length(reden) > 0", name="met_reden"),
    )

    id: int | None = Field(default=None, primary_key=True)
    score_id: int = Field(foreign_key="beoordeling_scores.id", index=True)
    oude_score: int
    nieuwe_score: int
    oude_motivering: str = Field(default="", sa_type=sa.Text)
    nieuwe_motivering: str = Field(default="", sa_type=sa.Text)
    reden: str = Field(sa_type=sa.Text)
    door_id: int = Field(foreign_key="gebruikers.id")
    op: NaiveDatetime = Field(default_factory=now)
