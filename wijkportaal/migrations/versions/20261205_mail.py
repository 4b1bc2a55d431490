"""E-mail: the outbox (messages and attachments), bounced addresses, notification settings and the
one-time links of a forgotten password.

Revision ID: 0012m
Revises: 0011b
Create Date: 2026-12-05 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012m"
down_revision: str | None = "0011b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUS = sa.Enum(
    "wachtend",
    "verzonden",
    "mislukt",
    "vastgehouden",
    "overzicht",
    "gebundeld",
    name="berichtstatus",
    native_enum=False,
)
FREQUENTIE = sa.Enum("direct", "dagelijks", "wekelijks", "uit", name="frequentie", native_enum=False)


def upgrade() -> None:
    op.create_table(
        "mail_berichten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=True),
        sa.Column("adres", sa.String(length=254), nullable=False),
        sa.Column("naam", sa.String(length=120), nullable=False),
        sa.Column("soort", sa.String(length=40), nullable=False),
        sa.Column("onderwerp", sa.String(length=200), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=500), nullable=False),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("pogingen", sa.Integer(), nullable=False),
        sa.Column("laatste_fout", sa.String(length=500), nullable=True),
        sa.Column("volgende_poging_op", sa.DateTime(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("verzonden_op", sa.DateTime(), nullable=True),
        sa.Column("dedup_sleutel", sa.String(length=200), nullable=True),
        sa.Column("overzicht_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_mail_berichten_gebruiker_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(
            ["overzicht_id"],
            ["mail_berichten.id"],
            name=op.f("fk_mail_berichten_overzicht_id_mail_berichten"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_berichten")),
        sa.UniqueConstraint("dedup_sleutel", name=op.f("uq_mail_berichten_dedup_sleutel")),
    )
    op.create_index(op.f("ix_mail_berichten_gebruiker_id"), "mail_berichten", ["gebruiker_id"])
    op.create_index(op.f("ix_mail_berichten_overzicht_id"), "mail_berichten", ["overzicht_id"])
    op.create_index(
        "ix_mail_berichten_status_volgende_poging_op", "mail_berichten", ["status", "volgende_poging_op"]
    )
    op.create_table(
        "mail_bijlagen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bericht_id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("inhoud", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bericht_id"], ["mail_berichten.id"], name=op.f("fk_mail_bijlagen_bericht_id_mail_berichten")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_bijlagen")),
    )
    op.create_index(op.f("ix_mail_bijlagen_bericht_id"), "mail_bijlagen", ["bericht_id"])
    op.create_table(
        "mail_bounces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("adres", sa.String(length=254), nullable=False),
        sa.Column("reden", sa.String(length=500), nullable=False),
        sa.Column("gemarkeerd_op", sa.DateTime(), nullable=False),
        sa.Column("gemarkeerd_door_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["gemarkeerd_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_mail_bounces_gemarkeerd_door_id_gebruikers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_bounces")),
        sa.UniqueConstraint("adres", name=op.f("uq_mail_bounces_adres")),
    )
    op.create_table(
        "mail_voorkeuren",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=40), nullable=False),
        sa.Column("frequentie", FREQUENTIE, nullable=False),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_mail_voorkeuren_gebruiker_id_gebruikers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_voorkeuren")),
        sa.UniqueConstraint("gebruiker_id", "soort", name=op.f("uq_mail_voorkeuren_gebruiker_id_soort")),
    )
    op.create_index(op.f("ix_mail_voorkeuren_gebruiker_id"), "mail_voorkeuren", ["gebruiker_id"])
    op.create_table(
        "wachtwoord_herstel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("verloopt_op", sa.DateTime(), nullable=False),
        sa.Column("gebruikt_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_wachtwoord_herstel_gebruiker_id_gebruikers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wachtwoord_herstel")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_wachtwoord_herstel_token_hash")),
    )
    op.create_index(op.f("ix_wachtwoord_herstel_gebruiker_id"), "wachtwoord_herstel", ["gebruiker_id"])


def downgrade() -> None:
    op.drop_table("wachtwoord_herstel")
    op.drop_table("mail_voorkeuren")
    op.drop_table("mail_bounces")
    op.drop_table("mail_bijlagen")
    op.drop_table("mail_berichten")
