"""The ledger reads like a ledger: balanced, append-only, idempotent, reservations exactly once."""

import itertools
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from ledger import (
    AccountKind,
    IdempotencyConflict,
    InsufficientFunds,
    Ledger,
    LedgerError,
    Posting,
    ReservationRequest,
    ReservationStatus,
    TransactionDraft,
    ValidationFailed,
)

POT, B1, B2, AANPAK = (
    "pot:osdorp:2025-2026",
    "bijdrage:bestuur-1",
    "bijdrage:bestuur-2",
    "aanpak:startklas-osdorp",
)
DAY = date(2026, 1, 15)


def contribution(cents, key, board=B1):
    return TransactionDraft((Posting(POT, cents), Posting(board, -cents)), DAY, "Bijdrage", "test", key)


def test_contribution_moves_money_into_the_pot(ledger, session):
    tx = ledger.post(contribution(100_000, "k1"))
    session.commit()
    assert ledger.balance(POT).posted == 100_000
    assert ledger.balance(B1).posted == -100_000
    assert tx.id == 1 and len(tx.hash) == 64
    assert ledger.check() == []


def test_unbalanced_transaction_is_refused(ledger):
    draft = TransactionDraft((Posting(POT, 100), Posting(B1, -99)), DAY, "Scheef", "test", "k1")
    with pytest.raises(ValidationFailed, match="niet op tot nul"):
        ledger.post(draft)


def test_single_posting_and_unknown_account_are_refused(ledger):
    with pytest.raises(ValidationFailed, match="minstens twee"):
        ledger.post(TransactionDraft((Posting(POT, 0),), DAY, "x", "test", "k1"))
    with pytest.raises(ValidationFailed, match="bestaat niet"):
        ledger.post(TransactionDraft((Posting(POT, 5), Posting("nergens", -5)), DAY, "x", "test", "k2"))


def test_repeating_a_request_posts_nothing_new(ledger, session):
    first = ledger.post(contribution(500, "same"))
    again = ledger.post(contribution(500, "same"))
    session.commit()
    assert again == first
    assert ledger.balance(POT).posted == 500


def test_same_key_different_content_is_an_error(ledger):
    ledger.post(contribution(500, "same"))
    with pytest.raises(IdempotencyConflict):
        ledger.post(contribution(600, "same"))


def test_a_pot_never_goes_below_zero(ledger):
    ledger.post(contribution(1_000, "k1"))
    spend = TransactionDraft((Posting(POT, -1_001), Posting(AANPAK, 1_001)), DAY, "Te veel", "test", "k2")
    with pytest.raises(InsufficientFunds):
        ledger.post(spend)


def test_correction_is_a_reversal_and_only_once(ledger, session):
    tx = ledger.post(contribution(2_000, "k1"))
    reversal = ledger.reverse(
        tx.id, effective_date=DAY, entered_by="test", idempotency_key="r1", reason="dubbel"
    )
    session.commit()
    assert reversal.reverses == tx.id
    assert ledger.balance(POT).posted == 0
    with pytest.raises(ValidationFailed, match="al teruggedraaid"):
        ledger.reverse(tx.id, effective_date=DAY, entered_by="test", idempotency_key="r2", reason="nog eens")
    assert ledger.check() == []


def test_reservation_posts_at_most_the_reserved_amount_once(ledger, session):
    ledger.post(contribution(10_000, "k1"))
    res = ledger.reserve(
        POT, AANPAK, 6_000, idempotency_key="res1", entered_by="test", description="Startklas"
    )
    assert ledger.balance(POT).available == 4_000
    with pytest.raises(InsufficientFunds):
        ledger.reserve(POT, AANPAK, 4_001, idempotency_key="res2", entered_by="test", description="x")
    with pytest.raises(ValidationFailed):
        ledger.post_reservation(
            res.id, idempotency_key="p0", entered_by="test", effective_date=DAY, cents=6_001
        )
    tx = ledger.post_reservation(
        res.id, idempotency_key="p1", entered_by="test", effective_date=DAY, cents=5_000
    )
    session.commit()
    assert ledger.balance(POT).posted == 5_000 and ledger.balance(POT).reserved == 0
    assert ledger.balance(AANPAK).posted == 5_000
    assert ledger.reservation(res.id).status == ReservationStatus.POSTED
    # Exactly once: the same request again returns the same transaction; voiding is refused.
    assert (
        ledger.post_reservation(
            res.id, idempotency_key="p1", entered_by="test", effective_date=DAY, cents=5_000
        )
        == tx
    )
    with pytest.raises(LedgerError):
        ledger.void_reservation(res.id)
    assert ledger.check() == []


