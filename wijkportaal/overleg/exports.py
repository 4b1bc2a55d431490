"""The SWV overview as a table, CSV and XLSX, and a meeting as an iCalendar invitation."""

from datetime import date

from flask import Response
from icalendar import Calendar, Event
from sqlmodel import Session, select

from wijkportaal.core import exports
from wijkportaal.core.clock import TZ
from wijkportaal.core.exports import Kolom
from wijkportaal.overleg.queries import bewaarde_statussen
from wijkportaal.overleg.rules import OverlegStatus
from wijkportaal.wijken.models import Regio, Wijk

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
_BREEDTES = (32, 22, 15, 18, 14, 50, 12, 80)
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


def overzicht_context(session: Session, args) -> dict:
    regios = list(session.exec(select(Regio).order_by(Regio.naam)))
    regio_code = args.get("regio", "")
    regio = next((r for r in regios if r.code == regio_code), None)
    query = select(Wijk.id, Wijk.code, Wijk.naam, Regio.naam).join(Regio, Regio.id == Wijk.regio_id)
    if regio is not None:
        query = query.where(Wijk.regio_id == regio.id)
    wijken = list(session.exec(query))
    statussen = bewaarde_statussen(session, {w[0] for w in wijken} if regio else None)
    rijen = []
    for wijk_id, code, naam, regio_naam in wijken:
        s = statussen[wijk_id]
        rijen.append(
            {
                "code": code,
                "wijk": naam,
                "regio": regio_naam,
                "status": s.status,
                "laatste_bijeenkomst": s.laatste_bijeenkomst,
                "bijeenkomsten_dit_schooljaar": s.bijeenkomsten_dit_schooljaar,
                "ontbrekende_themas": s.ontbrekende_themas,
                "te_late_actiepunten": s.te_late_actiepunten,
                "redenen": s.redenen,
            }
        )
    sort = args.get("sorteer", "wijk")
    if sort not in SORTEERBAAR:
        sort = "wijk"
    aflopend = args.get("richting") == "af"
    rijen.sort(key=lambda r: (_sort_key(r, sort), r["wijk"]), reverse=aflopend)
    return {
        "rijen": rijen,
        "regios": regios,
        "regio": regio,
        "sorteer": sort,
        "richting": "af" if aflopend else "op",
        "aantal_functionerend": sum(1 for r in rijen if r["status"] == OverlegStatus.FUNCTIONEREND),
        "kolommen": KOLOMMEN,
    }


def _sort_key(rij: dict, kolom: str):
    value = rij[kolom]
    if kolom == "status":
        return _STATUS_ORDE[value]
    if kolom == "ontbrekende_themas":
        return len(value)
    if kolom == "laatste_bijeenkomst":
        return value or date.min
    return value


def _cell(kolom: str, value):
    if kolom == "status":
        return value.value
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def download(rijen: list[dict], formaat: str, naam: str) -> Response:
    kolommen = [Kolom(label, breedte=b) for (_, label), b in zip(KOLOMMEN, _BREEDTES, strict=True)]
    data = ([_cell(k, r[k]) for k, _ in KOLOMMEN] for r in rijen)
    return exports.download(kolommen, data, formaat, naam, blad="Wijkoverleggen")


def ics(b, wijk, url: str) -> bytes:
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
