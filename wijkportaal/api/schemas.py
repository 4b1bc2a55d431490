"""The shapes the API returns and accepts: every response is serialised through these models, every
request body validated by them, and the OpenAPI document is generated from them, so they cannot drift
apart. Amounts are integer euro cents in responses; in requests they are text ("1.234,56" or "1234.56")."""

from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

import ledger
from wijkportaal.besluiten.models import BesluitKeuze, VoorstelStatus
from wijkportaal.core import clock
from wijkportaal.core.ids import Id
from wijkportaal.core.privacy import BSN_MESSAGE, bevat_bsn
from wijkportaal.overleg.rules import OverlegStatus
from wijkportaal.pot.models import BronSoort, Goedkeuringsregel, PeriodeSoort
from wijkportaal.wijken.models import OrganisatieSoort


def _met_offset(moment: datetime) -> str:
    """A stored Amsterdam wall-clock time with its offset that day: 2026-03-01T15:30:00+01:00."""
    return moment.replace(tzinfo=clock.TZ).isoformat()


Tijdstip = Annotated[
    datetime,
    PlainSerializer(_met_offset, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "description": "Tijdstip in Amsterdamse tijd met de afwijking van UTC (+01:00 of +02:00).",
            "examples": ["2026-03-01T15:30:00+01:00"],
        },
        mode="serialization",
    ),
]


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fout(_Schema):
    """The body of every error response."""

    fout: str = Field(description="Korte omschrijving van de fout.")
    toelichting: str = Field(description="Uitleg voor de gebruiker.")


class Validatiefout(Fout):
    """The body of a 422 response: what is wrong, per field of the request."""

    velden: dict[str, str] = Field(
        description="Per veld van het verzoek wat er niet klopt; leeg als de fout niet bij één veld hoort."
    )


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
    """A meeting of a wijkoverleg; times in Amsterdam time with their offset."""

    id: Id
    start: Tijdstip
    eind: Tijdstip
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


# Gedeelde pot: responses (amounts in integer euro cents)

Centen = Annotated[int, Field(description="Bedrag in hele eurocenten.")]


class PotSamenvatting(_Schema):
    """A pot with its figures, all in euro cents."""

    id: Id
    naam: str
    periode_soort: PeriodeSoort
    periode_start: date
    periode_eind: date
    regel: Goedkeuringsregel = Field(description="Wanneer een toekenning is goedgekeurd.")
    wijken: list[str] = Field(description="Codes van de wijken van de pot.")
    ingelegd: Centen = Field(description="Betaalde bijdragen, in centen.")
    toegezegd: Centen = Field(description="Toezeggingen die nog niet betaald zijn, in centen.")
    gereserveerd: Centen = Field(description="Gereserveerd voor toekenningen waarover nog besloten wordt.")
    toegekend: Centen = Field(description="Goedgekeurde toekenningen, in centen.")
    besteed: Centen = Field(description="Bestedingen van de aanpakken van de pot, in centen.")
    beschikbaar: Centen = Field(description="Saldo van de pot min wat gereserveerd is, in centen.")


class PotBestuurCijfers(_Schema):
    id: Id
    naam: str
    ingelegd: Centen
    aandeel: float = Field(ge=0, le=1, description="Deel van alle betaalde bijdragen van besturen (0-1).")
    eerlijk_aandeel: float = Field(
        ge=0, le=1, description="Deel naar leerlingaantal in de wijken van de pot (0-1), ter vergelijking."
    )


class Jaarbudget(_Schema):
    jaar: int = Field(description="Het jaar (bij een schooljaar: het jaar waarin het begint).")
    bedrag: Centen


class AanpakCijfers(_Schema):
    id: Id
    naam: str
    niveau: str
    budget_per_jaar: list[Jaarbudget]
    budget_totaal: Centen
    toegekend: Centen
    besteed: Centen


class BestuurBesluit(_Schema):
    """Where one participating board stands on an allocation."""

    bestuur_id: Id
    bestuur: str
    besluit: BesluitKeuze | None = Field(description="Leeg zolang dit bestuur niet heeft besloten.")
    toelichting: str
    op: Tijdstip | None = Field(description="Wanneer het besluit is vastgelegd (Amsterdamse tijd).")