def test_void_releases_the_money(ledger, session):
    ledger.post(contribution(10_000, "k1"))
    res = ledger.reserve(POT, AANPAK, 10_000, idempotency_key="res1", entered_by="test", description="x")
    ledger.void_reservation(res.id)
    ledger.void_reservation(res.id)  # twice is harmless
    session.commit()
    assert ledger.balance(POT).available == 10_000
    with pytest.raises(LedgerError):
        ledger.post_reservation(res.id, idempotency_key="p1", entered_by="test", effective_date=DAY)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE ledger_postings SET cents = cents + 1",
        "DELETE FROM ledger_postings",
        "UPDATE ledger_transactions SET description = 'anders'",
        "DELETE FROM ledger_transactions",
    ],
)
def test_database_refuses_changes_to_posted_rows(ledger, session, engine, statement):
    ledger.post(contribution(700, "k1"))
    session.commit()
    with pytest.raises(sa.exc.DatabaseError), engine.begin() as conn:
        conn.execute(sa.text(statement))
    assert ledger.balance(POT).posted == 700
    assert ledger.check() == []


def test_database_refuses_an_unbalanced_insert(ledger, session, engine):
    with pytest.raises(sa.exc.DatabaseError), engine.begin() as conn:
        account = conn.execute(sa.text("SELECT id FROM ledger_accounts WHERE code = :c"), {"c": POT}).scalar()
        conn.execute(
            sa.text("INSERT INTO ledger_postings (transaction_id, account_id, cents) VALUES (99, :a, 5)"),
            {"a": account},
        )
        conn.execute(
            sa.text(
                "INSERT INTO ledger_transactions (id, effective_date, description, entered_by, entered_at, "
                "idempotency_key, content_digest, prev_hash, hash) VALUES (99, '2026-01-01', 'x', 'x', "
                "'2026-01-01 00:00:00', 'x', 'x', 'x', 'x')"
            )
        )
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM ledger_transactions")).scalar() == 0


def test_check_finds_tampering(ledger, session, engine):
    ledger.post(contribution(700, "k1"))
    ledger.post(contribution(300, "k2", board=B2))
    session.commit()
    with engine.begin() as conn:  # someone edits a balance behind the ledger's back
        conn.execute(
            sa.text(
                "UPDATE ledger_balances SET posted_cents = posted_cents + 1 "
                "WHERE account_id = (SELECT id FROM ledger_accounts WHERE code = :c)"
            ),
            {"c": B2},
        )
    errors = ledger.check()
    assert len(errors) == 1 and B2 in errors[0]


