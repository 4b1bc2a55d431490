"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 05:54:44.137802
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "besturen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("bestuursnummer", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_besturen")),
        sa.UniqueConstraint("bestuursnummer", name=op.f("uq_besturen_bestuursnummer")),
    )
    op.create_table(
        "overlegnormen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_maanden", sa.Integer(), nullable=False),
        sa.Column("min_bijeenkomsten", sa.Integer(), nullable=False),
        sa.Column("max_dagen_sinds_laatste", sa.Integer(), nullable=False),
        sa.Column("min_pct_vastgesteld", sa.Integer(), nullable=False),
        sa.Column("min_pct_okt_so", sa.Integer(), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("min_pct_okt_so BETWEEN 0 AND 100", name=op.f("ck_overlegnormen_pct_okt_so")),
        sa.CheckConstraint(
            "min_pct_vastgesteld BETWEEN 0 AND 100", name=op.f("ck_overlegnormen_pct_vastgesteld")
        ),
        sa.CheckConstraint("periode_maanden BETWEEN 1 AND 36", name=op.f("ck_overlegnormen_periode")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overlegnormen")),
    )
    op.create_table(
        "regios",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("naam", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regios")),
        sa.UniqueConstraint("code", name=op.f("uq_regios_code")),
    )
    op.create_table(
        "themas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=120), nullable=False),
        sa.Column("omschrijving", sa.String(length=1000), nullable=False),
        sa.Column("is_actief", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themas")),
        sa.UniqueConstraint("naam", name=op.f("uq_themas_naam")),
    )
    op.create_table(
        "verplichte_themas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schooljaar", sa.Integer(), nullable=False),
        sa.Column("thema_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["thema_id"], ["themas.id"], name=op.f("fk_verplichte_themas_thema_id_themas")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verplichte_themas")),
        sa.UniqueConstraint("schooljaar", "thema_id", name=op.f("uq_verplichte_themas_schooljaar_thema_id")),
    )
    with op.batch_alter_table("verplichte_themas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verplichte_themas_schooljaar"), ["schooljaar"], unique=False)

    op.create_table(
        "wijken",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("naam", sa.String(length=120), nullable=False),
        sa.Column("regio_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["regio_id"], ["regios.id"], name=op.f("fk_wijken_regio_id_regios")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wijken")),
        sa.UniqueConstraint("code", name=op.f("uq_wijken_code")),
    )
    with op.batch_alter_table("wijken", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wijken_regio_id"), ["regio_id"], unique=False)

    op.create_table(
        "organisaties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column(
            "soort",
            sa.Enum(
                "basisschool",
                "sbo",
                "so",
                "okt",
                "leerplicht",
                "jgz",
                "zorgaanbieder",
                "gemeente",
                "swv",
                "overig",
                name="organisatiesoort",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("code", sa.String(length=20), nullable=True),
        sa.Column("wijk_id", sa.Integer(), nullable=True),
        sa.Column("bestuur_id", sa.Integer(), nullable=True),
        sa.Column("adres", sa.String(length=200), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("plaats", sa.String(length=80), nullable=True),
        sa.Column("leerlingen", sa.Integer(), nullable=True),
        sa.Column("is_actief", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bestuur_id"], ["besturen.id"], name=op.f("fk_organisaties_bestuur_id_besturen")
        ),
        sa.ForeignKeyConstraint(["wijk_id"], ["wijken.id"], name=op.f("fk_organisaties_wijk_id_wijken")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisaties")),
        sa.UniqueConstraint("code", name=op.f("uq_organisaties_code")),
    )
    with op.batch_alter_table("organisaties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisaties_bestuur_id"), ["bestuur_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_organisaties_soort"), ["soort"], unique=False)
        batch_op.create_index(batch_op.f("ix_organisaties_wijk_id"), ["wijk_id"], unique=False)

    op.create_table(
        "gebruikers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("naam", sa.String(length=120), nullable=False),
        sa.Column(
            "rol",
            sa.Enum(
                "beheerder",
                "swv",
                "directeur",
                "beoordelaar",
                "bestuurder",
                "schoolleider",
                "partner",
                name="rol",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("wachtwoord_hash", sa.String(length=255), nullable=True),
        sa.Column("bestuur_id", sa.Integer(), nullable=True),
        sa.Column("organisatie_id", sa.Integer(), nullable=True),
        sa.Column("wijk_id", sa.Integer(), nullable=True),
        sa.Column("is_actief", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bestuur_id"], ["besturen.id"], name=op.f("fk_gebruikers_bestuur_id_besturen")
        ),
        sa.ForeignKeyConstraint(
            ["organisatie_id"], ["organisaties.id"], name=op.f("fk_gebruikers_organisatie_id_organisaties")
        ),
        sa.ForeignKeyConstraint(["wijk_id"], ["wijken.id"], name=op.f("fk_gebruikers_wijk_id_wijken")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gebruikers")),
        sa.UniqueConstraint("email", name=op.f("uq_gebruikers_email")),
    )
    with op.batch_alter_table("gebruikers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gebruikers_bestuur_id"), ["bestuur_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_gebruikers_organisatie_id"), ["organisatie_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_gebruikers_wijk_id"), ["wijk_id"], unique=False)

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=12), nullable=False),
        sa.Column("omschrijving", sa.String(length=120), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("aangemaakt_door_id", sa.Integer(), nullable=True),
        sa.Column("ingetrokken_op", sa.DateTime(), nullable=True),
        sa.Column("laatst_gebruikt_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["aangemaakt_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_api_tokens_aangemaakt_door_id_gebruikers"),
        ),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_api_tokens_gebruiker_id_gebruikers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_gebruiker_id"), ["gebruiker_id"], unique=False)

    op.create_table(
        "auditregels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=True),
        sa.Column("object_soort", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=True),
        sa.Column("actie", sa.String(length=40), nullable=False),
        sa.Column("wijk_id", sa.Integer(), nullable=True),
        sa.Column("wijzigingen", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_auditregels_gebruiker_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(["wijk_id"], ["wijken.id"], name=op.f("fk_auditregels_wijk_id_wijken")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auditregels")),
    )
    with op.batch_alter_table("auditregels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auditregels_gebruiker_id"), ["gebruiker_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_auditregels_op"), ["op"], unique=False)
        batch_op.create_index(batch_op.f("ix_auditregels_wijk_id"), ["wijk_id"], unique=False)

    op.create_table(
        "sessies",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("beeindigd_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_sessies_gebruiker_id_gebruikers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessies")),
    )
    with op.batch_alter_table("sessies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sessies_gebruiker_id"), ["gebruiker_id"], unique=False)

    op.create_table(
        "wijkoverleggen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wijk_id", sa.Integer(), nullable=False),
        sa.Column("voorzitter_id", sa.Integer(), nullable=True),
        sa.Column("secretaris_id", sa.Integer(), nullable=True),
        sa.Column("opgericht_op", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["secretaris_id"], ["gebruikers.id"], name=op.f("fk_wijkoverleggen_secretaris_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(
            ["voorzitter_id"], ["gebruikers.id"], name=op.f("fk_wijkoverleggen_voorzitter_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(["wijk_id"], ["wijken.id"], name=op.f("fk_wijkoverleggen_wijk_id_wijken")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wijkoverleggen")),
        sa.UniqueConstraint("wijk_id", name=op.f("uq_wijkoverleggen_wijk_id")),
    )
    with op.batch_alter_table("wijkoverleggen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wijkoverleggen_secretaris_id"), ["secretaris_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_wijkoverleggen_voorzitter_id"), ["voorzitter_id"], unique=False)

    op.create_table(
        "bijeenkomsten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wijkoverleg_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("eind", sa.DateTime(), nullable=False),
        sa.Column("locatie", sa.String(length=200), nullable=False),
        sa.Column("online_link", sa.String(length=500), nullable=False),
        sa.Column("is_geannuleerd", sa.Boolean(), nullable=False),
        sa.Column("agenda_vastgesteld_op", sa.DateTime(), nullable=True),
        sa.Column("agenda_vastgesteld_door_id", sa.Integer(), nullable=True),
        sa.Column("notulen_vastgesteld_op", sa.DateTime(), nullable=True),
        sa.Column("notulen_vastgesteld_door_id", sa.Integer(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("eind > start", name=op.f("ck_bijeenkomsten_eind_na_start")),
        sa.ForeignKeyConstraint(
            ["agenda_vastgesteld_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_bijeenkomsten_agenda_vastgesteld_door_id_gebruikers"),
        ),
        sa.ForeignKeyConstraint(
            ["notulen_vastgesteld_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_bijeenkomsten_notulen_vastgesteld_door_id_gebruikers"),
        ),
        sa.ForeignKeyConstraint(
            ["wijkoverleg_id"],
            ["wijkoverleggen.id"],
            name=op.f("fk_bijeenkomsten_wijkoverleg_id_wijkoverleggen"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bijeenkomsten")),
    )
    with op.batch_alter_table("bijeenkomsten", schema=None) as batch_op:
        batch_op.create_index("ix_bijeenkomsten_overleg_start", ["wijkoverleg_id", "start"], unique=False)

    op.create_table(
        "lidmaatschappen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wijkoverleg_id", sa.Integer(), nullable=False),
        sa.Column("organisatie_id", sa.Integer(), nullable=False),
        sa.Column("sinds", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisatie_id"],
            ["organisaties.id"],
            name=op.f("fk_lidmaatschappen_organisatie_id_organisaties"),
        ),
        sa.ForeignKeyConstraint(
            ["wijkoverleg_id"],
            ["wijkoverleggen.id"],
            name=op.f("fk_lidmaatschappen_wijkoverleg_id_wijkoverleggen"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lidmaatschappen")),
        sa.UniqueConstraint(
            "wijkoverleg_id", "organisatie_id", name=op.f("uq_lidmaatschappen_wijkoverleg_id_organisatie_id")
        ),
    )
    with op.batch_alter_table("lidmaatschappen", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lidmaatschappen_organisatie_id"), ["organisatie_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_lidmaatschappen_wijkoverleg_id"), ["wijkoverleg_id"], unique=False
        )

    op.create_table(
        "aanwezigheden",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bijeenkomst_id", sa.Integer(), nullable=False),
        sa.Column("organisatie_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("aanwezig", "afgemeld", "afwezig", name="aanwezigheidstatus", native_enum=False),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["bijeenkomst_id"],
            ["bijeenkomsten.id"],
            name=op.f("fk_aanwezigheden_bijeenkomst_id_bijeenkomsten"),
        ),
        sa.ForeignKeyConstraint(
            ["organisatie_id"], ["organisaties.id"], name=op.f("fk_aanwezigheden_organisatie_id_organisaties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanwezigheden")),
        sa.UniqueConstraint(
            "bijeenkomst_id", "organisatie_id", name=op.f("uq_aanwezigheden_bijeenkomst_id_organisatie_id")
        ),
    )
    with op.batch_alter_table("aanwezigheden", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aanwezigheden_bijeenkomst_id"), ["bijeenkomst_id"], unique=False)

    op.create_table(
        "agendapunten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bijeenkomst_id", sa.Integer(), nullable=False),
        sa.Column("volgorde", sa.Integer(), nullable=False),
        sa.Column("titel", sa.String(length=200), nullable=False),
        sa.Column("beschrijving", sa.Text(), nullable=False),
        sa.Column("eigenaar", sa.String(length=120), nullable=False),
        sa.Column("minuten", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "agenda", "voorgesteld", "afgewezen", "geschrapt", name="agendapuntstatus", native_enum=False
            ),
            nullable=False,
        ),
        sa.Column("voorgesteld_door_id", sa.Integer(), nullable=True),
        sa.Column("notulen", sa.Text(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.CheckConstraint("minuten BETWEEN 1 AND 480", name=op.f("ck_agendapunten_minuten")),
        sa.ForeignKeyConstraint(
            ["bijeenkomst_id"],
            ["bijeenkomsten.id"],
            name=op.f("fk_agendapunten_bijeenkomst_id_bijeenkomsten"),
        ),
        sa.ForeignKeyConstraint(
            ["voorgesteld_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_agendapunten_voorgesteld_door_id_gebruikers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agendapunten")),
    )
    with op.batch_alter_table("agendapunten", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agendapunten_bijeenkomst_id"), ["bijeenkomst_id"], unique=False)

    op.create_table(
        "actiepunten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wijkoverleg_id", sa.Integer(), nullable=False),
        sa.Column("bijeenkomst_id", sa.Integer(), nullable=False),
        sa.Column("agendapunt_id", sa.Integer(), nullable=True),
        sa.Column("omschrijving", sa.String(length=500), nullable=False),
        sa.Column("eigenaar", sa.String(length=120), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("open", "afgerond", "vervallen", name="actiepuntstatus", native_enum=False),
            nullable=False,
        ),
        sa.Column("afgerond_op", sa.DateTime(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agendapunt_id"], ["agendapunten.id"], name=op.f("fk_actiepunten_agendapunt_id_agendapunten")
        ),
        sa.ForeignKeyConstraint(
            ["bijeenkomst_id"], ["bijeenkomsten.id"], name=op.f("fk_actiepunten_bijeenkomst_id_bijeenkomsten")
        ),
        sa.ForeignKeyConstraint(
            ["wijkoverleg_id"],
            ["wijkoverleggen.id"],
            name=op.f("fk_actiepunten_wijkoverleg_id_wijkoverleggen"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actiepunten")),
    )
    with op.batch_alter_table("actiepunten", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actiepunten_bijeenkomst_id"), ["bijeenkomst_id"], unique=False)
        batch_op.create_index("ix_actiepunten_overleg_status", ["wijkoverleg_id", "status"], unique=False)

    op.create_table(
        "agendapunt_themas",
        sa.Column("agendapunt_id", sa.Integer(), nullable=False),
        sa.Column("thema_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agendapunt_id"],
            ["agendapunten.id"],
            name=op.f("fk_agendapunt_themas_agendapunt_id_agendapunten"),
        ),
        sa.ForeignKeyConstraint(
            ["thema_id"], ["themas.id"], name=op.f("fk_agendapunt_themas_thema_id_themas")
        ),
        sa.PrimaryKeyConstraint("agendapunt_id", "thema_id", name=op.f("pk_agendapunt_themas")),
    )
    with op.batch_alter_table("agendapunt_themas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agendapunt_themas_thema_id"), ["thema_id"], unique=False)

    op.create_table(
        "amendementen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bijeenkomst_id", sa.Integer(), nullable=False),
        sa.Column("agendapunt_id", sa.Integer(), nullable=True),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.Column("omschrijving", sa.String(length=500), nullable=False),
        sa.Column("reden", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["agendapunt_id"], ["agendapunten.id"], name=op.f("fk_amendementen_agendapunt_id_agendapunten")
        ),
        sa.ForeignKeyConstraint(
            ["bijeenkomst_id"],
            ["bijeenkomsten.id"],
            name=op.f("fk_amendementen_bijeenkomst_id_bijeenkomsten"),
        ),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_amendementen_gebruiker_id_gebruikers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amendementen")),
    )
    with op.batch_alter_table("amendementen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_amendementen_bijeenkomst_id"), ["bijeenkomst_id"], unique=False)

    op.create_table(
        "besluiten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bijeenkomst_id", sa.Integer(), nullable=False),
        sa.Column("agendapunt_id", sa.Integer(), nullable=True),
        sa.Column("tekst", sa.String(length=2000), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agendapunt_id"], ["agendapunten.id"], name=op.f("fk_besluiten_agendapunt_id_agendapunten")
        ),
        sa.ForeignKeyConstraint(
            ["bijeenkomst_id"], ["bijeenkomsten.id"], name=op.f("fk_besluiten_bijeenkomst_id_bijeenkomsten")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_besluiten")),
    )
    with op.batch_alter_table("besluiten", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_besluiten_bijeenkomst_id"), ["bijeenkomst_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("besluiten", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_besluiten_bijeenkomst_id"))

    op.drop_table("besluiten")
    with op.batch_alter_table("amendementen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_amendementen_bijeenkomst_id"))

    op.drop_table("amendementen")
    with op.batch_alter_table("agendapunt_themas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agendapunt_themas_thema_id"))

    op.drop_table("agendapunt_themas")
    with op.batch_alter_table("actiepunten", schema=None) as batch_op:
        batch_op.drop_index("ix_actiepunten_overleg_status")
        batch_op.drop_index(batch_op.f("ix_actiepunten_bijeenkomst_id"))

    op.drop_table("actiepunten")
    with op.batch_alter_table("agendapunten", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agendapunten_bijeenkomst_id"))

    op.drop_table("agendapunten")
    with op.batch_alter_table("aanwezigheden", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aanwezigheden_bijeenkomst_id"))

    op.drop_table("aanwezigheden")
    with op.batch_alter_table("lidmaatschappen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lidmaatschappen_wijkoverleg_id"))
        batch_op.drop_index(batch_op.f("ix_lidmaatschappen_organisatie_id"))

    op.drop_table("lidmaatschappen")
    with op.batch_alter_table("bijeenkomsten", schema=None) as batch_op:
        batch_op.drop_index("ix_bijeenkomsten_overleg_start")

    op.drop_table("bijeenkomsten")
    with op.batch_alter_table("wijkoverleggen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wijkoverleggen_voorzitter_id"))
        batch_op.drop_index(batch_op.f("ix_wijkoverleggen_secretaris_id"))

    op.drop_table("wijkoverleggen")
    with op.batch_alter_table("sessies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessies_gebruiker_id"))

    op.drop_table("sessies")
    with op.batch_alter_table("auditregels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auditregels_wijk_id"))
        batch_op.drop_index(batch_op.f("ix_auditregels_op"))
        batch_op.drop_index(batch_op.f("ix_auditregels_gebruiker_id"))

    op.drop_table("auditregels")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_gebruiker_id"))

    op.drop_table("api_tokens")
    with op.batch_alter_table("gebruikers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gebruikers_wijk_id"))
        batch_op.drop_index(batch_op.f("ix_gebruikers_organisatie_id"))
        batch_op.drop_index(batch_op.f("ix_gebruikers_bestuur_id"))

    op.drop_table("gebruikers")
    with op.batch_alter_table("organisaties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisaties_wijk_id"))
        batch_op.drop_index(batch_op.f("ix_organisaties_soort"))
        batch_op.drop_index(batch_op.f("ix_organisaties_bestuur_id"))

    op.drop_table("organisaties")
    with op.batch_alter_table("wijken", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wijken_regio_id"))

    op.drop_table("wijken")
    with op.batch_alter_table("verplichte_themas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verplichte_themas_schooljaar"))

    op.drop_table("verplichte_themas")
    op.drop_table("themas")
    op.drop_table("regios")
    op.drop_table("overlegnormen")
    op.drop_table("besturen")
