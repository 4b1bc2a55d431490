"""The gedeelde pot: pots, contributions, approaches, allocations decided by the boards, spending, reports."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.core.jobs import register
    from wijkportaal.pot import cli, routes
    from wijkportaal.pot.jobs import JOBS

    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.pot_cli)
    app.cli.add_command(cli.ledger_cli)
    for job in JOBS:
        register(app, job)
