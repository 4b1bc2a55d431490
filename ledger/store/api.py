"""The ledger's public API over a SQLModel session. The caller owns the transaction: every method
flushes, and the caller commits (or rolls back, leaving the ledger exactly as before)."""

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cache, cached_property

import sqlalchemy as sa
from sqlalchemy import Select
from sqlmodel import Session, select

from ledger.core import rules
from ledger.core.chain import GENESIS, content_digest, hash_of
from ledger.core.check import Anchor, check_anchor, check_chain_head, check_ledger
from ledger.core.model import AccountKind, PostedTransaction, Posting, TransactionDraft
from ledger.store.tables import (
    LedgerAccount,
    LedgerBalance,
    LedgerChainHead,
    LedgerPosting,
    LedgerReservation,
    LedgerTransaction,
    ReservationStatus,
)

_ACCOUNTS = LedgerAccount.__table__
_BALANCES = LedgerBalance.__table__
_HEAD = LedgerChainHead.__table__
_POSTINGS = LedgerPosting.__table__
_RESERVATIONS = LedgerReservation.__table__
_TRANSACTIONS = LedgerTransaction.__table__
_a, _b, _h, _r, _t = _ACCOUNTS.c, _BALANCES.c, _HEAD.c, _RESERVATIONS.c, _TRANSACTIONS.c


class LockedRead:
    """A read of rows the ledger is about to change, in the shapes the databases lock it with.

    `query` reads the rows, `where` selects them in `table` (with the same bound parameters). Locks are
    always taken in one order: chain head, reservation, balances by account id."""

    def __init__(self, query: Select, table: sa.Table, where: sa.ColumnElement[bool]):
        self.query = query
        self.for_update = query.with_for_update(of=table)
        column = next(c for c in table.c if not c.primary_key and not c.foreign_keys)
        self.write_first = sa.update(table).where(where).values({column.name: column})


_codes, _ids = sa.bindparam("codes", expanding=True), sa.bindparam("ids", expanding=True)
_HEAD_READ = LockedRead(sa.select(_h.last_id, _h.last_hash).where(_h.id == 1), _HEAD, _h.id == 1)
_ACCOUNTS_READ = LockedRead(  # a transaction's accounts with their balances, in lock order
    sa.select(_a.code, _a.id, _a.is_closed, _b.posted_cents, _b.reserved_cents, _b.may_not_go_negative)
    .join_from(_ACCOUNTS, _BALANCES, _b.account_id == _a.id)
    .where(_a.code.in_(_codes))
    .order_by(_a.id),
    _BALANCES,
    _b.account_id.in_(sa.select(_a.id).where(_a.code.in_(_codes))),
)
_BALANCES_READ = LockedRead(  # as ORM objects, for the reservations
    select(LedgerBalance)
    .where(_b.account_id.in_(_ids))
    .order_by(LedgerBalance.account_id)
    .execution_options(populate_existing=True),
    _BALANCES,
    _b.account_id.in_(_ids),
)
_RESERVATION_READ = LockedRead(
    select(LedgerReservation)
    .where(_r.id == sa.bindparam("reservation"))
    .execution_options(populate_existing=True),
    _RESERVATIONS,
    _r.id == sa.bindparam("reservation"),
)
_BY_KEY = sa.select(_t.id, _t.content_digest).where(_t.idempotency_key == sa.bindparam("key"))
_NEWEST = sa.select(_t.id, _t.hash).order_by(_t.id.desc()).limit(1)
_HEAD_WITH_COUNT = sa.select(_h.last_id, _h.last_hash, _h.transaction_count).where(_h.id == 1)
_COUNT = sa.select(sa.func.count()).select_from(_TRANSACTIONS)
_HASH_AT = sa.select(_t.hash).order_by(_t.id).offset(sa.bindparam("skip")).limit(1)


