"""The ledger cannot be emptied or added to behind the app's back, and the check notices when someone with
the power to switch the guards off did it anyway (migration 0014l)."""

import pytest
import sqlalchemy as sa

from ledger import Anchor, Posting, TransactionDraft, parse_anchor
from ledger.core.chain import GENESIS
from ledger.store.tables import LEDGER_TABLES

POT, B1 = "pot:osdorp:2025-2026", "bijdrage:bestuur-1"


def contribution(cents, key):
    from datetime import date

    return TransactionDraft(
        (Posting(POT, cents), Posting(B1, -cents)), date(2026, 1, 15), "Bijdrage", "t", key
    )


def _count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def _with_guards_off(engine, *statements: str) -> None:
    """What an owner of the database could do: run `statements` with every ledger guard switched off."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            for (name,) in conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'")):
                conn.execute(sa.text(f"DROP TRIGGER {name}"))
            for statement in statements:
                if statement.startswith("TRUNCATE "):  # SQLite's equivalent: DELETE without WHERE
                    tables = statement.removeprefix("TRUNCATE ").removesuffix(" CASCADE").split(", ")
                    for table in tables:
                        conn.execute(sa.text(f"DELETE FROM {table}"))
                else:
                    conn.execute(sa.text(statement))
            return
        for table in LEDGER_TABLES:
            conn.execute(sa.text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        for statement in statements:
            conn.execute(sa.text(statement))
        for table in LEDGER_TABLES:
            conn.execute(sa.text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))


@pytest.fixture
def posted(ledger, session):
    for n in range(3):
        ledger.post(contribution(1_000 * (n + 1), f"k{n}"))
    session.commit()
    assert ledger.check() == []
    session.rollback()  # end the check's read: TRUNCATE would wait for its locks
    return ledger


@pytest.mark.parametrize(
    "statement",
    [
        *(f"TRUNCATE {table} CASCADE" for table in LEDGER_TABLES),
        "TRUNCATE ledger_transactions, ledger_postings, ledger_balances, ledger_chain_head CASCADE",
    ],
)
def test_postgresql_refuses_truncate_of_every_ledger_table(posted, engine, statement):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its DELETE without WHERE is refused below")
    with (
        pytest.raises(sa.exc.DatabaseError, match="TRUNCATE of ledger_\\w+ is not allowed"),
        engine.begin() as conn,
    ):
        conn.execute(sa.text(statement))
    assert _count(engine, "ledger_transactions") == 3
    assert _count(engine, "ledger_postings") == 6
    assert posted.balance(POT).posted == 6_000
    assert posted.check() == []


@pytest.mark.parametrize("table", ["ledger_transactions", "ledger_postings", "ledger_chain_head"])
def test_emptying_with_delete_is_refused(posted, engine, table):
    """SQLite's "truncate" is DELETE without WHERE, never optimised on a table with a DELETE trigger."""
    with pytest.raises(sa.exc.DatabaseError), engine.begin() as conn:
        conn.execute(sa.text(f"DELETE FROM {table}"))
    assert (
        _count(engine, table)
        == {"ledger_transactions": 3, "ledger_postings": 6, "ledger_chain_head": 1}[table]
    )
    assert posted.check() == []


def test_postings_cannot_be_added_to_a_posted_transaction(posted, engine):
    """A balanced pair slipped into transaction 2 would move money without a new hash: refused."""
    with pytest.raises(sa.exc.DatabaseError, match="posted transaction"), engine.begin() as conn:
        pot, board = (
            conn.execute(sa.text("SELECT id FROM ledger_accounts WHERE code = :c"), {"c": code}).scalar_one()
            for code in (POT, B1)
        )
        conn.execute(
            sa.text(
                "INSERT INTO ledger_postings (transaction_id, account_id, cents) VALUES (2, :pot, 500), (2, :b, -500)"
            ),
            {"pot": pot, "b": board},
        )
    assert _count(engine, "ledger_postings") == 6
    assert posted.check() == []


def test_the_app_still_posts_after_the_seal(posted, session):
    """The seal lets a transaction's own postings in, written in the same statement as its header."""
    tx = posted.post(contribution(250, "k-nieuw"))
    session.commit()
    assert tx.id == 4
    assert posted.balance(POT).posted == 6_250
    assert posted.anchor() == Anchor(4, tx.hash)
    assert posted.check() == []


def test_check_reports_a_ledger_emptied_behind_the_chain_head(posted, engine):
    _with_guards_off(engine, "TRUNCATE ledger_postings, ledger_transactions CASCADE")
    assert _count(engine, "ledger_transactions") == 0
    assert posted.check() == [
        "De kop van de keten telt 3 transacties, het grootboek heeft er 0: "
        "transacties zijn verdwenen of buiten het grootboek om toegevoegd."
    ]


