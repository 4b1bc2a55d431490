"""The pure parts of the map layers: what a layer returns (values per wijk, points, legends), the
colours, and the class breaks. The layers themselves read the database: `wijkportaal.kaart.queries`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import Session

from maps.kaart import Legenda, Legendapost
from wijkportaal.auth.models import Gebruiker
from wijkportaal.core.web import getal
from wijkportaal.overleg.queries import OverlegStatus
from wijkportaal.wijken.models import OrganisatieSoort


@dataclass(frozen=True)
class Keuze:
    """What the user chose besides the layer: an expertise domain, or one wijk (its own small map)."""

    domein_id: int | None = None
    wijk_id: int | None = None


@dataclass(frozen=True)
class Wijkwaarde:
    kleur: str
    waarde: str  # short and Dutch, for the table and the tooltip
    toelichting: tuple[str, ...] = ()
    eigenschappen: dict = field(default_factory=dict)  # extra properties of the wijk in the GeoJSON API


@dataclass(frozen=True)
class Punt:
    ident: str
    naam: str
    lat: float
    lon: float
    kleur: str
    soort: str
    toelichting: tuple[str, ...] = ()
    eigenschappen: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Laaginhoud:
    waarden: dict[int, Wijkwaarde]  # wijk id → value; a wijk missing here shows as "geen gegevens"
    legenda: tuple[Legenda, ...]
    punten: tuple[Punt, ...] = ()
    ondertitel: str = ""


@dataclass(frozen=True)
class Laag:
    naam: str
    titel: str
    uitleg: str
    kolom: str  # heading of the value column in the table under the map
    inhoud: Callable[[Session, Gebruiker, Keuze], Laaginhoud]
    puntentitel: str = ""  # the name of the marker layer in the map's layer control


GROEN, ORANJE, ROOD = "#1a9850", "#f59e0b", "#d73027"


NEUTRAAL = "#c9d6e3"


def _legenda(titel: str, kleuren: dict[str, str], punten: bool = False) -> Legenda:
    return Legenda(titel, tuple(Legendapost(k, label) for label, k in kleuren.items()), punten)


OVERLEG_KLEUREN = {
    OverlegStatus.FUNCTIONEREND: GROEN,
    OverlegStatus.OPSTARTEND: ORANJE,
    OverlegStatus.GEEN: ROOD,
}


SCHOOL_KLEUREN = {
    OrganisatieSoort.BASISSCHOOL: "#2563eb",
    OrganisatieSoort.SBO: "#9333ea",
    OrganisatieSoort.SO: "#ea580c",
}


POT_KLEUREN = ("#edf8fb", "#b2e2e2", "#66c2a4", "#238b45")


GEEN_INZAGE = "Geen inzage"


def _klassen(hoogste: Decimal) -> tuple[Decimal, ...]:
    """Upper bounds of four classes of equal, round width up to `hoogste`."""
    stap = hoogste / len(POT_KLEUREN)
    for rond in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if stap <= rond:
            stap = Decimal(rond)
            break
    return tuple(stap * (i + 1) for i in range(len(POT_KLEUREN)))


DEKKING_KLEUREN = {"gedekt": GROEN, "dun": ORANJE, "ontbreekt": ROOD}


def _decimaal(waarde: Decimal | None) -> str:
    return "onbekend" if waarde is None else getal(waarde)


VOORZIENING_KLEUREN = ("#0f766e", "#b45309", "#7c3aed", "#be123c", "#1d4ed8", "#4d7c0f", "#525252")
