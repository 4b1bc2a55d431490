"""The SWV overview as a table, CSV and XLSX, and a meeting as an iCalendar invitation."""

import csv
import io
from datetime import date

from flask import Response
from icalendar import Calendar, Event
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlmodel import Session, select

from wijkportaal.clock import TZ
from wijkportaal.overleg.status import OverlegStatus, wijk_statussen
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
    query = select(Wijk, Regio).join(Regio, Regio.id == Wijk.regio_id)
    if regio is not None:
        query = query.where(Wijk.regio_id == regio.id)
    wijken = list(session.exec(query))
    statussen = wijk_statussen(session, {w.id for w, _ in wijken} if regio else None)
    rijen = []
    for wijk, wr in wijken:
        s = statussen[wijk.id]
        rijen.append(
            {
                "code": wijk.code,
                "wijk": wijk.naam,
                "regio": wr.naam,
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
    koppen = [label for _, label in KOLOMMEN]
    data = [[_cell(k, r[k]) for k, _ in KOLOMMEN] for r in rijen]
    if formaat == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")  # Dutch Excel expects semicolons
        writer.writerow(koppen)
        writer.writerows(data)
        body = "\ufeff" + buffer.getvalue()  # BOM, so Excel reads UTF-8
        mimetype = "text/csv; charset=utf-8"
    else:
        wb = Workbook()
        ws = wb.active
        ws.title = "Wijkoverleggen"
        ws.append(koppen)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in data:
            ws.append(row)
        ws.freeze_panes = "A2"
        for col, width in zip("ABCDEFGH", (32, 22, 15, 18, 14, 50, 12, 80), strict=True):
            ws.column_dimensions[col].width = width
        buffer = io.BytesIO()
        wb.save(buffer)
        body = buffer.getvalue()
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{naam}.{formaat}"'}
    )


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
