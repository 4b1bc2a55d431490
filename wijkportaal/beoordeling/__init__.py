"""Assessing nieuwe initiatieven: SWV staff assign at least two assessors, each declares on a conflict of
interest, scores the round's judged criteria blind with a motivation and recommends; the portal combines
the scores per criterion and in total, with disagreement and knock-out flags (`queries.uitslagen`)."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.beoordeling import permissions, queries, routes
    from wijkportaal.beoordeling.jobs import JOBS
    from wijkportaal.core.jobs import register
    from wijkportaal.initiatieven import permissions as initiatieven_permissions
    from wijkportaal.initiatieven import queries as initiatieven_queries

    if permissions.leest_als_beoordelaar not in initiatieven_permissions.LEESREGELS:
        initiatieven_permissions.LEESREGELS.append(permissions.leest_als_beoordelaar)
    if queries.scores_bron not in initiatieven_queries.SCORES:
        initiatieven_queries.SCORES.append(queries.scores_bron)

    app.register_blueprint(routes.bp)
    for job in JOBS:
        register(app, job)
    app.add_template_global(permissions.can_view_beoordeling, "mag_beoordeling_zien")
    app.add_template_global(permissions.can_open_beoordelen, "mag_beoordelen")