@cache
def _writes(postings: int, balances: int) -> tuple[sa.Insert | sa.Update, ...]:
    """The statements that write a transaction, in order: its postings (pa0, pc0, …), its header (t_*; on
    SQLite the header's trigger checks the postings' sum), the balances (account ba{i} gets bp{i} cents
    posted and br{i} cents less reserved) and the chain head. Built once per shape; SQLAlchemy caches them."""
    bind = sa.bindparam
    rows = [
        sa.select(
            bind("t_id", type_=sa.Integer),
            bind(f"pa{i}", type_=sa.Integer),
            bind(f"pc{i}", type_=sa.BigInteger),
        )
        for i in range(postings)
    ]
    ids = [bind(f"ba{i}", type_=sa.Integer) for i in range(balances)]

    def per_account(prefix: str) -> sa.Case:
        return sa.case(
            *((_b.account_id == ids[i], bind(f"{prefix}{i}", type_=sa.BigInteger)) for i in range(balances))
        )

    return (
        sa.insert(_POSTINGS).from_select(["transaction_id", "account_id", "cents"], sa.union_all(*rows)),
        sa.insert(_TRANSACTIONS).values({c.name: bind(f"t_{c.name}", type_=c.type) for c in _t}),
        sa.update(_BALANCES)
        .where(_b.account_id.in_(ids))
        .values(
            posted_cents=_b.posted_cents + per_account("bp"),
            reserved_cents=_b.reserved_cents - per_account("br"),
        ),
        sa.update(_HEAD)
        .where(_h.id == 1)
        .values(last_id=bind("t_id"), last_hash=bind("t_hash"), transaction_count=_h.transaction_count + 1),
    )


@cache
def _writes_in_one(postings: int, balances: int) -> sa.Update:
    """The same writes as one statement: all but the last as data-modifying CTEs of the last."""
    *first, last = _writes(postings, balances)
    return last.add_cte(*(statement.cte(f"w{i}") for i, statement in enumerate(first)))


# What differs between the databases, and only that.


def select_for_update(session: Session, read: LockedRead, params: dict) -> sa.Result:
    """PostgreSQL: the read locks the rows it returns until commit (`SELECT … FOR UPDATE OF table`)."""
    return session.exec(read.for_update, params=params)


def write_lock_first(session: Session, read: LockedRead, params: dict) -> sa.Result:
    """SQLite has one writer and no row locks: a no-op UPDATE of the rows takes the database's write lock
    first, so the read after it is current and stays so until commit."""
    session.execute(read.write_first, params)
    return session.exec(read.query, params=params)


def no_locks(session: Session, read: LockedRead, params: dict) -> sa.Result:
    """Only the race test reads without locks, to show that it would catch a missing lock."""
    return session.exec(read.query, params=params)


def write_in_one_statement(session: Session, shape: tuple[int, int], params: dict) -> None:
    """PostgreSQL: the writes in one round trip; its deferred triggers check the postings' sum at commit."""
    session.connection().execute(_writes_in_one(*shape), params)


def write_in_order(session: Session, shape: tuple[int, int], params: dict) -> None:
    """SQLite allows no INSERT or UPDATE inside WITH: the writes one after the other."""
    conn = session.connection()
    for statement in _writes(*shape):
        conn.execute(statement, params)


@dataclass(frozen=True)
class Dialect:
    """How one database runs the ledger's locked reads and its writes; the statements are the same."""

    read_locked: Callable[[Session, LockedRead, dict], sa.Result]
    write: Callable[[Session, tuple[int, int], dict], None]


DIALECTS = {
    "postgresql": Dialect(read_locked=select_for_update, write=write_in_one_statement),
    "sqlite": Dialect(read_locked=write_lock_first, write=write_in_order),
}


class LedgerError(ValueError):
    """A request the ledger refuses; the message is Dutch and may be shown to the user."""


class ValidationFailed(LedgerError):
    def __init__(self, errors: list[str]):
        super().__init__(" ".join(errors))
        self.errors = errors


class InsufficientFunds(LedgerError):
    pass


class IdempotencyConflict(LedgerError):
    pass


class NotFound(LedgerError):
    pass


@dataclass(frozen=True)
class Balance:
    account: str
    kind: AccountKind
    posted: int
    reserved: int

    @property
    def available(self) -> int:
        return self.posted - self.reserved


@dataclass(frozen=True)
class Reservation:
    id: int
    pot: str
    target: str
    cents: int
    status: ReservationStatus
    description: str
    expires_at: datetime | None
    transaction_id: int | None


