"""The SWV's meerjarenbegroting: groups, budget lines and the record of every change of an amount.

The amounts live in the ledger, under the new account kind 'begroting' (a line's free and committed
money for a year). `ledger_accounts.kind` is a VARCHAR(14) without a CHECK constraint, so the new kind
needs no schema change there. The downgrade refuses while ledger accounts of the begroting exist:
dropping these tables would leave their bookings without a line, and bookings are never deleted.

Revision ID: 0011b
Revises: 0012a
Create Date: 2026-12-05 08:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011b"
down_revision: str | None = "0012a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "begroting_groepen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("volgorde", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_begroting_groepen")),
        sa.UniqueConstraint("naam", name=op.f("uq_begroting_groepen_naam")),
    )
    op.create_table(
        "begroting_regels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("groep_id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("volgorde", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["groep_id"],
            ["begroting_groepen.id"],
            name=op.f("fk_begroting_regels_groep_id_begroting_groepen"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_begroting_regels")),
        sa.UniqueConstraint("groep_id", "naam", name=op.f("uq_begroting_regels_groep_id_naam")),
    )
    op.create_index(op.f("ix_begroting_regels_groep_id"), "begroting_regels", ["groep_id"])
    op.create_table(
        "begroting_wijzigingen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regel_id", sa.Integer(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("oud_cents", sa.BigInteger(), nullable=False),
        sa.Column("nieuw_cents", sa.BigInteger(), nullable=False),
        sa.Column("bron", sa.String(length=200), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=True),
        sa.Column("gebruiker_id", sa.Integer(), nullable=True),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "oud_cents >= 0 AND nieuw_cents >= 0", name=op.f("ck_begroting_wijzigingen_niet_negatief")
        ),
        sa.CheckConstraint("oud_cents <> nieuw_cents", name=op.f("ck_begroting_wijzigingen_echte_wijziging")),
        sa.ForeignKeyConstraint(
            ["regel_id"],
            ["begroting_regels.id"],
            name=op.f("fk_begroting_wijzigingen_regel_id_begroting_regels"),
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_begroting_wijzigingen_transaction_id_ledger_transactions"),
        ),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_begroting_wijzigingen_gebruiker_id_gebruikers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_begroting_wijzigingen")),
    )
    op.create_index(op.f("ix_begroting_wijzigingen_jaar"), "begroting_wijzigingen", ["jaar"])
    op.create_index("ix_begroting_wijzigingen_regel_id_jaar", "begroting_wijzigingen", ["regel_id", "jaar"])


def downgrade() -> None:
    accounts = (
        op.get_bind()
        .execute(sa.text("SELECT count(*) FROM ledger_accounts WHERE code LIKE 'begroting:%'"))
        .scalar()
    )
    if accounts:
        raise RuntimeError(
            f"{accounts} grootboekrekeningen van de begroting bestaan: de begroting kan niet worden "
            "teruggedraaid zonder boekingen te verwijderen."
        )
    op.drop_index("ix_begroting_wijzigingen_regel_id_jaar", table_name="begroting_wijzigingen")
    op.drop_index(op.f("ix_begroting_wijzigingen_jaar"), table_name="begroting_wijzigingen")
    op.drop_table("begroting_wijzigingen")
    op.drop_index(op.f("ix_begroting_regels_groep_id"), table_name="begroting_regels")
    op.drop_table("begroting_regels")
    op.drop_table("begroting_groepen")
