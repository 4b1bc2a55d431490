"""Database wiring: one engine per app, one session per request, and the request's transaction rule.

The rule: a request commits once, after the view has returned, and rolls back on any exception (an
abort, a refusal, a bug) and whenever a refusal was shown to the user (`rollback_request`), whatever
the HTTP status of the answer. Services only flush."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask, current_app, g
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine

# Stable constraint names, so migrations can refer to them on every backend.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # JIT compilation costs more than it saves on the portal's short aggregate queries.
    # A database that does not answer fails a request (and /gezondheid/gereed) in seconds, not minutes.
    return create_engine(
        url, pool_pre_ping=True, connect_args={"options": "-c jit=off", "connect_timeout": 10}
    )


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def init_app(app: Flask) -> None:
    app.extensions["db_engine"] = make_engine(app.config["DATABASE_URL"])
    app.after_request(_commit_unless_failed)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    return current_app.extensions["db_engine"]


def get_session() -> Session:
    """The request's session; services flush, the request commits once."""
    if "db_session" not in g:
        g.db_session = Session(engine(), expire_on_commit=False)
    return g.db_session


def rollback_request() -> None:
    """Undo what this request wrote and commit nothing more: a refusal was shown to the user."""
    g.db_failed = True
    session = g.get("db_session")
    if session is not None:
        session.rollback()


def _commit_unless_failed(response):
    session = g.get("db_session")
    if session is not None:
        if g.get("db_failed"):
            session.rollback()
        else:
            session.commit()
    return response


class TransactionalFlask(Flask):
    """Flask whose requests roll back on any exception raised before or in the view, handled or not."""

    def handle_user_exception(self, e):
        rollback_request()
        return super().handle_user_exception(e)


def _close_session(_exc=None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.rollback()
        session.close()


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session for CLI commands and jobs: commit on success, roll back on any error."""
    session = Session(engine(), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def enum_type(enum_cls) -> sa.Enum:
    """Store a StrEnum by its value in a VARCHAR column, read it back as the enum member."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


def lock_row(session: Session, model, ident):
    """Load a row for update, so concurrent requests that change it run one after the other.

    PostgreSQL: SELECT … FOR UPDATE. SQLite: a no-op UPDATE takes the database's write lock first.
    `model` is a table model, or a plain `sa.Table` (then only the lock is taken and nothing returned)."""
    is_table = isinstance(model, sa.Table)
    pk = model.primary_key.columns.values()[0] if is_table else sa.inspect(model).primary_key[0]
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sa.update(model).where(pk == ident).values({pk.name: pk}))
        query = sa.select(pk if is_table else model).where(pk == ident)
    else:
        query = sa.select(pk if is_table else model).where(pk == ident).with_for_update()
    if is_table:
        session.execute(query)
        return None
    return session.execute(query.execution_options(populate_existing=True)).scalars().first()
