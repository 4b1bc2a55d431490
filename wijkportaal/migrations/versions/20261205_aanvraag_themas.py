"""Nieuwe initiatieven: the themes an application works on (the kennisbank filters on them).

A new link table only, so the downgrade drops it.

Revision ID: 0013k
Revises: 0013i
Create Date: 2026-12-05 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013k"
down_revision: str | None = "0013i"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "aanvraag_themas",
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("thema_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name=op.f("fk_aanvraag_themas_aanvraag_id_aanvragen")
        ),
        sa.ForeignKeyConstraint(["thema_id"], ["themas.id"], name=op.f("fk_aanvraag_themas_thema_id_themas")),
        sa.PrimaryKeyConstraint("aanvraag_id", "thema_id", name=op.f("pk_aanvraag_themas")),
    )
    op.create_index(op.f("ix_aanvraag_themas_thema_id"), "aanvraag_themas", ["thema_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_aanvraag_themas_thema_id"), table_name="aanvraag_themas")
    op.drop_table("aanvraag_themas")
