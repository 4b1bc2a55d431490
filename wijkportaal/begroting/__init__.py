"""The SWV's meerjarenbegroting: budget lines per group and year, booked in the ledger, with what is
committed, paid and left; imported from CSV or XLSX."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.begroting import cli, permissions, routes

    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.begroting_cli)
    app.add_template_global(permissions.can_view_begroting, "mag_begroting_zien")
