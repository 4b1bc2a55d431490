"""Calendars: a secret feed URL per user (revocable) for a personal feed and one per wijk, in iCalendar."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.kalender import routes

    app.register_blueprint(routes.bp)
