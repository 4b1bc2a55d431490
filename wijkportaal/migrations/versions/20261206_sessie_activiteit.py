"""Sessions: the moment of their last request, so that an idle session ends (SESSIE_INACTIEF_MINUTEN).

Existing sessions count as last active at their login, so those older than the limits end at once.
The downgrade drops the column.

Revision ID: 0014h
Revises: 0014o
Create Date: 2026-12-06 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014h"
down_revision: str | None = "0014o"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("sessies", sa.Column("laatst_actief_op", sa.DateTime(), nullable=True))
    op.execute("UPDATE sessies SET laatst_actief_op = aangemaakt_op")
    with op.batch_alter_table("sessies") as batch:
        batch.alter_column("laatst_actief_op", existing_type=sa.DateTime(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("sessies") as batch:
        batch.drop_column("laatst_actief_op")
