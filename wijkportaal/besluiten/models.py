"""A proposal that waits for decisions, the deciders it waits for, and their decisions."""

from enum import StrEnum

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from wijkportaal.core.clock import now
from wijkportaal.core.db import enum_type


class Besluitregel(StrEnum):
    """When the decisions so far settle a proposal."""

    ALLE = "alle"
    MEERDERHEID = "meerderheid"
    GEWOGEN = "gewogen"
    ALLEEN = "alleen"  # one person decides alone (the directeur-bestuurder on a nieuw initiatief)

    @property
    def label(self) -> str:
        return {
            "alle": "Alle deelnemende besturen stemmen in",
            "meerderheid": "Een meerderheid van de besturen stemt in",
            "gewogen": "Een meerderheid naar inbreng (gewogen naar bijdrage) stemt in",
            "alleen": "Eén beslisser besluit",
        }[self]

    @property
    def kort(self) -> str:
        """The rule's name in a sentence: "de regel 'alle besturen'"."""
        return {
            "alle": "alle besturen",
            "meerderheid": "meerderheid van de besturen",
            "gewogen": "meerderheid naar inbreng",
            "alleen": "één beslisser",
        }[self]


class VoorstelStatus(StrEnum):
    OPEN = "open"
    GOEDGEKEURD = "goedgekeurd"
    AFGEWEZEN = "afgewezen"
    VERLOPEN = "verlopen"

    @property
    def label(self) -> str:
        return {
            "open": "Wacht op besluiten",
            "goedgekeurd": "Goedgekeurd",
            "afgewezen": "Afgewezen",
            "verlopen": "Verlopen",
        }[self]


class BesluitKeuze(StrEnum):
    AKKOORD = "akkoord"
    AFGEWEZEN = "afgewezen"


class Voorstel(SQLModel, table=True):
    """A proposal of one kind (`soort`, the feature's name for its payload) waiting for decisions.

    Boards decide (`VoorstelBestuur`) under ALLE, MEERDERHEID or GEWOGEN; one user (`beslisser_id`)
    under ALLEEN. Without `vervalt_op` the proposal waits until it is decided."""

    __tablename__ = "voorstellen"
    __table_args__ = (
        sa.CheckConstraint(
            "(regel = 'alleen') = (beslisser_id IS NOT NULL)", name="beslisser_bij_regel_alleen"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    soort: str = Field(max_length=40, index=True)
    regel: Besluitregel = Field(sa_type=enum_type(Besluitregel))
    status: VoorstelStatus = Field(default=VoorstelStatus.OPEN, sa_type=enum_type(VoorstelStatus), index=True)
    beslisser_id: int | None = Field(default=None, foreign_key="gebruikers.id", index=True)
    voorgesteld_door_id: int = Field(foreign_key="gebruikers.id")
    voorgesteld_op: NaiveDatetime = Field(default_factory=now)
    vervalt_op: NaiveDatetime | None = None
    afgerond_op: NaiveDatetime | None = None


class VoorstelBestuur(SQLModel, table=True):
    """A board that decides on a proposal, fixed when it is proposed."""

    __tablename__ = "voorstel_besturen"

    voorstel_id: int = Field(foreign_key="voorstellen.id", primary_key=True)
    bestuur_id: int = Field(foreign_key="besturen.id", primary_key=True, index=True)


class VoorstelBesluit(SQLModel, table=True):
    """One decision on a proposal: a board's (`bestuur_id`) or the sole decider's (no board),
    with who recorded it, when, and why."""

    __tablename__ = "voorstel_besluiten"
    __table_args__ = (
        sa.UniqueConstraint("voorstel_id", "bestuur_id"),
        # The sole decider decides once: one decision without a board per proposal.
        sa.Index(
            "uq_voorstel_besluiten_voorstel_id_alleen",
            "voorstel_id",
            unique=True,
            sqlite_where=sa.text("bestuur_id IS NULL"),
            postgresql_where=sa.text("bestuur_id IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    voorstel_id: int = Field(foreign_key="voorstellen.id", index=True)
    bestuur_id: int | None = Field(default=None, foreign_key="besturen.id")
    keuze: BesluitKeuze = Field(sa_type=enum_type(BesluitKeuze))
    toelichting: str = Field(default="", max_length=2000)
    gebruiker_id: int = Field(foreign_key="gebruikers.id")
    op: NaiveDatetime = Field(default_factory=now)
