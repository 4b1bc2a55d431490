"""What the export and the whole-ledger check read from the store, in one consistent snapshot."""

from dataclasses import dataclass
from typing import TextIO

import sqlalchemy as sa
from sqlmodel import Session, select

from ledger.export.beancount import ExportAccount, write_beancount
from ledger.store.api import Ledger
from ledger.store.tables import LedgerAccount, LedgerPosting, LedgerTransaction


def begin_snapshot(session: Session) -> None:
    """Make every following read in `session` see the same committed state, until it ends.

    The check and the export read the balances, the transactions and the reservations in several
    queries; under PostgreSQL's default READ COMMITTED a transaction posted in between would look
    like a discrepancy. Call this before the session's first query."""
    if session.get_bind().dialect.name == "sqlite":
        # pysqlite only opens a transaction before a write; in WAL mode an explicit BEGIN pins the
        # snapshot at the first read.
        session.connection().exec_driver_sql("BEGIN")
    else:
        session.connection(
            execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        )


@dataclass(frozen=True)
class Totals:
    transactions: int
    postings: int


def totals(session: Session) -> Totals:
    return Totals(
        transactions=session.exec(select(sa.func.count()).select_from(LedgerTransaction)).one(),
        postings=session.exec(select(sa.func.count()).select_from(LedgerPosting)).one(),
    )


def export_accounts(session: Session) -> list[ExportAccount]:
    """Every account with its open period and the effective dates of its first and last posting."""
    usage = {
        account_id: (first, last)
        for account_id, first, last in session.exec(
            select(
                LedgerPosting.account_id,
                sa.func.min(LedgerTransaction.effective_date),
                sa.func.max(LedgerTransaction.effective_date),
            )
            .join(LedgerTransaction, LedgerTransaction.id == LedgerPosting.transaction_id)
            .group_by(LedgerPosting.account_id)
        )
    }
    accounts = []
    for row in session.exec(select(LedgerAccount).order_by(LedgerAccount.id)):
        first, last = usage.get(row.id, (None, None))
        accounts.append(
            ExportAccount(
                code=row.code,
                naam=row.naam,
                kind=row.kind,
                opened=row.opened_at.date(),
                closed=(row.closed_at or row.opened_at).date() if row.is_closed else None,
                first_used=first,
                last_used=last,
            )
        )
    return accounts


def export_beancount(ledger: Ledger, out: TextIO) -> Totals:
    """Write the whole ledger to `out` as Beancount, ending with its stored balances as assertions.

    Call `begin_snapshot` on the ledger's session first when others may be posting meanwhile."""
    session = ledger.session
    stored = {code: b.posted for code, b in ledger.balances().items()}
    write_beancount(out, export_accounts(session), ledger.iter_transactions(), balances=stored)
    return totals(session)