def test_the_same_requests_give_the_same_chain_on_every_database(ledger, session):
    """One write path: posting, a reversal and a posted reservation leave the same hashes and balances on
    SQLite and PostgreSQL (a database-only path that hashed, rounded or stored otherwise would differ)."""
    ticks = itertools.count()
    book = Ledger(
        session, now=lambda: datetime(2026, 1, 15, 9, 30, 0, 123_456) + timedelta(seconds=next(ticks))
    )
    book.post(contribution(10_000, "k1"))
    second = book.post(contribution(2_500, "k2", board=B2))
    book.reverse(second.id, effective_date=DAY, entered_by="test", idempotency_key="r1", reason="dubbel")
    res = book.reserve(POT, AANPAK, 6_000, idempotency_key="res1", entered_by="test", description="Startklas")
    book.post_reservation(res.id, idempotency_key="p1", entered_by="test", effective_date=DAY, cents=4_000)
    book.post(
        TransactionDraft((Posting(AANPAK, -1_500), Posting("uitgaven", 1_500)), DAY, "Huur", "test", "k3")
    )
    book.post(contribution(10_000, "k1"))  # a repeated request posts nothing
    session.commit()
    assert [(tx.id, tx.hash[:16]) for tx in reversed(book.transactions())] == [
        (1, "58b4f8b807ca3611"),
        (2, "c258eadf17182ec1"),
        (3, "7cc410d6ac0686da"),
        (4, "92d2329bd204425d"),
        (5, "c2ae8dcc3865db2e"),
    ]
    assert {code: (b.posted, b.reserved) for code, b in book.balances().items()} == {
        POT: (6_000, 0),
        B1: (-10_000, 0),
        B2: (0, 0),
        AANPAK: (2_500, 0),
        "uitgaven": (1_500, 0),
    }
    assert book.check() == []


def test_check_finds_a_chain_head_that_is_not_the_newest_transaction(ledger, session, engine):
    for n in range(3):
        ledger.post(contribution(100, f"k{n}"))
    session.commit()
    assert ledger.check() == []
    with engine.begin() as conn:  # the head points one transaction back
        conn.execute(
            sa.text(
                "UPDATE ledger_chain_head SET last_id = 2, "
                "last_hash = (SELECT hash FROM ledger_transactions WHERE id = 2)"
            )
        )
    assert ledger.check() == ["De kop van de keten wijst niet naar de laatste transactie."]


def test_balances_by_prefix_take_the_prefix_literally(ledger, session):
    """`balances(prefix=…)` reads the accounts under one code (a begroting line's commitments); a `_` or
    `%` in the prefix is a character, not a wildcard."""
    for code in (
        "b:2026:regel-1:toegezegd:a-1",
        "b:2026:regel-12:toegezegd",
        "b:2026:regel_1:x",
        "b:2026:regel-1%",
    ):
        ledger.open_account(code, code, AccountKind.BEGROTING)
    session.commit()
    assert sorted(ledger.balances(prefix="b:2026:regel-1:")) == ["b:2026:regel-1:toegezegd:a-1"]
    assert sorted(ledger.balances(prefix="b:2026:regel_1")) == ["b:2026:regel_1:x"]
    assert sorted(ledger.balances(prefix="b:2026:regel-1%")) == ["b:2026:regel-1%"]


def test_many_reservations_at_once_are_all_or_nothing_and_idempotent(ledger, session):
    ledger.post(contribution(10_000, "k1"))
    ledger.open_account("pot:osdorp:2026-2027", "Pot Osdorp 2026-2027", AccountKind.POT)
    vraag = [
        ReservationRequest(POT, AANPAK, 4_000, "m1", "test", "Startklas"),
        ReservationRequest(POT, "pot:osdorp:2026-2027", 6_000, "m2", "test", "Overheveling"),
    ]
    with pytest.raises(InsufficientFunds):
        ledger.reserve_many([*vraag, ReservationRequest(POT, AANPAK, 1, "m3", "test", "te veel")])
    assert ledger.balance(POT).reserved == 0
    eerste = ledger.reserve_many(vraag)
    session.commit()
    assert [(r.target, r.cents) for r in eerste] == [(AANPAK, 4_000), ("pot:osdorp:2026-2027", 6_000)]
    assert ledger.balance(POT).available == 0 and ledger.balance(POT).reserved == 10_000
    # The same requests again: the same reservations, nothing more held.
    assert [r.id for r in ledger.reserve_many(vraag)] == [r.id for r in eerste]
    assert ledger.balance(POT).reserved == 10_000
    with pytest.raises(IdempotencyConflict):
        ledger.reserve_many([ReservationRequest(POT, AANPAK, 3_000, "m1", "test", "Startklas")])
    assert ledger.check() == []
