"""A hypothesis state machine drives the ledger with valid and invalid requests and compares it after
every step with a simple model of balances and reservations.

Every example starts on an empty, migrated ledger: on SQLite a fresh copy of the migrated template
database, on PostgreSQL the ledger tables truncated (the guards refuse DELETE; the TRUNCATE guard is
switched off inside the cleanup's own transaction, see `truncate` in tests/conftest.py). So the
whole-ledger check stays as cheap as one example, and a failing example shrinks on its own instead of
poisoning the ones after it. Successful steps are committed, refused ones rolled back, after which the
database must still match the model exactly.
"""

import itertools
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import date

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlmodel import Session, select

from ledger import (
    AccountKind,
    IdempotencyConflict,
    InsufficientFunds,
    Ledger,
    LedgerError,
    NotFound,
    Posting,
    TransactionDraft,
    ValidationFailed,
)
from ledger.store.tables import (
    LEDGER_TABLES,
    LedgerAccount,
    LedgerChainHead,
    LedgerPosting,
    LedgerReservation,
    ReservationStatus,
)
from wijkportaal.core.db import make_engine

PENDING, POSTED, VOIDED = ReservationStatus.PENDING, ReservationStatus.POSTED, ReservationStatus.VOIDED
SOURCES = (AccountKind.BIJDRAGE, AccountKind.BUDGET, AccountKind.COFINANCIERING)
NO_NEGATIVE = (AccountKind.POT, AccountKind.AANPAK, AccountKind.BEGROTING)
UNKNOWN_ID = 2_000_000_000

dates = st.dates(date(2025, 8, 1), date(2027, 7, 31))
people = st.sampled_from(["bestuurder@een.nl", "swv-medewerker", "Anouk de Vries-Çelik"])
descriptions = st.one_of(
    st.sampled_from(["Bijdrage 2025-2026", "Startklas Osdorp", "Taalversterking Bos en Lommer"]),
    st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip),
)

_examples = itertools.count(1)


@dataclass
class Res:
    pot: str
    target: str
    cents: int
    status: ReservationStatus = PENDING


