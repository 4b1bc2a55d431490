"""Pages that compose several features (the start page, the wijk pages, the SWV charts): the top layer."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.pages import routes

    app.register_blueprint(routes.bp)
