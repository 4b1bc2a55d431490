"""The caller's calendar feed URLs: the same links as on their settings page."""

from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field

from wijkportaal.api.openapi import api_route
from wijkportaal.api.routes import bp
from wijkportaal.core.db import get_session
from wijkportaal.kalender import queries, services


class KalenderWijk(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="Vaste code van de wijk.")
    naam: str
    url: str | None = Field(
        description="iCalendar-feed met alle bijeenkomsten van deze wijk; werkt zonder inloggen, alleen met "
        "het geheim erin. null als de gebruiker zijn agendalinks heeft ingetrokken."
    )


class Kalender(BaseModel):
    """The caller's feed URLs: their personal feed and one per wijk they may see."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    persoonlijk: str | None = Field(
        description="iCalendar-feed met alle bijeenkomsten van alle wijken waar de gebruiker aan deelneemt "
        "(als voorzitter, secretaris, via de eigen organisatie of de eigen wijk). null na intrekken."
    )
    wijken: list[KalenderWijk] = Field(description="Een feed per wijk die de gebruiker mag zien.")


@api_route(
    bp,
    "/kalender",
    summary="Uw agenda-links (iCalendar): persoonlijk en per wijk",
    response=Kalender,
)
def kalender():
    """The caller's feed URLs; the first call makes their secret, as their settings page does."""
    db = get_session()
    feeds = queries.feeds(db, current_user, services.zorg_voor_token(db, current_user))
    return Kalender(
        persoonlijk=feeds.persoonlijk,
        wijken=[KalenderWijk(code=w.code, naam=w.naam, url=w.url) for w in feeds.wijken],
    )
