"""Nieuwe initiatieven: rounds with the ten criteria of §7.4, applications by at least two boards with
their formal checks, versions, and the reports after a grant. The worked example of the feature contract
(see the README): copy this package's shape for a new feature."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.core.jobs import register
    from wijkportaal.initiatieven import cli, permissions, routes
    from wijkportaal.initiatieven.jobs import JOBS

    app.register_blueprint(routes.bp)
    for job in JOBS:
        register(app, job)
    app.cli.add_command(cli.initiatieven_cli)
    app.add_template_global(permissions.can_read_kennisbank, "mag_initiatieven_zien")
