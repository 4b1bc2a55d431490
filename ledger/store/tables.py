"""Ledger tables. Transactions and postings are insert-only; the database refuses UPDATE and DELETE
(see the migration's triggers). Balances and reservations change, always under a lock."""

from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from ledger.core.model import AccountKind


def _enum(enum_cls) -> sa.Enum:
    return sa.Enum(
        enum_cls,
        native_enum=False,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class LedgerAccount(SQLModel, table=True):
    __tablename__ = "ledger_accounts"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=120, unique=True)
    naam: str = Field(max_length=200)
    kind: AccountKind = Field(sa_type=_enum(AccountKind))
    is_closed: bool = False
    opened_at: NaiveDatetime
    closed_at: NaiveDatetime | None = None


class LedgerBalance(SQLModel, table=True):
    """Maintained in the same database transaction as the postings, so a read never sums history."""

    __tablename__ = "ledger_balances"
    __table_args__ = (
        sa.CheckConstraint("reserved_cents >= 0", name="reserved_not_negative"),
        sa.CheckConstraint(
            "NOT may_not_go_negative OR posted_cents - reserved_cents >= 0", name="available_not_negative"
        ),
    )

    account_id: int = Field(foreign_key="ledger_accounts.id", primary_key=True)
    posted_cents: int = Field(default=0, sa_type=sa.BigInteger)
    reserved_cents: int = Field(default=0, sa_type=sa.BigInteger)
    may_not_go_negative: bool = False


class LedgerChainHead(SQLModel, table=True):
    """One row: the last transaction id and hash, and how many transactions the chain holds. Locking it
    orders all postings into one chain; the count lets the check notice a ledger emptied behind it."""

    __tablename__ = "ledger_chain_head"

    id: int = Field(default=1, primary_key=True)
    last_id: int = 0
    last_hash: str = Field(max_length=64)
    transaction_count: int = Field(default=0, sa_column_kwargs={"server_default": sa.text("0")})


class LedgerTransaction(SQLModel, table=True):
    __tablename__ = "ledger_transactions"

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    effective_date: date
    description: str = Field(max_length=500)
    entered_by: str = Field(max_length=200)
    entered_at: NaiveDatetime
    idempotency_key: str = Field(max_length=200, unique=True)
    content_digest: str = Field(max_length=64)
    reverses_id: int | None = Field(default=None, foreign_key="ledger_transactions.id", unique=True)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)


class LedgerPosting(SQLModel, table=True):
    __tablename__ = "ledger_postings"
    __table_args__ = (
        sa.CheckConstraint("cents <> 0", name="not_zero"),
        sa.ForeignKeyConstraint(
            ["transaction_id"], ["ledger_transactions.id"], deferrable=True, initially="DEFERRED"
        ),
        sa.Index("ix_ledger_postings_account_transaction", "account_id", "transaction_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    transaction_id: int = Field(index=True)
    account_id: int = Field(foreign_key="ledger_accounts.id")
    cents: int = Field(sa_type=sa.BigInteger)


class ReservationStatus(StrEnum):
    PENDING = "pending"
    POSTED = "posted"
    VOIDED = "voided"


class LedgerReservation(SQLModel, table=True):
    """Money held in a pot for a proposed allocation; posted (≤ the amount) or voided, exactly once."""

    __tablename__ = "ledger_reservations"
    __table_args__ = (sa.CheckConstraint("cents > 0", name="positive"),)

    id: int | None = Field(default=None, primary_key=True)
    pot_account_id: int = Field(foreign_key="ledger_accounts.id", index=True)
    target_account_id: int = Field(foreign_key="ledger_accounts.id")
    cents: int = Field(sa_type=sa.BigInteger)
    status: ReservationStatus = Field(default=ReservationStatus.PENDING, sa_type=_enum(ReservationStatus))
    description: str = Field(max_length=500)
    entered_by: str = Field(max_length=200)
    idempotency_key: str = Field(max_length=200, unique=True)
    content_digest: str = Field(max_length=64)
    created_at: NaiveDatetime
    expires_at: NaiveDatetime | None = None
    resolved_at: NaiveDatetime | None = None
    transaction_id: int | None = Field(default=None, foreign_key="ledger_transactions.id")


# Every table of the ledger, in the order they can be created (migration 0014l guards each against TRUNCATE).
LEDGER_TABLES = tuple(
    model.__tablename__
    for model in (
        LedgerAccount,
        LedgerBalance,
        LedgerChainHead,
        LedgerTransaction,
        LedgerPosting,
        LedgerReservation,
    )
)
