"""`python -m bench.ledger`: how fast the ledger is, on SQLite and PostgreSQL.

Per backend, on a fresh database built by the Alembic migrations, in this order:

1. accounts through the API, then a bulk load up to 10,000 postings: a pot's balance read, p50/p95;
2. sustained transactions per second through `Ledger.post` (a 2-posting contribution, one session and
   one commit per transaction, as a portal request does), 1 client and 8 concurrent clients (threads,
   each its own session); reservations (`reserve` + `post_reservation`, each committed) likewise;
3. a bulk load up to 100,000 transactions: `flask ledger export --format beancount`, `bean-check` and a
   `bean-report balances` equivalent on the file, against `Ledger.balances()`; the balances must agree;
4. a bulk load up to 1,000,000 postings: the balance read again, then `flask ledger check` (which must pass).

The bulk loads write straight into the ledger tables, but with everything the API would have written:
canonical content, the SHA-256 chain continuing from the chain head, content digests, balances and the
chain head updated in the same database transaction, postings before headers (SQLite's zero-sum trigger)
and all database triggers left on. `flask ledger check` at the end proves the result is a sound ledger.

A "sketch" row measures, in the same run, the check's core reading plain columns in-process, for comparison
with the CLI. (`Ledger.post`'s PostgreSQL path, once a sketch here, is now the ledger's own code.)

    .venv/bin/python -m bench.ledger                      # full run, both backends (about 5-6 minutes)
    .venv/bin/python -m bench.ledger --quick              # small run (about 40 seconds)
    .venv/bin/python -m bench.ledger --backend sqlite     # or postgresql
    .venv/bin/python -m bench.ledger bean-balances FILE   # the bean-report stand-in on its own

Results: a table on stdout and `bench/results/ledger.json`; databases in `bench/data/` (both gitignored).
"""

import argparse
import itertools
import json
import os
import platform
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session

from ledger import AccountKind, Ledger, Posting, TransactionDraft
from ledger.core.chain import canonical, chain_hash, content_digest
from ledger.core.check import check_ledger
from ledger.core.model import PostedTransaction
from ledger.export import account_names, begin_snapshot, export_accounts
from ledger.store.tables import LedgerAccount, LedgerPosting, LedgerTransaction
from wijkportaal import migrate
from wijkportaal.core.db import make_engine

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
PG_URL = os.environ.get("BENCH_LEDGER_PG_URL", "postgresql://postgres@127.0.0.1:5432/wp_lbench")
SQLITE_URL = f"sqlite:///{DATA / 'ledger.sqlite'}"
CHUNK = 20_000  # transactions per COPY / executemany batch in a bulk load
TARGETS = {"tps_pg_1": 500, "read_p95_ms": 5.0, "check_s": 60.0}


@dataclass(frozen=True)
class Sizes:
    small_postings: int  # the first balance read
    bean_transactions: int  # the Beancount comparison
    big_postings: int  # the second balance read and the check
    seconds: float  # per throughput run
    clients: int
    reads: int


FULL = Sizes(10_000, 100_000, 1_000_000, 10.0, 8, 1000)
QUICK = Sizes(2_000, 5_000, 40_000, 2.0, 8, 200)


# ------------------------------------------------------------------------------------------- accounts

WIJKEN = ["osdorp", "bos-en-lommer", "geuzenveld", "slotermeer"]
JAREN = ["2024-2025", "2025-2026", "2026-2027"]
AANPAKKEN = ["startklas", "taalversterking", "expertteam-gedrag", "schakelklas", "ouderkamer", "zorgcoach"]


def chart() -> list[tuple[str, str, AccountKind]]:
    """The accounts of a realistic ledger: pots per wijk and school year, boards, SWV lines, partners."""
    accounts = [(f"pot:{w}:{j}", f"Gedeelde pot {w} {j}", AccountKind.POT) for w in WIJKEN for j in JAREN]
    accounts += [(f"bijdrage:bestuur-{n:02d}", f"Bestuur {n}", AccountKind.BIJDRAGE) for n in range(1, 41)]
    accounts += [("bijdrage:swv", "Samenwerkingsverband", AccountKind.BIJDRAGE)]
    accounts += [
        ("budget:swv:nieuwe-initiatieven", "Nieuwe initiatieven", AccountKind.BUDGET),
        ("budget:swv:vrijval", "Vrijval Geen Kind de Buurt Uit", AccountKind.BUDGET),
        ("cofinanciering:gemeente-amsterdam", "Gemeente Amsterdam", AccountKind.COFINANCIERING),
        ("cofinanciering:okt", "Ouder- en Kindteams", AccountKind.COFINANCIERING),
    ]
    accounts += [(f"aanpak:{w}:{a}", f"{a} {w}", AccountKind.AANPAK) for w in WIJKEN for a in AANPAKKEN]
    accounts += [(f"uitgaven:{w}", f"Uitgaven {w}", AccountKind.UITGAVEN) for w in WIJKEN]
    return accounts


