"""The SWV's begroting of a year: per group and line budget, committed, paid and left, in cents."""

from flask import request
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field

from wijkportaal.api import schemas
from wijkportaal.api.openapi import api_route, fout
from wijkportaal.api.routes import bp
from wijkportaal.begroting import permissions, queries
from wijkportaal.begroting.rules import EERSTE_JAAR, LAATSTE_JAAR, gevraagd_jaar
from wijkportaal.core import clock
from wijkportaal.core.db import get_session


class BegrotingQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    jaar: int | None = Field(
        default=None,
        ge=EERSTE_JAAR,
        le=LAATSTE_JAAR,
        description="Het begrotingsjaar (JJJJ); standaard dit jaar. Een ongeldig jaar geeft 400.",
    )


@api_route(
    bp,
    "/begroting",
    summary="De begroting van een jaar: per groep en regel begroot, toegezegd, betaald en resterend",
    response=schemas.Begroting,
    errors=(400, 403),
    query=BegrotingQuery,
)
def begroting():
    """For SWV staff and the director; subtotals and total are computed from the lines."""
    if not permissions.can_view_begroting(current_user):
        fout(
            403,
            "Alleen medewerkers en de directeur-bestuurder van het samenwerkingsverband zien de begroting.",
        )
    jaar = gevraagd_jaar(request.args.get("jaar"), clock.today().year)
    if jaar is None:
        fout(
            400,
            f"Geef het jaar als vier cijfers tussen {EERSTE_JAAR} en {LAATSTE_JAAR}, bijvoorbeeld ?jaar=2026.",
        )
    return queries.overzicht(get_session(), jaar).als_dict()
