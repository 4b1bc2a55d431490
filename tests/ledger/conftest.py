import pytest
from sqlmodel import Session

from ledger import AccountKind, Ledger
from wijkportaal.core.db import make_engine


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def ledger(session):
    """A ledger with a pot, two boards' contribution accounts, an approach and a spending account."""
    book = Ledger(session)
    book.open_account("pot:osdorp:2025-2026", "Pot Osdorp 2025-2026", AccountKind.POT)
    book.open_account("bijdrage:bestuur-1", "Bijdragen Stichting Een", AccountKind.BIJDRAGE)
    book.open_account("bijdrage:bestuur-2", "Bijdragen Stichting Twee", AccountKind.BIJDRAGE)
    book.open_account("aanpak:startklas-osdorp", "Startklas Osdorp", AccountKind.AANPAK)
    book.open_account("uitgaven", "Uitgaven", AccountKind.UITGAVEN)
    session.commit()
    return book
