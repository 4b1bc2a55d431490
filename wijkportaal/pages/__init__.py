"""Pages that compose several features (the start page, the wijk pages, the SWV charts): the top layer."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.core.jobs import register
    from wijkportaal.pages import routes
    from wijkportaal.pages.jobs import JOBS

    app.register_blueprint(routes.bp)
    for job in JOBS:
        register(app, job)
