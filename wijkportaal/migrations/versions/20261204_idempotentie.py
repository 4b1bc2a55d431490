"""One idempotency record: (user, key) → digest of the request and the record it made.

The pot API kept its keys in the audit log (action 'api-verzoek'); they are carried over, so a client
that repeats a request made before this migration still gets its original answer. The audit lines stay:
the audit log is never edited.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    idempotentie = op.create_table(
        "idempotentie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("sleutel", sa.String(length=200), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("object_soort", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_idempotentie_gebruiker_id_gebruikers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotentie")),
        sa.UniqueConstraint("gebruiker_id", "sleutel", name=op.f("uq_idempotentie_gebruiker_id_sleutel")),
    )
    audit = sa.table(
        "auditregels",
        sa.column("op", sa.DateTime()),
        sa.column("gebruiker_id", sa.Integer()),
        sa.column("object_soort", sa.String()),
        sa.column("object_id", sa.Integer()),
        sa.column("actie", sa.String()),
        sa.column("wijzigingen", sa.JSON()),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(
            audit.c.op, audit.c.gebruiker_id, audit.c.object_soort, audit.c.object_id, audit.c.wijzigingen
        )
        .where(audit.c.actie == "api-verzoek", audit.c.gebruiker_id.is_not(None))
        .order_by(audit.c.op)
    ).all()
    seen: set[tuple[int, str]] = set()
    carried = []
    for op_, gebruiker_id, soort, object_id, wijzigingen in rows:
        sleutel = (wijzigingen or {}).get("sleutel")
        if not sleutel or (gebruiker_id, sleutel) in seen:
            continue
        seen.add((gebruiker_id, sleutel))
        carried.append(
            {
                "gebruiker_id": gebruiker_id,
                "sleutel": sleutel[:200],
                "digest": str(wijzigingen.get("vingerafdruk", ""))[:64],
                "object_soort": soort,
                "object_id": object_id,
                "aangemaakt_op": op_,
            }
        )
    if carried:
        op.bulk_insert(idempotentie, carried)


def downgrade() -> None:
    # The keys made after the upgrade exist only here; the audit log still holds the API's older ones.
    op.drop_table("idempotentie")
