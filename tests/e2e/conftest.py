"""Browser tests: a live Wijkportaal with the demo data, driven by Debian's Chromium through Playwright.

Every test module gets its own server on its own copy of one demo database (built once per session), so a
module that changes data (a wijk that starts functioning) cannot change what another module sees.
The browser is Debian's /usr/bin/chromium: never a downloaded one. Each test module skips itself when it
is missing."""

import re
import sqlite3
import tempfile
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session
from werkzeug.serving import WSGIRequestHandler, make_server

from wijkportaal import create_app, migrate

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "wijkportaal-demo"
SHOTS = Path("/tmp/wijkportaal-shots")
TIMEOUT_MS = 10_000


def demo_email(name: str) -> str:
    return f"{name}@demo.wijkportaal.nl"


def _app(url: str):
    return create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "e2e",
            "TESTING": True,
            "RATELIMIT_ENABLED": False,
            "KAART_TEGELS": "geen",  # no tiles: nothing leaves the machine
        }
    )


@pytest.fixture(scope="session")
def e2e_dir():
    """Own temporary directory (not pytest's tmp_path, whose clean-up races with other pytest runs)."""
    with tempfile.TemporaryDirectory(prefix="wijkportaal-e2e-") as name:
        yield Path(name)


@pytest.fixture(scope="session")
def demo_database(e2e_dir) -> Path:
    """One SQLite file with the schema (Alembic) and the demo data (the `demo-data` command)."""
    path = e2e_dir / "demo.sqlite"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    app = _app(url)
    result = app.test_cli_runner().invoke(args=["demo-data"])
    app.extensions["db_engine"].dispose()
    assert result.exit_code == 0, f"demo-data failed: {result.output}\n{result.exception!r}"
    return path


class QuietHandler(WSGIRequestHandler):
    """No access log line per request (errors are still logged)."""

    def log_request(self, code="-", size="-") -> None:
        pass


class LiveServer:
    """The app served over HTTP in a thread, with a handle on its database for arranging time."""

    def __init__(self, path: Path):
        self.app = _app(f"sqlite:///{path}")
        self.engine = self.app.extensions["db_engine"]
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True, request_handler=QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="e2e-server", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        self.engine.dispose()

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def move_meeting(self, bijeenkomst_id: int, start: datetime) -> None:
        """Let time pass: move a meeting (and every moment recorded before it) so that it starts at `start`.

        The agenda stays agreed *before* the meeting, as it was when the chair agreed it in the browser."""
        from wijkportaal.overleg.models import Bijeenkomst

        with self.session() as db:
            b = db.get(Bijeenkomst, bijeenkomst_id)
            shift = start - b.start
            b.start += shift
            b.eind += shift
            b.aangemaakt_op += shift
            if b.agenda_vastgesteld_op is not None:
                b.agenda_vastgesteld_op += shift
            db.add(b)
            db.commit()


@pytest.fixture(scope="module")
def live_server(demo_database, e2e_dir, request):
    path = e2e_dir / f"{request.module.__name__.rpartition('.')[2]}.sqlite"
    # The SQLite backup API copies a consistent database, WAL or not.
    with sqlite3.connect(demo_database) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    server = LiveServer(path)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Make browser contexts (fresh cookie jars) on the live server; closed after the test."""
    contexts = []

    def make(**kwargs):
        kwargs.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=live_server.url, locale="nl-NL", **kwargs)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def login(page, who: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the form, as a user would; `who` is an e-mail address or a demo login's name."""
    from playwright.sync_api import expect

    email = who if "@" in who else demo_email(who)
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


@pytest.fixture
def log_in():
    return login


@pytest.fixture(scope="module")
def _login_states(live_server) -> dict:
    return {}


@pytest.fixture
def page_as(new_context, _login_states):
    """A page in a fresh context of a user who is already logged in.

    Each demo user logs in through the form once per module; later contexts reuse the session cookie."""

    def make(who: str, **kwargs):
        if who not in _login_states:
            page = new_context().new_page()
            login(page, who)
            _login_states[who] = page.context.storage_state()
        return new_context(storage_state=_login_states[who], **kwargs).new_page()

    return make


def status_badge(page):
    """The overleg status badge on a wijk page (in the heading 'Wijkoverleg …')."""
    return page.get_by_role("heading", name=re.compile(r"^Wijkoverleg")).locator(".badge")


@pytest.fixture
def wijk_status():
    return status_badge


def meeting_id(page) -> int:
    match = re.search(r"/bijeenkomsten/(\d+)", page.url)
    assert match, page.url
    return int(match.group(1))


@pytest.fixture
def current_meeting_id():
    return meeting_id


@pytest.fixture
def days():
    """A date or datetime `n` days from now (Amsterdam time, as the app counts)."""
    from wijkportaal.core.clock import now

    def at(n: int, hour: int | None = None, minute: int = 0):
        moment = now() + timedelta(days=n)
        if hour is None:
            return moment.date()
        return moment.replace(hour=hour, minute=minute, second=0)

    return at


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
