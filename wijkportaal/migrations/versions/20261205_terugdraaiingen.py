"""Reversals of contributions and spending: the reason, who and when, beside the ledger's own reversal.

Revision ID: 0011g
Revises: 0011o
Create Date: 2026-12-05 07:53:01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011g"
down_revision: str | None = "0011o"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "terugdraaiingen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pot_id", sa.Integer(), nullable=False),
        sa.Column("bijdrage_id", sa.Integer(), nullable=True),
        sa.Column("besteding_id", sa.Integer(), nullable=True),
        sa.Column("origineel_transaction_id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("door_id", sa.Integer(), nullable=False),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(bijdrage_id IS NULL) <> (besteding_id IS NULL)", name=op.f("ck_terugdraaiingen_een_boeking")
        ),
        sa.ForeignKeyConstraint(
            ["besteding_id"], ["bestedingen.id"], name=op.f("fk_terugdraaiingen_besteding_id_bestedingen")
        ),
        sa.ForeignKeyConstraint(
            ["bijdrage_id"], ["bijdragen.id"], name=op.f("fk_terugdraaiingen_bijdrage_id_bijdragen")
        ),
        sa.ForeignKeyConstraint(
            ["door_id"], ["gebruikers.id"], name=op.f("fk_terugdraaiingen_door_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(
            ["origineel_transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_terugdraaiingen_origineel_transaction_id_ledger_transactions"),
        ),
        sa.ForeignKeyConstraint(["pot_id"], ["potten.id"], name=op.f("fk_terugdraaiingen_pot_id_potten")),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_terugdraaiingen_transaction_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terugdraaiingen")),
        sa.UniqueConstraint("besteding_id", name=op.f("uq_terugdraaiingen_besteding_id")),
        sa.UniqueConstraint("bijdrage_id", name=op.f("uq_terugdraaiingen_bijdrage_id")),
        sa.UniqueConstraint(
            "origineel_transaction_id", name=op.f("uq_terugdraaiingen_origineel_transaction_id")
        ),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_terugdraaiingen_transaction_id")),
    )
    op.create_index(op.f("ix_terugdraaiingen_pot_id"), "terugdraaiingen", ["pot_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_terugdraaiingen_pot_id"), table_name="terugdraaiingen")
    op.drop_table("terugdraaiingen")
