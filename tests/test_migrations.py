"""Migrations: the schema they build matches the models, and they go down as well as up."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import wijkportaal.models  # noqa: F401  (every table on the metadata)
from wijkportaal import migrate
from wijkportaal.core.db import make_engine


def _diff(url: str) -> list:
    engine = make_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": False}), SQLModel.metadata
        )
    engine.dispose()
    return diff


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    names = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    return names - {"alembic_version"}


def test_migrations_match_the_models(database_url):
    assert _diff(database_url) == []


def test_downgrade_to_base_and_up_again(database_url):
    assert "bijeenkomsten" in _tables(database_url)
    migrate.downgrade(database_url, "base")
    assert _tables(database_url) == set()
    migrate.upgrade(database_url)
    assert _diff(database_url) == []
