"""Wijkportaal: a portal per wijk for the samenwerkingsverband PO Amsterdam-Diemen."""

import os
from pathlib import Path

from flask import Flask

from wijkportaal.core import config, db
from wijkportaal.core.db import TransactionalFlask
from wijkportaal.core.extensions import csrf, limiter, login_manager

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    app = TransactionalFlask(
        __name__,
        instance_path=os.environ.get("WIJKPORTAAL_INSTANCE", str(ROOT / "instance")),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
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

    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)

    from wijkportaal import auth
    from wijkportaal.api import routes as api_routes
    from wijkportaal.beheer import routes as beheer_routes
    from wijkportaal.core import web
    from wijkportaal.expertise import routes as expertise_routes
    from wijkportaal.kaart import routes as kaart_routes
    from wijkportaal.monitor import routes as monitor_routes
    from wijkportaal.overleg import routes as overleg_routes
    from wijkportaal.pot import routes as pot_routes
    from wijkportaal.wijken import routes as wijken_routes

    web.init_app(app)
    auth.init_app(app)
    for routes in (
        wijken_routes,
        overleg_routes,
        expertise_routes,
        pot_routes,
        monitor_routes,
        kaart_routes,
        beheer_routes,
        api_routes,
    ):
        app.register_blueprint(routes.bp)

    from wijkportaal import cli

    cli.init_app(app)
    return app


def _instance_secret(path: Path) -> str:
    """A random key kept in instance/, so sessions survive restarts without a configured SECRET_KEY."""
    if not path.exists():
        import secrets

        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
