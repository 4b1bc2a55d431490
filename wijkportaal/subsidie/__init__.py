"""Subsidie: the director's decision on assessed nieuwe initiatieven (toekennen, afwijzen, aanhouden) as a
proposal of the decision workflow with one decider, the grant as commitments in the ledger per year,
payments in tranches, the release of what was not spent when an initiative ends, and the besluitbrief."""

from flask import Flask


def init_app(app: Flask) -> None:
    from wijkportaal.core.jobs import register
    from wijkportaal.initiatieven import permissions as initiatieven_permissions
    from wijkportaal.initiatieven import queries as initiatieven_queries
    from wijkportaal.subsidie import permissions, queries, routes
    from wijkportaal.subsidie.jobs import JOBS

    app.register_blueprint(routes.bp)
    for job in JOBS:
        register(app, job)
    if queries.toegekend_per_jaar not in initiatieven_queries.TOEGEKEND:
        initiatieven_queries.TOEGEKEND.append(queries.toegekend_per_jaar)
    if permissions.directeur_leest not in initiatieven_permissions.LEESREGELS:
        initiatieven_permissions.LEESREGELS.append(permissions.directeur_leest)
    if queries.links not in initiatieven_queries.LINKS:
        initiatieven_queries.LINKS.append(queries.links)
    app.add_template_global(permissions.can_see_ranglijst, "mag_ranglijst_zien")
