"""Migration 0011b: the begroting's tables go down and up again while empty; with bookings in the ledger
the downgrade refuses, since dropping the lines would leave bookings the older code cannot read."""

import pytest
import sqlalchemy as sa

from wijkportaal import migrate
from wijkportaal.core.db import make_engine

from .conftest import PLAN

TABELLEN = {"begroting_groepen", "begroting_regels", "begroting_wijzigingen"}


def _tabellen(url: str) -> set[str]:
    engine = make_engine(url)
    names = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    return names


def _teruggedraaid(url: str) -> None:
    migrate.downgrade(url, "0012a")


def test_down_and_up_while_empty(app, database_url):
    app.extensions["db_engine"].dispose()
    _teruggedraaid(database_url)
    assert not TABELLEN & _tabellen(database_url)
    migrate.upgrade(database_url)
    assert _tabellen(database_url) >= TABELLEN


def test_the_downgrade_refuses_while_the_ledger_holds_the_begroting(app, database_url, importeer):
    assert importeer(PLAN).exit_code == 0
    app.extensions["db_engine"].dispose()
    with pytest.raises(RuntimeError, match="grootboekrekeningen van de begroting bestaan"):
        _teruggedraaid(database_url)
    assert _tabellen(database_url) >= TABELLEN
