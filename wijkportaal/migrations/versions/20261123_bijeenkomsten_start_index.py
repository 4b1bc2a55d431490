"""Index meetings by start, so school-year and period windows read a range instead of every meeting.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 07:05:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_bijeenkomsten_start", "bijeenkomsten", ["start"])


def downgrade() -> None:
    op.drop_index("ix_bijeenkomsten_start", table_name="bijeenkomsten")
