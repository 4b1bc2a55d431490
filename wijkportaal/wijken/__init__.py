"""Wijken, regio's, besturen and organisations: the reference data every other feature hangs on."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.core.cli import import_cli
    from wijkportaal.wijken import cli, permissions

    app.cli.add_command(cli.wijken_cli)
    import_cli.add_command(cli.import_grenzen)
    app.add_template_global(permissions.can_view_overzicht, "mag_overzicht_zien")
