"""Wijkportaal: a portal per wijk for the samenwerkingsverband PO Amsterdam-Diemen."""

import os
from importlib import import_module
from pathlib import Path

from flask import Flask

from wijkportaal import core
from wijkportaal.core import config
from wijkportaal.core.config import template_folder
from wijkportaal.core.db import TransactionalFlask

PACKAGE = Path(__file__).resolve().parent


# The features, lowest layer first, then the composition (duo, api, pages); each package has `init_app(app)`
# registering its blueprint, commands, scheduled jobs and template helpers, and a `models.py` when it has
# tables (see `wijkportaal.models`). The import direction is checked by `lint-imports` (pyproject.toml).
FEATURES = (
    "auth",
    "begroting",
    "mail",
    "wijken",
    "besluiten",
    "overleg",
    "kalender",
    "pot",
    "expertise",
    "monitor",
    "initiatieven",
    "beoordeling",
    "subsidie",
    "kaart",
    "beheer",
    "duo",
    "api",
    "pages",
)


def create_app(test_config: dict | None = None) -> Flask:
    app = TransactionalFlask(
        __name__,
        # None lets Flask choose: instance/ beside the package in a checkout, <prefix>/var/wijkportaal-instance
        # when installed
        instance_path=os.environ.get("WIJKPORTAAL_INSTANCE"),
        instance_relative_config=True,
        template_folder=str(template_folder()),
    )
    app.config.from_object(config.Defaults)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.update(config.from_environment())
    else:
        app.config.update(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path) / "secret_key")
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'wijkportaal.sqlite'}"
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")

    core.init_app(app)
    for feature in FEATURES:
        import_module(f"wijkportaal.{feature}").init_app(app)
    from wijkportaal import cli

    cli.init_app(app)
    if not app.testing:
        # Everything built so far (modules, the SQLAlchemy mappers, compiled templates) lives as long as the
        # worker: move it out of the collector's reach, so its full collections no longer pause requests.
        import gc

        gc.freeze()
    return app


def _instance_secret(path: Path) -> str:
    """A random key kept in instance/, so sessions survive restarts without a configured SECRET_KEY."""
    if not path.exists():
        import secrets

        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
