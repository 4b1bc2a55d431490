"""Geen Kind de Buurt Uit monitor: referrals to SBO and SO per wijk against the targets, and the vrijval."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.monitor import cli, permissions, routes

    routes.bp.cli.add_command(cli.import_verwijzingen)
    app.register_blueprint(routes.bp)
    app.add_template_global(permissions.can_view_monitor, "mag_monitor_zien")
