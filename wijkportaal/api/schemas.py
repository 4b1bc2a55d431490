"""The shapes the API returns: every response is serialised through these models, and the OpenAPI
document is generated from them, so the two cannot drift apart."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, NaiveDatetime

from wijkportaal.overleg.status import OverlegStatus
from wijkportaal.wijken.models import OrganisatieSoort


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fout(_Schema):
    """The body of every error response."""

    fout: str = Field(description="Korte omschrijving van de fout.")
    toelichting: str = Field(description="Uitleg voor de gebruiker.")


class WijkSamenvatting(_Schema):
    """A wijk and how its wijkoverleg is doing."""

    code: str = Field(description="Vaste code van de wijk, gebruikt in URL's.")
    naam: str
    regio: str = Field(description="Naam van de regio waar de wijk in ligt.")
    overleg_status: OverlegStatus
    status_redenen: list[str] = Field(
        description="Welke delen van de norm het wijkoverleg mist; leeg als het functioneert."
    )
    laatste_bijeenkomst: date | None = Field(description="Datum van de laatst gehouden bijeenkomst.")
    bijeenkomsten_dit_schooljaar: int = Field(ge=0, description="Gehouden bijeenkomsten dit schooljaar.")
    ontbrekende_themas: list[str] = Field(
        description="Verplichte thema's van dit schooljaar die nog op geen agenda van een gehouden bijeenkomst stonden."
    )
    te_late_actiepunten: int = Field(ge=0, description="Open actiepunten waarvan de deadline voorbij is.")


class Lid(_Schema):
    """A member organisation of a wijkoverleg."""

    naam: str
    soort: OrganisatieSoort


class BijeenkomstSamenvatting(_Schema):
    """A meeting of a wijkoverleg; times are Amsterdam local time without offset."""

    id: int
    start: NaiveDatetime
    eind: NaiveDatetime
    locatie: str = Field(description="Plaats van de bijeenkomst; leeg als die (nog) niet bekend is.")
    online_link: str = Field(description="Link om online deel te nemen; leeg als er geen is.")
    agenda_vastgesteld: bool
    geannuleerd: bool


class OpenActiepunt(_Schema):
    omschrijving: str
    eigenaar: str
    deadline: date
    te_laat: bool


class WijkDetail(WijkSamenvatting):
    """A wijk with the members, meetings and open action items of its wijkoverleg."""

    voorzitter: str | None = Field(description="Naam van de voorzitter van het wijkoverleg.")
    leden: list[Lid]
    bijeenkomsten: list[BijeenkomstSamenvatting] = Field(
        description="De recente en komende bijeenkomsten (tot tien van elk), op volgorde van start."
    )
    open_actiepunten: list[OpenActiepunt] = Field(description="Op volgorde van deadline.")
