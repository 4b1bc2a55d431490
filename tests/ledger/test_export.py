"""The Beancount export (bean-check accepts it, its balances are ours) and `flask ledger check`."""

import itertools
import subprocess
import sys
from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from beancount import loader
from beancount.core import account as bean_account
from beancount.core import data
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session

from ledger import AccountKind, Ledger, PostedTransaction, Posting, TransactionDraft, to_decimal
from ledger.export import (
    ExportAccount,
    ExportError,
    account_name,
    account_names,
    beancount_lines,
    begin_snapshot,
    export_accounts,
    totals,
)
from ledger.export.beancount import amount, quote

BEAN_CHECK = Path(sys.executable).parent / "bean-check"

POT_O, POT_B = "pot:osdorp:2025-2026", "pot:bos-en-lommer:2025-2026"
B1, B2, SWV = "bijdrage:bestuur-1", "bijdrage:bestuur-2", "bijdrage:swv"
NI, SAMEN = "budget:nieuwe-initiatieven", "budget:samenwerking-wijk-en-regio"
GEMEENTE, OKT = "cofinanciering:Gemeente Amsterdam (€)", "cofinanciering:okt-west"
STARTKLAS, TAAL, GEDRAG = (
    "aanpak:startklas-osdorp",
    "aanpak:taalversterking-bos-en-lommer",
    "aanpak:expertteam-gedrag",
)
UIT, UIT_B = "uitgaven", "uitgaven:bos-en-lommer"
ONGEBRUIKT = "bijdrage:bestuur-9"
TRICKY = 'Bijdrage "eigen middelen"\nregel 2\tmet tab, \\ backslash — café'


def tx(key, day, description, *postings):
    return TransactionDraft(
        tuple(Posting(code, cents) for code, cents in postings), day, description, "test", key
    )


@pytest.fixture
def book(ledger, session):
    """Accounts of every kind, contributions, a partly posted and a voided reservation, a reversal,
    spending, and two closed accounts (one used up, one never used)."""
    for code, naam, kind in [
        (POT_B, "Pot Bos en Lommer 2025-2026", AccountKind.POT),
        (SWV, "Bijdragen SWV", AccountKind.BIJDRAGE),
        (ONGEBRUIKT, "Bijdragen Stichting Negen", AccountKind.BIJDRAGE),
        (NI, "Nieuwe initiatieven", AccountKind.BUDGET),
        (SAMEN, "Samenwerking in de wijk en regio", AccountKind.BUDGET),
        (GEMEENTE, "Gemeente Amsterdam", AccountKind.COFINANCIERING),
        (OKT, "OKT West", AccountKind.COFINANCIERING),
        (TAAL, "Taalversterking Bos en Lommer", AccountKind.AANPAK),
        (GEDRAG, "Expertteam gedrag", AccountKind.AANPAK),
        (UIT_B, "Uitgaven Bos en Lommer", AccountKind.UITGAVEN),
    ]:
        ledger.open_account(code, naam, kind)
    post = ledger.post
    post(tx("c1", date(2025, 9, 1), TRICKY, (POT_O, 5_000_000), (B1, -5_000_000)))
    post(tx("c2", date(2025, 9, 2), "Bijdrage Stichting Twee", (POT_O, 2_500_050), (B2, -2_500_050)))
    post(tx("c3", date(2025, 9, 3), "Bijdrage SWV", (POT_B, 1_000_000), (SWV, -1_000_000)))
    post(tx("c4", date(2025, 10, 1), "Nieuwe initiatieven", (POT_B, 750_001), (NI, -750_001)))
    post(tx("c5", date(2025, 10, 1), "Samenwerking", (POT_O, 99), (SAMEN, -99)))
    post(
        tx(
            "c6",
            date(2025, 11, 1),
            "Cofinanciering",
            (POT_O, 300_000),
            (POT_B, 200_000),
            (GEMEENTE, -400_000),
            (OKT, -100_000),
        )
    )
    wrong = post(tx("c7", date(2025, 11, 2), "Dubbel ingevoerd", (POT_B, 12_345), (B2, -12_345)))
    ledger.reverse(
        wrong.id, effective_date=date(2025, 11, 3), entered_by="test", idempotency_key="r1", reason="dubbel"
    )
    res = ledger.reserve(
        POT_O, STARTKLAS, 600_000, idempotency_key="res1", entered_by="test", description="Startklas"
    )
    ledger.post_reservation(
        res.id, idempotency_key="p1", entered_by="test", effective_date=date(2025, 12, 1), cents=450_000
    )
    void = ledger.reserve(
        POT_B, TAAL, 100_000, idempotency_key="res2", entered_by="test", description="Taal (afgewezen)"
    )
    ledger.void_reservation(void.id)
    ledger.reserve(POT_B, TAAL, 50_000, idempotency_key="res3", entered_by="test", description="Open")
    post(tx("a1", date(2026, 1, 5), "Taalversterking", (POT_B, -300_000), (TAAL, 300_000)))
    post(tx("s1", date(2026, 2, 1), "Factuur startklas", (STARTKLAS, -120_000), (UIT, 120_000)))
    post(tx("s2", date(2026, 3, 1), "Factuur taal", (TAAL, -75_025), (UIT_B, 75_025)))
    # An approach funded and spent in full, then closed; its last posting lies in the future.
    post(tx("g1", date(2026, 4, 1), "Expertteam", (POT_O, -10_000), (GEDRAG, 10_000)))
    post(tx("g2", date(2030, 6, 30), "Expertteam eindafrekening", (GEDRAG, -10_000), (UIT, 10_000)))
    ledger.close_account(GEDRAG)
    ledger.close_account(ONGEBRUIKT)
    session.commit()
    assert ledger.check() == []
    return ledger


