"""The ledger cannot be emptied: TRUNCATE refused, posted transactions sealed, the chain head counts.

- PostgreSQL: a BEFORE TRUNCATE trigger on every ledger table refuses (TRUNCATE fires no DELETE trigger,
  so the guards of 0002 did not stop it). SQLite has no TRUNCATE: its fast "truncate" is a DELETE without
  WHERE, which SQLite never optimises on a table with a DELETE trigger, so the DELETE guards of 0002 (and
  the one on the chain head below) refuse it.
- PostgreSQL: postings can no longer be added to a posted transaction (SQLite has refused it since 0002 with
  `ledger_postings_sealed`). The ledger writes a transaction's postings and header in one statement, so
  a posting is accepted only together with its header: same inserting transaction and command.
- Both: the chain head may not be deleted, and records `transaction_count`, so `flask ledger check`
  notices a ledger that lost transactions behind it.

Revision ID: 0014l
Revises: 0014h
Create Date: 2026-12-06 00:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014l"
down_revision: str | None = "0014h"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEDGER_TABLES = (
    "ledger_accounts",
    "ledger_balances",
    "ledger_chain_head",
    "ledger_transactions",
    "ledger_postings",
    "ledger_reservations",
)

POSTGRESQL_GUARDS = [
    """
    CREATE FUNCTION ledger_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'ledger: TRUNCATE of % is not allowed; the ledger is never emptied', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END $$
    """,
    *(
        f"""
        CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate()
        """
        for table in LEDGER_TABLES
    ),
    """
    CREATE TRIGGER ledger_chain_head_no_delete BEFORE DELETE ON ledger_chain_head
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()
    """,
    # A posting whose header was written by another transaction, or by an earlier statement of this one,
    # lands on a posted transaction: refused. Rows of one statement share xmin and cmin.
    """
    CREATE FUNCTION ledger_refuse_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        tx_id integer;
    BEGIN
        SELECT t.id INTO tx_id
        FROM nieuw n
        JOIN ledger_postings p ON p.id = n.id
        JOIN ledger_transactions t ON t.id = n.transaction_id
        WHERE NOT (t.xmin = p.xmin AND t.cmin = p.cmin)
        LIMIT 1;
        IF tx_id IS NOT NULL THEN
            RAISE EXCEPTION 'ledger: postings cannot be added to posted transaction %', tx_id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER ledger_postings_sealed AFTER INSERT ON ledger_postings
    REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_sealed()
    """,
]

SQLITE_GUARDS = [
    """
    CREATE TRIGGER ledger_chain_head_no_delete BEFORE DELETE ON ledger_chain_head
    BEGIN SELECT RAISE(ABORT, 'ledger: DELETE on ledger_chain_head is not allowed'); END
    """,
]


def upgrade() -> None:
    with op.batch_alter_table("ledger_chain_head", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("transaction_count", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
    op.execute("UPDATE ledger_chain_head SET transaction_count = (SELECT COUNT(*) FROM ledger_transactions)")
    guards = POSTGRESQL_GUARDS if op.get_bind().dialect.name == "postgresql" else SQLITE_GUARDS
    for statement in guards:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in LEDGER_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP TRIGGER IF EXISTS ledger_chain_head_no_delete ON ledger_chain_head")
        op.execute("DROP TRIGGER IF EXISTS ledger_postings_sealed ON ledger_postings")
        op.execute("DROP FUNCTION IF EXISTS ledger_refuse_truncate()")
        op.execute("DROP FUNCTION IF EXISTS ledger_refuse_sealed()")
    else:
        op.execute("DROP TRIGGER IF EXISTS ledger_chain_head_no_delete")
    with op.batch_alter_table("ledger_chain_head", schema=None) as batch_op:
        batch_op.drop_column("transaction_count")
