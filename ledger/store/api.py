"""The ledger's public API over a SQLModel session. The caller owns the transaction: every method
flushes, and the caller commits (or rolls back, leaving the ledger exactly as before)."""

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlmodel import Session, select

from ledger.core import rules
from ledger.core.chain import GENESIS, canonical, chain_hash, content_digest
from ledger.core.check import check_ledger
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

_PG_HEAD = sa.text("SELECT last_id, last_hash FROM ledger_chain_head WHERE id = 1 FOR UPDATE")
_PG_KEY = sa.text("SELECT id, content_digest FROM ledger_transactions WHERE idempotency_key = :key")
_PG_ACCOUNTS = sa.text(
    "SELECT a.code, a.id, a.is_closed, b.posted_cents, b.reserved_cents, b.may_not_go_negative "
    "FROM ledger_accounts a JOIN ledger_balances b ON b.account_id = a.id "
    "WHERE a.code = ANY(:codes) ORDER BY a.id FOR UPDATE OF b"
)
# Postings, header, balances and chain head in one statement; the deferred trigger checks the sum at commit.
_PG_WRITE = sa.text(
    """
    WITH p AS (
        INSERT INTO ledger_postings (transaction_id, account_id, cents)
        SELECT :id, u.a, u.c FROM unnest(CAST(:ids AS integer[]), CAST(:cents AS bigint[])) AS u(a, c)
    ), t AS (
        INSERT INTO ledger_transactions (id, effective_date, description, entered_by, entered_at,
            idempotency_key, content_digest, reverses_id, prev_hash, hash)
        VALUES (:id, :day, :description, :entered_by, :entered_at, :key, :digest, NULL, :prev, :hash)
    ), b AS (
        UPDATE ledger_balances SET posted_cents = posted_cents + u.c
        FROM unnest(CAST(:bal_ids AS integer[]), CAST(:bal_cents AS bigint[])) AS u(a, c) WHERE account_id = u.a
    )
    UPDATE ledger_chain_head SET last_id = :id, last_hash = :hash WHERE id = 1
    """
)


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


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Ledger:
    def __init__(self, session: Session, *, now: Callable[[], datetime] = utcnow, locking: bool = True):
        self.session = session
        self.now = now
        self.locking = locking  # only the race test turns this off, to show the test would catch it

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

    def balances(self, codes: list[str] | None = None) -> dict[str, Balance]:
        query = select(
            LedgerAccount.code, LedgerAccount.kind, LedgerBalance.posted_cents, LedgerBalance.reserved_cents
        ).join(LedgerBalance, LedgerBalance.account_id == LedgerAccount.id)
        if codes is not None:
            query = query.where(LedgerAccount.code.in_(codes))
        return {row[0]: Balance(*row) for row in self.session.exec(query)}

    # Transactions

    def post(self, draft: TransactionDraft) -> PostedTransaction:
        """Post a balanced transaction, or return the original when its idempotency key was seen."""
        if self.locking and draft.reverses is None and self.session.get_bind().dialect.name == "postgresql":
            posted = self._post_postgresql(draft)
            if posted is not None:
                return posted
        head = self._lock_chain()
        existing = self._by_key(draft.idempotency_key, content_digest(draft))
        if existing is not None:
            return existing
        accounts = self._accounts_for(draft)
        errors = rules.validate(draft, [code for code, a in accounts.items() if not a.is_closed])
        if draft.reverses is not None:
            errors += self._check_reversal(draft)
        if errors:
            raise ValidationFailed(errors)
        return self._write(head, draft, accounts)

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

    def _post_postgresql(self, draft: TransactionDraft) -> PostedTransaction | None:
        """`post` in four round trips: the same locks in the same order (chain head, then balances by
        account id), the same rules and hash; None when the chain head does not exist yet."""
        self.session.flush()
        head = self.session.execute(_PG_HEAD).first()
        if head is None:
            return None
        last_id, last_hash = head
        seen = self.session.execute(_PG_KEY, {"key": draft.idempotency_key}).first()
        if seen is not None:
            if seen[1] != content_digest(draft):
                raise IdempotencyConflict("Deze idempotentiesleutel is al gebruikt voor een ander verzoek.")
            return self.transaction(seen[0])
        codes = sorted({p.account for p in draft.postings})
        accounts = {row[0]: row for row in self.session.execute(_PG_ACCOUNTS, {"codes": codes})}
        errors = rules.validate(draft, [code for code, row in accounts.items() if not row[2]])
        if errors:
            raise ValidationFailed(errors)
        delta: dict[str, int] = {}
        for p in draft.postings:
            delta[p.account] = delta.get(p.account, 0) + p.cents
        errors = rules.check_no_negative(
            {c: r[3] + delta[c] - r[4] for c, r in accounts.items() if r[5] and delta[c] < 0}
        )
        if errors:
            raise InsufficientFunds(" ".join(errors))
        tx_id, entered_at = last_id + 1, self.now()
        digest = chain_hash(
            last_hash,
            canonical(
                id=tx_id,
                effective_date=draft.effective_date,
                description=draft.description,
                entered_by=draft.entered_by,
                entered_at=entered_at,
                idempotency_key=draft.idempotency_key,
                reverses=None,
                postings=draft.postings,
            ),
        )
        self.session.execute(
            _PG_WRITE,
            {
                "id": tx_id,
                "ids": [accounts[p.account][1] for p in draft.postings],
                "cents": [p.cents for p in draft.postings],
                "bal_ids": [accounts[c][1] for c in delta],
                "bal_cents": list(delta.values()),
                "day": draft.effective_date,
                "description": draft.description,
                "entered_by": draft.entered_by,
                "entered_at": entered_at,
                "key": draft.idempotency_key,
                "digest": content_digest(draft),
                "prev": last_hash,
                "hash": digest,
            },
        )
        return PostedTransaction(
            id=tx_id,
            postings=tuple(draft.postings),
            effective_date=draft.effective_date,
            description=draft.description,
            entered_by=draft.entered_by,
            entered_at=entered_at,
            idempotency_key=draft.idempotency_key,
            reverses=None,
            prev_hash=last_hash,
            hash=digest,
        )

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
        errors = rules.validate(draft, [a.code for a in (pot, target) if not a.is_closed])
        if errors:
            raise ValidationFailed(errors)
        balances = self._locked_balances([pot.id])
        balances[pot.id].reserved_cents = balances[pot.id].reserved_cents - reservation.cents
        self.session.flush()
        posted = self._write(head, draft, {pot.code: pot, target.code: target})
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
        head = self.session.get(LedgerChainHead, 1)
        last = self.session.exec(select(LedgerTransaction).order_by(LedgerTransaction.id.desc())).first()
        if head is not None and last is not None and (head.last_id, head.last_hash) != (last.id, last.hash):
            return ["De kop van de keten wijst niet naar de laatste transactie."]
        return []

    # Internals

    def _ensure_chain_head(self) -> None:
        if self.session.get(LedgerChainHead, 1) is None:
            self.session.add(LedgerChainHead(id=1, last_id=0, last_hash=GENESIS))
            self.session.flush()

    def _lock_chain(self) -> LedgerChainHead:
        """Take the ledger's write lock (fixed order: chain head, reservation, balances by account id)."""
        self._ensure_chain_head()
        query = (
            select(LedgerChainHead).where(LedgerChainHead.id == 1).execution_options(populate_existing=True)
        )
        if self.locking:
            if self._is_sqlite:
                # SQLite: a write takes the database's write lock at once, so what we read next is current.
                self.session.execute(
                    sa.update(LedgerChainHead)
                    .where(LedgerChainHead.id == 1)
                    .values(last_id=LedgerChainHead.last_id)
                )
            else:
                query = query.with_for_update()
        return self.session.exec(query).one()

    def _locked_balances(self, account_ids: list[int]) -> dict[int, LedgerBalance]:
        ids = sorted(set(account_ids))
        query = (
            select(LedgerBalance)
            .where(LedgerBalance.account_id.in_(ids))
            .order_by(LedgerBalance.account_id)
            .execution_options(populate_existing=True)
        )
        if self.locking:
            if self._is_sqlite:
                self.session.execute(
                    sa.update(LedgerBalance)
                    .where(LedgerBalance.account_id.in_(ids))
                    .values(posted_cents=LedgerBalance.posted_cents)
                )
            else:
                query = query.with_for_update()
        return {b.account_id: b for b in self.session.exec(query)}

    def _locked_reservation(self, reservation_id: int) -> LedgerReservation:
        query = (
            select(LedgerReservation)
            .where(LedgerReservation.id == reservation_id)
            .execution_options(populate_existing=True)
        )
        if self.locking and not self._is_sqlite:
            query = query.with_for_update()
        elif self.locking:
            self.session.execute(
                sa.update(LedgerReservation)
                .where(LedgerReservation.id == reservation_id)
                .values(status=LedgerReservation.status)
            )
        row = self.session.exec(query).first()
        if row is None:
            raise NotFound(f"Reservering {reservation_id} bestaat niet.")
        return row

    @property
    def _is_sqlite(self) -> bool:
        return self.session.get_bind().dialect.name == "sqlite"

    def _account(self, code: str, required: bool = True) -> LedgerAccount | None:
        account = self.session.exec(select(LedgerAccount).where(LedgerAccount.code == code)).first()
        if account is None and required:
            raise NotFound(f"Rekening {code} bestaat niet.")
        return account

    def _accounts_for(self, draft: TransactionDraft) -> dict[str, LedgerAccount]:
        codes = {p.account for p in draft.postings}
        return {
            a.code: a for a in self.session.exec(select(LedgerAccount).where(LedgerAccount.code.in_(codes)))
        }

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
        row = self.session.exec(
            select(LedgerTransaction).where(LedgerTransaction.idempotency_key == key)
        ).first()
        if row is None:
            return None
        if row.content_digest != digest:
            raise IdempotencyConflict("Deze idempotentiesleutel is al gebruikt voor een ander verzoek.")
        return self._posted(row, self._postings_of([row.id])[row.id])

    def _write(
        self, head: LedgerChainHead, draft: TransactionDraft, accounts: dict[str, LedgerAccount]
    ) -> PostedTransaction:
        balances = self._locked_balances([accounts[p.account].id for p in draft.postings])
        delta: dict[int, int] = {}
        for p in draft.postings:
            delta[accounts[p.account].id] = delta.get(accounts[p.account].id, 0) + p.cents
        short = {
            code: balances[a.id].posted_cents + delta[a.id] - balances[a.id].reserved_cents
            for code, a in accounts.items()
            if a.id in delta and balances[a.id].may_not_go_negative and delta[a.id] < 0
        }
        errors = rules.check_no_negative(short)
        if errors:
            raise InsufficientFunds(" ".join(errors))
        tx_id, entered_at = head.last_id + 1, self.now()
        content = canonical(
            id=tx_id,
            effective_date=draft.effective_date,
            description=draft.description,
            entered_by=draft.entered_by,
            entered_at=entered_at,
            idempotency_key=draft.idempotency_key,
            reverses=draft.reverses,
            postings=draft.postings,
        )
        digest = chain_hash(head.last_hash, content)
        # Postings first, then the header: the database checks the sum when the header arrives.
        self.session.add_all(
            LedgerPosting(transaction_id=tx_id, account_id=accounts[p.account].id, cents=p.cents)
            for p in draft.postings
        )
        self.session.flush()
        row = LedgerTransaction(
            id=tx_id,
            effective_date=draft.effective_date,
            description=draft.description,
            entered_by=draft.entered_by,
            entered_at=entered_at,
            idempotency_key=draft.idempotency_key,
            content_digest=content_digest(draft),
            reverses_id=draft.reverses,
            prev_hash=head.last_hash,
            hash=digest,
        )
        self.session.add(row)
        self.session.flush()
        for account_id, cents in delta.items():
            balances[account_id].posted_cents = balances[account_id].posted_cents + cents
        head.last_id, head.last_hash = tx_id, digest
        self.session.flush()
        return self._posted(row, draft.postings)

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
