"""Gedeelde pot: pots, participating boards, contributions, approaches, allocations, decisions, spending.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 06:31:43.368042
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "potten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("account_code", sa.String(length=120), nullable=False),
        sa.Column(
            "periode_soort",
            sa.Enum("schooljaar", "kalenderjaar", name="periodesoort", native_enum=False),
            nullable=False,
        ),
        sa.Column("periode_start", sa.Date(), nullable=False),
        sa.Column("periode_eind", sa.Date(), nullable=False),
        sa.Column(
            "regel",
            sa.Enum("alle", "meerderheid", "gewogen", name="goedkeuringsregel", native_enum=False),
            nullable=False,
        ),
        sa.Column("aangemaakt_door_id", sa.Integer(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("periode_eind > periode_start", name=op.f("ck_potten_periode")),
        sa.ForeignKeyConstraint(
            ["aangemaakt_door_id"], ["gebruikers.id"], name=op.f("fk_potten_aangemaakt_door_id_gebruikers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_potten")),
        sa.UniqueConstraint("account_code", name=op.f("uq_potten_account_code")),
    )
    op.create_table(
        "aanpakken",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pot_id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("doel", sa.Text(), nullable=False),
        sa.Column("doelgroep", sa.String(length=500), nullable=False),
        sa.Column("niveau", sa.String(length=20), nullable=False),
        sa.Column("account_code", sa.String(length=120), nullable=False),
        sa.Column("aangemaakt_door_id", sa.Integer(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aangemaakt_door_id"], ["gebruikers.id"], name=op.f("fk_aanpakken_aangemaakt_door_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(["pot_id"], ["potten.id"], name=op.f("fk_aanpakken_pot_id_potten")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanpakken")),
        sa.UniqueConstraint("account_code", name=op.f("uq_aanpakken_account_code")),
    )
    with op.batch_alter_table("aanpakken", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aanpakken_pot_id"), ["pot_id"], unique=False)

    op.create_table(
        "bijdragen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pot_id", sa.Integer(), nullable=False),
        sa.Column(
            "bron_soort",
            sa.Enum("bestuur", "swv", "vrijval", "gemeente", "partner", name="bronsoort", native_enum=False),
            nullable=False,
        ),
        sa.Column("bestuur_id", sa.Integer(), nullable=True),
        sa.Column("partner_naam", sa.String(length=200), nullable=False),
        sa.Column("middelen", sa.String(length=120), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("is_toezegging", sa.Boolean(), nullable=False),
        sa.Column("uiterlijk_op", sa.Date(), nullable=True),
        sa.Column("betaald_op", sa.Date(), nullable=True),
        sa.Column("transaction_id", sa.Integer(), nullable=True),
        sa.Column("ingevoerd_door_id", sa.Integer(), nullable=True),
        sa.Column("ingevoerd_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("bedrag_cents > 0", name=op.f("ck_bijdragen_positief")),
        sa.ForeignKeyConstraint(
            ["bestuur_id"], ["besturen.id"], name=op.f("fk_bijdragen_bestuur_id_besturen")
        ),
        sa.ForeignKeyConstraint(
            ["ingevoerd_door_id"], ["gebruikers.id"], name=op.f("fk_bijdragen_ingevoerd_door_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(["pot_id"], ["potten.id"], name=op.f("fk_bijdragen_pot_id_potten")),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_bijdragen_transaction_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bijdragen")),
    )
    with op.batch_alter_table("bijdragen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bijdragen_bestuur_id"), ["bestuur_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bijdragen_pot_id"), ["pot_id"], unique=False)

    op.create_table(
        "pot_besturen",
        sa.Column("pot_id", sa.Integer(), nullable=False),
        sa.Column("bestuur_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bestuur_id"], ["besturen.id"], name=op.f("fk_pot_besturen_bestuur_id_besturen")
        ),
        sa.ForeignKeyConstraint(["pot_id"], ["potten.id"], name=op.f("fk_pot_besturen_pot_id_potten")),
        sa.PrimaryKeyConstraint("pot_id", "bestuur_id", name=op.f("pk_pot_besturen")),
    )
    with op.batch_alter_table("pot_besturen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pot_besturen_bestuur_id"), ["bestuur_id"], unique=False)

    op.create_table(
        "pot_wijken",
        sa.Column("pot_id", sa.Integer(), nullable=False),
        sa.Column("wijk_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["pot_id"], ["potten.id"], name=op.f("fk_pot_wijken_pot_id_potten")),
        sa.ForeignKeyConstraint(["wijk_id"], ["wijken.id"], name=op.f("fk_pot_wijken_wijk_id_wijken")),
        sa.PrimaryKeyConstraint("pot_id", "wijk_id", name=op.f("pk_pot_wijken")),
    )
    with op.batch_alter_table("pot_wijken", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pot_wijken_wijk_id"), ["wijk_id"], unique=False)

    op.create_table(
        "aanpak_budgetten",
        sa.Column("aanpak_id", sa.Integer(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("bedrag_cents >= 0", name=op.f("ck_aanpak_budgetten_niet_negatief")),
        sa.ForeignKeyConstraint(
            ["aanpak_id"], ["aanpakken.id"], name=op.f("fk_aanpak_budgetten_aanpak_id_aanpakken")
        ),
        sa.PrimaryKeyConstraint("aanpak_id", "jaar", name=op.f("pk_aanpak_budgetten")),
    )
    op.create_table(
        "aanpak_scholen",
        sa.Column("aanpak_id", sa.Integer(), nullable=False),
        sa.Column("organisatie_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanpak_id"], ["aanpakken.id"], name=op.f("fk_aanpak_scholen_aanpak_id_aanpakken")
        ),
        sa.ForeignKeyConstraint(
            ["organisatie_id"],
            ["organisaties.id"],
            name=op.f("fk_aanpak_scholen_organisatie_id_organisaties"),
        ),
        sa.PrimaryKeyConstraint("aanpak_id", "organisatie_id", name=op.f("pk_aanpak_scholen")),
    )
    op.create_table(
        "bestedingen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanpak_id", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("omschrijving", sa.String(length=500), nullable=False),
        sa.Column("factuurreferentie", sa.String(length=120), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("ingevoerd_door_id", sa.Integer(), nullable=True),
        sa.Column("ingevoerd_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("bedrag_cents > 0", name=op.f("ck_bestedingen_positief")),
        sa.ForeignKeyConstraint(
            ["aanpak_id"], ["aanpakken.id"], name=op.f("fk_bestedingen_aanpak_id_aanpakken")
        ),
        sa.ForeignKeyConstraint(
            ["ingevoerd_door_id"], ["gebruikers.id"], name=op.f("fk_bestedingen_ingevoerd_door_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_bestedingen_transaction_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bestedingen")),
    )
    with op.batch_alter_table("bestedingen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bestedingen_aanpak_id"), ["aanpak_id"], unique=False)

    op.create_table(
        "toekenningen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pot_id", sa.Integer(), nullable=False),
        sa.Column("aanpak_id", sa.Integer(), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=False),
        sa.Column(
            "regel",
            sa.Enum("alle", "meerderheid", "gewogen", name="goedkeuringsregel", native_enum=False),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "open", "goedgekeurd", "afgewezen", "verlopen", name="toekenningstatus", native_enum=False
            ),
            nullable=False,
        ),
        sa.Column("voorgesteld_door_id", sa.Integer(), nullable=False),
        sa.Column("voorgesteld_op", sa.DateTime(), nullable=False),
        sa.Column("vervalt_op", sa.DateTime(), nullable=False),
        sa.Column("afgerond_op", sa.DateTime(), nullable=True),
        sa.Column("reservation_id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("bedrag_cents > 0", name=op.f("ck_toekenningen_positief")),
        sa.ForeignKeyConstraint(
            ["aanpak_id"], ["aanpakken.id"], name=op.f("fk_toekenningen_aanpak_id_aanpakken")
        ),
        sa.ForeignKeyConstraint(["pot_id"], ["potten.id"], name=op.f("fk_toekenningen_pot_id_potten")),
        sa.ForeignKeyConstraint(
            ["reservation_id"],
            ["ledger_reservations.id"],
            name=op.f("fk_toekenningen_reservation_id_ledger_reservations"),
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_toekenningen_transaction_id_ledger_transactions"),
        ),
        sa.ForeignKeyConstraint(
            ["voorgesteld_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_toekenningen_voorgesteld_door_id_gebruikers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toekenningen")),
    )
    with op.batch_alter_table("toekenningen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_toekenningen_aanpak_id"), ["aanpak_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_toekenningen_pot_id"), ["pot_id"], unique=False)

    op.create_table(
        "toekenning_besluiten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("toekenning_id", sa.Integer(), nullable=False),
        sa.Column("bestuur_id", sa.Integer(), nullable=False),
        sa.Column(
            "besluit", sa.Enum("akkoord", "afgewezen", name="besluitkeuze", native_enum=False), nullable=False
        ),
        sa.Column("toelichting", sa.String(length=2000), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bestuur_id"], ["besturen.id"], name=op.f("fk_toekenning_besluiten_bestuur_id_besturen")
        ),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_toekenning_besluiten_gebruiker_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(
            ["toekenning_id"],
            ["toekenningen.id"],
            name=op.f("fk_toekenning_besluiten_toekenning_id_toekenningen"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toekenning_besluiten")),
        sa.UniqueConstraint(
            "toekenning_id", "bestuur_id", name=op.f("uq_toekenning_besluiten_toekenning_id_bestuur_id")
        ),
    )
    with op.batch_alter_table("toekenning_besluiten", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_toekenning_besluiten_toekenning_id"), ["toekenning_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("toekenning_besluiten", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_toekenning_besluiten_toekenning_id"))

    op.drop_table("toekenning_besluiten")
    with op.batch_alter_table("toekenningen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_toekenningen_pot_id"))
        batch_op.drop_index(batch_op.f("ix_toekenningen_aanpak_id"))

    op.drop_table("toekenningen")
    with op.batch_alter_table("bestedingen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bestedingen_aanpak_id"))

    op.drop_table("bestedingen")
    op.drop_table("aanpak_scholen")
    op.drop_table("aanpak_budgetten")
    with op.batch_alter_table("pot_wijken", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pot_wijken_wijk_id"))

    op.drop_table("pot_wijken")
    with op.batch_alter_table("pot_besturen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pot_besturen_bestuur_id"))

    op.drop_table("pot_besturen")
    with op.batch_alter_table("bijdragen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bijdragen_pot_id"))
        batch_op.drop_index(batch_op.f("ix_bijdragen_bestuur_id"))

    op.drop_table("bijdragen")
    with op.batch_alter_table("aanpakken", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aanpakken_pot_id"))

    op.drop_table("aanpakken")
    op.drop_table("potten")
