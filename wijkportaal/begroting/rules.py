"""Pure rules of the begroting: reading an import file, adding up lines, groups and the total.

The import file has the header `groep;regel;2025;2026;…` (one column per year) and one row per budget
line; a line that stands alone repeats its name as its group. Amounts are written as the plan writes
them (`266.000`, `1.234,56`) or `-` for nothing. A file with any error is refused as a whole."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ledger import AmountError, parse_amount, to_decimal
from wijkportaal.core.exports import Kolom

MAX_NAAM = 200
EERSTE_JAAR, LAATSTE_JAAR = 2000, 2100
NIETS = ("", "-", "–", "—")  # an empty cell or a dash: nothing budgeted


@dataclass(frozen=True)
class Bedragen:
    """What one line, group or the whole begroting holds in a year, in cents."""

    begroot: int = 0
    toegezegd: int = 0  # committed in total, paid or not
    betaald: int = 0

    @property
    def resterend(self) -> int:
        return self.begroot - self.toegezegd

    def __add__(self, other: "Bedragen") -> "Bedragen":
        return Bedragen(
            self.begroot + other.begroot, self.toegezegd + other.toegezegd, self.betaald + other.betaald
        )

    def als_dict(self) -> dict[str, int]:
        return {
            "begroot": self.begroot,
            "toegezegd": self.toegezegd,
            "betaald": self.betaald,
            "resterend": self.resterend,
        }


def optelling(bedragen) -> Bedragen:
    """The sum of several lines' (or groups') amounts: a subtotal or the total, never typed in."""
    totaal = Bedragen()
    for b in bedragen:
        totaal = totaal + b
    return totaal


def uit_saldi(beschikbaar: int, toegezegd_open: int, betaald: int) -> Bedragen:
    """A line's amounts from its ledger balances: what is free, what is committed and not yet paid,
    and what is paid. Together they are the budget, since all of a line's money comes from it."""
    return Bedragen(
        begroot=beschikbaar + toegezegd_open + betaald, toegezegd=toegezegd_open + betaald, betaald=betaald
    )


@dataclass(frozen=True)
class BegrotingRij:
    groep: str
    regel: str
    bedragen: dict[int, int]  # jaar -> cents (0 for '-')
    rij: int  # the row number in the file, for messages


@dataclass
class Inlezing:
    """What a file holds: the years of its header, its rows, and every error with its row number."""

    jaren: list[int] = field(default_factory=list)
    rijen: list[BegrotingRij] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)


def lees_bestand(inhoud: bytes, bestandsnaam: str) -> Inlezing:
    """Read a CSV (`;`-separated) or XLSX file by its name's extension."""
    naam = bestandsnaam.lower()
    if naam.endswith(".xlsx"):
        try:
            cellen = _xlsx_cellen(inhoud)
        except Exception:  # openpyxl raises many kinds for a damaged or fake workbook
            return Inlezing(fouten=["Dit is geen leesbaar XLSX-bestand."])
    elif naam.endswith(".csv") or naam.endswith(".txt"):
        try:
            tekst = inhoud.decode("utf-8-sig")
        except UnicodeDecodeError:
            tekst = inhoud.decode("cp1252", errors="replace")
        cellen = list(csv.reader(io.StringIO(tekst, newline=""), delimiter=";"))
    else:
        return Inlezing(fouten=["Kies een CSV- of XLSX-bestand (.csv of .xlsx)."])
    return lees_cellen(cellen)


