"""Overrides for the beheer tests."""

import pytest
from sqlmodel import Session


@pytest.fixture
def db(app):
    """The root `db` fixture without its app context.

    The root fixture keeps an app context pushed for the whole test; Flask 3.1 then reuses it for
    every test request, so `g` (the request's database session and Flask-Login's cached user) leaks
    from one request into the next, and a second client acts as whoever logged in first. These tests
    use several clients and check that sessions end, so they need a fresh context per request."""
    with Session(app.extensions["db_engine"], expire_on_commit=False) as session:
        yield session
