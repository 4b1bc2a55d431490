"""The map layers as GeoJSON: the same layer functions and access rules as the map pages."""

from typing import Any, Literal

from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field

from wijkportaal.api.openapi import api_route, fout, request_query
from wijkportaal.api.routes import bp
from wijkportaal.core.db import get_session
from wijkportaal.core.ids import Id
from wijkportaal.kaart import queries
from wijkportaal.kaart.queries import LAGEN
from wijkportaal.kaart.rules import Keuze


class Kaartfeature(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["Feature"]
    id: str
    geometry: dict[str, Any] | None = Field(
        description="GeoJSON-geometrie in WGS84 (lengte, breedte), afgerond op 5 decimalen; null voor een wijk "
        "zonder opgeslagen grens."
    )
    properties: dict[str, Any] = Field(
        description="Voor een wijk (onderdeel 'wijk'): code, naam, regio, kleur, waarde, toelichting en de "
        "eigen velden van de laag (overleg: overleg_status, status_redenen; pot: centen_per_leerling, null "
        "zonder inzage; dekking: domein, dekking, uren_per_1000, plaatsen_per_1000, aanbieders). Voor een "
        "punt (onderdeel 'punt'): naam, kleur, soort en de eigen velden van de laag."
    )


class Kaartlaag(BaseModel):
    """A GeoJSON FeatureCollection: one feature per wijk, then the layer's points."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["FeatureCollection"]
    features: list[Kaartfeature]


class KaartQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    domein: Id | None = Field(default=None, description="Expertisedomein (id) voor de laag dekking.")


@api_route(
    bp,
    "/kaart/<laag>",
    summary="Een kaartlaag als GeoJSON: overleg, scholen, pot, dekking of voorzieningen",
    response=Kaartlaag,
    errors=(404,),
    query=KaartQuery,
)
def kaartlaag(laag: str):
    """One layer of the map; money of the pot layer only for the wijken the caller may see."""
    if laag not in LAGEN:
        fout(404, f"Onbekende kaartlaag '{laag}'. Kies uit: {', '.join(LAGEN)}.", titel="Onbekende kaartlaag")
    keuze = Keuze(domein_id=request_query().domein)
    return queries.geojson(queries.kaart(get_session(), current_user, laag, keuze))
