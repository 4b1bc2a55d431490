"""Assessing nieuwe initiatieven: assignments of assessors (with the declaration on a conflict of
interest and the recommendation), their scores per judged criterion, and the revisions of a score.

New tables only, so the downgrade drops them.

Revision ID: 0014b
Revises: 0013k
Create Date: 2026-12-06 00:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014b"
down_revision: str | None = "0013k"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "beoordeling_toewijzingen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("beoordelaar_id", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("toegewezen_door_id", sa.Integer(), nullable=True),
        sa.Column("toegewezen_op", sa.DateTime(), nullable=False),
        sa.Column(
            "verklaring",
            sa.Enum("open", "geen_conflict", "afgezien", name="verklaring", native_enum=False, length=13),
            nullable=False,
        ),
        sa.Column("verklaard_op", sa.DateTime(), nullable=True),
        sa.Column("afzien_reden", sa.Text(), nullable=False),
        sa.Column(
            "advies",
            sa.Enum("toekennen", "afwijzen", "aanhouden", name="advies", native_enum=False, length=9),
            nullable=True,
        ),
        sa.Column("advies_toelichting", sa.Text(), nullable=False),
        sa.Column("ingediend_op", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "verklaring <> 'afgezien' OR length(afzien_reden) > 0",
            name=op.f("ck_beoordeling_toewijzingen_afzien_met_reden"),
        ),
        sa.CheckConstraint(
            "ingediend_op IS NULL OR (verklaring = 'geen_conflict' AND advies IS NOT NULL)",
            name=op.f("ck_beoordeling_toewijzingen_ingediend_na_verklaring_met_advies"),
        ),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name=op.f("fk_beoordeling_toewijzingen_aanvraag_id_aanvragen")
        ),
        sa.ForeignKeyConstraint(
            ["beoordelaar_id"],
            ["gebruikers.id"],
            name=op.f("fk_beoordeling_toewijzingen_beoordelaar_id_gebruikers"),
        ),
        sa.ForeignKeyConstraint(
            ["toegewezen_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_beoordeling_toewijzingen_toegewezen_door_id_gebruikers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beoordeling_toewijzingen")),
        sa.UniqueConstraint(
            "aanvraag_id",
            "beoordelaar_id",
            name=op.f("uq_beoordeling_toewijzingen_aanvraag_id_beoordelaar_id"),
        ),
    )
    op.create_index(
        op.f("ix_beoordeling_toewijzingen_aanvraag_id"), "beoordeling_toewijzingen", ["aanvraag_id"]
    )
    op.create_index(
        op.f("ix_beoordeling_toewijzingen_beoordelaar_id"), "beoordeling_toewijzingen", ["beoordelaar_id"]
    )

    op.create_table(
        "beoordeling_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("toewijzing_id", sa.Integer(), nullable=False),
        sa.Column("criterium_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("motivering", sa.Text(), nullable=False),
        sa.Column("gegeven_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("score BETWEEN 0 AND 3", name=op.f("ck_beoordeling_scores_score_op_rubriek")),
        sa.CheckConstraint(
            "score >= 2 OR length(motivering) > 0", name=op.f("ck_beoordeling_scores_motivering_bij_laag")
        ),
        sa.ForeignKeyConstraint(
            ["toewijzing_id"],
            ["beoordeling_toewijzingen.id"],
            name=op.f("fk_beoordeling_scores_toewijzing_id_beoordeling_toewijzingen"),
        ),
        sa.ForeignKeyConstraint(
            ["criterium_id"],
            ["initiatief_criteria.id"],
            name=op.f("fk_beoordeling_scores_criterium_id_initiatief_criteria"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beoordeling_scores")),
        sa.UniqueConstraint(
            "toewijzing_id", "criterium_id", name=op.f("uq_beoordeling_scores_toewijzing_id_criterium_id")
        ),
    )
    op.create_index(op.f("ix_beoordeling_scores_toewijzing_id"), "beoordeling_scores", ["toewijzing_id"])
    op.create_index(op.f("ix_beoordeling_scores_criterium_id"), "beoordeling_scores", ["criterium_id"])

    op.create_table(
        "beoordeling_herzieningen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("score_id", sa.Integer(), nullable=False),
        sa.Column("oude_score", sa.Integer(), nullable=False),
        sa.Column("nieuwe_score", sa.Integer(), nullable=False),
        sa.Column("oude_motivering", sa.Text(), nullable=False),
        sa.Column("nieuwe_motivering", sa.Text(), nullable=False),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("door_id", sa.Integer(), nullable=False),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "oude_score BETWEEN 0 AND 3", name=op.f("ck_beoordeling_herzieningen_oude_score_op_rubriek")
        ),
        sa.CheckConstraint(
            "nieuwe_score BETWEEN 0 AND 3", name=op.f("ck_beoordeling_herzieningen_nieuwe_score_op_rubriek")
        ),
        sa.CheckConstraint("length(reden) > 0", name=op.f("ck_beoordeling_herzieningen_met_reden")),
        sa.ForeignKeyConstraint(
            ["score_id"],
            ["beoordeling_scores.id"],
            name=op.f("fk_beoordeling_herzieningen_score_id_beoordeling_scores"),
        ),
        sa.ForeignKeyConstraint(
            ["door_id"], ["gebruikers.id"], name=op.f("fk_beoordeling_herzieningen_door_id_gebruikers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beoordeling_herzieningen")),
    )
    op.create_index(op.f("ix_beoordeling_herzieningen_score_id"), "beoordeling_herzieningen", ["score_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_beoordeling_herzieningen_score_id"), table_name="beoordeling_herzieningen")
    op.drop_table("beoordeling_herzieningen")
    op.drop_index(op.f("ix_beoordeling_scores_criterium_id"), table_name="beoordeling_scores")
    op.drop_index(op.f("ix_beoordeling_scores_toewijzing_id"), table_name="beoordeling_scores")
    op.drop_table("beoordeling_scores")
    op.drop_index(op.f("ix_beoordeling_toewijzingen_beoordelaar_id"), table_name="beoordeling_toewijzingen")
    op.drop_index(op.f("ix_beoordeling_toewijzingen_aanvraag_id"), table_name="beoordeling_toewijzingen")
    op.drop_table("beoordeling_toewijzingen")
