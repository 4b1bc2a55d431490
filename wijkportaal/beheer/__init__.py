"""Beheer: users, roles, API tokens and the audit log."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.beheer import cli, permissions, routes

    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.user_cli)
    app.add_template_global(permissions.can_view_audit, "mag_logboek_zien")
    app.add_template_global(permissions.can_manage_gebruikers, "mag_gebruikers_beheren")
