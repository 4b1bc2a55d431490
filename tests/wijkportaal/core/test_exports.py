"""The shared CSV and XLSX writer, read back as a spreadsheet would: dates as dates, statuses as their
Dutch labels, lists one item per line, widths that fit, a frozen header, and no formula ever run."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from wijkportaal.core.exports import DATUM, DATUM_TIJD, GELD, Kolom, _csv_stroom, xlsx_bytes
from wijkportaal.overleg.rules import OverlegStatus

KOLOMMEN = [
    Kolom("Omschrijving"),
    Kolom("Bedrag", "geld"),
    Kolom("Aantal", "getal"),
    Kolom("Datum", "datum"),
    Kolom("Ingevoerd op", "datumtijd"),
    Kolom("Status"),
    Kolom("Wat ontbreekt", breedte=40),
]
RIJEN = [
    [
        '=HYPERLINK("http://x","klik")',
        Decimal("-12.30"),
        -3,
        date(2026, 11, 23),
        datetime(2026, 11, 23, 15, 30),
        OverlegStatus.OPSTARTEND,
        ["Nog geen bijeenkomst gehouden.", "Agenda vooraf vastgesteld bij 0 % van de bijeenkomsten."],
    ],
    ["+31 20 123 4567", Decimal("0.05"), 0, None, None, OverlegStatus.GEEN, []],
    ["-Noord", Decimal("1234.56"), 12, None, None, OverlegStatus.FUNCTIONEREND, ["Kort."]],
    ["@SUM(A1)", None, None, None, None, None, None],
    ["\tverborgen", None, None, None, None, None, None],
    ["\rterug", None, None, None, None, None, None],
    ["Gewoon - met streepje", None, None, None, None, None, None],
]


def lees_csv() -> list[list[str]]:
    tekst = "".join(_csv_stroom(KOLOMMEN, RIJEN))
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst.lstrip("\ufeff"), newline=""), delimiter=";"))


def lees_xlsx():
    return load_workbook(io.BytesIO(xlsx_bytes(KOLOMMEN, RIJEN, "Test"))).active


def test_csv_neutralises_every_formula_start_but_not_numbers():
    rijen = lees_csv()
    assert [r[0] for r in rijen[1:]] == [
        '\'=HYPERLINK("http://x","klik")',
        "'+31 20 123 4567",
        "'-Noord",
        "'@SUM(A1)",
        "'\tverborgen",
        "'\rterug",
        "Gewoon - met streepje",
    ]
    # Numbers are numbers: a negative amount or count keeps its minus, without an apostrophe.
    assert rijen[1][1:3] == ["-12,30", "-3"]
    assert rijen[3][1:3] == ["1234,56", "12"]


def test_csv_writes_labels_iso_dates_and_a_list_in_one_cell():
    rijen = lees_csv()
    assert rijen[1][3:6] == ["2026-11-23", "2026-11-23 15:30:00", "Opstartend"]
    assert (
        rijen[1][6]
        == "Nog geen bijeenkomst gehouden.; Agenda vooraf vastgesteld bij 0 % van de bijeenkomsten."
    )
    assert (rijen[2][5], rijen[2][6]) == ("Geen overleg", "")


def test_xlsx_dates_are_dates_with_a_date_format():
    ws = lees_xlsx()
    assert ws["D2"].is_date and ws["D2"].value == datetime(2026, 11, 23) and ws["D2"].number_format == DATUM
    assert ws["E2"].is_date and ws["E2"].value == datetime(2026, 11, 23, 15, 30)
    assert ws["E2"].number_format == DATUM_TIJD


def test_xlsx_statuses_as_labels_and_reasons_one_per_line_wrapped():
    ws = lees_xlsx()
    assert [ws[f"F{r}"].value for r in (2, 3, 4)] == ["Opstartend", "Geen overleg", "Functionerend"]
    assert ws["G2"].value == (
        "Nog geen bijeenkomst gehouden.\nAgenda vooraf vastgesteld bij 0 % van de bijeenkomsten."
    )
    assert ws["G2"].alignment.wrap_text


def test_xlsx_numbers_stay_numbers_and_text_stays_text():
    ws = lees_xlsx()
    assert ws["B2"].data_type == "n" and Decimal(str(ws["B2"].value)) == Decimal("-12.30")
    assert ws["B2"].number_format == GELD
    assert ws["C2"].data_type == "n" and ws["C2"].value == -3
    assert ws["A2"].data_type == "s" and ws["A2"].value.startswith("=HYPERLINK")
    assert ws["A4"].data_type == "s" and ws["A4"].value == "-Noord"


def test_xlsx_header_is_frozen_bold_and_columns_fit():
    ws = lees_xlsx()
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "Omschrijving" and ws["A1"].font.bold
    breedte = {k: ws.column_dimensions[k].width for k in "ABCDEFG"}
    # As wide as the longest line, within the column's maximum; never the same width for every column.
    assert breedte["A"] >= len('=HYPERLINK("http://x","klik")')
    assert breedte["C"] < 12  # "Aantal", "-3", "12"
    assert breedte["F"] >= len("Functionerend")
    assert breedte["G"] == 40  # the reasons are longer: capped, and the cell wraps
