"""Health checks for the load balancer: liveness without the database, readiness with it.

GET /gezondheid          liveness: the process answers (no database access; restart it when this fails)
GET /gezondheid/gereed   readiness: the database answers and holds the schema (send no traffic when 503)
"""

from flask import Flask, current_app


def init_app(app: Flask) -> None:
    app.add_url_rule("/gezondheid/gereed", view_func=gereed)


def gereed():
    """Readiness: one query on the schema's version table, outside the request's session and transaction."""
    import sqlalchemy as sa

    try:
        with current_app.extensions["db_engine"].connect() as conn:
            conn.execute(sa.text("SELECT version_num FROM alembic_version")).first()
    except sa.exc.SQLAlchemyError as fout:
        current_app.logger.warning("Gereedheid: database antwoordt niet: %s", fout)
        return {"status": "niet gereed", "reden": "De database antwoordt niet."}, 503
    return {"status": "gereed"}
