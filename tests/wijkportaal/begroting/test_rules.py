"""Reading a begroting file: amounts as the plan writes them, and every malformed file refused with the
row it went wrong in."""

import io

import pytest

from ledger import AmountError
from wijkportaal.begroting.rules import Bedragen, lees_bedrag, lees_bestand, lees_cellen, optelling

KOP = ["groep", "regel", "2025", "2026"]


@pytest.mark.parametrize(
    ("waarde", "cents"),
    [
        ("266.000", 26_600_000),
        ("1.234,56", 123_456),
        ("1.346.662", 134_666_200),
        ("-", 0),
        ("", 0),
        (None, 0),
        ("1234.56", 123_456),
        ("€ 8.000", 800_000),
        ("0", 0),
        (266000, 26_600_000),  # a number in a workbook
        (1234.56, 123_456),
        (0.1 + 0.2, 30),  # a spreadsheet's binary noise, not a third decimal
    ],
)
def test_amounts_as_the_plan_writes_them(waarde, cents):
    assert lees_bedrag(waarde) == cents


@pytest.mark.parametrize(
    ("waarde", "melding"),
    [
        ("-5", "Een bedrag op de begroting kan niet negatief zijn."),
        (-5, "Een bedrag op de begroting kan niet negatief zijn."),
        ("1,234", "Een bedrag heeft hoogstens twee cijfers achter de komma."),
        ("12.5", "Is '12.5' bedoeld als 12,50 of als 12.500?"),
        ("veel", "Dit is geen geldig bedrag."),
        ("$ 100", "Alleen bedragen in euro's zijn mogelijk."),
        (12.345, "Een bedrag heeft hoogstens twee cijfers achter de komma."),
    ],
)
def test_amounts_that_are_refused(waarde, melding):
    with pytest.raises(AmountError) as fout:
        lees_bedrag(waarde)
    assert str(fout.value).startswith(melding)


def test_a_well_formed_sheet():
    inlezing = lees_cellen(
        [
            KOP,
            ["Samenwerking in de wijk en regio", "Nieuwe initiatieven", "-", "200.000"],
            [],  # an empty row is skipped
            ["Binnenplaats", "Binnenplaats", "25.000", "27.000,50"],
        ]
    )
    assert inlezing.fouten == []
    assert inlezing.jaren == [2025, 2026]
    assert [(r.groep, r.regel, r.bedragen, r.rij) for r in inlezing.rijen] == [
        ("Samenwerking in de wijk en regio", "Nieuwe initiatieven", {2025: 0, 2026: 20_000_000}, 2),
        ("Binnenplaats", "Binnenplaats", {2025: 2_500_000, 2026: 2_700_050}, 4),
    ]


@pytest.mark.parametrize(
    ("cellen", "fouten"),
    [
        ([], ["Het bestand is leeg: de eerste rij moet de kop groep;regel;2025;… zijn."]),
        ([["naam", "regel", "2025"]], ["Rij 1: de kop begint met de kolommen 'groep' en 'regel'."]),
        ([["groep,regel,2025"]], ["Rij 1: gebruik de puntkomma (;) als scheidingsteken, niet de komma."]),
        ([["groep", "regel"]], ["Rij 1: de kop noemt geen jaren (groep;regel;2025;2026;…)."]),
        (
            [["groep", "regel", "Begroting 2025", "2026", "2026"]],
            [
                "Rij 1, kolom 3: 'Begroting 2025' is geen jaar (schrijf het jaar, bijvoorbeeld 2026).",
                "Rij 1, kolom 5: het jaar 2026 staat twee keer in de kop.",
            ],
        ),
        ([KOP], ["Het bestand bevat geen begrotingsregels onder de kop."]),
        (
            [KOP, ["Binnenplaats", "", "1", "2"], ["", "Binnenplaats", "1", "2"]],
            ["Rij 2: vul de regel in.", "Rij 3: vul de groep in."],
        ),
        (
            [KOP, ["A", "B", "1", "2"], ["A", "C", "1", "2"], ["A", "B", "3", "4"]],
            ["Rij 4: de regel 'B' in groep 'A' staat al op rij 2."],
        ),
        (
            [KOP, ["A", "B", "1", "2", "3"]],
            ["Rij 2: meer kolommen dan de kop (5 in plaats van 4)."],
        ),
        (
            [KOP, ["A", "B", "1", "2"], ["A", "C", "266.000", "-12"], ["A", "D", "1,234", "2"]],
            [
                "Rij 3, 2026: Een bedrag op de begroting kan niet negatief zijn.",
                "Rij 4, 2025: Een bedrag heeft hoogstens twee cijfers achter de komma.",
            ],
        ),
        ([KOP, ["A", "x" * 201, "1", "2"]], ["Rij 2: de regel is langer dan 200 tekens."]),
    ],
)
def test_a_malformed_sheet_is_refused_as_a_whole(cellen, fouten):
    inlezing = lees_cellen(cellen)
    assert inlezing.fouten == fouten
    assert inlezing.rijen == []  # nothing of the file is used, not even its good rows


def test_csv_with_a_bom_and_windows_line_ends():
    inhoud = "\ufeffgroep;regel;2026\r\nBinnenplaats;Binnenplaats;27.000\r\n".encode()
    inlezing = lees_bestand(inhoud, "begroting.CSV")
    assert inlezing.fouten == []
    assert [(r.regel, r.bedragen) for r in inlezing.rijen] == [("Binnenplaats", {2026: 2_700_000})]


def test_csv_saved_by_dutch_excel_in_windows_1252():
    inhoud = "groep;regel;2026\nEen doorgaande lijn;Overstap PO–VO;15.000\n".encode("cp1252")
    inlezing = lees_bestand(inhoud, "begroting.csv")
    assert [r.regel for r in inlezing.rijen] == ["Overstap PO–VO"]


def test_xlsx_with_numbers_and_text():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["groep", "regel", 2025, 2026])
    ws.append(["Samenwerking in de wijk en regio", "Nieuwe initiatieven", "-", 200000])
    ws.append(["Binnenplaats", "Binnenplaats", "25.000", 27000.5])
    buffer = io.BytesIO()
    wb.save(buffer)
    inlezing = lees_bestand(buffer.getvalue(), "begroting.xlsx")
    assert inlezing.fouten == []
    assert [(r.regel, r.bedragen) for r in inlezing.rijen] == [
        ("Nieuwe initiatieven", {2025: 0, 2026: 20_000_000}),
        ("Binnenplaats", {2025: 2_500_000, 2026: 2_700_050}),
    ]


@pytest.mark.parametrize(
    ("inhoud", "naam", "fout"),
    [
        (b"not a zip", "begroting.xlsx", "Dit is geen leesbaar XLSX-bestand."),
        (b"groep;regel;2026", "begroting.pdf", "Kies een CSV- of XLSX-bestand (.csv of .xlsx)."),
    ],
)
def test_files_that_cannot_be_read(inhoud, naam, fout):
    assert lees_bestand(inhoud, naam).fouten == [fout]


def test_subtotals_add_lines_and_what_is_left_is_budget_minus_committed():
    regels = [Bedragen(begroot=100, toegezegd=30, betaald=10), Bedragen(begroot=50, toegezegd=50, betaald=0)]
    subtotaal = optelling(regels)
    assert (subtotaal.begroot, subtotaal.toegezegd, subtotaal.betaald, subtotaal.resterend) == (
        150,
        80,
        10,
        70,
    )
    assert optelling([]) == Bedragen(0, 0, 0)