def export_file(runner, tmp_path) -> Path:
    path = tmp_path / "grootboek.beancount"
    result = runner.invoke(args=["ledger", "export", "--format", "beancount", "--output", str(path)])
    assert result.exit_code == 0, result.output
    return path


def bean_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BEAN_CHECK), str(path)], capture_output=True, text=True, timeout=120)


def test_bean_check_accepts_the_export_and_its_balances_are_ours(book, session, runner, tmp_path):
    path = export_file(runner, tmp_path)

    checked = bean_check(path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == checked.stderr == ""

    entries, errors, options = loader.load_file(str(path))
    assert errors == []
    assert options["operating_currency"] == ["EUR"]
    sums: dict[str, Decimal] = defaultdict(Decimal)
    transactions = [e for e in entries if isinstance(e, data.Transaction)]
    for entry in transactions:
        for posting in entry.postings:
            assert posting.units.currency == "EUR"
            sums[posting.account] += posting.units.number
    ours = book.balances()
    names = {code: account_name(code, b.kind) for code, b in ours.items()}
    assert len(set(names.values())) == len(names) == 15
    assert {names[code]: to_decimal(b.posted) for code, b in ours.items() if b.posted} == {
        name: total for name, total in sums.items() if total
    }
    assert sums[names[POT_O]] == Decimal("73401.49")  # 50,000 + 25,000.50 + 0.99 + 3,000 - 4,500 - 100

    # Every transaction is there, in order, with its metadata; opens carry the original code.
    ids = [int(e.meta["ledger-id"]) for e in transactions]
    assert ids == list(range(1, len(ids) + 1)) == [t.id for t in book.iter_transactions()]
    for entry, ours_tx in zip(transactions, book.iter_transactions(), strict=True):
        assert entry.date == ours_tx.effective_date
        assert entry.narration == ours_tx.description
        assert entry.meta["hash"] == ours_tx.hash and entry.meta["prev-hash"] == ours_tx.prev_hash
        assert entry.meta["idempotency-key"] == ours_tx.idempotency_key
    assert transactions[0].narration == TRICKY
    reversal = next(e for e in transactions if "reverses" in e.meta)
    assert reversal.meta["reverses"] == 7 and reversal.meta["ledger-id"] == 8
    opens = {e.account: e for e in entries if isinstance(e, data.Open)}
    assert {e.meta["code"]: name for name, e in opens.items()} == names
    assert names[GEMEENTE].startswith("Income:Cofinanciering:Gemeente-Amsterdam-0X")
    assert opens[names[POT_O]].date == date(2025, 9, 1)  # first use, before the account was opened
    closes = {e.account: e.date for e in entries if isinstance(e, data.Close)}
    assert closes == {names[GEDRAG]: date(2030, 6, 30), names[ONGEBRUIKT]: datetime.now(UTC).date()}
    assert [e for e in entries if isinstance(e, data.Balance)]  # the stored balances, asserted


def test_account_roots_give_beancount_signs(book, session):
    names = account_names(export_accounts(session))
    assert names[POT_O] == "Assets:Pot:Osdorp:2025-2026"
    assert names[STARTKLAS] == "Assets:Aanpak:Startklas-Osdorp"
    assert names[B1] == "Equity:Bijdrage:Bestuur-1"
    assert names[NI] == "Equity:Budget:Nieuwe-Initiatieven"
    assert names[OKT] == "Income:Cofinanciering:Okt-West"
    assert names[UIT] == "Expenses:Uitgaven"
    for code, balance in book.balances().items():
        root = names[code].split(":")[0]
        if root in ("Assets", "Expenses"):
            assert balance.posted >= 0, code
        else:
            assert balance.posted <= 0, code


def test_bean_check_catches_a_tampered_balance_in_the_export(book, engine, runner, tmp_path):
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "UPDATE ledger_balances SET posted_cents = posted_cents + 1 "
                "WHERE account_id = (SELECT id FROM ledger_accounts WHERE code = :c)"
            ),
            {"c": POT_B},
        )
    checked = bean_check(export_file(runner, tmp_path))
    assert checked.returncode != 0
    assert "Balance failed for 'Assets:Pot:Bos-En-Lommer:2025-2026'" in checked.stderr + checked.stdout


