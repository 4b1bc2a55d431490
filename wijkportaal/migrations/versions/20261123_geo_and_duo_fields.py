"""Wijk boundaries for the maps, and the fields a DUO import fills on organisations.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 07:29:55.510965
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "wijkgrenzen",
        sa.Column("wijk_id", sa.Integer(), nullable=False),
        sa.Column("geometrie", sa.Text(), nullable=False),
        sa.Column("is_schematisch", sa.Boolean(), nullable=False),
        sa.Column("bron", sa.String(length=200), nullable=False),
        sa.Column("bijgewerkt_op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["wijk_id"], ["wijken.id"], name=op.f("fk_wijkgrenzen_wijk_id_wijken")),
        sa.PrimaryKeyConstraint("wijk_id", name=op.f("pk_wijkgrenzen")),
    )
    with op.batch_alter_table("organisaties", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gemeente", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("cluster", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("lat", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("lon", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("bron", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("laatst_in_bron", sa.Date(), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("organisaties", schema=None) as batch_op:
        batch_op.drop_column("laatst_in_bron")
        batch_op.drop_column("bron")
        batch_op.drop_column("lon")
        batch_op.drop_column("lat")
        batch_op.drop_column("cluster")
        batch_op.drop_column("gemeente")

    op.drop_table("wijkgrenzen")