class Toekenning(_Schema):
    """A proposal to fund an approach from the pot, with the decision of every participating board."""

    id: Id
    pot_id: Id
    aanpak_id: Id
    aanpak: str = Field(description="Naam van de aanpak.")
    bedrag: Centen
    toelichting: str
    regel: Goedkeuringsregel
    status: VoorstelStatus
    voorgesteld_op: Tijdstip
    vervalt_op: Tijdstip = Field(
        description="Tot wanneer besloten kan worden; daarna vervalt de reservering."
    )
    afgerond_op: Tijdstip | None
    transactie_id: Id | None = Field(description="De boeking uit de pot, zodra de toekenning is goedgekeurd.")
    besluiten: list[BestuurBesluit]


class PotDetail(PotSamenvatting):
    besturen: list[PotBestuurCijfers]
    aanpakken: list[AanpakCijfers]
    toekenningen: list[Toekenning] = Field(description="Nieuwste voorstel eerst.")


class Boeking(_Schema):
    rekening: str = Field(description="Code van de grootboekrekening.")
    centen: int = Field(description="Positief: naar de rekening, negatief: eraf.")


class Transactie(_Schema):
    """A ledger transaction: balanced, never changed, hash-chained to the one before."""

    id: Id
    datum: date = Field(description="Boekdatum.")
    omschrijving: str
    boekingen: list[Boeking] = Field(description="Samen altijd nul.")
    ingevoerd_op: Tijdstip
    hash: str = Field(description="SHA-256 over de inhoud en de hash van de vorige transactie.")
    vorige_hash: str
    draait_terug: Id | None = Field(description="De transactie die deze correctie terugdraait.")


class Bijdrage(_Schema):
    """A contribution to a pot; a pledge (toezegging) until it is paid in."""

    id: Id
    pot_id: Id
    bron: BronSoort
    bestuur_id: Id | None
    partner_naam: str
    middelen: str
    bedrag: Centen
    datum: date
    toezegging: bool
    uiterlijk_op: date | None
    betaald_op: date | None
    transactie_id: Id | None = Field(
        description="De boeking in het grootboek; leeg bij een onbetaalde toezegging."
    )


# Gedeelde pot: requests