def test_export_to_stdout(book, runner):
    result = runner.invoke(args=["ledger", "export"])
    assert result.exit_code == 0
    assert result.stdout.startswith("; Grootboek van Wijkportaal")
    assert 'option "operating_currency" "EUR"' in result.stdout
    assert "  Assets:Pot:Osdorp:2025-2026" in result.stdout and "50000.00 EUR" in result.stdout
    assert result.stderr == ""


def test_empty_ledger_exports_and_checks(runner, tmp_path):
    path = export_file(runner, tmp_path)
    assert bean_check(path).returncode == 0
    result = runner.invoke(args=["ledger", "check"])
    assert result.exit_code == 0
    assert result.output == "Grootboek in orde: 0 transacties, 0 boekingen, hash-keten klopt.\n"


def test_export_refuses_an_unknown_format(runner):
    result = runner.invoke(args=["ledger", "export", "--format", "csv"])
    assert result.exit_code == 2


# `flask ledger check`


def test_check_a_sound_ledger(book, runner):
    result = runner.invoke(args=["ledger", "check"])
    assert result.exit_code == 0, result.output
    assert result.output == "Grootboek in orde: 14 transacties, 30 boekingen, hash-keten klopt.\n"


class Tamperer:
    """Someone with database superuser rights who switches the append-only guards off."""

    def __init__(self, engine):
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"

    def run(self, statement: str, **params) -> None:
        with self.engine.begin() as conn:
            if self.sqlite:
                for trigger in ("ledger_transactions_no_update", "ledger_postings_no_update"):
                    conn.execute(sa.text(f"DROP TRIGGER IF EXISTS {trigger}"))
                conn.execute(sa.text(statement), params)
                return
            # The PostgreSQL schema is shared by all tests: switch the guards back on afterwards.
            for table in ("ledger_transactions", "ledger_postings"):
                conn.execute(sa.text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
            conn.execute(sa.text(statement), params)
            for table in ("ledger_transactions", "ledger_postings"):
                conn.execute(sa.text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            "UPDATE ledger_balances SET posted_cents = posted_cents - 5 "
            "WHERE account_id = (SELECT id FROM ledger_accounts WHERE code = 'bijdrage:swv')",
            "Rekening bijdrage:swv: opgeslagen saldo -1000005 cent, som van de boekingen -1000000 cent.",
        ),
        (
            "UPDATE ledger_transactions SET description = 'Bijdrage SWV (verhoogd)' WHERE id = 3",
            "Transactie 3: de inhoud past niet bij de opgeslagen hash (gewijzigd?).",
        ),
        (
            "UPDATE ledger_transactions SET hash = :fake WHERE id = 5",
            "Transactie 5: de inhoud past niet bij de opgeslagen hash (gewijzigd?).",
        ),
        (  # both sides changed, so the sum stays zero; the hash still tells
            "UPDATE ledger_postings SET cents = cents * 2 WHERE transaction_id = 4",
            "Transactie 4: de inhoud past niet bij de opgeslagen hash (gewijzigd?).",
        ),
        (
            "UPDATE ledger_postings SET cents = cents + 1 "
            "WHERE id = (SELECT MIN(id) FROM ledger_postings WHERE transaction_id = 2)",
            "Transactie 2: de boekingen tellen op tot 1 cent in plaats van nul.",
        ),
    ],
    ids=["balance", "description", "hash", "posting-amounts", "unbalanced"],
)
def test_check_names_the_first_discrepancy(book, engine, runner, statement, expected):
    Tamperer(engine).run(statement, fake="f" * 64)
    result = runner.invoke(args=["ledger", "check"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Grootboek NIET in orde: {expected}\n"


@pytest.mark.parametrize("snapshot", [True, False], ids=["snapshot", "without-snapshot"])
def test_check_reads_one_snapshot_while_others_post(book, engine, monkeypatch, snapshot):
    """Someone posts after the check read the balances and before it reads the transactions: in
    one snapshot the check still sees a sound ledger; without it, it would cry wolf."""
    original = Ledger.iter_transactions

    def iter_with_a_concurrent_post(self, *args, **kwargs):
        with Session(engine) as other:
            Ledger(other).post(tx("late", date(2026, 5, 1), "Intussen", (POT_O, 1), (B1, -1)))
            other.commit()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Ledger, "iter_transactions", iter_with_a_concurrent_post)
    with Session(engine) as session:
        if snapshot:
            begin_snapshot(session)
        errors = Ledger(session).check()
        if snapshot:
            assert errors == []
            assert totals(session).transactions == 14
        else:
            assert errors and "opgeslagen saldo" in errors[0]


# The pure export


def test_account_names_are_valid_and_collision_free_for_awkward_codes():
    codes = [
        "pot:a b",
        "pot:a-b",
        "pot:A-b",
        "pot:a_b",
        "pot:a--b",
        "pot:-a",
        "pot::x",
        "pot:",
        "pot:0x1",
        "pot:café",
        "pot:cafe",
        "Pot:cafe",
        "pot:ŝ",
        "pot:s",
        'pot:"quoted"\n',
    ]
    names = account_names(ExportAccount(c, c, AccountKind.POT, date(2026, 1, 1)) for c in codes)
    assert len(set(names.values())) == len(codes)
    assert all(bean_account.is_valid(n) and n.startswith("Assets:") for n in names.values())
    assert names["pot:a-b"] == "Assets:Pot:A-B"
    assert names["pot:0x1"] == "Assets:Pot:0x1"
    assert names["pot:a b"].startswith("Assets:Pot:A-B-0X")


@given(st.sets(st.text(min_size=1, max_size=40), min_size=1, max_size=30), st.sampled_from(AccountKind))
def test_account_names_are_always_valid_and_one_to_one(codes, kind):
    names = account_names(ExportAccount(c, c, kind, date(2026, 1, 1)) for c in codes)
    assert len(set(names.values())) == len(codes)
    assert all(bean_account.is_valid(n) and n.isascii() for n in names.values())
    assert names == {c: account_name(c, kind) for c in codes}  # deterministic


def test_amounts_are_exact_two_decimal_euros():
    assert amount(0) == "0.00 EUR"
    assert amount(1) == "0.01 EUR"
    assert amount(-5) == "-0.05 EUR"
    assert amount(-123_456) == "-1234.56 EUR"
    assert amount(10**15 + 7) == "10000000000000.07 EUR"
    with pytest.raises(ExportError):
        amount(1.5)


def test_strings_are_escaped():
    assert quote('a "b" \\ c\nd\re\tf') == '"a \\"b\\" \\\\ c\\nd\\re\\tf"'
    assert quote("nul\x00bel\x07") == '"nul\ufffdbel\ufffd"'
    assert quote("café € —") == '"café € —"'


def _endless(start: date):
    for n in itertools.count(1):
        yield PostedTransaction(
            id=n,
            postings=(Posting("pot", 100), Posting("bron", -100)),
            effective_date=start,
            description=f"Bijdrage {n}",
            entered_by="test",
            entered_at=datetime(2026, 1, 1),
            idempotency_key=f"k{n}",
            reverses=None,
            prev_hash="0" * 64,
            hash="1" * 64,
        )


ACCOUNTS = [
    ExportAccount("pot", "Pot", AccountKind.POT, date(2026, 1, 1)),
    ExportAccount("bron", "Bron", AccountKind.BIJDRAGE, date(2026, 1, 1)),
]


def test_export_is_streamed():
    """Lines come out while transactions go in: an endless ledger still yields its first lines."""
    chunks = list(itertools.islice(beancount_lines(ACCOUNTS, _endless(date(2026, 1, 2))), 200))
    text = "".join(chunks)
    assert text.count("\n2026-01-02 * ") > 150
    assert all(chunk.endswith("\n") for chunk in chunks)


def test_export_refuses_a_posting_before_the_account_opens():
    with pytest.raises(ExportError, match="buiten de looptijd van pot"):
        list(beancount_lines(ACCOUNTS, itertools.islice(_endless(date(2025, 12, 31)), 1)))
