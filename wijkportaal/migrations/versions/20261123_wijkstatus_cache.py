"""A read model: the overleg status per wijk, valid until midnight or its next meeting.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 07:12:47.299001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "wijkstatus_cache",
        sa.Column("wijk_id", sa.Integer(), nullable=False),
        sa.Column("berekend_op", sa.DateTime(), nullable=False),
        sa.Column("geldig_tot", sa.DateTime(), nullable=False),
        sa.Column("gegevens", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["wijk_id"], ["wijken.id"], name=op.f("fk_wijkstatus_cache_wijk_id_wijken")),
        sa.PrimaryKeyConstraint("wijk_id", name=op.f("pk_wijkstatus_cache")),
    )


def downgrade() -> None:

    op.drop_table("wijkstatus_cache")
