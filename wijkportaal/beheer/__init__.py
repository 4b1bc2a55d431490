"""Beheer: users, roles, API tokens, the audit log and the scheduled jobs."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.beheer import cli, permissions, routes

    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.user_cli)
    app.add_template_global(permissions.can_view_audit, "mag_logboek_zien")
    app.add_template_global(permissions.can_manage_gebruikers, "mag_gebruikers_beheren")
    app.add_template_global(permissions.can_manage_taken, "mag_taken_beheren")