class _Invoer(BaseModel):
    """A request body: unknown fields and loose types (numbers as text, "true" as a boolean) are refused.
    Every text field refuses a BSN-like number, as every form field does (`core.forms.Form`); a field
    opts out by naming it in `zonder_bsn_controle`."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    zonder_bsn_controle: ClassVar[tuple[str, ...]] = ()

    @field_validator("*", mode="after")
    @classmethod
    def _geen_bsn(cls, value, info):
        if isinstance(value, str) and info.field_name not in cls.zonder_bsn_controle and bevat_bsn(value):
            raise PydanticCustomError("ongeldig", BSN_MESSAGE)
        return value


def _centen(value: Any) -> int:
    if isinstance(value, float):
        raise PydanticCustomError(
            "ongeldig", 'Geef het bedrag als tekst, bijvoorbeeld "1234,56": een kommagetal is niet exact.'
        )
    if not isinstance(value, str):
        raise PydanticCustomError(
            "ongeldig", 'Geef het bedrag als tekst, bijvoorbeeld "1.234,56" of "1234.56".'
        )
    if not value.strip():
        raise PydanticCustomError("ongeldig", "Vul een bedrag in.")
    try:
        return ledger.parse_amount(value)
    except ledger.AmountError as fout:
        raise PydanticCustomError("ongeldig", str(fout)) from fout


Bedrag = Annotated[
    int,
    BeforeValidator(_centen),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "pattern": r"\S",
            "description": "Bedrag in euro's als tekst, groter dan nul, hoogstens twee decimalen: "
            '"1.234,56" of "1234.56" (twee cijfers achter de punt; "12.5" en "1e5" worden geweigerd). '
            "Geen getal: kommagetallen zijn niet exact.",
            "examples": ["1.234,56", "1234.56"],
        }
    ),
]


class BijdrageInvoer(_Invoer):
    """A contribution, paid in now or pledged (toezegging) with a due date."""

    bron: BronSoort = Field(
        description="bestuur: een deelnemend bestuur (alleen het eigen bestuur); swv, vrijval, gemeente en "
        "partner: vastgelegd door het samenwerkingsverband."
    )
    bestuur_id: Id | None = Field(default=None, description="Verplicht bij bron bestuur.")
    partner_naam: str = Field(default="", max_length=200, description="Verplicht bij bron partner.")
    middelen: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)] = Field(
        description="Waar het geld vandaan komt: eigen middelen, ondersteuningsmiddelen, NPO, …"
    )
    bedrag: Bedrag
    datum: date
    toezegging: bool = Field(
        default=False, description="Nog te betalen: wordt pas geboekt als het betaald is."
    )
    uiterlijk_op: date | None = Field(
        default=None, description="Uiterste betaaldatum; verplicht bij een toezegging."
    )

    @model_validator(mode="after")
    def _bestuur_bij_bron_bestuur(self):
        if self.bron == BronSoort.BESTUUR and self.bestuur_id is None:
            raise PydanticCustomError("ongeldig", "Kies het bestuur dat bijdraagt.", {"veld": "bestuur_id"})
        return self


class ToekenningInvoer(_Invoer):
    """A proposal to fund an approach of this pot; the amount is reserved at once."""

    aanpak_id: Id
    bedrag: Bedrag
    toelichting: str = Field(default="", max_length=5000)
    termijn_dagen: int = Field(
        default=14, ge=1, le=90, description="Binnen hoeveel dagen de besturen besluiten."
    )


class BesluitInvoer(_Invoer):
    """The decision of the caller's own board."""

    besluit: BesluitKeuze
    toelichting: str = Field(default="", max_length=2000, description="Verplicht bij afwijzen.")


class TerugdraaiInvoer(_Invoer):
    """Why a booking is undone."""

    reden: str = Field(
        default="", max_length=2000, description="Verplicht: waarom de boeking wordt teruggedraaid."
    )


class Terugdraaiing(_Schema):
    """A paid contribution or a spending undone by a new booking that reverses it; the original stays."""

    id: Id
    pot_id: Id
    bijdrage_id: Id | None
    besteding_id: Id | None
    transactie_id: Id = Field(description="De boeking die is teruggedraaid.")
    correctie_transactie_id: Id = Field(description="De nieuwe boeking die haar omdraait.")
    reden: str
    door_id: Id
    op: Tijdstip


class TransactiesQuery(BaseModel):
    """Paging through a pot's transactions, newest first."""

    model_config = ConfigDict(extra="ignore")

    limit: int = Field(default=50, ge=1, le=200, description="Hoeveel transacties (1-200).")
    offset: int = Field(default=0, ge=0, le=1_000_000, description="Hoeveel nieuwste transacties overslaan.")


# Begroting: responses (amounts in integer euro cents)


class BegrotingBedragen(_Schema):
    """What a line, a group or the whole begroting holds in a year, in euro cents."""

    begroot: Centen = Field(description="Het begrote bedrag, in centen.")
    toegezegd: Centen = Field(description="Toegezegd (betaald of nog niet), in centen.")
    betaald: Centen = Field(description="Betaald, in centen.")
    resterend: Centen = Field(description="Begroot min toegezegd, in centen.")


class BegrotingRegel(BegrotingBedragen):
    naam: str


class BegrotingGroep(BegrotingBedragen):
    """A group with its lines; its amounts are the sum of its lines."""

    naam: str
    regels: list[BegrotingRegel] = Field(description="Op de volgorde van de begroting.")


class Begroting(_Schema):
    """The begroting of one year per group and line; the total is the sum of the groups."""

    jaar: int
    groepen: list[BegrotingGroep] = Field(description="Op de volgorde van de begroting.")
    totaal: BegrotingBedragen
