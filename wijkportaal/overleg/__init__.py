"""The wijkoverleg: members, meetings, agendas, minutes, decisions, actions, themes and the status."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.core.jobs import register
    from wijkportaal.overleg import permissions, routes
    from wijkportaal.overleg.jobs import JOBS

    app.register_blueprint(routes.bp)
    app.add_template_global(permissions.can_manage_themas, "mag_themas_beheren")
    app.add_template_global(permissions.can_open_wijk, "mag_wijk_openen")
    for job in JOBS:
        register(app, job)
