"""The JSON API v1 with its OpenAPI document."""

from flask import Flask


def init_app(app: Flask) -> None:
    # Each module adds its operations to the one blueprint of the API before it is registered.
    from wijkportaal.api import begroting, initiatieven, kaart, potten, routes  # noqa: F401

    app.register_blueprint(routes.bp)
