"""Migrations: the schema they build matches the models, and they go down as well as up."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import wijkportaal.models  # noqa: F401  (every table on the metadata)
from wijkportaal import migrate
from wijkportaal.core.db import make_engine


def _diff(url: str, metadata: sa.MetaData = SQLModel.metadata) -> list:
    """What autogenerate would change, column types included (a VARCHAR where the model says
    INTEGER is drift too)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    engine.dispose()
    return diff


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    names = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    return names - {"alembic_version"}


def test_migrations_match_the_models(database_url):
    assert _diff(database_url) == []


def test_a_column_type_that_differs_from_the_model_is_reported(database_url):
    """The comparison above is not blind to types: a model saying INTEGER for a text column shows."""
    changed = sa.MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["bijeenkomsten"].c.locatie.type = sa.Integer()
    [[change]] = _diff(database_url, changed)
    assert change[0] == "modify_type"
    assert (change[2], change[3]) == ("bijeenkomsten", "locatie")
    assert isinstance(change[6], sa.Integer)


def test_downgrade_to_base_and_up_again(database_url):
    assert "bijeenkomsten" in _tables(database_url)
    migrate.downgrade(database_url, "base")
    assert _tables(database_url) == set()
    migrate.upgrade(database_url)
    assert _diff(database_url) == []
