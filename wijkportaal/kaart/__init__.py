"""The maps of the 23 wijken: layers, the map frame, and `flask kaart export`."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.kaart import cli, routes

    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.kaart_cli)