def _xlsx_cellen(inhoud: bytes) -> list[list]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    try:
        return [list(rij) for rij in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


def lees_cellen(cellen: list[list]) -> Inlezing:
    """The rows of a sheet (text, or numbers from a workbook) as budget rows, or the errors in them."""
    inlezing = Inlezing()
    if not cellen or not any(_tekst(c) for c in cellen[0]):
        inlezing.fouten.append("Het bestand is leeg: de eerste rij moet de kop groep;regel;2025;… zijn.")
        return inlezing
    kop = [_tekst(c) for c in cellen[0]]
    while kop and not kop[-1]:
        kop.pop()
    if len(kop) == 1 and "," in kop[0]:
        inlezing.fouten.append("Rij 1: gebruik de puntkomma (;) als scheidingsteken, niet de komma.")
        return inlezing
    if [k.lower() for k in kop[:2]] != ["groep", "regel"]:
        inlezing.fouten.append("Rij 1: de kop begint met de kolommen 'groep' en 'regel'.")
        return inlezing
    for kolom, titel in enumerate(kop[2:], start=3):
        jaar = _jaar(titel)
        if jaar is None:
            inlezing.fouten.append(
                f"Rij 1, kolom {kolom}: '{titel}' is geen jaar (schrijf het jaar, bijvoorbeeld 2026)."
            )
        elif jaar in inlezing.jaren:
            inlezing.fouten.append(f"Rij 1, kolom {kolom}: het jaar {jaar} staat twee keer in de kop.")
        else:
            inlezing.jaren.append(jaar)
    if not kop[2:]:
        inlezing.fouten.append("Rij 1: de kop noemt geen jaren (groep;regel;2025;2026;…).")
    if inlezing.fouten:
        return inlezing
    gezien: dict[tuple[str, str], int] = {}
    for nummer, rij in enumerate(cellen[1:], start=2):
        waarden = list(rij)
        while waarden and not _tekst(waarden[-1]):
            waarden.pop()
        if not waarden:
            continue
        inlezing.rijen.extend(_lees_rij(nummer, waarden, inlezing.jaren, gezien, inlezing.fouten))
    if not inlezing.rijen and not inlezing.fouten:
        inlezing.fouten.append("Het bestand bevat geen begrotingsregels onder de kop.")
    if inlezing.fouten:
        inlezing.rijen = []
    return inlezing


def _lees_rij(nummer, waarden, jaren, gezien, fouten) -> list[BegrotingRij]:
    if len(waarden) > len(jaren) + 2:
        fouten.append(
            f"Rij {nummer}: meer kolommen dan de kop ({len(waarden)} in plaats van {len(jaren) + 2})."
        )
        return []
    groep, regel = (_tekst(waarden[i]) if i < len(waarden) else "" for i in (0, 1))
    goed = True
    for kolomnaam, naam in (("groep", groep), ("regel", regel)):
        if not naam:
            fouten.append(f"Rij {nummer}: vul de {kolomnaam} in.")
            goed = False
        elif len(naam) > MAX_NAAM:
            fouten.append(f"Rij {nummer}: de {kolomnaam} is langer dan {MAX_NAAM} tekens.")
            goed = False
    if goed and (groep, regel) in gezien:
        fouten.append(
            f"Rij {nummer}: de regel '{regel}' in groep '{groep}' staat al op rij {gezien[(groep, regel)]}."
        )
        goed = False
    gezien.setdefault((groep, regel), nummer)
    bedragen = {}
    for i, jaar in enumerate(jaren):
        waarde = waarden[i + 2] if i + 2 < len(waarden) else None
        try:
            bedragen[jaar] = lees_bedrag(waarde)
        except AmountError as fout:
            fouten.append(f"Rij {nummer}, {jaar}: {fout}")
            goed = False
    return [BegrotingRij(groep, regel, bedragen, nummer)] if goed else []


def lees_bedrag(waarde) -> int:
    """An amount as the plan writes it (`266.000`, `1.234,56`, or `-` for nothing), in cents."""
    if isinstance(waarde, bool):
        raise AmountError("Dit is geen geldig bedrag.")
    if isinstance(waarde, float):
        waarde = _uit_kommagetal(waarde)
    if isinstance(waarde, int | Decimal):
        if waarde < 0:
            raise AmountError("Een bedrag op de begroting kan niet negatief zijn.")
        return parse_amount(waarde, allow_zero=True)
    tekst = _tekst(waarde)
    if tekst in NIETS:
        return 0
    if tekst.lstrip().startswith("-"):
        raise AmountError("Een bedrag op de begroting kan niet negatief zijn.")
    return parse_amount(tekst, allow_zero=True)


def _uit_kommagetal(waarde: float) -> Decimal:
    """A spreadsheet's number: exact when it has at most two decimals, tiny binary noise removed."""
    try:
        exact = Decimal(repr(waarde))
    except InvalidOperation as fout:
        raise AmountError("Dit is geen geldig bedrag.") from fout
    if not exact.is_finite():
        raise AmountError("Dit is geen geldig bedrag.")
    afgerond = exact.quantize(Decimal("0.01"))
    return afgerond if abs(exact - afgerond) < Decimal("1e-9") else exact


def gevraagd_jaar(tekst: str | None, standaard: int) -> int | None:
    """The year of `?jaar=2026`: `standaard` when none is given, None when it is not a year."""
    tekst = (tekst or "").strip()
    if not tekst:
        return standaard
    return _jaar(tekst) if not tekst.endswith(".0") else None


def _jaar(titel: str) -> int | None:
    titel = titel.removesuffix(".0")  # a year typed as a number in a workbook
    if len(titel) == 4 and titel.isdigit() and EERSTE_JAAR <= int(titel) <= LAATSTE_JAAR:
        return int(titel)
    return None


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    return " ".join(str(waarde).replace("\u00a0", " ").split())


# The export: one row per line, a subtotal per group and the total, as on the page.

KOLOMMEN = [
    Kolom("Jaar", "getal", 8),
    Kolom("Groep", breedte=40),
    Kolom("Regel", breedte=45),
    Kolom("Begroot", "geld", 16),
    Kolom("Toegezegd", "geld", 16),
    Kolom("Betaald", "geld", 16),
    Kolom("Resterend", "geld", 16),
]


def _euros(b: Bedragen) -> list[Decimal]:
    return [to_decimal(b.begroot), to_decimal(b.toegezegd), to_decimal(b.betaald), to_decimal(b.resterend)]


def export_rijen(overzicht):
    """The overview of a year (`queries.Overzicht`) as rows, money as Decimal euros."""
    for groep in overzicht.groepen:
        for regel in groep.regels:
            yield [overzicht.jaar, groep.naam, regel.naam, *_euros(regel.bedragen)]
        yield [overzicht.jaar, groep.naam, "Subtotaal", *_euros(groep.bedragen)]
    yield [overzicht.jaar, "Totaal", "", *_euros(overzicht.totaal)]