def test_check_reports_a_missing_chain_head(posted, engine):
    _with_guards_off(engine, "DELETE FROM ledger_chain_head")
    assert posted.check() == [
        "De kop van de keten ontbreekt, terwijl het grootboek 3 transacties en rekeningen heeft."
    ]


def test_the_anchor_notices_a_ledger_wiped_completely(posted, engine, session):
    """Emptied with its head and accounts the ledger looks new; only an anchor kept outside tells."""
    anchor = posted.anchor()
    assert anchor.count == 3 and str(anchor) == f"3:{anchor.hash}"
    assert posted.check_anchor(anchor) == []
    session.rollback()
    _with_guards_off(engine, f"TRUNCATE {', '.join(reversed(LEDGER_TABLES))} CASCADE")
    session.expire_all()
    assert posted.check() == []
    assert posted.check_anchor(anchor) == [
        "Het grootboek heeft 0 transacties, het anker noemt er 3: het grootboek is geleegd of ingekort."
    ]


_OTHER_FIRST_DIGIT = "CASE WHEN {column} LIKE 'f%' THEN '0' ELSE 'f' END || substr({column}, 2)"


def _hash_of(engine, transaction_id: int) -> str:
    with engine.connect() as conn:
        return conn.execute(
            sa.text("SELECT hash FROM ledger_transactions WHERE id = :id"), {"id": transaction_id}
        ).scalar_one()


def test_the_anchor_notices_a_rewritten_ledger(posted, engine, session):
    """Transaction 3 rewritten with a hash recomputed to fit: the chain checks, the anchor does not."""
    anchor = posted.anchor()
    session.rollback()
    # The first hex digit changed to another one: 'f' would leave a hash that starts with 'f' as it was.
    _with_guards_off(
        engine,
        f"UPDATE ledger_transactions SET hash = {_OTHER_FIRST_DIGIT.format(column='hash')} WHERE id = 3",
        f"UPDATE ledger_chain_head SET last_hash = {_OTHER_FIRST_DIGIT.format(column='last_hash')}",
    )
    assert _hash_of(engine, 3) != anchor.hash
    assert posted.check_anchor(anchor) == [
        "Transactie 3 heeft niet de hash van het anker: het grootboek is herschreven sinds het anker werd genomen."
    ]


def test_an_older_anchor_holds_while_the_ledger_grows(posted, session):
    anchor = posted.anchor()
    posted.post(contribution(1, "k-later"))
    session.commit()
    assert posted.check_anchor(anchor) == []


@pytest.mark.parametrize(
    "text",
    ["", "3", "3:", ":" + "a" * 64, "-1:" + "a" * 64, "3:" + "A" * 64, "3:" + "a" * 63, "0:" + "a" * 64],
)
def test_a_malformed_anchor_is_refused_in_dutch(text):
    with pytest.raises(ValueError, match="anker|Anker"):
        parse_anchor(text)


def test_an_anchor_reads_back_as_printed():
    assert parse_anchor(f" 12:{'ab' * 32}\n") == Anchor(12, "ab" * 32)
    assert parse_anchor(f"0:{GENESIS}") == Anchor(0, GENESIS)


# `flask ledger anchor` and `flask ledger check --anchor`


def test_flask_ledger_check_fails_on_an_emptied_ledger(posted, engine, runner):
    _with_guards_off(engine, "TRUNCATE ledger_postings, ledger_transactions CASCADE")
    result = runner.invoke(args=["ledger", "check"])
    assert result.exit_code == 1
    assert (
        "Grootboek NIET in orde: De kop van de keten telt 3 transacties, het grootboek heeft er 0"
        in result.output
    )


def test_flask_ledger_anchor_and_check_against_it(posted, engine, session, runner):
    anker = runner.invoke(args=["ledger", "anchor"])
    assert anker.exit_code == 0
    assert anker.output.strip() == f"3:{posted.transaction(3).hash}"
    session.rollback()

    goed = runner.invoke(args=["ledger", "check", "--anchor", anker.output.strip()])
    assert goed.exit_code == 0, goed.output
    assert goed.output == "Grootboek in orde: 3 transacties, 6 boekingen, hash-keten klopt, anker 3 klopt.\n"

    _with_guards_off(engine, f"TRUNCATE {', '.join(reversed(LEDGER_TABLES))} CASCADE")
    assert runner.invoke(args=["ledger", "check"]).exit_code == 0  # an empty ledger looks new ...
    fout = runner.invoke(args=["ledger", "check", "--anchor", anker.output.strip()])
    assert fout.exit_code == 1  # ... but not to the anchor
    assert "het anker noemt er 3: het grootboek is geleegd of ingekort" in fout.output


def test_flask_ledger_check_refuses_a_malformed_anchor(runner):
    result = runner.invoke(args=["ledger", "check", "--anchor", "drie"])
    assert result.exit_code == 2
    assert "AANTAL:HASH" in result.output