class FreshLedgers:
    """An empty, migrated ledger database for every example."""

    def __init__(self, database_url: str, tmp_path, sqlite_template, truncate):
        self.url, self.tmp_path, self.template, self.truncate = (
            database_url,
            tmp_path,
            sqlite_template,
            truncate,
        )
        self.shared = None if database_url.startswith("sqlite") else make_engine(database_url)

    def open(self, n: int):
        if self.shared is None:
            path = self.tmp_path / f"example-{n}.sqlite"
            shutil.copy(self.template, path)
            return make_engine(f"sqlite:///{path}")
        with self.shared.begin() as conn:
            self.truncate(conn, LEDGER_TABLES)
        return self.shared

    def close(self, engine) -> None:
        if engine is not self.shared:
            engine.dispose()

    def dispose(self) -> None:
        if self.shared is not None:
            self.shared.dispose()


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self, databases: FreshLedgers, stats: Counter):
        super().__init__()
        n = next(_examples)
        self.prefix = f"ex{n}"
        self.stats = stats
        self.stats["examples"] += 1
        self.databases = databases
        self.engine = databases.open(n)
        self.session = Session(self.engine, expire_on_commit=False)
        self.book = Ledger(self.session)
        self.keys = itertools.count(1)
        # The model.
        self.kinds: dict[str, AccountKind] = {}
        self.closed: set[str] = set()
        self.posted: dict[str, int] = {}
        self.reserved: dict[str, int] = {}
        self.reservations: dict[int, Res] = {}
        self.transactions: dict[int, tuple[tuple[str, int], ...]] = {}
        self.reversed: set[int] = set()
        self.requests: list[tuple] = []  # successful requests that may be repeated: (kind, args, result)
        self.last_tx_id = 0

    def teardown(self):
        self.session.close()
        self.databases.close(self.engine)

    # Helpers

    def key(self, what: str) -> str:
        return f"{self.prefix}:{what}:{next(self.keys)}"

    def accounts(self, *kinds: AccountKind, open_only: bool = True) -> list[str]:
        return sorted(c for c, k in self.kinds.items() if k in kinds and not (open_only and c in self.closed))

    def available(self, code: str) -> int:
        return self.posted[code] - self.reserved[code]

    def succeed(self, step: str, call):
        self.stats["steps"] += 1
        self.stats[f"ok {step}"] += 1
        result = call()
        self.session.commit()
        return result

    def refuse(self, step: str, exc: type[Exception], call, match: str | None = None):
        """The request must raise `exc`; after the rollback the invariants check that nothing changed."""
        self.stats["steps"] += 1
        self.stats[f"refused {step}"] += 1
        try:
            with pytest.raises(exc, match=match):
                call()
        finally:
            self.session.rollback()

    def record_tx(self, tx, *, reverses: int | None = None) -> None:
        assert tx.id == self.last_tx_id + 1, "transaction ids are consecutive"
        self.last_tx_id = tx.id
        postings = tuple((p.account, p.cents) for p in tx.postings)
        self.transactions[tx.id] = postings
        for code, cents in postings:
            self.posted[code] += cents
        if reverses is not None:
            self.reversed.add(reverses)

    def shortfall(self, postings) -> bool:
        """Would these postings take a pot or approach below zero available?"""
        delta = Counter()
        for code, cents in postings:
            delta[code] += cents
        return any(
            self.kinds[code] in NO_NEGATIVE
            and cents < 0
            and self.posted[code] + cents - self.reserved[code] < 0
            for code, cents in delta.items()
        )

    def post_transfer(self, step, source, target, cents, data):
        """Post source → target; the model predicts whether the ledger accepts it."""
        draft = TransactionDraft(
            (Posting(source, -cents), Posting(target, cents)),
            data.draw(dates),
            data.draw(descriptions),
            data.draw(people),
            self.key(step),
        )
        if self.shortfall([(source, -cents), (target, cents)]):
            self.refuse(step, InsufficientFunds, lambda: self.book.post(draft))
            return
        tx = self.succeed(step, lambda: self.book.post(draft))
        assert tx.postings == draft.postings and tx.reverses is None
        self.record_tx(tx)
        self.requests.append(("post", draft, tx))

    # Accounts

    @initialize(data=st.data(), cents=st.integers(1, 1_000_000))
    def open_first_accounts_and_fund_the_pot(self, data, cents):
        for kind in (AccountKind.POT, AccountKind.BIJDRAGE, AccountKind.AANPAK, AccountKind.UITGAVEN):
            self.open_account(kind)
        self.contribute(data, cents)

    @rule(kind=st.sampled_from(AccountKind))
    def open_account(self, kind):
        code = f"{self.prefix}:{kind.value}:{len(self.kinds) + 1}"
        self.succeed("open", lambda: self.book.open_account(code, f"Rekening {code}", kind))
        self.kinds[code] = kind
        self.posted[code] = 0
        self.reserved[code] = 0

    @rule(data=st.data())
    def close_account(self, data):
        code = data.draw(st.sampled_from(self.accounts(*AccountKind)))
        if self.posted[code] or self.reserved[code]:
            self.refuse("close", LedgerError, lambda: self.book.close_account(code), match="saldo nul")
        elif len(self.accounts(self.kinds[code])) > 1:  # keep one open account of every kind
            self.succeed("close", lambda: self.book.close_account(code))
            self.closed.add(code)

    # Transactions

    @rule(data=st.data(), cents=st.integers(1, 1_000_000))
    def contribute(self, data, cents):
        source = data.draw(st.sampled_from(self.accounts(*SOURCES)))
        pot = data.draw(st.sampled_from(self.accounts(AccountKind.POT)))
        self.post_transfer("contribute", source, pot, cents, data)

    @rule(data=st.data(), too_much=st.booleans())
    def allocate(self, data, too_much):
        """A direct transfer pot → approach: within the pot's available balance or beyond it."""
        pot = data.draw(st.sampled_from(self.accounts(AccountKind.POT)))
        aanpak = data.draw(st.sampled_from(self.accounts(AccountKind.AANPAK)))
        if too_much or self.available(pot) == 0:
            cents = self.available(pot) + data.draw(st.integers(1, 100_000))
        else:
            cents = data.draw(st.integers(1, self.available(pot)))
        self.post_transfer("allocate", pot, aanpak, cents, data)

    @rule(data=st.data(), too_much=st.booleans())
    def spend(self, data, too_much):
        """Spending by an approach (approach → uitgaven), which may not go below zero either."""
        aanpak = data.draw(st.sampled_from(self.accounts(AccountKind.AANPAK)))
        uitgaven = data.draw(st.sampled_from(self.accounts(AccountKind.UITGAVEN)))
        if too_much or self.available(aanpak) == 0:
            cents = self.available(aanpak) + data.draw(st.integers(1, 100_000))
        else:
            cents = data.draw(st.integers(1, self.available(aanpak)))
        self.post_transfer("spend", aanpak, uitgaven, cents, data)

    @precondition(lambda self: set(self.transactions) - self.reversed)
    @rule(data=st.data())
    def reverse(self, data):
        tx_id = data.draw(st.sampled_from(sorted(set(self.transactions) - self.reversed)))
        postings = self.transactions[tx_id]
        kwargs = dict(
            effective_date=data.draw(dates),
            entered_by=data.draw(people),
            idempotency_key=self.key("reverse"),
            reason=data.draw(descriptions),
        )
        undo = [(code, -cents) for code, cents in postings]
        if any(code in self.closed for code, _ in postings):
            self.refuse("reverse", ValidationFailed, lambda: self.book.reverse(tx_id, **kwargs), "gesloten")
        elif self.shortfall(undo):
            self.refuse("reverse", InsufficientFunds, lambda: self.book.reverse(tx_id, **kwargs))
        else:
            tx = self.succeed("reverse", lambda: self.book.reverse(tx_id, **kwargs))
            assert tx.reverses == tx_id
            assert sorted((p.account, p.cents) for p in tx.postings) == sorted(undo)
            self.record_tx(tx, reverses=tx_id)
            self.requests.append(("reverse", (tx_id, kwargs), tx))

    @precondition(lambda self: self.reversed)
    @rule(data=st.data())
    def reverse_twice(self, data):
        tx_id = data.draw(st.sampled_from(sorted(self.reversed)))
        self.refuse(
            "reverse twice",
            ValidationFailed,
            lambda: self.book.reverse(
                tx_id,
                effective_date=date(2026, 1, 1),
                entered_by="x",
                idempotency_key=self.key("r2"),
                reason="x",
            ),
            match="al teruggedraaid",
        )

    # Reservations

    @rule(data=st.data(), too_much=st.booleans())
    def reserve(self, data, too_much):
        pot = data.draw(st.sampled_from(self.accounts(AccountKind.POT)))
        aanpak = data.draw(st.sampled_from(self.accounts(AccountKind.AANPAK)))
        if too_much or self.available(pot) == 0:
            cents = self.available(pot) + data.draw(st.integers(1, 100_000))
        else:
            cents = data.draw(st.integers(1, self.available(pot)))
        kwargs = dict(
            idempotency_key=self.key("reserve"),
            entered_by=data.draw(people),
            description=data.draw(descriptions),
        )
        if cents > self.available(pot):
            self.refuse("reserve", InsufficientFunds, lambda: self.book.reserve(pot, aanpak, cents, **kwargs))
            return
        res = self.succeed("reserve", lambda: self.book.reserve(pot, aanpak, cents, **kwargs))
        assert (res.pot, res.target, res.cents, res.status) == (pot, aanpak, cents, PENDING)
        assert res.id not in self.reservations
        self.reservations[res.id] = Res(pot, aanpak, cents)
        self.reserved[pot] += cents
        self.requests.append(("reserve", (pot, aanpak, cents, kwargs), res))

    def with_status(self, *statuses) -> list[int]:
        return sorted(i for i, r in self.reservations.items() if r.status in statuses)

    @precondition(lambda self: self.with_status(PENDING))
    @rule(data=st.data(), partial=st.booleans())
    def post_reservation(self, data, partial):
        res_id = data.draw(st.sampled_from(self.with_status(PENDING)))
        res = self.reservations[res_id]
        cents = data.draw(st.integers(1, res.cents)) if partial else None
        kwargs = dict(
            idempotency_key=self.key("post"), entered_by=data.draw(people), effective_date=data.draw(dates)
        )
        if res.target in self.closed:
            self.refuse(
                "post reservation",
                ValidationFailed,
                lambda: self.book.post_reservation(res_id, cents=cents, **kwargs),
                match="gesloten",
            )
            return
        tx = self.succeed(
            "post reservation", lambda: self.book.post_reservation(res_id, cents=cents, **kwargs)
        )
        amount = res.cents if cents is None else cents
        assert sorted((p.account, p.cents) for p in tx.postings) == sorted(
            [(res.pot, -amount), (res.target, amount)]
        )
        self.record_tx(tx)
        self.reserved[res.pot] -= res.cents
        res.status = POSTED
        self.requests.append(("post_reservation", (res_id, cents, kwargs), tx))

    @precondition(lambda self: self.with_status(PENDING))
    @rule(data=st.data())
    def void(self, data):
        res_id = data.draw(st.sampled_from(self.with_status(PENDING)))
        res = self.reservations[res_id]
        voided = self.succeed("void", lambda: self.book.void_reservation(res_id))
        assert voided.status == VOIDED
        self.reserved[res.pot] -= res.cents
        res.status = VOIDED

    @precondition(lambda self: self.with_status(VOIDED))
    @rule(data=st.data())
    def void_again(self, data):
        """Voiding twice is harmless: the same reservation comes back and nothing changes."""
        res_id = data.draw(st.sampled_from(self.with_status(VOIDED)))
        voided = self.succeed("void again", lambda: self.book.void_reservation(res_id))
        assert (voided.id, voided.status) == (res_id, VOIDED)

    @precondition(lambda self: self.with_status(POSTED, VOIDED))
    @rule(data=st.data())
    def resolve_twice(self, data):
        """A reservation is posted or voided exactly once."""
        res_id = data.draw(st.sampled_from(self.with_status(POSTED, VOIDED)))
        kwargs = dict(idempotency_key=self.key("post2"), entered_by="x", effective_date=date(2026, 1, 1))
        self.refuse(
            "post twice", LedgerError, lambda: self.book.post_reservation(res_id, **kwargs), "afgehandeld"
        )
        if self.reservations[res_id].status == POSTED:
            self.refuse("void posted", LedgerError, lambda: self.book.void_reservation(res_id), "geboekt")

    # Idempotency

    def repeat(self, kind, args, content_changed: bool):
        if kind == "post":
            draft = args
            if content_changed:
                (a, first), (b, second) = ((p.account, p.cents) for p in draft.postings)
                changed = TransactionDraft(
                    (Posting(a, first + 1), Posting(b, second - 1)),
                    draft.effective_date,
                    draft.description,
                    draft.entered_by,
                    draft.idempotency_key,
                )
                return lambda: self.book.post(changed)
            return lambda: self.book.post(draft)
        if kind == "reverse":
            tx_id, kwargs = args
            if content_changed:
                return lambda: self.book.reverse(
                    tx_id, **{**kwargs, "reason": kwargs["reason"] + " (anders)"}
                )
            return lambda: self.book.reverse(tx_id, **kwargs)
        if kind == "reserve":
            pot, aanpak, cents, kwargs = args
            return lambda: self.book.reserve(pot, aanpak, cents + content_changed, **kwargs)
        if kind == "post_reservation":
            res_id, cents, kwargs = args
            if content_changed:
                amount = self.reservations[res_id].cents if cents is None else cents
                return lambda: self.book.post_reservation(
                    res_id, **{**kwargs, "cents": amount - 1 if amount > 1 else 2}
                )
            return lambda: self.book.post_reservation(res_id, cents=cents, **kwargs)
        raise AssertionError(kind)

    @precondition(lambda self: self.requests)
    @rule(data=st.data())
    def repeat_same_request(self, data):
        """The same key with the same content returns the original and posts nothing new."""
        kind, args, original = data.draw(st.sampled_from(self.requests))
        again = self.succeed(f"repeat {kind}", self.repeat(kind, args, content_changed=False))
        if kind == "reserve":  # the reservation may have been posted or voided since
            assert (again.id, again.cents) == (original.id, original.cents)
            assert again.status == self.reservations[original.id].status
        else:
            assert again == original

    @precondition(lambda self: self.requests)
    @rule(data=st.data())
    def repeat_key_with_other_content(self, data):
        kind, args, _ = data.draw(st.sampled_from(self.requests))
        self.refuse(f"reuse key {kind}", IdempotencyConflict, self.repeat(kind, args, content_changed=True))

    # Invalid requests: each must raise and leave everything as it was

    INVALID = (
        "post: zero postings",
        "post: unbalanced",
        "post: one posting",
        "post: unknown account",
        "post: closed account",
        "post: blank description",
        "post: blank key",
        "reserve: zero",
        "reserve: negative",
        "reserve: True as amount",
        "reserve: from an account that is no pot",
        "reserve: for an unknown account",
        "post reservation: more than reserved",
        "post reservation: zero",
        "post reservation: True as amount",
        "post reservation: unknown id",
        "void: unknown id",
        "reverse: unknown id",
        "open: an existing code",
    )

    @rule(data=st.data(), how=st.sampled_from(INVALID))
    def invalid_request(self, data, how):
        what, _, detail = how.partition(": ")
        pot = data.draw(st.sampled_from(self.accounts(AccountKind.POT)))
        source = data.draw(st.sampled_from(self.accounts(*SOURCES)))
        aanpak = data.draw(st.sampled_from(self.accounts(AccountKind.AANPAK)))
        cents = data.draw(st.integers(1, 10_000))
        day, nowhere = date(2026, 1, 1), f"{self.prefix}:nergens"
        call, exc = None, ValidationFailed
        if what == "post":
            postings = {
                "zero postings": (Posting(pot, 0), Posting(source, 0)),
                "unbalanced": (
                    Posting(pot, cents),
                    Posting(source, -cents + data.draw(st.sampled_from([-1, 1]))),
                ),
                "one posting": (Posting(pot, cents),),
                "unknown account": (Posting(pot, cents), Posting(nowhere, -cents)),
                "closed account": (
                    Posting(min(self.closed, default=nowhere), cents),
                    Posting(source, -cents),
                ),
            }.get(detail, (Posting(pot, cents), Posting(source, -cents)))
            description = "   " if detail == "blank description" else "Ongeldig"
            key = " " if detail == "blank key" else self.key("invalid")
            draft = TransactionDraft(postings, day, description, "test", key)
            call = lambda: self.book.post(draft)  # noqa: E731
        elif what == "reserve":
            amount = {"zero": 0, "negative": -cents, "True as amount": True}.get(detail, 1)
            source_or_pot = source if detail == "from an account that is no pot" else pot
            target = nowhere if detail == "for an unknown account" else aanpak
            exc = NotFound if target == nowhere else ValidationFailed
            call = lambda: self.book.reserve(  # noqa: E731
                source_or_pot, target, amount, idempotency_key=self.key("r"), entered_by="x", description="x"
            )
        elif what == "post reservation":
            pending = self.with_status(PENDING)
            if detail == "unknown id":
                res_id, amount, exc = UNKNOWN_ID, None, NotFound
            elif not pending:
                return
            else:
                res_id = data.draw(st.sampled_from(pending))
                amount = {"zero": 0, "True as amount": True}.get(detail, self.reservations[res_id].cents + 1)
            call = lambda: self.book.post_reservation(  # noqa: E731
                res_id, cents=amount, idempotency_key=self.key("p"), entered_by="x", effective_date=day
            )
        elif what == "void":
            call, exc = (lambda: self.book.void_reservation(UNKNOWN_ID)), NotFound
        elif what == "reverse":
            exc = NotFound
            call = lambda: self.book.reverse(  # noqa: E731
                UNKNOWN_ID, effective_date=day, entered_by="x", idempotency_key=self.key("r"), reason="x"
            )
        elif what == "open":
            code = data.draw(st.sampled_from(sorted(self.kinds)))
            exc = LedgerError
            call = lambda: self.book.open_account(code, "Nog eens", AccountKind.POT)  # noqa: E731
        self.refuse(how, exc, call)

    # Invariants, after every step

    @invariant()
    def ledger_matches_the_model(self):
        self.stats["checks"] += 1
        s = self.session
        # Every transaction in the database sums to zero and has at least two postings.
        unbalanced = s.exec(
            select(LedgerPosting.transaction_id)
            .group_by(LedgerPosting.transaction_id)
            .having(sa.or_(sa.func.sum(LedgerPosting.cents) != 0, sa.func.count() < 2))
        ).all()
        assert unbalanced == []
        # Nothing was posted that the model does not know of (a refused request left no transaction).
        head = s.get(LedgerChainHead, 1, populate_existing=True)
        assert head.last_id == self.last_tx_id
        # Every balance (as the public API reports it) equals the model and the sum of its postings;
        # reserved = the sum of the pending reservations; no pot or approach below zero available.
        codes = sorted(self.kinds)
        accounts = {
            code: (account_id, is_closed)
            for code, account_id, is_closed in s.exec(
                select(LedgerAccount.code, LedgerAccount.id, LedgerAccount.is_closed).where(
                    LedgerAccount.code.in_(codes)
                )
            )
        }
        assert {code for code, (_, is_closed) in accounts.items() if is_closed} == self.closed
        ids = [account_id for account_id, _ in accounts.values()]
        posting_sums = dict(
            s.exec(
                select(LedgerPosting.account_id, sa.func.sum(LedgerPosting.cents))
                .where(LedgerPosting.account_id.in_(ids))
                .group_by(LedgerPosting.account_id)
            ).all()
        )
        pending_sums = dict(
            s.exec(
                select(LedgerReservation.pot_account_id, sa.func.sum(LedgerReservation.cents))
                .where(LedgerReservation.pot_account_id.in_(ids), LedgerReservation.status == PENDING)
                .group_by(LedgerReservation.pot_account_id)
            ).all()
        )
        balances = self.book.balances(codes)
        assert set(balances) == set(codes)
        for code, b in balances.items():
            account_id = accounts[code][0]
            assert (b.posted, b.reserved) == (self.posted[code], self.reserved[code]), code
            assert int(posting_sums.get(account_id) or 0) == b.posted, code
            assert int(pending_sums.get(account_id) or 0) == b.reserved, code
            if self.kinds[code] in NO_NEGATIVE:
                assert b.available >= 0, code
        # Every reservation has the status the model expects.
        rows = s.exec(
            select(LedgerReservation.id, LedgerReservation.status)
            .where(LedgerReservation.pot_account_id.in_(ids))
            .execution_options(populate_existing=True)
        ).all()
        assert dict(rows) == {i: r.status for i, r in self.reservations.items()}
        # Sums, balances, reservations and the hash chain of the whole ledger.
        assert self.book.check() == []
        s.rollback()  # end the read transaction: the next step starts fresh


