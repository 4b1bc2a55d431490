"""Fixtures: the app on SQLite (always) and PostgreSQL (when WIJKPORTAAL_TEST_DATABASE_URL is set),
a clean database per test, and factories for the records most tests need."""

import contextlib
import itertools
import os
import shutil
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from ledger.store.tables import LEDGER_TABLES
from wijkportaal import create_app, migrate
from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock
from wijkportaal.core.clock import now
from wijkportaal.core.db import make_engine
from wijkportaal.core.roles import Rol
from wijkportaal.overleg.models import (
    Aanwezigheid,
    AanwezigheidStatus,
    Agendapunt,
    Bijeenkomst,
    Lidmaatschap,
    Wijkoverleg,
)
from wijkportaal.wijken.models import Bestuur, Organisatie, OrganisatieSoort, Regio, Wijk

PASSWORD = "test-wachtwoord-123"


@contextlib.contextmanager
def _beheer(url: str):
    """A connection to the server's `postgres` database, outside a transaction (for CREATE/DROP DATABASE)."""
    engine = sa.create_engine(sa.engine.make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _worker_database(url: str | None) -> str | None:
    """Under pytest-xdist every worker gets its own PostgreSQL database beside the given one
    (`<name>_gw0`, ...), made here when missing, so workers never truncate each other's tables."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    eigen = sa.engine.make_url(url).set(database=f"{sa.engine.make_url(url).database}_{worker}")
    beheer = sa.create_engine(eigen.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with beheer.connect() as conn:
        if (
            conn.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": eigen.database}
            ).first()
            is None
        ):
            conn.execute(sa.text(f'CREATE DATABASE "{eigen.database}"'))
    beheer.dispose()
    url = eigen.render_as_string(hide_password=False)
    os.environ["WIJKPORTAAL_TEST_DATABASE_URL"] = url  # for the tests that read it themselves
    return url


PG_URL = _worker_database(os.environ.get("WIJKPORTAAL_TEST_DATABASE_URL"))


def pytest_unconfigure(config):
    """A worker drops the database it made (CI drops only the one it made itself)."""
    if PG_URL and os.environ.get("PYTEST_XDIST_WORKER"):
        with _beheer(PG_URL) as conn:
            conn.execute(
                sa.text(f'DROP DATABASE IF EXISTS "{sa.engine.make_url(PG_URL).database}" WITH (FORCE)')
            )


BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


@pytest.fixture(scope="session")
def password_hash():
    """The test users' hash, made with cheap argon2 parameters: a login verifies with the parameters stored
    in the hash, so thousands of test logins cost microseconds instead of ~20 ms each. Production hashes
    (wijkportaal.auth.passwords) keep the OWASP parameters; the tests of hashing itself use those."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    migrate.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_schema():
    engine = make_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    migrate.upgrade(PG_URL)
    with engine.connect() as conn:
        tables = [
            r[0]
            for r in conn.execute(
                sa.text(
                    "SELECT tablename FROM pg_tables WHERE schemaname='public' AND tablename <> 'alembic_version'"
                )
            )
        ]
    engine.dispose()
    return tables


# The ledger's tables refuse TRUNCATE (migration 0014l). A cleanup switches that guard off inside its own
# transaction and on again before it commits, so no other connection ever sees the ledger unguarded.
LEDGER_TRUNCATE_GUARDS = {table: f"{table}_no_truncate" for table in LEDGER_TABLES}

# The sequences owned by each set of tables, and their start values, read once per set.
_SEQUENCES: dict[tuple[str, ...], list[tuple[str, int]]] = {}
_SUPERUSER: dict[str, bool] = {}


def _owned_sequences(conn, tables) -> list[tuple[str, int]]:
    key = tuple(sorted(tables))
    if key not in _SEQUENCES:
        _SEQUENCES[key] = [
            (naam, start)
            for naam, start in conn.execute(
                sa.text(
                    "SELECT s.oid::regclass::text, q.start_value FROM pg_class s "
                    "JOIN pg_sequences q ON q.schemaname = 'public' AND q.sequencename = s.relname "
                    "JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass "
                    "AND d.refclassid = 'pg_class'::regclass "
                    "JOIN pg_class t ON t.oid = d.refobjid "
                    "WHERE s.relkind = 'S' AND t.relname = ANY(:tables)"
                ),
                {"tables": list(key)},
            )
        ]
    return _SEQUENCES[key]


def truncate_for_cleanup(conn, tables) -> None:
    """Empty `tables` on PostgreSQL in the caller's transaction and restart their ids, as
    `TRUNCATE ... RESTART IDENTITY` would. `tables` must name every table that refers to them.

    As a superuser (the tests' server and CI) this deletes the rows with triggers and foreign-key checks
    off for this transaction only (`session_replication_role = replica`): TRUNCATE makes new files for
    each of the ~85 tables and took about 300 ms per test; DELETE of a test's few rows takes a few ms.
    Otherwise it truncates, the ledger's TRUNCATE guard off meanwhile."""
    url = str(conn.engine.url)
    if url not in _SUPERUSER:
        _SUPERUSER[url] = bool(
            conn.execute(sa.text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
        )
    if _SUPERUSER[url]:
        conn.execute(sa.text("SET LOCAL session_replication_role = replica"))
        conn.execute(sa.text("; ".join(f"DELETE FROM {table}" for table in tables)))
        for naam, start in _owned_sequences(conn, tables):
            conn.execute(sa.text("SELECT setval(:naam, :start, false)"), {"naam": naam, "start": start})
        conn.execute(sa.text("SET LOCAL session_replication_role = DEFAULT"))
        return
    guarded = [table for table in tables if table in LEDGER_TRUNCATE_GUARDS]
    for table in guarded:
        conn.execute(sa.text(f"ALTER TABLE {table} DISABLE TRIGGER {LEDGER_TRUNCATE_GUARDS[table]}"))
    conn.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    for table in guarded:
        conn.execute(sa.text(f"ALTER TABLE {table} ENABLE TRIGGER {LEDGER_TRUNCATE_GUARDS[table]}"))


@pytest.fixture(scope="session")
def truncate():
    """`truncate(conn, tables)`: the cleanup above, for fixtures outside this file."""
    return truncate_for_cleanup


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    tables = request.getfixturevalue("pg_schema")
    engine = make_engine(PG_URL)
    with engine.begin() as conn:
        truncate_for_cleanup(conn, tables)
    engine.dispose()
    return PG_URL


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "DATABASE_URL": database_url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture(scope="session")
def sqlite_demo_template(sqlite_template, tmp_path_factory):
    """A migrated SQLite database with the demo data, built once per run (`flask demo-data`)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{path}"})
    result = app.test_cli_runner().invoke(args=["demo-data"])
    app.extensions["db_engine"].dispose()  # the last connection checkpoints the WAL into the file
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def demo(app, request):
    """The demo data (`flask demo-data`): 23 wijken with schematic boundaries, ~250 schools, pots, expertise.

    SQLite copies the database file built once per run; PostgreSQL recreates the test database from a
    template database built once per run."""
    url = app.config["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        app.extensions["db_engine"].dispose()
        target = Path(url.removeprefix("sqlite:///"))
        for extra in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            extra.unlink(missing_ok=True)
        shutil.copy(request.getfixturevalue("sqlite_demo_template"), target)
        return
    app.extensions["db_engine"].dispose()
    naam = sa.engine.make_url(url).database
    with _beheer(url) as conn:
        conn.execute(sa.text(f'DROP DATABASE "{naam}" WITH (FORCE)'))
        conn.execute(
            sa.text(f'CREATE DATABASE "{naam}" TEMPLATE "{request.getfixturevalue("pg_demo_template")}"')
        )


@pytest.fixture(scope="session")
def pg_demo_template(pg_schema):
    """A PostgreSQL database with the demo data, built once per run; `demo` copies it (CREATE DATABASE ... TEMPLATE)."""
    url = sa.engine.make_url(PG_URL)
    naam = f"{url.database}_demo"
    with _beheer(PG_URL) as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{naam}"'))
    demo_url = url.set(database=naam).render_as_string(hide_password=False)
    migrate.upgrade(demo_url)
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": demo_url})
    result = app.test_cli_runner().invoke(args=["demo-data"])
    app.extensions["db_engine"].dispose()
    assert result.exit_code == 0, result.output
    yield naam
    with _beheer(PG_URL) as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """A session for arranging and checking data; committed by the factories.

    It pushes no app context: each test-client request must get its own `g`, as in production."""
    with Session(app.extensions["db_engine"], expire_on_commit=False) as session:
        yield session


_seq = itertools.count(1)


def _save(db, obj):
    db.add(obj)
    db.commit()
    db.refresh(obj)
    db.commit()  # end the refresh's transaction: an idle one would hold locks a migration waits for
    return obj


@pytest.fixture
def bewaar(db):
    """bewaar(record): add, commit and refresh it, for factories outside this file."""
    return lambda obj: _save(db, obj)


@pytest.fixture
def make_wijk(db):
    def make(naam=None, code=None, regio=None):
        n = next(_seq)
        if regio is None:
            regio = _save(db, Regio(code=f"regio-{n}", naam=f"Regio {n}"))
        return _save(db, Wijk(code=code or f"wijk-{n}", naam=naam or f"Wijk {n}", regio_id=regio.id))

    return make


@pytest.fixture
def make_bestuur(db):
    def make(naam=None):
        return _save(db, Bestuur(naam=naam or f"Stichting Test {next(_seq)}"))

    return make


@pytest.fixture
def make_org(db):
    def make(wijk=None, soort=OrganisatieSoort.BASISSCHOOL, naam=None, bestuur=None, leerlingen=200):
        return _save(
            db,
            Organisatie(
                naam=naam or f"{soort.label} {next(_seq)}",
                soort=soort,
                wijk_id=wijk.id if wijk else None,
                bestuur_id=bestuur.id if bestuur else None,
                leerlingen=leerlingen if soort.is_school else None,
            ),
        )

    return make


@pytest.fixture
def make_user(db, password_hash):
    def make(rol=Rol.SWV, email=None, organisatie=None, bestuur=None, wijk=None, naam=None):
        n = next(_seq)
        return _save(
            db,
            Gebruiker(
                email=email or f"user{n}@test.nl",
                naam=naam or f"Gebruiker {n}",
                rol=rol,
                wachtwoord_hash=password_hash,
                organisatie_id=organisatie.id if organisatie else None,
                bestuur_id=bestuur.id if bestuur else None,
                wijk_id=wijk.id if wijk else None,
            ),
        )

    return make


@pytest.fixture
def make_overleg(db, make_wijk, make_org, make_user):
    """A wijk with an overleg: a chair (schoolleider of a member school), an OKT and an SO school.

    Returns a namespace with overleg, wijk, voorzitter, school, okt and so."""

    def make(wijk=None):
        wijk = wijk or make_wijk()
        school = make_org(wijk)
        okt = make_org(wijk, OrganisatieSoort.OKT)
        so = make_org(wijk, OrganisatieSoort.SO)
        voorzitter = make_user(Rol.SCHOOLLEIDER, organisatie=school)
        overleg = _save(
            db, Wijkoverleg(wijk_id=wijk.id, voorzitter_id=voorzitter.id, opgericht_op=date(2020, 1, 1))
        )
        for org in (school, okt, so):
            _save(db, Lidmaatschap(wijkoverleg_id=overleg.id, organisatie_id=org.id))
        return SimpleNamespace(
            overleg=overleg, wijk=wijk, voorzitter=voorzitter, school=school, okt=okt, so=so
        )

    return make


@pytest.fixture
def make_bijeenkomst(db):
    """A meeting `days` from now (negative: in the past) or at `start`; held ones can get agenda and attendance."""

    def make(overleg, days=14, vastgesteld=False, aanwezig=(), agendapunten=(), start=None):
        start = start or (now() + timedelta(days=days)).replace(hour=15, minute=30, second=0)
        b = Bijeenkomst(
            wijkoverleg_id=overleg.id,
            start=start,
            eind=start + timedelta(hours=2),
            locatie="Testschool, lokaal 3",
            agenda_vastgesteld_op=start - timedelta(days=7) if vastgesteld else None,
        )
        _save(db, b)
        for i, titel in enumerate(agendapunten):
            _save(db, Agendapunt(bijeenkomst_id=b.id, volgorde=i, titel=titel))
        for org in aanwezig:
            _save(
                db,
                Aanwezigheid(bijeenkomst_id=b.id, organisatie_id=org.id, status=AanwezigheidStatus.AANWEZIG),
            )
        return b

    return make


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, user_or_email, password=PASSWORD):
        email = getattr(user_or_email, "email", user_or_email)
        return self._client.post("/inloggen", data={"email": email, "wachtwoord": password})

    def logout(self):
        return self._client.post("/uitloggen")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def frozen_now(monkeypatch):
    """The app's clock stands still at Monday 23 November 2026, 12:00 (school year 2026-2027)."""
    moment = datetime(2026, 11, 23, 12, 0)
    monkeypatch.setattr(clock, "now", lambda: moment)
    return moment


def dt(days: int, hour: int = 15) -> datetime:
    return (now() + timedelta(days=days)).replace(hour=hour, minute=0, second=0)


def in_threads(worker, aantal: int, timeout: float) -> None:
    """Run worker(0) … worker(aantal - 1) in threads at once and wait for them; fail when one still runs
    after `timeout` seconds (a lock wait without end)."""
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(aantal)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), "a worker hangs (lock wait without end?)"