@dataclass(frozen=True)
class ReservationRequest:
    """One reservation asked of `Ledger.reserve_many`: the arguments of `Ledger.reserve`."""

    pot: str
    target: str
    cents: int
    idempotency_key: str
    entered_by: str
    description: str
    expires_at: datetime | None = None

    def digest(self) -> str:
        return content_digest(
            TransactionDraft(
                (Posting(self.pot, -self.cents), Posting(self.target, self.cents)),
                date.min,
                self.description,
                self.entered_by,
                self.idempotency_key,
            )
        )


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Ledger:
    def __init__(self, session: Session, *, now: Callable[[], datetime] = utcnow, locking: bool = True):
        self.session = session
        self.now = now
        self.locking = locking  # only the race test turns this off, to show the test would catch it

    @cached_property
    def _dialect(self) -> Dialect:
        """This database's strategy; any database but SQLite is taken to be PostgreSQL-like."""
        dialect = DIALECTS.get(self.session.get_bind().dialect.name, DIALECTS["postgresql"])
        return dialect if self.locking else replace(dialect, read_locked=no_locks)

    # Accounts

    def open_account(self, code: str, naam: str, kind: AccountKind) -> LedgerAccount:
        if self._account(code, required=False) is not None:
            raise LedgerError(f"Rekening {code} bestaat al.")
        account = LedgerAccount(code=code, naam=naam, kind=kind, opened_at=self.now())
        self.session.add(account)
        self.session.flush()
        self.session.add(LedgerBalance(account_id=account.id, may_not_go_negative=kind.may_not_go_negative))
        self._ensure_chain_head()
        self.session.flush()
        return account

    def open_accounts(self, accounts: list[tuple[str, str, AccountKind]]) -> list[LedgerAccount]:
        """`open_account` for many (code, naam, kind) at once, in a fixed number of statements."""
        if not accounts:
            return []
        codes = [code for code, _, _ in accounts]
        if len(set(codes)) != len(codes):
            raise LedgerError("Dezelfde rekening staat twee keer in de lijst.")
        bestaand = self.session.exec(select(LedgerAccount.code).where(LedgerAccount.code.in_(codes))).first()
        if bestaand is not None:
            raise LedgerError(f"Rekening {bestaand} bestaat al.")
        opened = self.now()
        rows = [LedgerAccount(code=c, naam=n, kind=k, opened_at=opened) for c, n, k in accounts]
        self.session.add_all(rows)
        self.session.flush()
        self.session.execute(
            sa.insert(LedgerBalance),
            [
                {
                    "account_id": a.id,
                    "posted_cents": 0,
                    "reserved_cents": 0,
                    "may_not_go_negative": a.kind.may_not_go_negative,
                }
                for a in rows
            ],
        )
        self._ensure_chain_head()
        self.session.flush()
        return rows

    def close_account(self, code: str) -> None:
        account = self._account(code)
        balance = self._locked_balances([account.id])[account.id]
        if balance.posted_cents or balance.reserved_cents:
            raise LedgerError(
                f"Rekening {code} kan pas dicht als het saldo nul is en er niets is gereserveerd."
            )
        account.is_closed = True
        account.closed_at = self.now()
        self.session.flush()

    def balance(self, code: str) -> Balance:
        row = self.session.exec(
            select(
                LedgerAccount.code,
                LedgerAccount.kind,
                LedgerBalance.posted_cents,
                LedgerBalance.reserved_cents,
            )
            .join(LedgerBalance, LedgerBalance.account_id == LedgerAccount.id)
            .where(LedgerAccount.code == code)
        ).first()
        if row is None:
            raise NotFound(f"Rekening {code} bestaat niet.")
        return Balance(*row)

    def balances(self, codes: list[str] | None = None, *, prefix: str | None = None) -> dict[str, Balance]:
        """The balances of `codes`, or of every account whose code starts with `prefix`, or of all.

        Read as plain rows on the session's connection (after a flush, as the ORM would autoflush): a
        budget line's thousands of commitment accounts cost half as much as through the ORM."""
        query = sa.select(_a.code, _a.kind, _b.posted_cents, _b.reserved_cents).join_from(
            _ACCOUNTS, _BALANCES, _b.account_id == _a.id
        )
        if codes is not None:
            query = query.where(_a.code.in_(codes))
        if prefix is not None:
            query = query.where(_a.code.startswith(prefix, autoescape=True))
        self.session.flush()
        return {row[0]: Balance(*row) for row in self.session.connection().execute(query).all()}

    # Transactions

    def post(self, draft: TransactionDraft) -> PostedTransaction:
        """Post a balanced transaction, or return the original when its idempotency key was seen."""
        head = self._lock_chain()
        existing = self._by_key(draft.idempotency_key, content_digest(draft))
        if existing is not None:
            return existing
        return self._write(head, draft, self._locked_accounts(draft))

    def reverse(
        self, transaction_id: int, *, effective_date: date, entered_by: str, idempotency_key: str, reason: str
    ) -> PostedTransaction:
        """Undo a transaction with a new one pointing at it; the original stays as it was."""
        original = self.transaction(transaction_id)
        return self.post(
            rules.reversal_of(
                original,
                effective_date=effective_date,
                entered_by=entered_by,
                idempotency_key=idempotency_key,
                reason=reason,
            )
        )

    def transaction_by_key(self, idempotency_key: str) -> PostedTransaction | None:
        """The transaction posted with this idempotency key, if any (to answer a repeated request)."""
        row = self.session.exec(
            select(LedgerTransaction).where(LedgerTransaction.idempotency_key == idempotency_key)
        ).first()
        return None if row is None else self._posted(row, self._postings_of([row.id])[row.id])

    def transaction(self, transaction_id: int) -> PostedTransaction:
        row = self.session.get(LedgerTransaction, transaction_id)
        if row is None:
            raise NotFound(f"Transactie {transaction_id} bestaat niet.")
        return self._posted(row, self._postings_of([row.id])[row.id])

    def transactions(
        self,
        *,
        account: str | None = None,
        limit: int = 100,
        offset: int = 0,
        since: date | None = None,
        until: date | None = None,
    ) -> list[PostedTransaction]:
        """Newest first; with `account`, only transactions that touch it."""
        query = select(LedgerTransaction).order_by(LedgerTransaction.id.desc()).limit(limit).offset(offset)
        if account is not None:
            account_id = self._account(account).id
            query = query.where(
                LedgerTransaction.id.in_(
                    select(LedgerPosting.transaction_id).where(LedgerPosting.account_id == account_id)
                )
            )
        if since is not None:
            query = query.where(LedgerTransaction.effective_date >= since)
        if until is not None:
            query = query.where(LedgerTransaction.effective_date <= until)
        rows = list(self.session.exec(query))
        postings = self._postings_of([r.id for r in rows])
        return [self._posted(r, postings[r.id]) for r in rows]

    def iter_transactions(self, batch: int = 5000) -> Iterator[PostedTransaction]:
        """Every transaction in id order, streamed (for the check and the export)."""
        codes = dict(self.session.exec(select(LedgerAccount.id, LedgerAccount.code)).all())
        t = LedgerTransaction
        header = (
            t.id,
            t.effective_date,
            t.description,
            t.entered_by,
            t.entered_at,
            t.idempotency_key,
            t.reverses_id,
            t.prev_hash,
            t.hash,
        )
        # Plain columns, not ORM entities: a million postings stream several times faster.
        query = (
            select(*header, LedgerPosting.account_id, LedgerPosting.cents)
            .join(LedgerPosting, LedgerPosting.transaction_id == t.id)
            .order_by(t.id, LedgerPosting.id)
            .execution_options(yield_per=batch)
        )
        rows = self.session.execute(query)
        try:
            for _, group in itertools.groupby(rows, key=lambda r: r[0]):
                group = list(group)
                first = group[0]
                yield PostedTransaction(
                    id=first[0],
                    effective_date=first[1],
                    description=first[2],
                    entered_by=first[3],
                    entered_at=first[4],
                    idempotency_key=first[5],
                    reverses=first[6],
                    prev_hash=first[7],
                    hash=first[8],
                    postings=tuple(Posting(codes[r[9]], r[10]) for r in group),
                )
        finally:  # a consumer that stops early (the check, at the first discrepancy) frees the cursor
            rows.close()

    # Reservations (two-phase)

    def reserve(
        self,
        pot: str,
        target: str,
        cents: int,
        *,
        idempotency_key: str,
        entered_by: str,
        description: str,
        expires_at: datetime | None = None,
    ) -> Reservation:
        """Hold `cents` of the pot for `target` now; fails when the pot's available balance is too low."""
        if not isinstance(cents, int) or isinstance(cents, bool) or cents <= 0:
            raise ValidationFailed(["Het bedrag moet groter zijn dan nul."])
        digest = content_digest(
            TransactionDraft(
                (Posting(pot, -cents), Posting(target, cents)),
                date.min,
                description,
                entered_by,
                idempotency_key,
            )
        )
        existing = self.session.exec(
            select(LedgerReservation).where(LedgerReservation.idempotency_key == idempotency_key)
        ).first()
        if existing is not None:
            if existing.content_digest != digest:
                raise IdempotencyConflict("Deze idempotentiesleutel is al gebruikt voor een ander verzoek.")
            return self._reservation(existing)
        pot_account, target_account = self._account(pot), self._account(target)
        if pot_account.kind != AccountKind.POT:
            raise ValidationFailed([f"Rekening {pot} is geen pot."])
        if pot_account.is_closed or target_account.is_closed:
            raise ValidationFailed(["Op een gesloten rekening kan niet worden gereserveerd."])
        balance = self._locked_balances([pot_account.id])[pot_account.id]
        available = balance.posted_cents - balance.reserved_cents
        if cents > available:
            raise InsufficientFunds(
                f"Onvoldoende beschikbaar in de pot: {available} cent beschikbaar, {cents} cent gevraagd."
            )
        balance.reserved_cents = balance.reserved_cents + cents
        reservation = LedgerReservation(
            pot_account_id=pot_account.id,
            target_account_id=target_account.id,
            cents=cents,
            description=description,
            entered_by=entered_by,
            idempotency_key=idempotency_key,
            content_digest=digest,
            created_at=self.now(),
            expires_at=expires_at,
        )
        self.session.add(reservation)
        self.session.flush()
        return self._reservation(reservation)

    def reserve_many(self, requests: list[ReservationRequest]) -> list[Reservation]:
        """`reserve` for many at once, in a fixed number of statements; all or none. A request whose key
        was seen returns the original (IdempotencyConflict when its content differs)."""
        if any(not isinstance(r.cents, int) or isinstance(r.cents, bool) or r.cents <= 0 for r in requests):
            raise ValidationFailed(["Het bedrag moet groter zijn dan nul."])
        keys = [r.idempotency_key for r in requests]
        if len(set(keys)) != len(keys):
            raise ValidationFailed(["Dezelfde idempotentiesleutel staat twee keer in de lijst."])
        existing = {
            row.idempotency_key: row
            for row in self.session.exec(
                select(LedgerReservation).where(LedgerReservation.idempotency_key.in_(keys or [""]))
            )
        }
        codes = {r.pot for r in requests} | {r.target for r in requests}
        accounts = {
            a.code: a for a in self.session.exec(select(LedgerAccount).where(LedgerAccount.code.in_(codes)))
        }
        missing = sorted(codes - accounts.keys())
        if missing:
            raise NotFound(f"Rekening {missing[0]} bestaat niet.")
        new = []
        for r in requests:
            row = existing.get(r.idempotency_key)
            if row is not None:
                if row.content_digest != r.digest():
                    raise IdempotencyConflict(
                        "Deze idempotentiesleutel is al gebruikt voor een ander verzoek."
                    )
                continue
            if accounts[r.pot].kind != AccountKind.POT:
                raise ValidationFailed([f"Rekening {r.pot} is geen pot."])
            if accounts[r.pot].is_closed or accounts[r.target].is_closed:
                raise ValidationFailed(["Op een gesloten rekening kan niet worden gereserveerd."])
            new.append(r)
        balances = self._locked_balances([accounts[r.pot].id for r in new])
        asked: dict[int, int] = {}
        for r in new:
            asked[accounts[r.pot].id] = asked.get(accounts[r.pot].id, 0) + r.cents
        for account_id, cents in asked.items():
            balance = balances[account_id]
            available = balance.posted_cents - balance.reserved_cents
            if cents > available:
                raise InsufficientFunds(
                    f"Onvoldoende beschikbaar in de pot: {available} cent beschikbaar, {cents} cent gevraagd."
                )
            balance.reserved_cents = balance.reserved_cents + cents
        created = self.now()
        rows = [
            LedgerReservation(
                pot_account_id=accounts[r.pot].id,
                target_account_id=accounts[r.target].id,
                cents=r.cents,
                description=r.description,
                entered_by=r.entered_by,
                idempotency_key=r.idempotency_key,
                content_digest=r.digest(),
                created_at=created,
                expires_at=r.expires_at,
            )
            for r in new
        ]
        self.session.add_all(rows)
        self.session.flush()
        existing.update((row.idempotency_key, row) for row in rows)
        return [
            Reservation(
                row.id,
                r.pot,
                r.target,
                row.cents,
                row.status,
                row.description,
                row.expires_at,
                row.transaction_id,
            )
            for r in requests
            for row in (existing[r.idempotency_key],)
        ]

    def post_reservation(
        self,
        reservation_id: int,
        *,
        idempotency_key: str,
        entered_by: str,
        effective_date: date,
        cents: int | None = None,
        description: str | None = None,
    ) -> PostedTransaction:
        """Turn a reservation into a posted transfer of at most the reserved amount; the rest is released."""
        head = self._lock_chain()
        reservation = self._locked_reservation(reservation_id)
        pot = self.session.get(LedgerAccount, reservation.pot_account_id)
        target = self.session.get(LedgerAccount, reservation.target_account_id)
        cents = reservation.cents if cents is None else cents
        if reservation.status == ReservationStatus.POSTED and reservation.transaction_id is not None:
            posted = self.transaction(reservation.transaction_id)
            if posted.idempotency_key == idempotency_key:
                # The same request again returns the original; the same key with other content is an error.
                if not isinstance(cents, int) or isinstance(cents, bool):
                    raise IdempotencyConflict(
                        "Deze idempotentiesleutel is al gebruikt voor een ander verzoek."
                    )
                repeat = TransactionDraft(
                    postings=(Posting(pot.code, -cents), Posting(target.code, cents)),
                    effective_date=effective_date,
                    description=description or reservation.description,
                    entered_by=entered_by,
                    idempotency_key=idempotency_key,
                )
                return self._by_key(idempotency_key, content_digest(repeat))
        if reservation.status != ReservationStatus.PENDING:
            raise LedgerError("Deze reservering is al afgehandeld.")
        if not isinstance(cents, int) or isinstance(cents, bool) or cents <= 0 or cents > reservation.cents:
            raise ValidationFailed([f"Boek tussen 1 en {reservation.cents} cent van deze reservering."])
        draft = TransactionDraft(
            postings=(Posting(pot.code, -cents), Posting(target.code, cents)),
            effective_date=effective_date,
            description=description or reservation.description,
            entered_by=entered_by,
            idempotency_key=idempotency_key,
        )
        if self._by_key(draft.idempotency_key, content_digest(draft)) is not None:
            raise IdempotencyConflict("Deze idempotentiesleutel is al gebruikt voor een ander verzoek.")
        accounts = self._locked_accounts(draft)
        posted = self._write(head, draft, accounts, released={pot.code: reservation.cents})
        reservation.status = ReservationStatus.POSTED
        reservation.resolved_at = self.now()
        reservation.transaction_id = posted.id
        self.session.flush()
        return posted

    def void_reservation(self, reservation_id: int) -> Reservation:
        """Release the money; voiding twice is harmless, voiding a posted reservation is refused."""
        reservation = self._locked_reservation(reservation_id)
        if reservation.status == ReservationStatus.VOIDED:
            return self._reservation(reservation)
        if reservation.status != ReservationStatus.PENDING:
            raise LedgerError("Deze reservering is al geboekt en kan niet meer vervallen.")
        balance = self._locked_balances([reservation.pot_account_id])[reservation.pot_account_id]
        balance.reserved_cents = balance.reserved_cents - reservation.cents
        reservation.status = ReservationStatus.VOIDED
        reservation.resolved_at = self.now()
        self.session.flush()
        return self._reservation(reservation)

    def void_expired(self, moment: datetime) -> list[int]:
        """Void every pending reservation whose expiry has passed (run by a scheduled job)."""
        ids = list(
            self.session.exec(
                select(LedgerReservation.id)
                .where(
                    LedgerReservation.status == ReservationStatus.PENDING,
                    LedgerReservation.expires_at.is_not(None),
                    LedgerReservation.expires_at < moment,
                )
                .order_by(LedgerReservation.id)
            )
        )
        for reservation_id in ids:
            self.void_reservation(reservation_id)
        return ids

    def reservation(self, reservation_id: int) -> Reservation:
        row = self.session.get(LedgerReservation, reservation_id)
        if row is None:
            raise NotFound(f"Reservering {reservation_id} bestaat niet.")
        return self._reservation(row)

    # The whole-ledger check

    def check(self) -> list[str]:
        """First discrepancy in sums, hash chain, balances or reservations; [] when the ledger is sound."""
        errors = self._check_head()  # first: "0 transactions" after a truncate is the news, not the balances
        if errors:
            return errors
        stored = {code: b.posted for code, b in self.balances().items()}
        errors = check_ledger(self.iter_transactions(), stored)
        if errors:
            return errors
        pending = dict(
            self.session.exec(
                select(LedgerReservation.pot_account_id, sa.func.sum(LedgerReservation.cents))
                .where(LedgerReservation.status == ReservationStatus.PENDING)
                .group_by(LedgerReservation.pot_account_id)
            ).all()
        )
        for account_id, code, reserved in self.session.exec(
            select(LedgerAccount.id, LedgerAccount.code, LedgerBalance.reserved_cents)
            .join(LedgerBalance, LedgerBalance.account_id == LedgerAccount.id)
            .order_by(LedgerAccount.id)
        ):
            if reserved != (pending.get(account_id) or 0):
                return [
                    f"Rekening {code}: {reserved} cent gereserveerd, openstaande reserveringen "
                    f"{pending.get(account_id) or 0} cent."
                ]
        return []

    def _check_head(self) -> list[str]:
        head = self.session.execute(_HEAD_WITH_COUNT).first()
        last = self.session.execute(_NEWEST).first()  # one row, not every transaction
        has_accounts = self.session.execute(sa.select(_a.id).limit(1)).first() is not None
        return check_chain_head(
            tuple(head) if head else None,
            self.session.execute(_COUNT).scalar_one(),
            tuple(last) if last else None,
            has_accounts=has_accounts,
        )

    def anchor(self) -> Anchor:
        """The chain head as `COUNT:HASH`, for an operator to keep outside the database."""
        head = self.session.execute(_HEAD_WITH_COUNT).first()
        return Anchor(head.transaction_count, head.last_hash) if head else Anchor(0, GENESIS)

    def check_anchor(self, anchor: Anchor) -> list[str]:
        """[] when the ledger still holds the `anchor.count` transactions the anchor saw, unchanged."""
        count = self.session.execute(_COUNT).scalar_one()
        at = (
            self.session.execute(_HASH_AT, {"skip": anchor.count - 1}).scalar()
            if 0 < anchor.count <= count
            else None
        )
        return check_anchor(anchor, count, at)

    # Internals

    def _ensure_chain_head(self) -> None:
        if self.session.execute(_HEAD_READ.query).first() is None:
            self.session.execute(
                sa.insert(_HEAD), {"id": 1, "last_id": 0, "last_hash": GENESIS, "transaction_count": 0}
            )

    def _lock_chain(self) -> sa.Row:
        """Take the ledger's write lock, the chain head, and read it: (last_id, last_hash)."""
        self.session.flush()
        head = self._dialect.read_locked(self.session, _HEAD_READ, {}).first()
        if head is None:  # no account was ever opened through this API
            self._ensure_chain_head()
            head = self._dialect.read_locked(self.session, _HEAD_READ, {}).one()
        return head

    def _locked_accounts(self, draft: TransactionDraft) -> dict[str, sa.Row]:
        """The draft's accounts with their balances, locked; refused unless the draft passes every rule."""
        codes = sorted({p.account for p in draft.postings})
        accounts = {
            row.code: row for row in self._dialect.read_locked(self.session, _ACCOUNTS_READ, {"codes": codes})
        }
        errors = rules.validate(draft, [code for code, row in accounts.items() if not row.is_closed])
        if draft.reverses is not None:
            errors += self._check_reversal(draft)
        if errors:
            raise ValidationFailed(errors)
        return accounts

    def _locked_balances(self, account_ids: list[int]) -> dict[int, LedgerBalance]:
        balances = self._dialect.read_locked(self.session, _BALANCES_READ, {"ids": sorted(set(account_ids))})
        return {b.account_id: b for b in balances}

    def _locked_reservation(self, reservation_id: int) -> LedgerReservation:
        row = self._dialect.read_locked(
            self.session, _RESERVATION_READ, {"reservation": reservation_id}
        ).first()
        if row is None:
            raise NotFound(f"Reservering {reservation_id} bestaat niet.")
        return row

    def _account(self, code: str, required: bool = True) -> LedgerAccount | None:
        account = self.session.exec(select(LedgerAccount).where(LedgerAccount.code == code)).first()
        if account is None and required:
            raise NotFound(f"Rekening {code} bestaat niet.")
        return account

    def _check_reversal(self, draft: TransactionDraft) -> list[str]:
        original = self.session.get(LedgerTransaction, draft.reverses)
        if original is None:
            return [f"Transactie {draft.reverses} bestaat niet."]
        if self.session.exec(
            select(LedgerTransaction.id).where(LedgerTransaction.reverses_id == original.id)
        ).first():
            return [f"Transactie {original.id} is al teruggedraaid."]
        expected = sorted((p.account, -p.cents) for p in self._postings_of([original.id])[original.id])
        if sorted((p.account, p.cents) for p in draft.postings) != expected:
            return ["Een correctie draait precies de boekingen van het origineel om."]
        return []

    def _by_key(self, key: str, digest: str) -> PostedTransaction | None:
        row = self.session.execute(_BY_KEY, {"key": key}).first()
        if row is None:
            return None
        if row.content_digest != digest:
            raise IdempotencyConflict("Deze idempotentiesleutel is al gebruikt voor een ander verzoek.")
        return self.transaction(row.id)

    def _write(
        self,
        head: sa.Row,
        draft: TransactionDraft,
        accounts: Mapping[str, sa.Row],
        released: Mapping[str, int] | None = None,
    ) -> PostedTransaction:
        """The one place a transaction is written, under the locks of `_lock_chain` and `_locked_accounts`:
        refuse it if an account would go below zero, hash it onto the chain, insert postings and header,
        move the balances and the chain head. `released`: reserved cents a posted reservation frees."""
        released = released or {}
        delta: dict[str, int] = {}
        for p in draft.postings:
            delta[p.account] = delta.get(p.account, 0) + p.cents
        errors = rules.check_no_negative(
            {
                code: a.posted_cents + delta[code] - (a.reserved_cents - released.get(code, 0))
                for code, a in accounts.items()
                if a.may_not_go_negative and delta[code] < 0
            }
        )
        if errors:
            raise InsufficientFunds(" ".join(errors))
        posted = PostedTransaction(
            id=head.last_id + 1,
            postings=tuple(draft.postings),
            effective_date=draft.effective_date,
            description=draft.description,
            entered_by=draft.entered_by,
            entered_at=self.now(),
            idempotency_key=draft.idempotency_key,
            reverses=draft.reverses,
            prev_hash=head.last_hash,
            hash="",
        )
        posted = replace(posted, hash=hash_of(posted))
        params = {
            "t_id": posted.id,
            "t_effective_date": posted.effective_date,
            "t_description": posted.description,
            "t_entered_by": posted.entered_by,
            "t_entered_at": posted.entered_at,
            "t_idempotency_key": posted.idempotency_key,
            "t_content_digest": content_digest(draft),
            "t_reverses_id": posted.reverses,
            "t_prev_hash": posted.prev_hash,
            "t_hash": posted.hash,
        }
        for i, p in enumerate(draft.postings):
            params |= {f"pa{i}": accounts[p.account].id, f"pc{i}": p.cents}
        for i, (code, cents) in enumerate(delta.items()):
            params |= {f"ba{i}": accounts[code].id, f"bp{i}": cents, f"br{i}": released.get(code, 0)}
        self._dialect.write(self.session, (len(draft.postings), len(delta)), params)
        return posted

    def _postings_of(self, transaction_ids: list[int]) -> dict[int, tuple[Posting, ...]]:
        result: dict[int, list[Posting]] = {i: [] for i in transaction_ids}
        if transaction_ids:
            rows = self.session.exec(
                select(LedgerPosting.transaction_id, LedgerAccount.code, LedgerPosting.cents)
                .join(LedgerAccount, LedgerAccount.id == LedgerPosting.account_id)
                .where(LedgerPosting.transaction_id.in_(transaction_ids))
                .order_by(LedgerPosting.id)
            )
            for tx_id, code, cents in rows:
                result[tx_id].append(Posting(code, cents))
        return {k: tuple(v) for k, v in result.items()}

    @staticmethod
    def _posted(row: LedgerTransaction, postings: tuple[Posting, ...]) -> PostedTransaction:
        return PostedTransaction(
            id=row.id,
            postings=tuple(postings),
            effective_date=row.effective_date,
            description=row.description,
            entered_by=row.entered_by,
            entered_at=row.entered_at,
            idempotency_key=row.idempotency_key,
            reverses=row.reverses_id,
            prev_hash=row.prev_hash,
            hash=row.hash,
        )

    def _reservation(self, row: LedgerReservation) -> Reservation:
        pot = self.session.get(LedgerAccount, row.pot_account_id)
        target = self.session.get(LedgerAccount, row.target_account_id)
        return Reservation(
            row.id,
            pot.code,
            target.code,
            row.cents,
            row.status,
            row.description,
            row.expires_at,
            row.transaction_id,
        )
