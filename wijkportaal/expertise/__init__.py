"""Expertise en voorzieningen: the register, the taxonomy, the norm and the coverage matrix."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.expertise import routes

    app.register_blueprint(routes.bp)
