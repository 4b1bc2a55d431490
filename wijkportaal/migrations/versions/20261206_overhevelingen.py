"""Gedeelde pot: pots close at the new school year, and the carry-over of what is left is proposed.

A nullable column on `potten` and a new table, so the downgrade drops both (the carry-overs with it).

Revision ID: 0014o
Revises: 0014s
Create Date: 2026-12-06 00:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014o"
down_revision: str | None = "0014s"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("potten", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gesloten_op", sa.DateTime(), nullable=True))
    op.create_table(
        "overhevelingen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voorstel_id", sa.Integer(), nullable=False),
        sa.Column("van_pot_id", sa.Integer(), nullable=False),
        sa.Column("naar_pot_id", sa.Integer(), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("voorgesteld", "akkoord", "afgewezen", name="overhevelingstatus", native_enum=False),
            nullable=False,
        ),
        sa.Column("reservation_id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=True),
        sa.Column("voorgesteld_door_id", sa.Integer(), nullable=False),
        sa.Column("voorgesteld_op", sa.DateTime(), nullable=False),
        sa.Column("afgerond_op", sa.DateTime(), nullable=True),
        sa.CheckConstraint("bedrag_cents > 0", name=op.f("ck_overhevelingen_positief")),
        sa.CheckConstraint("van_pot_id <> naar_pot_id", name=op.f("ck_overhevelingen_andere_pot")),
        sa.ForeignKeyConstraint(
            ["voorstel_id"], ["voorstellen.id"], name=op.f("fk_overhevelingen_voorstel_id_voorstellen")
        ),
        sa.ForeignKeyConstraint(
            ["van_pot_id"], ["potten.id"], name=op.f("fk_overhevelingen_van_pot_id_potten")
        ),
        sa.ForeignKeyConstraint(
            ["naar_pot_id"], ["potten.id"], name=op.f("fk_overhevelingen_naar_pot_id_potten")
        ),
        sa.ForeignKeyConstraint(
            ["reservation_id"],
            ["ledger_reservations.id"],
            name=op.f("fk_overhevelingen_reservation_id_ledger_reservations"),
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_overhevelingen_transaction_id_ledger_transactions"),
        ),
        sa.ForeignKeyConstraint(
            ["voorgesteld_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_overhevelingen_voorgesteld_door_id_gebruikers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overhevelingen")),
        sa.UniqueConstraint("voorstel_id", name=op.f("uq_overhevelingen_voorstel_id")),
        sa.UniqueConstraint("van_pot_id", name=op.f("uq_overhevelingen_van_pot_id")),
    )
    op.create_index(op.f("ix_overhevelingen_naar_pot_id"), "overhevelingen", ["naar_pot_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_overhevelingen_naar_pot_id"), table_name="overhevelingen")
    op.drop_table("overhevelingen")
    # ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): copying the table would trip the foreign keys to it.
    with op.batch_alter_table("potten", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("gesloten_op")
