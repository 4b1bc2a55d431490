"""A helper to queue a message (the local SMTP server `postbus` is in tests/wijkportaal/conftest.py)."""

from datetime import datetime

import pytest

from wijkportaal.mail import services


@pytest.fixture
def plaats(app, db):
    """plaats(user, **kw): queue an invitation for `user` and commit it, as a job or a request would."""

    def queue(user, soort_naam="uitnodiging", onderwerp="Uitnodiging: wijkoverleg", commit=True, **kw):
        context = {
            "titel": "het wijkoverleg",
            "start": datetime(2026, 12, 10, 15, 30),
            "eind": datetime(2026, 12, 10, 17, 30),
            "locatie": "Testschool, lokaal 3",
            "agendapunten": ["Opening", "Thema leesbevordering"],
            **kw.pop("context", {}),
        }
        with app.app_context():
            bericht = services.plaats(
                db,
                ontvanger=user,
                soort_naam=soort_naam,
                onderwerp=onderwerp,
                link=kw.pop("link", "https://wijkportaal.test/overleg/bijeenkomsten/1"),
                context=context,
                **kw,
            )
        if commit:
            db.commit()
        return bericht

    return queue


@pytest.fixture
def strict_app(database_url):
    """The app with CSRF protection and rate limits on, as in production."""
    from wijkportaal import create_app

    app = create_app(
        {"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": database_url, "RATELIMIT_ENABLED": True}
    )
    yield app
    app.extensions["db_engine"].dispose()
