"""Subsidie: the director's decisions on applications, the grants per year (ledger commitments), the
payments and releases against them, and the decision letters as sent.

New tables only, so the downgrade drops them (the ledger's transactions they point at stay).

Revision ID: 0014s
Revises: 0014b
Create Date: 2026-12-06 00:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014s"
down_revision: str | None = "0014b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(tabel: str, kolom: str, doel: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([kolom], [f"{doel}.id"], name=op.f(f"fk_{tabel}_{kolom}_{doel}"))


def upgrade() -> None:
    op.create_table(
        "subsidie_besluiten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("voorstel_id", sa.Integer(), nullable=False),
        sa.Column(
            "uitkomst",
            sa.Enum("toekennen", "afwijzen", "aanhouden", name="uitkomst", native_enum=False, length=9),
            nullable=False,
        ),
        sa.Column("motivatie", sa.Text(), nullable=False),
        sa.Column("genomen_door_id", sa.Integer(), nullable=False),
        sa.Column("genomen_op", sa.DateTime(), nullable=False),
        _fk("subsidie_besluiten", "aanvraag_id", "aanvragen"),
        _fk("subsidie_besluiten", "voorstel_id", "voorstellen"),
        _fk("subsidie_besluiten", "genomen_door_id", "gebruikers"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidie_besluiten")),
        sa.UniqueConstraint("aanvraag_id", name=op.f("uq_subsidie_besluiten_aanvraag_id")),
        sa.UniqueConstraint("voorstel_id", name=op.f("uq_subsidie_besluiten_voorstel_id")),
    )
    op.create_index(op.f("ix_subsidie_besluiten_uitkomst"), "subsidie_besluiten", ["uitkomst"])
    op.create_table(
        "subsidie_toekenningen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("besluit_id", sa.Integer(), nullable=False),
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("regel_id", sa.Integer(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("bedrag_cents > 0", name=op.f("ck_subsidie_toekenningen_positief")),
        _fk("subsidie_toekenningen", "besluit_id", "subsidie_besluiten"),
        _fk("subsidie_toekenningen", "aanvraag_id", "aanvragen"),
        _fk("subsidie_toekenningen", "regel_id", "begroting_regels"),
        _fk("subsidie_toekenningen", "transaction_id", "ledger_transactions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidie_toekenningen")),
        sa.UniqueConstraint("aanvraag_id", "jaar", name=op.f("uq_subsidie_toekenningen_aanvraag_id_jaar")),
    )
    op.create_index(op.f("ix_subsidie_toekenningen_aanvraag_id"), "subsidie_toekenningen", ["aanvraag_id"])
    op.create_index(op.f("ix_subsidie_toekenningen_besluit_id"), "subsidie_toekenningen", ["besluit_id"])
    op.create_table(
        "subsidie_mutaties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column(
            "soort",
            sa.Enum("betaling", "vrijgave", name="mutatiesoort", native_enum=False, length=8),
            nullable=False,
        ),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("omschrijving", sa.String(length=500), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("door_id", sa.Integer(), nullable=True),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("bedrag_cents > 0", name=op.f("ck_subsidie_mutaties_positief")),
        _fk("subsidie_mutaties", "aanvraag_id", "aanvragen"),
        _fk("subsidie_mutaties", "transaction_id", "ledger_transactions"),
        _fk("subsidie_mutaties", "door_id", "gebruikers"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidie_mutaties")),
    )
    op.create_index("ix_subsidie_mutaties_aanvraag_id_jaar", "subsidie_mutaties", ["aanvraag_id", "jaar"])
    op.create_index(op.f("ix_subsidie_mutaties_soort"), "subsidie_mutaties", ["soort"])
    op.create_table(
        "subsidie_brieven",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("besluit_id", sa.Integer(), nullable=False),
        sa.Column("kenmerk", sa.String(length=40), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("inhoud", sa.JSON(), nullable=False),
        sa.Column("verstuurd_op", sa.DateTime(), nullable=False),
        _fk("subsidie_brieven", "besluit_id", "subsidie_besluiten"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidie_brieven")),
        sa.UniqueConstraint("besluit_id", name=op.f("uq_subsidie_brieven_besluit_id")),
        sa.UniqueConstraint("kenmerk", name=op.f("uq_subsidie_brieven_kenmerk")),
    )


def downgrade() -> None:
    op.drop_table("subsidie_brieven")
    op.drop_index(op.f("ix_subsidie_mutaties_soort"), table_name="subsidie_mutaties")
    op.drop_index("ix_subsidie_mutaties_aanvraag_id_jaar", table_name="subsidie_mutaties")
    op.drop_table("subsidie_mutaties")
    op.drop_index(op.f("ix_subsidie_toekenningen_besluit_id"), table_name="subsidie_toekenningen")
    op.drop_index(op.f("ix_subsidie_toekenningen_aanvraag_id"), table_name="subsidie_toekenningen")
    op.drop_table("subsidie_toekenningen")
    op.drop_index(op.f("ix_subsidie_besluiten_uitkomst"), table_name="subsidie_besluiten")
    op.drop_table("subsidie_besluiten")
