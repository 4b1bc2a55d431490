"""A real local SMTP server (aiosmtpd) for the mail tests, and a helper to queue a message."""

import socket
from datetime import datetime
from email import message_from_bytes, policy
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller

from wijkportaal.mail import services


class Postbus:
    """An SMTP handler that keeps what it receives, or refuses every recipient with `weiger` ("451 …")."""

    def __init__(self):
        self.ontvangen: list[SimpleNamespace] = []
        self.weiger: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.weiger:
            return self.weiger
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.ontvangen.append(
            SimpleNamespace(
                mail_from=envelope.mail_from,
                rcpt_tos=list(envelope.rcpt_tos),
                bericht=message_from_bytes(envelope.original_content, policy=policy.default),
            )
        )
        return "250 Message accepted for delivery"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dichte_poort() -> int:
    """A local port nobody listens on: a mail server that is down."""
    return vrije_poort()


@pytest.fixture
def postbus(app):
    """A local SMTP server the app's sender delivers to (MAIL_BACKEND smtp)."""
    handler = Postbus()
    controller = Controller(handler, hostname="127.0.0.1", port=vrije_poort())
    controller.start()
    app.config.update(
        MAIL_BACKEND="smtp",
        MAIL_SMTP_HOST="127.0.0.1",
        MAIL_SMTP_PORT=controller.port,
        MAIL_FROM="Wijkportaal <noreply@wijkportaal.test>",
        BASE_URL="https://wijkportaal.test",
    )
    yield handler
    controller.stop()


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
