"""What every feature uses and nothing feature-specific: the request's transaction rule, role groups,
load-and-authorize, view helpers, shared form fields, money and count input, audit log, clock, jobs."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Bind the extensions, the database and the shared commands; features register after this."""
    from wijkportaal.core import db, gezondheid, ids, web
    from wijkportaal.core.cli import import_cli
    from wijkportaal.core.extensions import csrf, limiter, login_manager
    from wijkportaal.core.jobs import jobs_cli

    ids.init_app(app)  # before any feature registers a route with `<id:…>`
    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    web.init_app(app)
    gezondheid.init_app(app)
    _achter_proxy(app)
    app.cli.add_command(import_cli)
    app.cli.add_command(jobs_cli)


def _achter_proxy(app: Flask) -> None:
    """Behind TRUSTED_PROXIES reverse proxies, read the client's address and scheme from their
    X-Forwarded-For and X-Forwarded-Proto (so `request.is_secure` holds behind a TLS proxy, HSTS is sent and
    the login limits count per client); with 0, no such header is believed."""
    aantal = int(app.config.get("TRUSTED_PROXIES") or 0)
    if aantal > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=aantal, x_proto=aantal)
