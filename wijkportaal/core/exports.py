"""Tables as downloads for the administration: CSV for Dutch Excel and XLSX, from the same rows.

CSV: semicolons, a BOM (so Excel reads UTF-8), decimals with a comma ("1234,56"), streamed row by row.
XLSX: numbers stay numbers (Decimal, never float), money with a euro number format, dates as dates.
Text that a spreadsheet would run as a formula is neutralised in both. openpyxl is imported by the XLSX
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
    """A column: its heading, its kind (tekst, geld, decimaal, getal, datum) and its width in Excel."""

    kop: str
    soort: str = "tekst"
    breedte: int | None = None

    @property
    def xlsx_formaat(self) -> str | None:
        return {"geld": GELD, "decimaal": DECIMAAL, "datum": DATUM, "datumtijd": DATUM_TIJD}.get(self.soort)


def _kolom(k: "Kolom | str") -> Kolom:
    return k if isinstance(k, Kolom) else Kolom(k)


def _tekst(value) -> str:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
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
    return _tekst(value)


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
    """A workbook written row by row (openpyxl's write-only mode keeps memory flat)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=blad[:31])
    for i, k in enumerate(kolommen, start=1):
        ws.column_dimensions[get_column_letter(i)].width = k.breedte or max(12, min(len(k.kop) + 2, 40))
    ws.freeze_panes = "A2"
    vet = Font(bold=True)
    kop = []
    for k in kolommen:
        cell = WriteOnlyCell(ws, value=k.kop)
        cell.font = vet
        kop.append(cell)
    ws.append(kop)
    formaten = [k.xlsx_formaat for k in kolommen]
    for rij in rijen:
        cellen = []
        for value, formaat in zip(rij, formaten, strict=False):
            cell = WriteOnlyCell(ws, value=_xlsx_waarde(value))
            if cell.data_type == "f":  # text starting with "=": keep it text, never a formula
                cell.data_type = "s"
            if formaat and value is not None:
                cell.number_format = formaat
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
        mimetype = "text/csv; charset=utf-8"
    elif formaat == "xlsx":
        body = xlsx_bytes(koppen, rijen, blad)
        mimetype = XLSX_MIMETYPE
    else:
        raise ValueError(f"Onbekend formaat {formaat!r}")
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{naam}.{formaat}"'}
    )
