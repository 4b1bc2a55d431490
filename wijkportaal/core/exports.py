"""Tables as downloads for the administration: CSV for Dutch Excel and XLSX, from the same rows.

Both: a status (an Enum with a Dutch `label`) is written as its label ("Functionerend"), never its code.
CSV: semicolons, a BOM (so Excel reads UTF-8), decimals with a comma ("1234,56"), dates as ISO text,
a list (reasons, themes) as one cell joined with "; ", streamed row by row. Formula injection: text that
starts with = + - @ (or a tab or CR) gets a leading apostrophe, so a spreadsheet shows it as text and never
runs it. Numbers (int, Decimal) are written as numbers and are not touched: "-5" from a number is a
negative number, not a formula; the same "-5" typed as text by a user is text and gets the apostrophe.
XLSX: numbers stay numbers (Decimal, never float; a negative number stays a number), money with a euro
number format, dates and moments as real dates with a date number format, a list one item per line in a
wrapped cell, column widths that fit the content (within the column's maximum), a bold header row that
stays in view (frozen). Text is always a text cell, never a formula. openpyxl is imported by the XLSX
writer only, not at app start."""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from flask import Response, stream_with_context

GELD = "[$€-413] #,##0.00;[$€-413] -#,##0.00"
DECIMAAL = "0.00"
DATUM = "dd-mm-yyyy"
DATUM_TIJD = "dd-mm-yyyy hh:mm:ss"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
_CSV_BLOK = 64 * 1024


@dataclass(frozen=True)
class Kolom:
    """A column: its heading, its kind (tekst, geld, decimaal, getal, datum, datumtijd) and the widest it
    may get in Excel (in characters; it is narrower when the content is)."""

    kop: str
    soort: str = "tekst"
    breedte: int | None = None

    @property
    def xlsx_formaat(self) -> str | None:
        return {"geld": GELD, "decimaal": DECIMAAL, "datum": DATUM, "datumtijd": DATUM_TIJD}.get(self.soort)


def _kolom(k: "Kolom | str") -> Kolom:
    return k if isinstance(k, Kolom) else Kolom(k)


def _tekst(value, scheiding: str = "; ") -> str:
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, list | tuple):
        return scheiding.join(_tekst(v) for v in value)
    return str(value)


def _veilig(text: str) -> str:
    """A leading = + - @ would make a spreadsheet run the text as a formula (CSV injection)."""
    return "'" + text if text.startswith(_FORMULE_TEKENS) else text


def csv_waarde(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")  # exact, Dutch decimal comma, no thousands separator
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return _veilig(_tekst(value))


def _xlsx_waarde(value):
    if value is None or isinstance(value, bool | int | Decimal | date):  # datetime is a date too
        return value
    return _tekst(value, "\n")  # a list: one item per line


def _xlsx_formaat(kolom: Kolom, value) -> str | None:
    """The number format of a cell: the column's, and a date format for any date, whatever the column."""
    if isinstance(value, datetime):
        return DATUM_TIJD
    if isinstance(value, date):
        return DATUM
    return kolom.xlsx_formaat if value is not None else None


# How wide a value shows in Excel, in characters, for the kinds whose text is not the value itself.
_BREEDTE = {"geld": 16, "decimaal": 10, "datum": 11, "datumtijd": 17}
_MAX_BREEDTE = 60


def _breedte(kolom: Kolom, waarden: list) -> float:
    """A column as wide as its longest line (the header's words may wrap), within its maximum."""
    maximum = kolom.breedte or _MAX_BREEDTE
    langste = max((len(w) for w in kolom.kop.split()), default=0)
    for value in waarden:
        if value is None:
            continue
        if isinstance(value, datetime):
            lengte = _BREEDTE["datumtijd"]
        elif isinstance(value, date):
            lengte = _BREEDTE["datum"]
        elif isinstance(value, Decimal | int) and not isinstance(value, bool):
            lengte = max(len(f"{value:,}") + 1, _BREEDTE.get(kolom.soort, 0))
        else:
            lengte = max(len(regel) for regel in str(_xlsx_waarde(value)).split("\n"))
        langste = max(langste, lengte)
    return min(max(langste + 2, 8), maximum)


def _csv_stroom(kolommen: list[Kolom], rijen: Iterable[Iterable]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")  # Dutch Excel expects semicolons
    buffer.write("\ufeff")  # BOM, so Excel reads UTF-8
    writer.writerow([k.kop for k in kolommen])
    for rij in rijen:
        writer.writerow([csv_waarde(v) for v in rij])
        if buffer.tell() >= _CSV_BLOK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(kolommen: list[Kolom], rijen: Iterable[Iterable], blad: str) -> bytes:
    """A workbook in openpyxl's write-only mode; the rows are read first, to fit the column widths."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    rijen = [list(rij) for rij in rijen]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=blad[:31])
    for i, k in enumerate(kolommen):
        waarden = [rij[i] for rij in rijen if i < len(rij)]
        ws.column_dimensions[get_column_letter(i + 1)].width = _breedte(k, waarden)
    ws.freeze_panes = "A2"
    vet, terugloop = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    kop = []
    for k in kolommen:
        cell = WriteOnlyCell(ws, value=k.kop)
        cell.font, cell.alignment = vet, terugloop
        kop.append(cell)
    ws.append(kop)
    for rij in rijen:
        cellen = []
        for value, kolom in zip(rij, kolommen, strict=False):
            cell = WriteOnlyCell(ws, value=_xlsx_waarde(value))
            if cell.data_type == "f":  # text starting with "=": keep it text, never a formula
                cell.data_type = "s"
            formaat = _xlsx_formaat(kolom, value)
            if formaat:
                cell.number_format = formaat
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = terugloop
            cellen.append(cell)
        ws.append(cellen)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def download(
    kolommen: list[Kolom | str], rijen: Iterable[Iterable], formaat: str, naam: str, *, blad: str = "Blad1"
) -> Response:
    """`rijen` as a CSV (streamed) or XLSX attachment named `naam.formaat`; money as Decimal euros."""
    koppen = [_kolom(k) for k in kolommen]
    if formaat == "csv":
        body = stream_with_context(_csv_stroom(koppen, rijen))
        mimetype = "text/csv"  # Response adds "; charset=utf-8" to a text/* type
    elif formaat == "xlsx":
        body = xlsx_bytes(koppen, rijen, blad)
        mimetype = XLSX_MIMETYPE
    else:
        raise ValueError(f"Onbekend formaat {formaat!r}")
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{naam}.{formaat}"'}
    )