def fresh_database(url: str) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        from bench.generate import ensure_postgres_database

        ensure_postgres_database(url)
    migrate.upgrade(url)


def open_accounts(engine: sa.Engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        ledger = Ledger(session)
        for code, naam, kind in chart():
            ledger.open_account(code, naam, kind)
        session.commit()


# ------------------------------------------------------------------------------------------- bulk load


class BulkLoader:
    """Appends valid transactions straight into the ledger tables, continuing the chain and balances."""

    def __init__(self, engine: sa.Engine, seed: int = 1):
        self.engine = engine
        self.rng = random.Random(seed)
        self.sqlite = engine.dialect.name == "sqlite"
        self.base = datetime(2026, 11, 23, 8, 0, 0)

    def _state(self, conn) -> None:
        self.accounts = {
            code: (account_id, AccountKind(kind))
            for account_id, code, kind in conn.execute(sa.text("SELECT id, code, kind FROM ledger_accounts"))
        }
        self.code_of = {account_id: code for code, (account_id, _) in self.accounts.items()}
        self.posted, self.reserved = {}, {}
        for account_id, posted, reserved in conn.execute(
            sa.text("SELECT account_id, posted_cents, reserved_cents FROM ledger_balances")
        ):
            self.posted[account_id], self.reserved[account_id] = posted, reserved
        self.last_id, self.last_hash = conn.execute(
            sa.text("SELECT last_id, last_hash FROM ledger_chain_head WHERE id = 1")
        ).one()
        self.n_postings = conn.execute(sa.text("SELECT count(*) FROM ledger_postings")).scalar_one()
        self.by_kind: dict[AccountKind, list[str]] = {}
        for code, (_, kind) in sorted(self.accounts.items()):
            self.by_kind.setdefault(kind, []).append(code)
        self.reversible: list[tuple[int, tuple[Posting, ...]]] = []  # recent contributions

    def counts(self) -> tuple[int, int]:
        with self.engine.connect() as conn:
            return (
                conn.execute(sa.text("SELECT count(*) FROM ledger_transactions")).scalar_one(),
                conn.execute(sa.text("SELECT count(*) FROM ledger_postings")).scalar_one(),
            )

    def _available(self, code: str) -> int:
        account_id = self.accounts[code][0]
        return self.posted[account_id] - self.reserved[account_id]

    def _draft(self, tx_id: int) -> TransactionDraft:
        """One transaction of the mix: contributions, allocations to approaches, spending, corrections."""
        rng = self.rng
        wijk, jaar = rng.choice(WIJKEN), rng.choice(JAREN)
        pot = f"pot:{wijk}:{jaar}"
        start = date(int(jaar[:4]), 8, 1)
        day = start + timedelta(days=rng.randrange(365))
        key = f"bulk-{tx_id}"
        who = f"bestuurder{rng.randrange(1, 60)}@bench.wijkportaal.nl"
        roll = rng.random()
        if roll < 0.02 and self.reversible:
            original_id, postings = self.reversible.pop(rng.randrange(len(self.reversible)))
            reversed_postings = tuple(Posting(p.account, -p.cents) for p in postings)
            if all(
                self._available(p.account) + p.cents >= 0
                for p in reversed_postings
                if self.accounts[p.account][1].may_not_go_negative
            ):
                return TransactionDraft(
                    reversed_postings,
                    day,
                    f"Correctie van transactie {original_id}: dubbel ingevoerd",
                    who,
                    key,
                    reverses=original_id,
                )
        if roll < 0.25:
            aanpak = f"aanpak:{wijk}:{rng.choice(AANPAKKEN)}"
            cents = rng.randrange(50_000, 2_000_000)
            if self._available(pot) >= cents:
                return TransactionDraft(
                    (Posting(pot, -cents), Posting(aanpak, cents)), day, f"Toekenning {aanpak}", who, key
                )
        elif roll < 0.48:
            aanpak = f"aanpak:{wijk}:{rng.choice(AANPAKKEN)}"
            cents = rng.randrange(5_000, 500_000)
            if self._available(aanpak) >= cents:
                return TransactionDraft(
                    (Posting(aanpak, -cents), Posting(f"uitgaven:{wijk}", cents)),
                    day,
                    f"Factuur {rng.randrange(10**6):06d} {aanpak}",
                    who,
                    key,
                )
        source = rng.choice(
            self.by_kind[AccountKind.BIJDRAGE]
            + self.by_kind[AccountKind.BUDGET]
            + self.by_kind[AccountKind.COFINANCIERING]
        )
        cents = rng.randrange(100_000, 5_000_000)
        return TransactionDraft(
            (Posting(source, -cents), Posting(pot, cents)), day, f"Bijdrage {source} aan {pot}", who, key
        )

    def fill(self, *, transactions: int | None = None, postings: int | None = None) -> dict:
        """Append 2-posting transactions until the ledger holds `transactions` or `postings`; one database
        transaction, so the zero-sum and chain rules hold at every commit."""
        t0 = time.perf_counter()
        with self.engine.connect() as conn:
            self._state(conn)
            n_tx = self.last_id
        want = (
            max(0, transactions - n_tx)
            if transactions is not None
            else max(0, (postings - self.n_postings) // 2)
        )
        raw = self.engine.raw_connection()
        hash_s = 0.0
        try:
            cursor = raw.cursor()
            done = 0
            while done < want:
                h0 = time.perf_counter()
                tx_rows, posting_rows = self._chunk(min(CHUNK, want - done))
                hash_s += time.perf_counter() - h0
                self._insert(cursor, tx_rows, posting_rows)
                done += len(tx_rows)
            changed = [(cents, account_id) for account_id, cents in self.posted.items()]
            if self.sqlite:
                cursor.executemany(
                    "UPDATE ledger_balances SET posted_cents = ? WHERE account_id = ?", changed
                )
                cursor.execute(
                    "UPDATE ledger_chain_head SET last_id = ?, last_hash = ? WHERE id = 1",
                    (self.last_id, self.last_hash),
                )
            else:
                cursor.executemany(
                    "UPDATE ledger_balances SET posted_cents = %s WHERE account_id = %s", changed
                )
                cursor.execute(
                    "UPDATE ledger_chain_head SET last_id = %s, last_hash = %s WHERE id = 1",
                    (self.last_id, self.last_hash),
                )
            c0 = time.perf_counter()
            raw.commit()  # PostgreSQL: the deferred zero-sum trigger and foreign keys run here
            commit_s = time.perf_counter() - c0
        except BaseException:
            raw.rollback()
            raise
        finally:
            raw.close()
        if self.sqlite:
            # The load was one huge transaction, so the WAL holds all of it; readers would have to look
            # every page up there. The API's small commits are checkpointed as they go.
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            # What autovacuum does after a large insert (PostgreSQL 13+); also sets the hint bits, so the
            # first full read (the check) does not pay for them.
            with self.engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                for table in ("ledger_transactions", "ledger_postings", "ledger_balances"):
                    conn.exec_driver_sql(f"VACUUM (ANALYZE) {table}")
        n_tx, n_postings = self.counts()
        return {
            "added_transactions": want,
            "transactions": n_tx,
            "postings": n_postings,
            "seconds": round(time.perf_counter() - t0, 1),
            "hashing_seconds": round(hash_s, 1),
            "commit_seconds": round(commit_s, 1),
        }

    def _chunk(self, n: int) -> tuple[list[tuple], list[tuple]]:
        tx_rows, posting_rows = [], []
        for _ in range(n):
            tx_id = self.last_id + 1
            draft = self._draft(tx_id)
            entered_at = self.base + timedelta(microseconds=1_237 * tx_id)
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
            digest = chain_hash(self.last_hash, content)
            for p in draft.postings:
                account_id = self.accounts[p.account][0]
                posting_rows.append((tx_id, account_id, p.cents))
                self.posted[account_id] += p.cents
            if self.sqlite:
                day, moment = draft.effective_date.isoformat(), entered_at.isoformat(" ", "microseconds")
            else:
                day, moment = draft.effective_date, entered_at
            tx_rows.append(
                (
                    tx_id,
                    day,
                    draft.description,
                    draft.entered_by,
                    moment,
                    draft.idempotency_key,
                    content_digest(draft),
                    draft.reverses,
                    self.last_hash,
                    digest,
                )
            )
            if draft.reverses is None and self.accounts[draft.postings[0].account][1] in (
                AccountKind.BIJDRAGE,
                AccountKind.BUDGET,
                AccountKind.COFINANCIERING,
            ):
                self.reversible.append((tx_id, draft.postings))
                if len(self.reversible) > 5_000:
                    self.reversible.pop(0)
            self.last_id, self.last_hash = tx_id, digest
            self.n_postings += len(draft.postings)
        return tx_rows, posting_rows

    TX_COLUMNS = (
        "id, effective_date, description, entered_by, entered_at, idempotency_key, content_digest, "
        "reverses_id, prev_hash, hash"
    )

    def _insert(self, cursor, tx_rows: list[tuple], posting_rows: list[tuple]) -> None:
        if self.sqlite:  # postings first: the header's trigger checks that they sum to zero
            cursor.executemany(
                "INSERT INTO ledger_postings (transaction_id, account_id, cents) VALUES (?, ?, ?)",
                posting_rows,
            )
            cursor.executemany(
                f"INSERT INTO ledger_transactions ({self.TX_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tx_rows,
            )
            return
        with cursor.copy("COPY ledger_postings (transaction_id, account_id, cents) FROM STDIN") as copy:
            for row in posting_rows:
                copy.write_row(row)
        with cursor.copy(f"COPY ledger_transactions ({self.TX_COLUMNS}) FROM STDIN") as copy:
            for row in tx_rows:
                copy.write_row(row)


# ------------------------------------------------------------------------------------------- measuring


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def run_clients(
    engine: sa.Engine, clients: int, seconds: float, op: Callable[[sa.Engine, int, int], int]
) -> dict:
    """Run `op(engine, client, i)` in `clients` threads for `seconds`; op returns the commits it made."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    commits = [0] * clients
    errors: list[str] = []
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def worker(client: int) -> None:
        start.wait()
        i = 0
        while time.perf_counter() < stop_at[0]:
            t0 = time.perf_counter()
            try:
                commits[client] += op(engine, client, i)
            except Exception as error:  # counted and reported; the client carries on, as a retry would
                errors.append(f"{type(error).__name__}: {str(error).splitlines()[0][:160]}")
            else:
                latencies[client].append(time.perf_counter() - t0)
            i += 1

    threads = [threading.Thread(target=worker, args=(c,)) for c in range(clients)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + seconds
    t0, cpu0, load0 = time.perf_counter(), time.process_time(), loadavg()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    done = [x for per_client in latencies for x in per_client]
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "operations": len(done),
        "per_second": round(len(done) / elapsed, 1),
        "commits": sum(commits),
        "latency_p50_ms": ms(pct(done, 0.5)) if done else None,
        "latency_p95_ms": ms(pct(done, 0.95)) if done else None,
        "errors": len(errors),
        "first_errors": sorted(set(errors))[:3],
        "client_cpu_ms_per_op": round(cpu * 1000 / max(1, len(done)), 2),  # Python in this process
        "load_average": load0,
    }


def contribution_op(tag: str):
    """A board's contribution to a pot, posted through the API as one request would."""
    sources = [code for code, _, kind in chart() if kind == AccountKind.BIJDRAGE]
    pots = [code for code, _, kind in chart() if kind == AccountKind.POT]

    def draft(client: int, i: int) -> TransactionDraft:
        rng = random.Random(f"{tag}-{client}-{i}")
        cents = rng.randrange(100, 1_000_000)
        return TransactionDraft(
            postings=(Posting(rng.choice(sources), -cents), Posting(rng.choice(pots), cents)),
            effective_date=date(2025, 9, 1) + timedelta(days=rng.randrange(300)),
            description="Bijdrage via de API (benchmark)",
            entered_by=f"client{client}@bench.wijkportaal.nl",
            idempotency_key=f"{tag}-{client}-{i}",
        )

    def op(engine: sa.Engine, client: int, i: int) -> int:
        with Session(engine, expire_on_commit=False) as session:  # one request: one session, one commit
            Ledger(session).post(draft(client, i))
            session.commit()
        return 1

    op.draft = draft
    return op


def reservation_op(tag: str, single_pot: bool) -> Callable[[sa.Engine, int, int], int]:
    pots = [code for code, _, kind in chart() if kind == AccountKind.POT]

    def op(engine: sa.Engine, client: int, i: int) -> int:
        rng = random.Random(f"{tag}-{client}-{i}")
        pot = pots[0] if single_pot else rng.choice(pots)
        wijk = pot.split(":")[1]
        target = f"aanpak:{wijk}:{rng.choice(AANPAKKEN)}"
        cents = rng.randrange(100, 10_000)
        with Session(engine, expire_on_commit=False) as session:  # request 1: the proposal reserves
            reservation = Ledger(session).reserve(
                pot,
                target,
                cents,
                idempotency_key=f"{tag}-r-{client}-{i}",
                entered_by=f"client{client}@bench.wijkportaal.nl",
                description=f"Toekenning {target} (benchmark)",
            )
            session.commit()
        with Session(engine, expire_on_commit=False) as session:  # request 2: approved, it posts
            Ledger(session).post_reservation(
                reservation.id,
                idempotency_key=f"{tag}-p-{client}-{i}",
                entered_by="bench@bench.wijkportaal.nl",
                effective_date=date(2025, 10, 1),
            )
            session.commit()
        return 2

    return op


# ------------------------------------------------------------------------------------------- sketches
# Not the ledger's API: what the same work costs when written the way bench/README.md proposes, measured in
# the same run (the machine is shared, so only figures from one run compare). Both write or read exactly
# what the API does.


def column_check(engine: sa.Engine) -> dict:
    """`Ledger.check()`'s first and costliest part (sums, chain, balances over every transaction) with
    `iter_transactions` selecting columns instead of ORM entities; everything else as in the ledger."""
    t0 = time.perf_counter()
    with Session(engine) as session:
        begin_snapshot(session)
        codes = dict(session.execute(sa.select(LedgerAccount.id, LedgerAccount.code)).all())
        stored = {code: b.posted for code, b in Ledger(session).balances().items()}
        T, P = LedgerTransaction, LedgerPosting
        query = (
            sa.select(
                T.id,
                T.effective_date,
                T.description,
                T.entered_by,
                T.entered_at,
                T.idempotency_key,
                T.reverses_id,
                T.prev_hash,
                T.hash,
                P.account_id,
                P.cents,
            )  # fmt: skip
            .join(P, P.transaction_id == T.id)
            .order_by(T.id, P.id)
            .execution_options(yield_per=10_000)
        )

        def transactions():
            for _, group in itertools.groupby(session.execute(query), key=lambda r: r[0]):
                group = list(group)
                r = group[0]
                postings = tuple(Posting(codes[g[9]], g[10]) for g in group)
                yield PostedTransaction(r[0], postings, *r[1:9])

        errors = check_ledger(transactions(), stored)
    return {"seconds": round(time.perf_counter() - t0, 1), "errors": errors[:1]}


def balance_reads(engine: sa.Engine, reads: int, seed: int) -> dict:
    """`Ledger.balance(pot)` in a fresh session each (as a request would), random pots."""
    rng = random.Random(seed)
    pots = [code for code, _, kind in chart() if kind == AccountKind.POT]
    times = []
    for i in range(reads + 20):
        code = rng.choice(pots)
        t0 = time.perf_counter()
        with Session(engine) as session:
            balance = Ledger(session).balance(code)
        elapsed = time.perf_counter() - t0
        assert balance.account == code
        if i >= 20:  # warm-up
            times.append(elapsed)
    return {
        "reads": reads,
        "p50_ms": ms(pct(times, 0.5)),
        "p95_ms": ms(pct(times, 0.95)),
        "max_ms": ms(max(times)),
    }


def summing_read(engine: sa.Engine, repeat: int = 5) -> dict:
    """For contrast: a pot's balance summed from its postings, as a ledger without stored balances would."""
    with engine.connect() as conn:
        account_id = conn.execute(
            sa.text("SELECT id FROM ledger_accounts WHERE code = :c"), {"c": f"pot:{WIJKEN[0]}:{JAREN[1]}"}
        ).scalar_one()
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            conn.execute(
                sa.text("SELECT sum(cents) FROM ledger_postings WHERE account_id = :a"), {"a": account_id}
            ).scalar_one()
            times.append(time.perf_counter() - t0)
        conn.rollback()
    return {"repeat": repeat, "p50_ms": ms(pct(times, 0.5))}


def flask(url: str, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    env = {
        **os.environ,
        "FLASK_APP": "wijkportaal",
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "WIJKPORTAAL_INSTANCE": str(DATA / "instance"),
    }
    t0 = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "flask"), *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    return time.perf_counter() - t0, done


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return time.perf_counter() - t0, done


def bean_balances(path: str) -> dict[str, Decimal]:
    """What Beancount 2's `bean-report FILE balances` printed (Beancount 3 dropped bean-report): load,
    book and validate the file, realise the accounts, and give each account's own balance in EUR."""
    from beancount import loader
    from beancount.core import realization

    loader.initialize(use_cache=False)
    entries, errors, _options = loader.load_file(path)
    if errors:
        raise SystemExit(f"Beancount found {len(errors)} errors in {path}, the first: {errors[0]}")
    root = realization.realize(entries)
    result = {}
    for real_account in realization.iter_children(root):
        if real_account.account and not real_account.balance.is_empty():  # skip the parents
            result[real_account.account] = real_account.balance.get_currency_units("EUR").number
    return result


def bean_report_command(path: Path) -> list[str]:
    """`bean-report FILE balances` when installed (Beancount 2), else the equivalent above."""
    if (BIN / "bean-report").exists():
        return [str(BIN / "bean-report"), str(path), "balances"]
    return [sys.executable, "-m", "bench.ledger", "bean-balances", str(path)]


def parse_report(text: str) -> dict[str, Decimal]:
    """Lines `Account   123.45 EUR` (bean-report and our equivalent print the same shape)."""
    result = {}
    for line in text.splitlines():
        parts = line.replace("|", " ").replace("`--", " ").replace("|--", " ").split()
        if len(parts) >= 3 and parts[-1] == "EUR" and ":" in parts[0]:
            result[parts[0]] = Decimal(parts[-2])
    return result


def compare_with_beancount(url: str, engine: sa.Engine, backend: str) -> dict:
    path = DATA / f"ledger-{backend}.beancount"
    export_s, done = flask(url, "ledger", "export", "--format", "beancount", "--output", str(path))
    if done.returncode != 0:
        raise SystemExit(f"flask ledger export failed:\n{done.stderr}")
    # Uncached, both: Beancount otherwise keeps a pickle of the parsed file next to it and the second
    # command would only read that.
    check_s, checked = timed([str(BIN / "bean-check"), "--no-cache", str(path)])
    report_cmd = bean_report_command(path)
    report_s, reported = timed(report_cmd)
    if reported.returncode != 0:
        raise SystemExit(f"{' '.join(report_cmd)} failed:\n{reported.stderr}")
    theirs = parse_report(reported.stdout)

    times = []
    for _ in range(50):
        t0 = time.perf_counter()
        with Session(engine) as session:
            ours = Ledger(session).balances()
        times.append(time.perf_counter() - t0)
    with Session(engine) as session:
        begin_snapshot(session)
        names = account_names(export_accounts(session))
        ours = Ledger(session).balances()
    mismatches = [
        f"{code}: ours {b.posted} cents, Beancount {theirs.get(names[code], Decimal(0))} EUR"
        for code, b in sorted(ours.items())
        if theirs.get(names[code], Decimal(0)) * 100 != b.posted
    ]
    extra = sorted(set(theirs) - set(names.values()))
    return {
        "file": str(path.relative_to(ROOT)),
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "export_s": round(export_s, 2),
        "bean_check_s": round(check_s, 2),
        "bean_check_ok": checked.returncode == 0,
        "bean_check_output": (checked.stdout + checked.stderr).strip()[:500],
        "bean_report_command": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(report_cmd)),
        "bean_report_s": round(report_s, 2),
        "ours_balances_p50_ms": ms(pct(times, 0.5)),
        "ours_balances_p95_ms": ms(pct(times, 0.95)),
        "accounts": len(ours),
        "balances_agree": not mismatches and not extra,
        "mismatches": (mismatches + [f"{name}: only in Beancount" for name in extra])[:5],
    }


def loadavg() -> float:
    return round(os.getloadavg()[0], 2)


def run_backend(backend: str, url: str, sizes: Sizes, log=print) -> dict:
    run: dict = {"backend": backend, "url": url, "load_before": loadavg()}
    t_start = time.perf_counter()
    log(f"== {backend}: fresh database {url}")
    fresh_database(url)
    engine = make_engine(
        url
    )  # the portal's own engine: WAL and busy_timeout on SQLite, JIT off on PostgreSQL
    open_accounts(engine)
    loader = BulkLoader(engine)

    log(f"   bulk load to {sizes.small_postings:,} postings")
    run["load_small"] = loader.fill(postings=sizes.small_postings)
    run["read_small"] = {"postings": run["load_small"]["postings"], **balance_reads(engine, sizes.reads, 1)}
    log(f"   balance read at {run['read_small']['postings']:,} postings: {run['read_small']}")

    tag = f"api-{int(time.time())}"
    run["throughput"] = {}
    for name, clients, op in (
        ("post_1", 1, contribution_op(f"{tag}-1")),
        (f"post_{sizes.clients}", sizes.clients, contribution_op(f"{tag}-n")),
        ("reserve_1", 1, reservation_op(f"{tag}-r1", single_pot=False)),
        (f"reserve_{sizes.clients}_one_pot", sizes.clients, reservation_op(f"{tag}-rn", single_pot=True)),
    ):
        result = run_clients(engine, clients, sizes.seconds, op)
        run["throughput"][name] = result
        log(f"   {name}: {result}")

    log(f"   bulk load to {sizes.bean_transactions:,} transactions")
    run["load_bean"] = loader.fill(transactions=sizes.bean_transactions)
    log(f"   {run['load_bean']}")
    run["beancount"] = {"transactions": run["load_bean"]["transactions"]}
    run["beancount"].update(compare_with_beancount(url, engine, backend))
    log(f"   beancount: {run['beancount']}")

    log(f"   bulk load to {sizes.big_postings:,} postings")
    run["load_big"] = loader.fill(postings=sizes.big_postings)
    log(f"   {run['load_big']}")
    run["read_big"] = {"postings": run["load_big"]["postings"], **balance_reads(engine, sizes.reads, 2)}
    run["summing_read_big"] = summing_read(engine)
    log(f"   balance read at {run['read_big']['postings']:,} postings: {run['read_big']}")
    log(f"   (summing one pot's postings instead: {run['summing_read_big']['p50_ms']} ms)")

    check_s, done = flask(url, "ledger", "check")
    run["check"] = {
        "postings": run["load_big"]["postings"],
        "transactions": run["load_big"]["transactions"],
        "seconds": round(check_s, 1),
        "exit_code": done.returncode,
        "output": (done.stdout + done.stderr).strip()[-400:],
    }
    log(f"   flask ledger check: {run['check']}")
    run["sketch_column_check"] = column_check(engine)
    log(f"   sketch, check reading columns instead of ORM entities: {run['sketch_column_check']}")
    engine.dispose()
    run["load_after"] = loadavg()
    run["total_seconds"] = round(time.perf_counter() - t_start, 1)
    return run


# ------------------------------------------------------------------------------------------- reporting


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else "pass" if ok else "**FAIL**"


def rows(runs: list[dict], sizes: Sizes) -> list[tuple[str, str, str, str, str]]:
    out = []

    def rate(label: str, b: str, r: dict, target: int | None) -> tuple[str, str, str, str, str]:
        note = (
            f"p50 {r['latency_p50_ms']} ms, p95 {r['latency_p95_ms']} ms, {r['errors']} errors, "
            f"client CPU {r['client_cpu_ms_per_op']} ms/op"
        )
        return (
            label,
            b,
            f"{r['per_second']:,.0f}",
            f"≥ {target}" if target else "—",
            verdict(r["per_second"] >= target if target else None) + f" ({note})",
        )

    for run in runs:
        b = run["backend"]
        tp = run["throughput"]
        n = sizes.clients
        pg = b == "postgresql"
        out.append(rate("post/s, 1 client", b, tp["post_1"], TARGETS["tps_pg_1"] if pg else None))
        out.append(rate(f"post/s, {n} clients", b, tp[f"post_{n}"], None))
        out.append(rate("reserve+post pairs/s, 1 client", b, tp["reserve_1"], None))
        out.append(rate(f"reserve+post pairs/s, {n} clients, 1 pot", b, tp[f"reserve_{n}_one_pot"], None))
        for key in ("read_small", "read_big"):
            r = run[key]
            out.append(
                (
                    f"balance read, {r['postings']:,} postings",
                    b,
                    f"p50 {r['p50_ms']} / p95 {r['p95_ms']} ms",
                    f"p95 ≤ {TARGETS['read_p95_ms']} ms",
                    verdict(r["p95_ms"] <= TARGETS["read_p95_ms"]) + f" ({r['reads']} reads)",
                )
            )
        out.append(
            (
                "  contrast: summing one pot's postings",
                b,
                f"p50 {run['summing_read_big']['p50_ms']} ms",
                "—",
                "—",
            )
        )
        c = run["check"]
        out.append(
            (
                f"flask ledger check, {c['postings']:,} postings",
                b,
                f"{c['seconds']} s",
                f"≤ {TARGETS['check_s']:.0f} s",
                verdict(c["seconds"] <= TARGETS["check_s"] and c["exit_code"] == 0)
                + ("" if c["exit_code"] == 0 else f" (exit {c['exit_code']})"),
            )
        )
        sc = run["sketch_column_check"]
        out.append(
            (
                "  sketch: check reading columns, in-process",
                b,
                f"{sc['seconds']} s",
                f"≤ {TARGETS['check_s']:.0f} s",
                verdict(sc["seconds"] <= TARGETS["check_s"] and not sc["errors"]),
            )
        )
        bc = run["beancount"]
        out.append(
            (
                f"{bc['transactions']:,} tx: Ledger.balances() / export / bean-check / bean-report",
                b,
                f"{bc['ours_balances_p50_ms']} ms / {bc['export_s']} s / {bc['bean_check_s']} s / "
                f"{bc['bean_report_s']} s",
                "balances agree",
                verdict(bc["balances_agree"] and bc["bean_check_ok"])
                + f" ({bc['accounts']} accounts, {bc['file_mb']} MB file)",
            )
        )
    return out


def table(lines: list[tuple[str, ...]]) -> str:
    header = ("measure", "backend", "result", "target", "verdict")
    lines = [header, *lines]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = []
    for k, line in enumerate(lines):
        text.append("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if k == 0:
            text.append("  ".join("-" * w for w in widths))
    return "\n".join(text)


def postgres_reachable(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bean-balances"]:  # the bean-report stand-in, run as its own process to be timed
        for account, number in sorted(bean_balances(argv[1]).items()):
            print(f"{account:<60} {number:>16} EUR")
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.ledger", description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"])
    parser.add_argument("--quick", action="store_true", help="a small run: 40,000 postings, 2 s per run")
    parser.add_argument("--seconds", type=float, help="per throughput run (default 10)")
    parser.add_argument("--postings", type=int, help="postings for the big read and the check (1,000,000)")
    parser.add_argument("--pg-url", default=PG_URL, help=f"PostgreSQL database (default {PG_URL})")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    if args.seconds:
        sizes = Sizes(**{**asdict(sizes), "seconds": args.seconds})
    if args.postings:
        sizes = Sizes(**{**asdict(sizes), "big_postings": args.postings})

    backend = args.backend or ("both" if postgres_reachable(args.pg_url) else "sqlite")
    backends = ["postgresql", "sqlite"] if backend == "both" else [backend]
    urls = {"sqlite": SQLITE_URL, "postgresql": args.pg_url}
    started = time.perf_counter()
    runs = [run_backend(name, urls[name], sizes) for name in backends]
    lines = rows(runs, sizes)
    print()
    print(table(lines))
    print()
    for run in runs:
        print(
            f"{run['backend']}: {run['total_seconds']} s in all; load average {run['load_before']} → "
            f"{run['load_after']} on {os.cpu_count()} CPUs; bulk loads "
            + ", ".join(
                f"{run[k]['added_transactions']:,} tx in {run[k]['seconds']} s"
                for k in ("load_small", "load_bean", "load_big")
            )
            + f"; summing one pot's postings at {run['read_big']['postings']:,} postings: "
            f"{run['summing_read_big']['p50_ms']} ms"
        )
    RESULTS.mkdir(exist_ok=True)
    result = {
        "command": "python -m bench.ledger " + " ".join(argv),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "sqlite": __import__("sqlite3").sqlite_version,
        },
        "sizes": asdict(sizes),
        "targets": TARGETS,
        "seconds": round(time.perf_counter() - started, 1),
        "table": [
            dict(zip(("measure", "backend", "result", "target", "verdict"), r, strict=True)) for r in lines
        ],
        "runs": runs,
    }
    (RESULTS / "ledger.json").write_text(json.dumps(result, indent=2, default=str))
    print(f"\nWritten to {RESULTS / 'ledger.json'} in {result['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
