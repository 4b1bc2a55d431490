"""Is a wijkoverleg functioning? Facts are gathered per wijk in a fixed number of queries; the verdict is pure."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from wijkportaal.core.clock import TZ
from wijkportaal.core.exports import Kolom
from wijkportaal.core.web import aantal
from wijkportaal.overleg.models import (
    Overlegnorm,
)


class OverlegStatus(StrEnum):
    FUNCTIONEREND = "functionerend"
    OPSTARTEND = "opstartend"
    GEEN = "geen"

    @property
    def label(self) -> str:
        return {"functionerend": "Functionerend", "opstartend": "Opstartend", "geen": "Geen overleg"}[self]


@dataclass(frozen=True)
class Norm:
    periode_maanden: int = 12
    min_bijeenkomsten: int = 4
    max_dagen_sinds_laatste: int = 120
    min_pct_vastgesteld: int = 75
    min_pct_okt_so: int = 50

    @classmethod
    def from_row(cls, row: Overlegnorm | None) -> "Norm":
        if row is None:
            return cls()
        return cls(
            row.periode_maanden,
            row.min_bijeenkomsten,
            row.max_dagen_sinds_laatste,
            row.min_pct_vastgesteld,
            row.min_pct_okt_so,
        )


@dataclass(frozen=True)
class Feiten:
    """What happened in one wijkoverleg within the norm's period."""

    heeft_overleg: bool
    gehouden: int = 0
    laatste: date | None = None
    vastgesteld_vooraf: int = 0
    okt_en_so_aanwezig: int = 0


def _pct(deel: int, geheel: int) -> int:
    return round(100 * deel / geheel) if geheel else 0


def beoordeel(norm: Norm, feiten: Feiten, vandaag: date) -> tuple[OverlegStatus, list[str]]:
    """The status and, when the bar is not met, every part of it that is missed."""
    if not feiten.heeft_overleg:
        return OverlegStatus.GEEN, ["Er is (nog) geen wijkoverleg ingesteld."]
    redenen = []
    periode = f"de laatste {aantal(norm.periode_maanden, 'maand', 'maanden')}"
    if feiten.gehouden < norm.min_bijeenkomsten:
        redenen.append(
            f"{aantal(feiten.gehouden, 'bijeenkomst', 'bijeenkomsten')} gehouden in {periode} "
            f"(minimaal {norm.min_bijeenkomsten})."
        )
    if feiten.laatste is None:
        redenen.append("Nog geen bijeenkomst gehouden.")
    elif (vandaag - feiten.laatste).days > norm.max_dagen_sinds_laatste:
        redenen.append(
            f"Laatste bijeenkomst {aantal((vandaag - feiten.laatste).days, 'dag', 'dagen')} geleden "
            f"(maximaal {norm.max_dagen_sinds_laatste})."
        )
    if feiten.gehouden:
        pct = _pct(feiten.vastgesteld_vooraf, feiten.gehouden)
        if pct < norm.min_pct_vastgesteld:
            redenen.append(
                f"Agenda vooraf vastgesteld bij {pct} % van de bijeenkomsten (minimaal {norm.min_pct_vastgesteld} %)."
            )
        pct = _pct(feiten.okt_en_so_aanwezig, feiten.gehouden)
        if pct < norm.min_pct_okt_so:
            redenen.append(
                f"OKT en speciaal onderwijs samen aanwezig bij {pct} % van de bijeenkomsten "
                f"(minimaal {norm.min_pct_okt_so} %)."
            )
    return (OverlegStatus.OPSTARTEND if redenen else OverlegStatus.FUNCTIONEREND), redenen


@dataclass
class WijkStatus:
    wijk_id: int
    status: OverlegStatus
    redenen: list[str]
    laatste_bijeenkomst: date | None = None
    bijeenkomsten_dit_schooljaar: int = 0
    ontbrekende_themas: list[str] = field(default_factory=list)
    behandelde_themas: list[str] = field(default_factory=list)
    te_late_actiepunten: int = 0
    gehouden_in_periode: int = 0


def maanden_terug(day: date, maanden: int) -> date:
    month_index = day.year * 12 + day.month - 1 - maanden
    year, month = divmod(month_index, 12)
    month += 1
    for dag in (day.day, 30, 29, 28):
        try:
            return date(year, month, dag)
        except ValueError:
            continue
    raise AssertionError("unreachable")


