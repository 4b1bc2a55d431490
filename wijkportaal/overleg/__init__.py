"""The wijkoverleg: members, meetings, agendas, minutes, decisions, actions, themes and the status."""

from flask import Flask

from wijkportaal.core import jobs


def init_app(app: Flask) -> None:
    from wijkportaal.overleg import jobs as overleg_jobs
    from wijkportaal.overleg import permissions, routes

    app.register_blueprint(routes.bp)
    app.add_template_global(permissions.can_manage_themas, "mag_themas_beheren")
    app.add_template_global(permissions.can_open_wijk, "mag_wijk_openen")
    for job in overleg_jobs.JOBS:
        jobs.register(app, job)
