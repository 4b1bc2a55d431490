"""Amendments record what changed, field by field (old → new), not only the item's old title.

Existing rows keep their description and get what can be read from it: an "Agendapunt gewijzigd: T"
row kept the title before the change, so its title change is T → the title the next amendment of that
item names (or the item's title now, for the last one). Where the two are equal something else changed,
which the old rows did not record: those keep an empty list. The way down drops the column; the
descriptions were never changed.

Revision ID: 0011o
Revises: 0010
Create Date: 2026-12-05 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011o"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The descriptions the old code wrote for an agenda item, each followed by the item's title at that time.
TITEL_NA = (
    "Agendapunt toegevoegd: ",
    "Agendapunt gewijzigd: ",
    "Agendapunt geschrapt: ",
    "Voorstel opgenomen: ",
)
GEWIJZIGD = "Agendapunt gewijzigd: "


def upgrade() -> None:
    with op.batch_alter_table("amendementen", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wijzigingen", sa.JSON(), nullable=True))
    amendementen = sa.table(
        "amendementen",
        sa.column("id", sa.Integer()),
        sa.column("agendapunt_id", sa.Integer()),
        sa.column("op", sa.DateTime()),
        sa.column("omschrijving", sa.String()),
        sa.column("wijzigingen", sa.JSON()),
    )
    agendapunten = sa.table("agendapunten", sa.column("id", sa.Integer()), sa.column("titel", sa.String()))
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(
            amendementen.c.id, amendementen.c.agendapunt_id, amendementen.c.omschrijving, agendapunten.c.titel
        )
        .select_from(amendementen.outerjoin(agendapunten, agendapunten.c.id == amendementen.c.agendapunt_id))
        .order_by(amendementen.c.agendapunt_id, amendementen.c.op, amendementen.c.id)
    ).all()
    for i, (amendement_id, punt_id, omschrijving, titel_nu) in enumerate(rows):
        wijzigingen = []
        if punt_id is not None and omschrijving.startswith(GEWIJZIGD):
            oud = omschrijving.removeprefix(GEWIJZIGD)
            volgende = next(
                (r[2] for r in rows[i + 1 :] if r[1] == punt_id and r[2].startswith(TITEL_NA)),
                None,
            )
            nieuw = titel_nu if volgende is None else volgende.split(": ", 1)[1]
            if nieuw is not None and nieuw != oud:
                wijzigingen = [{"veld": "titel", "oud": oud, "nieuw": nieuw}]
        conn.execute(
            amendementen.update().where(amendementen.c.id == amendement_id).values(wijzigingen=wijzigingen)
        )
    with op.batch_alter_table("amendementen", schema=None) as batch_op:
        batch_op.alter_column("wijzigingen", existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("amendementen", schema=None) as batch_op:
        batch_op.drop_column("wijzigingen")