KOLOMMEN = [
    ("wijk", "Wijk"),
    ("regio", "Regio"),
    ("status", "Status"),
    ("laatste_bijeenkomst", "Laatste bijeenkomst"),
    ("bijeenkomsten_dit_schooljaar", "Bijeenkomsten dit schooljaar"),
    ("ontbrekende_themas", "Ontbrekende verplichte thema's"),
    ("te_late_actiepunten", "Te late actiepunten"),
    ("redenen", "Wat ontbreekt"),
]


# The overview's download: kind and widest width per column of KOLOMMEN.
EXPORT_KOLOMMEN = [
    Kolom(label, soort, breedte)
    for (_, label), (soort, breedte) in zip(
        KOLOMMEN,
        [
            ("tekst", 32),
            ("tekst", 22),
            ("tekst", 15),
            ("datum", 18),
            ("getal", 14),
            ("tekst", 50),
            ("getal", 12),
            ("tekst", 80),
        ],
        strict=True,
    )
]


SORTEERBAAR = {
    "wijk",
    "regio",
    "status",
    "laatste_bijeenkomst",
    "bijeenkomsten_dit_schooljaar",
    "ontbrekende_themas",
    "te_late_actiepunten",
}


_STATUS_ORDE = {OverlegStatus.GEEN: 0, OverlegStatus.OPSTARTEND: 1, OverlegStatus.FUNCTIONEREND: 2}


def _sort_key(rij: dict, kolom: str):
    value = rij[kolom]
    if kolom == "status":
        return _STATUS_ORDE[value]
    if kolom == "ontbrekende_themas":
        return len(value)
    if kolom == "laatste_bijeenkomst":
        return value or date.min
    return value


# What an amendment can change, in the order it is shown, with the label the forms use.
AMENDEMENT_VELDEN = {
    "titel": "Titel",
    "eigenaar": "Eigenaar",
    "minuten": "Tijd (minuten)",
    "beschrijving": "Toelichting",
    "themas": "Thema's",
    "notulen": "Notulen",
    "start": "Begin",
    "eind": "Einde",
    "locatie": "Locatie",
    "online_link": "Online link",
}


def amendement_wijzigingen(gewijzigd: dict[str, list]) -> list[dict]:
    """{field: [old, new]} as an amendment stores it: a list in a fixed order, values as JSON."""
    volgorde = list(AMENDEMENT_VELDEN)
    velden = sorted(gewijzigd, key=lambda v: (volgorde.index(v) if v in volgorde else len(volgorde), v))
    return [
        {"veld": veld, "oud": _als_json(gewijzigd[veld][0]), "nieuw": _als_json(gewijzigd[veld][1])}
        for veld in velden
    ]


def _als_json(value):
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, list | tuple):
        return [_als_json(v) for v in value]
    return value


def amendement_regels(wijzigingen: list[dict]) -> list[str]:
    """What an amendment changed, one readable line per field: "Titel: 'oud' → 'nieuw'"."""
    return [
        f"{AMENDEMENT_VELDEN.get(w['veld'], w['veld'])}: {_toon(w['veld'], w['oud'])} → {_toon(w['veld'], w['nieuw'])}"
        for w in wijzigingen
    ]


def _toon(veld: str, value) -> str:
    if value is None or value == "" or value == []:
        return "(leeg)"
    if isinstance(value, list):
        return "'" + ", ".join(str(v) for v in value) + "'"
    if veld in ("start", "eind") and isinstance(value, str):
        from wijkportaal.core.web import datum_tijd

        return "'" + datum_tijd(datetime.fromisoformat(value)) + "'"
    if isinstance(value, int):
        return str(value)
    return f"'{value}'"


def ics(b, wijk, url: str) -> bytes:
    """A meeting as an iCalendar file (the icalendar library loads only here)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Wijkportaal//SWV PO Amsterdam-Diemen//NL")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", f"bijeenkomst-{b.id}@wijkportaal")
    event.add("summary", f"Wijkoverleg {wijk.naam}")
    event.add("dtstart", b.start.replace(tzinfo=TZ))
    event.add("dtend", b.eind.replace(tzinfo=TZ))
    event.add("location", b.locatie or b.online_link)
    event.add(
        "description", f"Agenda en stukken: {url}" + (f"\nOnline: {b.online_link}" if b.online_link else "")
    )
    event.add("url", url)
    if b.is_geannuleerd:
        event.add("status", "CANCELLED")
    cal.add_component(event)
    return cal.to_ical()
