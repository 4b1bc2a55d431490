"""The gedeelde pot: pots, contributions, approaches, allocations decided by the boards, spending, reports."""

from flask import Flask

from wijkportaal.core import jobs
from wijkportaal.core.web import aantal


def init_app(app: Flask) -> None:
    from wijkportaal.pot import cli, routes, services

    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.pot_cli)
    app.cli.add_command(cli.ledger_cli)
    jobs.register(
        app,
        jobs.Job(
            naam="verlopen",
            omschrijving="Geeft het gereserveerde geld vrij van toekenningen waarvan de termijn voorbij is.",
            run=lambda session: (
                aantal(services.verloop_toekenningen(session), "verlopen toekenning", "verlopen toekenningen")
                + " vrijgegeven"
            ),
        ),
    )
