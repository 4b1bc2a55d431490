"""Geen Kind de Buurt Uit monitor: referral counts per wijk and school year, targets, average costs,
vrijval proposals and the boards' decisions on them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 06:42:58.178519
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kostennormen",
        sa.Column("soort", sa.Enum("sbo", "so", name="verwijzingsoort", native_enum=False), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("bijgewerkt_door_id", sa.Integer(), nullable=True),
        sa.Column("bijgewerkt_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("bedrag_cents > 0", name=op.f("ck_kostennormen_positief")),
        sa.ForeignKeyConstraint(
            ["bijgewerkt_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_kostennormen_bijgewerkt_door_id_gebruikers"),
        ),
        sa.PrimaryKeyConstraint("soort", name=op.f("pk_kostennormen")),
    )
    op.create_table(
        "reductiedoelen",
        sa.Column("schooljaar", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("procent", sa.Integer(), nullable=False),
        sa.Column("bijgewerkt_door_id", sa.Integer(), nullable=True),
        sa.Column("bijgewerkt_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("procent BETWEEN 0 AND 100", name=op.f("ck_reductiedoelen_procent")),
        sa.ForeignKeyConstraint(
            ["bijgewerkt_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_reductiedoelen_bijgewerkt_door_id_gebruikers"),
        ),
        sa.PrimaryKeyConstraint("schooljaar", name=op.f("pk_reductiedoelen")),
    )
    op.create_table(
        "verwijzingstellingen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wijk_id", sa.Integer(), nullable=False),
        sa.Column("schooljaar", sa.Integer(), nullable=False),
        sa.Column("sbo", sa.Integer(), nullable=False),
        sa.Column("so", sa.Integer(), nullable=False),
        sa.Column("bijgewerkt_door_id", sa.Integer(), nullable=True),
        sa.Column("bijgewerkt_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("sbo >= 0", name=op.f("ck_verwijzingstellingen_sbo_niet_negatief")),
        sa.CheckConstraint(
            "schooljaar BETWEEN 2000 AND 2100", name=op.f("ck_verwijzingstellingen_schooljaar")
        ),
        sa.CheckConstraint("so >= 0", name=op.f("ck_verwijzingstellingen_so_niet_negatief")),
        sa.ForeignKeyConstraint(
            ["bijgewerkt_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_verwijzingstellingen_bijgewerkt_door_id_gebruikers"),
        ),
        sa.ForeignKeyConstraint(
            ["wijk_id"], ["wijken.id"], name=op.f("fk_verwijzingstellingen_wijk_id_wijken")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verwijzingstellingen")),
        sa.UniqueConstraint("wijk_id", "schooljaar", name=op.f("uq_verwijzingstellingen_wijk_id_schooljaar")),
    )
    with op.batch_alter_table("verwijzingstellingen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verwijzingstellingen_wijk_id"), ["wijk_id"], unique=False)

    op.create_table(
        "vrijval_voorstellen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wijk_id", sa.Integer(), nullable=False),
        sa.Column("schooljaar", sa.Integer(), nullable=False),
        sa.Column("pot_id", sa.Integer(), nullable=False),
        sa.Column("vermeden_sbo", sa.Integer(), nullable=False),
        sa.Column("vermeden_so", sa.Integer(), nullable=False),
        sa.Column("kosten_sbo_cents", sa.BigInteger(), nullable=False),
        sa.Column("kosten_so_cents", sa.BigInteger(), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("toelichting", sa.String(length=2000), nullable=False),
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
        sa.Column("afgerond_op", sa.DateTime(), nullable=True),
        sa.Column("bijdrage_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("bedrag_cents > 0", name=op.f("ck_vrijval_voorstellen_positief")),
        sa.CheckConstraint(
            "vermeden_sbo >= 0 AND vermeden_so >= 0",
            name=op.f("ck_vrijval_voorstellen_vermeden_niet_negatief"),
        ),
        sa.CheckConstraint(
            "bedrag_cents = vermeden_sbo * kosten_sbo_cents + vermeden_so * kosten_so_cents",
            name=op.f("ck_vrijval_voorstellen_berekening"),
        ),
        sa.ForeignKeyConstraint(
            ["bijdrage_id"], ["bijdragen.id"], name=op.f("fk_vrijval_voorstellen_bijdrage_id_bijdragen")
        ),
        sa.ForeignKeyConstraint(["pot_id"], ["potten.id"], name=op.f("fk_vrijval_voorstellen_pot_id_potten")),
        sa.ForeignKeyConstraint(
            ["voorgesteld_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_vrijval_voorstellen_voorgesteld_door_id_gebruikers"),
        ),
        sa.ForeignKeyConstraint(
            ["wijk_id"], ["wijken.id"], name=op.f("fk_vrijval_voorstellen_wijk_id_wijken")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vrijval_voorstellen")),
    )
    with op.batch_alter_table("vrijval_voorstellen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vrijval_voorstellen_pot_id"), ["pot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vrijval_voorstellen_wijk_id"), ["wijk_id"], unique=False)
        # One live proposal per wijk and school year: the same vrijval never goes into a pot twice.
        batch_op.create_index(
            "uq_vrijval_voorstellen_wijk_id_schooljaar_lopend",
            ["wijk_id", "schooljaar"],
            unique=True,
            sqlite_where=sa.text("status IN ('open', 'goedgekeurd')"),
            postgresql_where=sa.text("status IN ('open', 'goedgekeurd')"),
        )

    op.create_table(
        "vrijval_besluiten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voorstel_id", sa.Integer(), nullable=False),
        sa.Column("bestuur_id", sa.Integer(), nullable=False),
        sa.Column(
            "besluit", sa.Enum("akkoord", "afgewezen", name="besluitkeuze", native_enum=False), nullable=False
        ),
        sa.Column("toelichting", sa.String(length=2000), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bestuur_id"], ["besturen.id"], name=op.f("fk_vrijval_besluiten_bestuur_id_besturen")
        ),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_vrijval_besluiten_gebruiker_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(
            ["voorstel_id"],
            ["vrijval_voorstellen.id"],
            name=op.f("fk_vrijval_besluiten_voorstel_id_vrijval_voorstellen"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vrijval_besluiten")),
        sa.UniqueConstraint(
            "voorstel_id", "bestuur_id", name=op.f("uq_vrijval_besluiten_voorstel_id_bestuur_id")
        ),
    )
    with op.batch_alter_table("vrijval_besluiten", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vrijval_besluiten_voorstel_id"), ["voorstel_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("vrijval_besluiten", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vrijval_besluiten_voorstel_id"))

    op.drop_table("vrijval_besluiten")
    with op.batch_alter_table("vrijval_voorstellen", schema=None) as batch_op:
        batch_op.drop_index("uq_vrijval_voorstellen_wijk_id_schooljaar_lopend")
        batch_op.drop_index(batch_op.f("ix_vrijval_voorstellen_wijk_id"))
        batch_op.drop_index(batch_op.f("ix_vrijval_voorstellen_pot_id"))

    op.drop_table("vrijval_voorstellen")
    with op.batch_alter_table("verwijzingstellingen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verwijzingstellingen_wijk_id"))

    op.drop_table("verwijzingstellingen")
    op.drop_table("reductiedoelen")
    op.drop_table("kostennormen")
