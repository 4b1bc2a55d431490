"""Expertise en voorzieningen: the domain taxonomy, the expertise register with the wijken and schools
each offer serves, the bovenschoolse voorzieningen and the coverage bar.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 13:35:12.879634
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dekkingsnormen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("min_uren_per_1000", sa.Integer(), nullable=False),
        sa.Column("min_plaatsen_per_1000", sa.Integer(), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "min_plaatsen_per_1000 >= 0", name=op.f("ck_dekkingsnormen_plaatsen_niet_negatief")
        ),
        sa.CheckConstraint("min_uren_per_1000 >= 0", name=op.f("ck_dekkingsnormen_uren_niet_negatief")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dekkingsnormen")),
    )
    op.create_table(
        "expertisedomeinen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=120), nullable=False),
        sa.Column("omschrijving", sa.String(length=1000), nullable=False),
        sa.Column("volgorde", sa.Integer(), nullable=False),
        sa.Column("is_actief", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expertisedomeinen")),
        sa.UniqueConstraint("naam", name=op.f("uq_expertisedomeinen_naam")),
    )
    op.create_table(
        "expertise_aanbod",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=False),
        sa.Column("domein_id", sa.Integer(), nullable=False),
        sa.Column(
            "vorm",
            sa.Enum(
                "consultatie",
                "co-teaching",
                "ambulante begeleiding",
                "training en scholing",
                "arrangement",
                "groepsaanbod",
                name="vorm",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("omschrijving", sa.Text(), nullable=False),
        sa.Column("capaciteit", sa.Integer(), nullable=False),
        sa.Column("eenheid", sa.Enum("uren", "plaatsen", name="eenheid", native_enum=False), nullable=False),
        sa.Column("wachttijd_weken", sa.Integer(), nullable=True),
        sa.Column("contact_naam", sa.String(length=120), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=False),
        sa.Column("contact_telefoon", sa.String(length=40), nullable=False),
        sa.Column("geldig_van", sa.Date(), nullable=False),
        sa.Column("geldig_tot", sa.Date(), nullable=True),
        sa.Column("aangemaakt_door_id", sa.Integer(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("capaciteit >= 0", name=op.f("ck_expertise_aanbod_capaciteit_niet_negatief")),
        sa.CheckConstraint(
            "geldig_tot IS NULL OR geldig_tot >= geldig_van", name=op.f("ck_expertise_aanbod_periode")
        ),
        sa.CheckConstraint(
            "wachttijd_weken IS NULL OR wachttijd_weken >= 0",
            name=op.f("ck_expertise_aanbod_wachttijd_niet_negatief"),
        ),
        sa.ForeignKeyConstraint(
            ["aanbieder_id"], ["organisaties.id"], name=op.f("fk_expertise_aanbod_aanbieder_id_organisaties")
        ),
        sa.ForeignKeyConstraint(
            ["aangemaakt_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_expertise_aanbod_aangemaakt_door_id_gebruikers"),
        ),
        sa.ForeignKeyConstraint(
            ["domein_id"],
            ["expertisedomeinen.id"],
            name=op.f("fk_expertise_aanbod_domein_id_expertisedomeinen"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expertise_aanbod")),
    )
    with op.batch_alter_table("expertise_aanbod", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expertise_aanbod_aanbieder_id"), ["aanbieder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_expertise_aanbod_domein_id"), ["domein_id"], unique=False)

    op.create_table(
        "expertise_scholen",
        sa.Column("expertise_id", sa.Integer(), nullable=False),
        sa.Column("organisatie_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["expertise_id"],
            ["expertise_aanbod.id"],
            name=op.f("fk_expertise_scholen_expertise_id_expertise_aanbod"),
        ),
        sa.ForeignKeyConstraint(
            ["organisatie_id"],
            ["organisaties.id"],
            name=op.f("fk_expertise_scholen_organisatie_id_organisaties"),
        ),
        sa.PrimaryKeyConstraint("expertise_id", "organisatie_id", name=op.f("pk_expertise_scholen")),
    )
    with op.batch_alter_table("expertise_scholen", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expertise_scholen_organisatie_id"), ["organisatie_id"], unique=False
        )

    op.create_table(
        "expertise_wijken",
        sa.Column("expertise_id", sa.Integer(), nullable=False),
        sa.Column("wijk_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["expertise_id"],
            ["expertise_aanbod.id"],
            name=op.f("fk_expertise_wijken_expertise_id_expertise_aanbod"),
        ),
        sa.ForeignKeyConstraint(["wijk_id"], ["wijken.id"], name=op.f("fk_expertise_wijken_wijk_id_wijken")),
        sa.PrimaryKeyConstraint("expertise_id", "wijk_id", name=op.f("pk_expertise_wijken")),
    )
    with op.batch_alter_table("expertise_wijken", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expertise_wijken_wijk_id"), ["wijk_id"], unique=False)

    op.create_table(
        "voorzieningen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column(
            "soort",
            sa.Enum(
                "startklas",
                "thuiszittersgroep",
                "onderwijszorggroep",
                "plusklas",
                "taalklas",
                "maatwerkklas",
                "overig",
                name="voorzieningsoort",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("locatie_id", sa.Integer(), nullable=False),
        sa.Column("domein_id", sa.Integer(), nullable=True),
        sa.Column("doelgroep", sa.String(length=500), nullable=False),
        sa.Column("plaatsen", sa.Integer(), nullable=False),
        sa.Column("plaatsen_bezet", sa.Integer(), nullable=False),
        sa.Column("financiering", sa.String(length=200), nullable=False),
        sa.Column("aanpak_id", sa.Integer(), nullable=True),
        sa.Column("contact_naam", sa.String(length=120), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=False),
        sa.Column("geldig_van", sa.Date(), nullable=False),
        sa.Column("geldig_tot", sa.Date(), nullable=True),
        sa.Column("aangemaakt_door_id", sa.Integer(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "geldig_tot IS NULL OR geldig_tot >= geldig_van", name=op.f("ck_voorzieningen_periode")
        ),
        sa.CheckConstraint("plaatsen >= 0", name=op.f("ck_voorzieningen_plaatsen_niet_negatief")),
        sa.CheckConstraint("plaatsen_bezet >= 0", name=op.f("ck_voorzieningen_bezet_niet_negatief")),
        sa.ForeignKeyConstraint(
            ["aangemaakt_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_voorzieningen_aangemaakt_door_id_gebruikers"),
        ),
        sa.ForeignKeyConstraint(
            ["aanpak_id"], ["aanpakken.id"], name=op.f("fk_voorzieningen_aanpak_id_aanpakken")
        ),
        sa.ForeignKeyConstraint(
            ["domein_id"], ["expertisedomeinen.id"], name=op.f("fk_voorzieningen_domein_id_expertisedomeinen")
        ),
        sa.ForeignKeyConstraint(
            ["locatie_id"], ["organisaties.id"], name=op.f("fk_voorzieningen_locatie_id_organisaties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voorzieningen")),
    )
    with op.batch_alter_table("voorzieningen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voorzieningen_domein_id"), ["domein_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_voorzieningen_locatie_id"), ["locatie_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_voorzieningen_soort"), ["soort"], unique=False)

    op.create_table(
        "voorziening_wijken",
        sa.Column("voorziening_id", sa.Integer(), nullable=False),
        sa.Column("wijk_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["voorziening_id"],
            ["voorzieningen.id"],
            name=op.f("fk_voorziening_wijken_voorziening_id_voorzieningen"),
        ),
        sa.ForeignKeyConstraint(
            ["wijk_id"], ["wijken.id"], name=op.f("fk_voorziening_wijken_wijk_id_wijken")
        ),
        sa.PrimaryKeyConstraint("voorziening_id", "wijk_id", name=op.f("pk_voorziening_wijken")),
    )
    with op.batch_alter_table("voorziening_wijken", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voorziening_wijken_wijk_id"), ["wijk_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("voorziening_wijken", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voorziening_wijken_wijk_id"))

    op.drop_table("voorziening_wijken")
    with op.batch_alter_table("voorzieningen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voorzieningen_soort"))
        batch_op.drop_index(batch_op.f("ix_voorzieningen_locatie_id"))
        batch_op.drop_index(batch_op.f("ix_voorzieningen_domein_id"))

    op.drop_table("voorzieningen")
    with op.batch_alter_table("expertise_wijken", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expertise_wijken_wijk_id"))

    op.drop_table("expertise_wijken")
    with op.batch_alter_table("expertise_scholen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expertise_scholen_organisatie_id"))

    op.drop_table("expertise_scholen")
    with op.batch_alter_table("expertise_aanbod", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expertise_aanbod_domein_id"))
        batch_op.drop_index(batch_op.f("ix_expertise_aanbod_aanbieder_id"))

    op.drop_table("expertise_aanbod")
    op.drop_table("expertisedomeinen")
    op.drop_table("dekkingsnormen")