def test_ledger_state_machine(database_url, tmp_path, sqlite_template, truncate, capsys):
    databases = FreshLedgers(database_url, tmp_path, sqlite_template, truncate)
    stats = Counter()
    try:
        run_state_machine_as_test(
            lambda: LedgerMachine(databases, stats),
            settings=settings(
                max_examples=40,
                stateful_step_count=30,
                deadline=None,
                suppress_health_check=[
                    HealthCheck.too_slow,
                    HealthCheck.filter_too_much,
                    HealthCheck.data_too_large,
                ],
            ),
        )
    finally:
        databases.dispose()
        backend = database_url.split(":", 1)[0]
        refused = sum(v for k, v in stats.items() if k.startswith("refused"))
        with capsys.disabled():
            print(
                f"\nledger state machine on {backend}: {stats['steps']} steps (ledger requests, "
                f"{refused} of them refused as they should be) in {stats['examples']} examples; "
                f"invariants checked {stats['checks']} times"
            )
    assert stats["steps"] > 0


def test_repeating_a_posted_reservation_with_other_content_is_a_conflict(ledger, session):
    """Found by the machine: the same key with another amount used to return the original silently."""
    pot, board, aanpak = "pot:osdorp:2025-2026", "bijdrage:bestuur-1", "aanpak:startklas-osdorp"
    day = date(2026, 1, 15)
    ledger.post(TransactionDraft((Posting(pot, 1_000), Posting(board, -1_000)), day, "Inleg", "t", "k1"))
    res = ledger.reserve(pot, aanpak, 600, idempotency_key="r1", entered_by="t", description="Startklas")
    tx = ledger.post_reservation(res.id, idempotency_key="p1", entered_by="t", effective_date=day, cents=500)
    session.commit()
    same = dict(idempotency_key="p1", entered_by="t", effective_date=day)
    assert ledger.post_reservation(res.id, cents=500, **same) == tx
    for other in (dict(cents=400), dict(cents=None), dict(cents=500, description="Iets anders")):
        with pytest.raises(IdempotencyConflict):
            ledger.post_reservation(res.id, **same, **other)
    with pytest.raises(IdempotencyConflict):
        ledger.post_reservation(res.id, cents=500, **{**same, "effective_date": date(2026, 2, 1)})
    with pytest.raises(ValidationFailed):  # True is not an amount
        ledger.post_reservation(
            ledger.reserve(pot, aanpak, 100, idempotency_key="r2", entered_by="t", description="x").id,
            idempotency_key="p2",
            entered_by="t",
            effective_date=day,
            cents=True,
        )
    assert ledger.balance(pot).posted == 500 and ledger.check() == []
