"""Nieuwe initiatieven: rounds with their criteria, applications with their versions, participating
boards, partners, wijken, ambitions, budget (cost lines, co-financing, deelplannen) and the reports
after a grant.

Only new tables, so the downgrade drops them (children first). The requested amount is not a column:
it is computed from the cost lines and the co-financing.

Revision ID: 0013i
Revises: 0012m
Create Date: 2026-12-05 13:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013i"
down_revision: str | None = "0012m"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "initiatief_rondes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=120), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("knock_out_minimum_honderdsten", sa.Integer(), nullable=False),
        sa.Column("begroting_regel_id", sa.Integer(), nullable=True),
        sa.Column("eerste_jaar", sa.Integer(), nullable=False),
        sa.Column("laatste_jaar", sa.Integer(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("aangemaakt_door_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "knock_out_minimum_honderdsten BETWEEN 0 AND 300",
            name=op.f("ck_initiatief_rondes_knock_out_minimum_op_schaal"),
        ),
        sa.CheckConstraint("laatste_jaar >= eerste_jaar", name=op.f("ck_initiatief_rondes_jaren_oplopend")),
        sa.ForeignKeyConstraint(
            ["aangemaakt_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_initiatief_rondes_aangemaakt_door_id_gebruikers"),
        ),
        sa.ForeignKeyConstraint(
            ["begroting_regel_id"],
            ["begroting_regels.id"],
            name=op.f("fk_initiatief_rondes_begroting_regel_id_begroting_regels"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiatief_rondes")),
        sa.UniqueConstraint("naam", name=op.f("uq_initiatief_rondes_naam")),
    )
    op.create_table(
        "initiatief_criteria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column(
            "soort", sa.Enum("formeel", "inhoudelijk", name="soort", native_enum=False), nullable=False
        ),
        sa.Column("gewicht", sa.Integer(), nullable=False),
        sa.Column("rubriek_0", sa.String(length=500), nullable=False),
        sa.Column("rubriek_1", sa.String(length=500), nullable=False),
        sa.Column("rubriek_2", sa.String(length=500), nullable=False),
        sa.Column("rubriek_3", sa.String(length=500), nullable=False),
        sa.CheckConstraint("gewicht >= 0", name=op.f("ck_initiatief_criteria_gewicht_niet_negatief")),
        sa.CheckConstraint("nummer BETWEEN 1 AND 10", name=op.f("ck_initiatief_criteria_nummer_1_tot_10")),
        sa.ForeignKeyConstraint(
            ["ronde_id"],
            ["initiatief_rondes.id"],
            name=op.f("fk_initiatief_criteria_ronde_id_initiatief_rondes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiatief_criteria")),
        sa.UniqueConstraint("ronde_id", "nummer", name=op.f("uq_initiatief_criteria_ronde_id_nummer")),
    )
    op.create_index(op.f("ix_initiatief_criteria_ronde_id"), "initiatief_criteria", ["ronde_id"])

    op.create_table(
        "aanvragen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("vorige_versie_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "concept",
                "ingediend",
                "in_beoordeling",
                "beoordeeld",
                "aangehouden",
                "toegekend",
                "afgewezen",
                "afgerond",
                name="status",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("aanvrager_id", sa.Integer(), nullable=False),
        sa.Column("titel", sa.String(length=200), nullable=False),
        sa.Column("samenvatting", sa.Text(), nullable=False),
        sa.Column("doelgroep", sa.Text(), nullable=False),
        sa.Column("verwacht_aantal_leerlingen", sa.Integer(), nullable=True),
        sa.Column("doelen", sa.Text(), nullable=False),
        sa.Column("werkwijze", sa.Text(), nullable=False),
        sa.Column("resultaten", sa.Text(), nullable=False),
        sa.Column("evaluatie", sa.Text(), nullable=False),
        sa.Column("kennisdeling", sa.Text(), nullable=False),
        sa.Column("onderbouwing", sa.Text(), nullable=False),
        sa.Column("afspraken", sa.Text(), nullable=False),
        sa.Column("duurzaamheid", sa.Text(), nullable=False),
        sa.Column("startdatum", sa.Date(), nullable=True),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("hiaat_wijk_id", sa.Integer(), nullable=True),
        sa.Column("hiaat_domein_id", sa.Integer(), nullable=True),
        sa.Column("agendapunt_id", sa.Integer(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(), nullable=False),
        sa.Column("ingediend_op", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "startdatum IS NULL OR einddatum IS NULL OR einddatum > startdatum",
            name=op.f("ck_aanvragen_eind_na_start"),
        ),
        sa.CheckConstraint("versie >= 1", name=op.f("ck_aanvragen_versie_positief")),
        sa.CheckConstraint(
            "verwacht_aantal_leerlingen >= 0", name=op.f("ck_aanvragen_leerlingen_niet_negatief")
        ),
        sa.ForeignKeyConstraint(
            ["aanvrager_id"], ["gebruikers.id"], name=op.f("fk_aanvragen_aanvrager_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(
            ["agendapunt_id"], ["agendapunten.id"], name=op.f("fk_aanvragen_agendapunt_id_agendapunten")
        ),
        sa.ForeignKeyConstraint(
            ["hiaat_domein_id"],
            ["expertisedomeinen.id"],
            name=op.f("fk_aanvragen_hiaat_domein_id_expertisedomeinen"),
        ),
        sa.ForeignKeyConstraint(
            ["hiaat_wijk_id"], ["wijken.id"], name=op.f("fk_aanvragen_hiaat_wijk_id_wijken")
        ),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["initiatief_rondes.id"], name=op.f("fk_aanvragen_ronde_id_initiatief_rondes")
        ),
        sa.ForeignKeyConstraint(
            ["vorige_versie_id"], ["aanvragen.id"], name=op.f("fk_aanvragen_vorige_versie_id_aanvragen")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanvragen")),
        sa.UniqueConstraint("vorige_versie_id", name=op.f("uq_aanvragen_vorige_versie_id")),
    )
    op.create_index(op.f("ix_aanvragen_aanvrager_id"), "aanvragen", ["aanvrager_id"])
    op.create_index(op.f("ix_aanvragen_ronde_id"), "aanvragen", ["ronde_id"])
    op.create_index(op.f("ix_aanvragen_status"), "aanvragen", ["status"])

    op.create_table(
        "aanvraag_ambities",
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("ambitie", sa.Enum("1", "2", "3", "4", name="ambitie", native_enum=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name=op.f("fk_aanvraag_ambities_aanvraag_id_aanvragen")
        ),
        sa.PrimaryKeyConstraint("aanvraag_id", "ambitie", name=op.f("pk_aanvraag_ambities")),
    )
    op.create_table(
        "aanvraag_deelnemers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("bestuur_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("is_hoofdaanvrager", sa.Boolean(), nullable=False),
        sa.Column("is_bevestigd", sa.Boolean(), nullable=False),
        sa.Column("uitgenodigd_door_id", sa.Integer(), nullable=True),
        sa.Column("uitgenodigd_op", sa.DateTime(), nullable=False),
        sa.Column("bevestigd_door_id", sa.Integer(), nullable=True),
        sa.Column("bevestigd_op", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "(bevestigd_op IS NULL) = (NOT is_bevestigd)",
            name=op.f("ck_aanvraag_deelnemers_bevestigd_met_datum"),
        ),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name=op.f("fk_aanvraag_deelnemers_aanvraag_id_aanvragen")
        ),
        sa.ForeignKeyConstraint(
            ["bestuur_id"], ["besturen.id"], name=op.f("fk_aanvraag_deelnemers_bestuur_id_besturen")
        ),
        sa.ForeignKeyConstraint(
            ["bevestigd_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_aanvraag_deelnemers_bevestigd_door_id_gebruikers"),
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["organisaties.id"], name=op.f("fk_aanvraag_deelnemers_school_id_organisaties")
        ),
        sa.ForeignKeyConstraint(
            ["uitgenodigd_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_aanvraag_deelnemers_uitgenodigd_door_id_gebruikers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanvraag_deelnemers")),
        sa.UniqueConstraint(
            "aanvraag_id", "bestuur_id", name=op.f("uq_aanvraag_deelnemers_aanvraag_id_bestuur_id")
        ),
    )
    op.create_index(op.f("ix_aanvraag_deelnemers_aanvraag_id"), "aanvraag_deelnemers", ["aanvraag_id"])
    op.create_index(op.f("ix_aanvraag_deelnemers_bestuur_id"), "aanvraag_deelnemers", ["bestuur_id"])
    op.create_index(op.f("ix_aanvraag_deelnemers_school_id"), "aanvraag_deelnemers", ["school_id"])

    op.create_table(
        "aanvraag_deelplannen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("titel", sa.String(length=200), nullable=False),
        sa.Column("beschrijving", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name=op.f("fk_aanvraag_deelplannen_aanvraag_id_aanvragen")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanvraag_deelplannen")),
    )
    op.create_index(op.f("ix_aanvraag_deelplannen_aanvraag_id"), "aanvraag_deelplannen", ["aanvraag_id"])

    op.create_table(
        "aanvraag_partners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("organisatie_id", sa.Integer(), nullable=True),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("rol", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name=op.f("fk_aanvraag_partners_aanvraag_id_aanvragen")
        ),
        sa.ForeignKeyConstraint(
            ["organisatie_id"],
            ["organisaties.id"],
            name=op.f("fk_aanvraag_partners_organisatie_id_organisaties"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanvraag_partners")),
    )
    op.create_index(op.f("ix_aanvraag_partners_aanvraag_id"), "aanvraag_partners", ["aanvraag_id"])

    op.create_table(
        "aanvraag_wijken",
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("wijk_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name=op.f("fk_aanvraag_wijken_aanvraag_id_aanvragen")
        ),
        sa.ForeignKeyConstraint(["wijk_id"], ["wijken.id"], name=op.f("fk_aanvraag_wijken_wijk_id_wijken")),
        sa.PrimaryKeyConstraint("aanvraag_id", "wijk_id", name=op.f("pk_aanvraag_wijken")),
    )
    op.create_index(op.f("ix_aanvraag_wijken_wijk_id"), "aanvraag_wijken", ["wijk_id"])

    op.create_table(
        "initiatief_rapportages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column(
            "soort", sa.Enum("tussentijds", "eind", name="rapportsoort", native_enum=False), nullable=False
        ),
        sa.Column("resultaten", sa.Text(), nullable=False),
        sa.Column("bereikte_leerlingen", sa.Integer(), nullable=False),
        sa.Column("evaluatie", sa.Text(), nullable=False),
        sa.Column(
            "vervolg",
            sa.Enum("eigen_middelen", "partners", "gestopt", name="vervolg", native_enum=False),
            nullable=True,
        ),
        sa.Column("toelichting_vervolg", sa.Text(), nullable=False),
        sa.Column("ingediend_door_id", sa.Integer(), nullable=False),
        sa.Column("ingediend_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "soort = 'tussentijds' OR vervolg IS NOT NULL",
            name=op.f("ck_initiatief_rapportages_eind_met_vervolg"),
        ),
        sa.CheckConstraint(
            "bereikte_leerlingen >= 0", name=op.f("ck_initiatief_rapportages_leerlingen_niet_negatief")
        ),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name=op.f("fk_initiatief_rapportages_aanvraag_id_aanvragen")
        ),
        sa.ForeignKeyConstraint(
            ["ingediend_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_initiatief_rapportages_ingediend_door_id_gebruikers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiatief_rapportages")),
        sa.UniqueConstraint("aanvraag_id", "soort", name=op.f("uq_initiatief_rapportages_aanvraag_id_soort")),
    )
    op.create_index(op.f("ix_initiatief_rapportages_aanvraag_id"), "initiatief_rapportages", ["aanvraag_id"])

    op.create_table(
        "aanvraag_cofinancieringen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("deelplan_id", sa.Integer(), nullable=True),
        sa.Column("bron", sa.String(length=200), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("bedrag_cents >= 0", name=op.f("ck_aanvraag_cofinancieringen_niet_negatief")),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name=op.f("fk_aanvraag_cofinancieringen_aanvraag_id_aanvragen")
        ),
        sa.ForeignKeyConstraint(
            ["deelplan_id"],
            ["aanvraag_deelplannen.id"],
            name=op.f("fk_aanvraag_cofinancieringen_deelplan_id_aanvraag_deelplannen"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanvraag_cofinancieringen")),
    )
    op.create_index(
        op.f("ix_aanvraag_cofinancieringen_aanvraag_id"), "aanvraag_cofinancieringen", ["aanvraag_id"]
    )
    op.create_index(
        op.f("ix_aanvraag_cofinancieringen_deelplan_id"), "aanvraag_cofinancieringen", ["deelplan_id"]
    )

    op.create_table(
        "aanvraag_kostenregels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("deelplan_id", sa.Integer(), nullable=True),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column(
            "soort",
            sa.Enum(
                "personeel",
                "inhuur",
                "scholing",
                "materiaal",
                "overig",
                name="kostensoort",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("omschrijving", sa.String(length=300), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("bedrag_cents >= 0", name=op.f("ck_aanvraag_kostenregels_niet_negatief")),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name=op.f("fk_aanvraag_kostenregels_aanvraag_id_aanvragen")
        ),
        sa.ForeignKeyConstraint(
            ["deelplan_id"],
            ["aanvraag_deelplannen.id"],
            name=op.f("fk_aanvraag_kostenregels_deelplan_id_aanvraag_deelplannen"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanvraag_kostenregels")),
    )
    op.create_index(op.f("ix_aanvraag_kostenregels_aanvraag_id"), "aanvraag_kostenregels", ["aanvraag_id"])
    op.create_index(op.f("ix_aanvraag_kostenregels_deelplan_id"), "aanvraag_kostenregels", ["deelplan_id"])


def downgrade() -> None:
    # Tables go in reverse order of creation; their indexes go with them.
    op.drop_table("aanvraag_kostenregels")
    op.drop_table("aanvraag_cofinancieringen")
    op.drop_table("initiatief_rapportages")
    op.drop_table("aanvraag_wijken")
    op.drop_table("aanvraag_partners")
    op.drop_table("aanvraag_deelplannen")
    op.drop_table("aanvraag_deelnemers")
    op.drop_table("aanvraag_ambities")
    op.drop_table("aanvragen")
    op.drop_table("initiatief_criteria")
    op.drop_table("initiatief_rondes")
