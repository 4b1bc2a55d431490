"""The ledger: accounts, balances, append-only transactions and postings, reservations.

The database itself refuses UPDATE and DELETE of transactions and postings and an unbalanced
transaction, so a stray statement from outside the app fails too.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 06:28:50.682169
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


POSTGRESQL_GUARDS = [
    """
    CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'ledger: % on % is not allowed; post a reversing transaction instead', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END $$
    """,
    """
    CREATE TRIGGER ledger_transactions_immutable BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()
    """,
    """
    CREATE TRIGGER ledger_postings_immutable BEFORE UPDATE OR DELETE ON ledger_postings
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()
    """,
    # Checked at commit, when all postings of a transaction are in: they sum to zero, two or more.
    """
    CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        tx_id integer;
        total bigint;
        n integer;
    BEGIN
        IF TG_TABLE_NAME = 'ledger_postings' THEN
            tx_id := NEW.transaction_id;
        ELSE
            tx_id := NEW.id;
        END IF;
        SELECT COALESCE(SUM(cents), 0), COUNT(*) INTO total, n FROM ledger_postings WHERE transaction_id = tx_id;
        IF total <> 0 OR n < 2 THEN
            RAISE EXCEPTION 'ledger: transaction % is unbalanced (sum %, % postings)', tx_id, total, n
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced()
    """,
    """
    CREATE CONSTRAINT TRIGGER ledger_transactions_balanced AFTER INSERT ON ledger_transactions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced()
    """,
]

SQLITE_TRIGGERS = [
    "ledger_transactions_no_update",
    "ledger_transactions_no_delete",
    "ledger_postings_no_update",
    "ledger_postings_no_delete",
    "ledger_transactions_balanced",
    "ledger_postings_sealed",
]
SQLITE_GUARDS = [
    *(
        f"""
        CREATE TRIGGER {table}_no_{op_name.lower()} BEFORE {op_name} ON {table}
        BEGIN SELECT RAISE(ABORT, 'ledger: {op_name} on {table} is not allowed; post a reversing transaction instead'); END
        """
        for table in ("ledger_transactions", "ledger_postings")
        for op_name in ("UPDATE", "DELETE")
    ),
    # SQLite cannot defer a trigger: a transaction's postings go in first, its header last, and the
    # header is refused unless its postings sum to zero; after that the transaction is sealed.
    """
    CREATE TRIGGER ledger_transactions_balanced AFTER INSERT ON ledger_transactions
    WHEN (SELECT COALESCE(SUM(cents), 0) FROM ledger_postings WHERE transaction_id = NEW.id) <> 0
      OR (SELECT COUNT(*) FROM ledger_postings WHERE transaction_id = NEW.id) < 2
    BEGIN SELECT RAISE(ABORT, 'ledger: unbalanced transaction'); END
    """,
    """
    CREATE TRIGGER ledger_postings_sealed BEFORE INSERT ON ledger_postings
    WHEN EXISTS (SELECT 1 FROM ledger_transactions WHERE id = NEW.transaction_id)
    BEGIN SELECT RAISE(ABORT, 'ledger: postings cannot be added to a posted transaction'); END
    """,
]


def upgrade() -> None:

    op.create_table(
        "ledger_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=120), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "pot",
                "bijdrage",
                "budget",
                "cofinanciering",
                "aanpak",
                "uitgaven",
                name="accountkind",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("is_closed", sa.Boolean(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_accounts")),
        sa.UniqueConstraint("code", name=op.f("uq_ledger_accounts_code")),
    )
    op.create_table(
        "ledger_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_chain_head")),
    )
    op.create_table(
        "ledger_transactions",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("entered_by", sa.String(length=200), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("content_digest", sa.String(length=64), nullable=False),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["reverses_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_ledger_transactions_reverses_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_transactions")),
        sa.UniqueConstraint("hash", name=op.f("uq_ledger_transactions_hash")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_ledger_transactions_idempotency_key")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_ledger_transactions_reverses_id")),
    )
    op.create_table(
        "ledger_balances",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("posted_cents", sa.BigInteger(), nullable=False),
        sa.Column("reserved_cents", sa.BigInteger(), nullable=False),
        sa.Column("may_not_go_negative", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "NOT may_not_go_negative OR posted_cents - reserved_cents >= 0",
            name=op.f("ck_ledger_balances_available_not_negative"),
        ),
        sa.CheckConstraint("reserved_cents >= 0", name=op.f("ck_ledger_balances_reserved_not_negative")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["ledger_accounts.id"], name=op.f("fk_ledger_balances_account_id_ledger_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_ledger_balances")),
    )
    op.create_table(
        "ledger_postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("cents", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("cents <> 0", name=op.f("ck_ledger_postings_not_zero")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["ledger_accounts.id"], name=op.f("fk_ledger_postings_account_id_ledger_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_ledger_postings_transaction_id_ledger_transactions"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_postings")),
    )
    with op.batch_alter_table("ledger_postings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ledger_postings_account_transaction", ["account_id", "transaction_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_ledger_postings_transaction_id"), ["transaction_id"], unique=False
        )

    op.create_table(
        "ledger_reservations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pot_account_id", sa.Integer(), nullable=False),
        sa.Column("target_account_id", sa.Integer(), nullable=False),
        sa.Column("cents", sa.BigInteger(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("pending", "posted", "voided", name="reservationstatus", native_enum=False),
            nullable=False,
        ),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("entered_by", sa.String(length=200), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("content_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("transaction_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("cents > 0", name=op.f("ck_ledger_reservations_positive")),
        sa.ForeignKeyConstraint(
            ["pot_account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_ledger_reservations_pot_account_id_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["target_account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_ledger_reservations_target_account_id_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_ledger_reservations_transaction_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_reservations")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_ledger_reservations_idempotency_key")),
    )
    with op.batch_alter_table("ledger_reservations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ledger_reservations_pot_account_id"), ["pot_account_id"], unique=False
        )

    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_GUARDS:
            op.execute(statement)
    else:
        for statement in SQLITE_GUARDS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS ledger_transactions_immutable ON ledger_transactions")
        op.execute("DROP TRIGGER IF EXISTS ledger_postings_immutable ON ledger_postings")
        op.execute("DROP TRIGGER IF EXISTS ledger_postings_balanced ON ledger_postings")
        op.execute("DROP TRIGGER IF EXISTS ledger_transactions_balanced ON ledger_transactions")
        op.execute("DROP FUNCTION IF EXISTS ledger_refuse_change()")
        op.execute("DROP FUNCTION IF EXISTS ledger_check_balanced()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")

    with op.batch_alter_table("ledger_reservations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_reservations_pot_account_id"))

    op.drop_table("ledger_reservations")
    with op.batch_alter_table("ledger_postings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_postings_transaction_id"))
        batch_op.drop_index("ix_ledger_postings_account_transaction")

    op.drop_table("ledger_postings")
    op.drop_table("ledger_balances")
    op.drop_table("ledger_transactions")
    op.drop_table("ledger_chain_head")
    op.drop_table("ledger_accounts")
