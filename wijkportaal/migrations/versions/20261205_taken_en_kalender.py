"""Scheduled jobs: their schedules and last results, what they did once, APScheduler's job store.
Calendars: the users' feed tokens, and a meeting's SEQUENCE for calendar updates (0 for existing ones).

Revision ID: 0012a
Revises: 0011g
Create Date: 2026-12-05 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012a"
down_revision: str | None = "0011g"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The shape APScheduler's SQLAlchemyJobStore would create itself.
    op.create_table(
        "apscheduler_jobs",
        sa.Column("id", sa.Unicode(length=191), nullable=False),
        sa.Column("next_run_time", sa.Float(precision=25), nullable=True),
        sa.Column("job_state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apscheduler_jobs")),
    )
    op.create_index(
        op.f("ix_apscheduler_jobs_next_run_time"), "apscheduler_jobs", ["next_run_time"], unique=False
    )
    op.create_table(
        "taken",
        sa.Column("naam", sa.String(length=60), nullable=False),
        sa.Column("tijdstip", sa.String(length=5), nullable=True),
        sa.Column("interval_minuten", sa.Integer(), nullable=True),
        sa.Column("laatst_gestart_op", sa.DateTime(), nullable=True),
        sa.Column("laatst_klaar_op", sa.DateTime(), nullable=True),
        sa.Column("laatst_gelukt", sa.Boolean(), nullable=True),
        sa.Column("laatste_uitkomst", sa.String(length=500), nullable=False),
        sa.CheckConstraint("interval_minuten BETWEEN 1 AND 10080", name=op.f("ck_taken_interval")),
        sa.CheckConstraint("tijdstip IS NULL OR interval_minuten IS NULL", name=op.f("ck_taken_een_schema")),
        sa.PrimaryKeyConstraint("naam", name=op.f("pk_taken")),
    )
    op.create_table(
        "taken_uitgevoerd",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("taak", sa.String(length=60), nullable=False),
        sa.Column("onderwerp", sa.String(length=200), nullable=False),
        sa.Column("periode", sa.String(length=40), nullable=False),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taken_uitgevoerd")),
        sa.UniqueConstraint(
            "taak", "onderwerp", "periode", name=op.f("uq_taken_uitgevoerd_taak_onderwerp_periode")
        ),
    )
    op.create_table(
        "kalender_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("ingetrokken_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_kalender_tokens_gebruiker_id_gebruikers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kalender_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_kalender_tokens_token_hash")),
    )
    op.create_index(
        op.f("ix_kalender_tokens_gebruiker_id"), "kalender_tokens", ["gebruiker_id"], unique=False
    )
    with op.batch_alter_table("bijeenkomsten") as batch_op:
        batch_op.add_column(sa.Column("sequence", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite >= 3.35, PostgreSQL): batch mode would rebuild bijeenkomsten, which the
    # foreign keys of its agendas and amendments refuse while they hold rows.
    op.execute("ALTER TABLE bijeenkomsten DROP COLUMN sequence")
    op.drop_index(op.f("ix_kalender_tokens_gebruiker_id"), table_name="kalender_tokens")
    op.drop_table("kalender_tokens")
    op.drop_table("taken_uitgevoerd")
    op.drop_table("taken")
    op.drop_index(op.f("ix_apscheduler_jobs_next_run_time"), table_name="apscheduler_jobs")
    op.drop_table("apscheduler_jobs")
