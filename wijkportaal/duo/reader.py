"""Read DUO's school-location files and 4-digit postcode centroid files.

Detects the format (the primary-school file `03 alle vestigingen bo` with BRIN NUMMER/VESTIGINGSNUMMER, or
the special-education file `09 alle vestigingen sbo, so en vso` with INSTELLINGSCODE/VESTIGINGSCODE and
SOORT PRIMAIR ONDERWIJS) and the encoding (UTF-8 or Windows-1252), and checks every row the import keeps.
Nothing here touches the database; every problem is a `DuoFout` with a Dutch message."""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wijkportaal.core.web import aantal
from wijkportaal.wijken.models import OrganisatieSoort

MAX_BYTES = 100 * 1024 * 1024  # the national BO file is under 2 MB
MAX_FOUTEN = 20

# DUO's SOORT PRIMAIR ONDERWIJS; None: not primary education (VSO is the secondary partnership's), skipped.
SOORTEN: dict[str, OrganisatieSoort | None] = {
    "BAO": OrganisatieSoort.BASISSCHOOL,
    "SBAO": OrganisatieSoort.SBO,
    "SBO": OrganisatieSoort.SBO,
    "SO": OrganisatieSoort.SO,
    "(V)SO": OrganisatieSoort.SO,
    "VSO": None,
}
SOORT_KOLOM = "SOORT PRIMAIR ONDERWIJS"
CODEKOLOMMEN = (("BRIN NUMMER", "VESTIGINGSNUMMER"), ("INSTELLINGSCODE", "VESTIGINGSCODE"))
VERPLICHT = (
    "BEVOEGD GEZAG NUMMER",
    "VESTIGINGSNAAM",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "POSTCODE",
    "PLAATSNAAM",
    "GEMEENTENAAM",
)
MAX_LENGTE = {"naam": 200, "adres": 200, "plaats": 80, "gemeente": 80, "postcode": 10, "bestuursnummer": 20}

_CODE = re.compile(r"^[0-9A-Z]{4,20}$")
_POSTCODE = re.compile(r"^(\d{4})\s*([A-Za-z]{2})?$")
_DATUM_IN_NAAM = re.compile(r"(?<!\d)(20\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_BINAIRE_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_STUURTEKENS = re.compile("[\x7f-\x9f]")
# UTF-8 read as Windows-1252 and saved again ("ZeeÃ«n"), or characters already lost ("Zee\ufffdn").
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3][\u00a0-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]|\ufffd"
)


class DuoFout(ValueError):
    """A file that cannot be imported; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class Vestiging:
    """One school location from a DUO file, checked and normalised."""

    regel: int
    code: str  # BRIN + vestigingsnummer, e.g. "04IU00"
    soort: OrganisatieSoort
    soort_duo: str  # BAO, SBAO, SO, (V)SO
    naam: str
    bestuursnummer: str | None
    adres: str | None
    postcode: str | None
    plaats: str | None
    gemeente: str
    cluster: str | None

    @property
    def pc4(self) -> str | None:
        match = _POSTCODE.match(self.postcode or "")
        return match.group(1) if match else None


@dataclass(frozen=True)
class DuoBestand:
    naam: str
    formaat: str  # Dutch label of the detected format
    codering: str  # "UTF-8" or "Windows-1252"
    peildatum: date | None  # from the file name, e.g. ...-2021-10-01-...
    gelezen: int  # data rows in the file
    gemeenten: tuple[str, ...]  # the SWV's municipalities the rows were filtered on
    vestigingen: tuple[Vestiging, ...]  # rows in those municipalities that the import keeps
    overgeslagen: tuple[
        str, ...
    ]  # codes of VSO-only locations in those municipalities (not primary education)
    soorten: frozenset[OrganisatieSoort]  # what the file covers: which stored schools can have disappeared

    @property
    def in_gemeenten(self) -> int:
        return len(self.vestigingen) + len(self.overgeslagen)


def lees_tekst(path: Path) -> tuple[str, str]:
    """The text of a file and the encoding it was found in: UTF-8 (with or without BOM) or Windows-1252."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise DuoFout(
                f"{path.name} is groter dan {MAX_BYTES // (1024 * 1024)} MB; dat is geen DUO-lijst."
            )
        data = path.read_bytes()
    except FileNotFoundError as fout:
        raise DuoFout(f"Bestand {path} bestaat niet.") from fout
    except IsADirectoryError as fout:
        raise DuoFout(f"{path} is een map, geen bestand.") from fout
    except OSError as fout:
        raise DuoFout(f"{path.name} kan niet worden gelezen ({fout.strerror}).") from fout
    return decodeer(data, path.name)


def decodeer(data: bytes, naam: str) -> tuple[str, str]:
    if not data.strip():
        raise DuoFout(f"{naam} is leeg.")
    if data.startswith(b"PK\x03\x04"):
        raise DuoFout(
            f"{naam} is een Excel- of ZIP-bestand, geen CSV. Open het in een spreadsheet en sla het op als "
            "'CSV (gescheiden door puntkomma's)'."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DuoFout(f"{naam} is in UTF-16 opgeslagen; sla het op als UTF-8 of Windows-1252 (ANSI).")
    if _BINAIRE_BYTES.search(data):
        raise DuoFout(f"{naam} is geen tekstbestand: het bevat binaire gegevens.")
    try:
        tekst, codering = data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        try:
            tekst, codering = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError as fout:
            regel = data.count(b"\n", 0, fout.start) + 1
            raise DuoFout(
                f"{naam} heeft een onbekende tekencodering: regel {regel} bevat tekens die geen UTF-8 en geen "
                "Windows-1252 zijn. Sla het bestand op als UTF-8 of Windows-1252."
            ) from fout
    if _STUURTEKENS.search(tekst):
        raise DuoFout(f"{naam} is geen tekstbestand: het bevat stuurtekens.")
    return tekst, codering


def peildatum_uit_naam(naam: str) -> date | None:
    """The reference date in a file name such as `duo-alle-vestigingen-bo-2021-10-01-nl.csv`."""
    match = _DATUM_IN_NAAM.search(naam)
    if match is None:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def lees_duo(path: Path, gemeenten: Iterable[str]) -> DuoBestand:
    """Read a DUO school-location file and keep the rows of the given municipalities (GEMEENTENAAM)."""
    tekst, codering = lees_tekst(path)
    return parse_duo(tekst, path.name, codering, gemeenten)


def parse_duo(tekst: str, naam: str, codering: str, gemeenten: Iterable[str]) -> DuoBestand:
    gemeenten = tuple(dict.fromkeys(g.strip().upper() for g in gemeenten if g.strip()))
    if not gemeenten:
        raise DuoFout("Er zijn geen gemeenten van het samenwerkingsverband ingesteld (SWV_GEMEENTEN).")
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=_scheidingsteken(tekst))
    try:
        kopregel = next(reader)
    except (StopIteration, csv.Error) as fout:
        raise DuoFout(f"{naam} heeft geen leesbare kopregel.") from fout
    kolommen = [_kolomnaam(k) for k in kopregel]
    index = {k: i for i, k in reversed(list(enumerate(kolommen)))}
    codekolommen = next((p for p in CODEKOLOMMEN if p[0] in index and p[1] in index), None)
    ontbrekend = [k for k in VERPLICHT if k not in index]
    if codekolommen is None:
        ontbrekend[:0] = ["BRIN NUMMER of INSTELLINGSCODE", "VESTIGINGSNUMMER of VESTIGINGSCODE"]
    if ontbrekend:
        raise DuoFout(
            f"{naam} is geen bekend DUO-vestigingenbestand: de {aantal(len(ontbrekend), 'kolom', 'kolommen', toon_getal=False)} "
            f"{', '.join(ontbrekend[:8])}{', …' if len(ontbrekend) > 8 else ''} "
            f"{aantal(len(ontbrekend), 'ontbreekt', 'ontbreken', toon_getal=False)}. Verwacht wordt '03 alle vestigingen bo' (kolommen BRIN NUMMER, VESTIGINGSNUMMER, …) "
            f"of '09 alle vestigingen sbo, so en vso' (kolommen SOORT PRIMAIR ONDERWIJS, INSTELLINGSCODE, "
            f"VESTIGINGSCODE, …), gescheiden door puntkomma's."
        )
    heeft_soort = SOORT_KOLOM in index
    heeft_cluster = "CLUSTER" in index
    brin_kolom, vestiging_kolom = codekolommen

    gelezen = 0
    fouten: list[str] = []
    vestigingen: list[Vestiging] = []
    overgeslagen: list[str] = []
    soorten: set[OrganisatieSoort] = set()
    gezien: dict[str, int] = {}
    try:
        for rij in reader:
            regel = reader.line_num
            if not any(v.strip() for v in rij):
                continue
            gelezen += 1
            if len(rij) != len(kolommen):
                fouten.append(f"regel {regel}: {len(rij)} velden in plaats van {len(kolommen)}")
                continue

            def veld(kolom: str, rij=rij) -> str:
                return " ".join(rij[index[kolom]].split())

            soort_duo = veld(SOORT_KOLOM).upper() if heeft_soort else "BAO"
            if SOORTEN.get(soort_duo):
                soorten.add(SOORTEN[soort_duo])
            gemeente = veld("GEMEENTENAAM")
            if gemeente.upper() not in gemeenten:
                continue
            if soort_duo not in SOORTEN:
                fouten.append(
                    f"regel {regel}: onbekende {SOORT_KOLOM} '{soort_duo[:20]}' (verwacht {', '.join(SOORTEN)})"
                )
                continue
            code = _code(veld(brin_kolom), veld(vestiging_kolom))
            if not _CODE.match(code):
                fouten.append(f"regel {regel}: vestigingscode '{code[:30]}' is ongeldig")
                continue
            if code in gezien:
                fouten.append(f"regel {regel}: vestiging {code} staat ook al op regel {gezien[code]}")
                continue
            gezien[code] = regel
            soort = SOORTEN[soort_duo]
            if soort is None:
                overgeslagen.append(code)
                continue
            vestiging = Vestiging(
                regel=regel,
                code=code,
                soort=soort,
                soort_duo=soort_duo,
                naam=veld("VESTIGINGSNAAM"),
                bestuursnummer=veld("BEVOEGD GEZAG NUMMER") or None,
                adres=f"{veld('STRAATNAAM')} {veld('HUISNUMMER-TOEVOEGING')}".strip() or None,
                postcode=_postcode(veld("POSTCODE")),
                plaats=_hoofdletters(veld("PLAATSNAAM")) or None,
                gemeente=_hoofdletters(gemeente),
                cluster=(veld("CLUSTER") or None) if heeft_cluster and soort is OrganisatieSoort.SO else None,
            )
            fout = _controleer(vestiging)
            if fout:
                fouten.append(f"regel {regel}: {fout}")
                continue
            vestigingen.append(vestiging)
    except csv.Error as fout:
        fouten.append(f"regel {reader.line_num}: {fout}")

    if fouten:
        meer = (
            f" (en nog {aantal(len(fouten) - MAX_FOUTEN, 'fout', 'fouten')})"
            if len(fouten) > MAX_FOUTEN
            else ""
        )
        raise DuoFout(f"{naam} is niet ingelezen: " + "; ".join(fouten[:MAX_FOUTEN]) + meer + ".")
    if gelezen == 0:
        raise DuoFout(f"{naam} bevat geen vestigingen, alleen een kopregel.")
    if not vestigingen:
        raise DuoFout(
            f"{naam} bevat geen scholen voor het primair onderwijs in de gemeenten van het samenwerkingsverband "
            f"({', '.join(gemeenten)}): er is niets om in te lezen."
        )
    return DuoBestand(
        naam=naam,
        formaat="speciaal onderwijs (sbo, so en vso)" if heeft_soort else "basisonderwijs",
        codering=codering,
        peildatum=peildatum_uit_naam(naam),
        gelezen=gelezen,
        gemeenten=gemeenten,
        vestigingen=tuple(vestigingen),
        overgeslagen=tuple(overgeslagen),
        soorten=frozenset(soorten),
    )


def lees_postcodes(path: Path) -> dict[str, tuple[float, float]]:
    """4-digit postcode -> (lat, lon) in WGS84, from a CSV with the columns postcode, latitude and longitude."""
    tekst, _ = lees_tekst(path)
    return parse_postcodes(tekst, path.name)


def parse_postcodes(tekst: str, naam: str) -> dict[str, tuple[float, float]]:
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=_scheidingsteken(tekst))
    try:
        kolommen = [_kolomnaam(k) for k in next(reader)]
    except (StopIteration, csv.Error) as fout:
        raise DuoFout(f"{naam} heeft geen leesbare kopregel.") from fout
    pc_i, lat_i, lon_i = (
        next((kolommen.index(k) for k in namen if k in kolommen), None)
        for namen in (
            ("POSTCODE", "PC4", "PC"),
            ("LATITUDE", "LAT", "BREEDTEGRAAD"),
            ("LONGITUDE", "LON", "LNG"),
        )
    )
    if None in (pc_i, lat_i, lon_i):
        raise DuoFout(
            f"{naam} is geen postcodebestand: verwacht de kolommen postcode, latitude en longitude "
            "(het middelpunt van elke 4-cijferige postcode in WGS84)."
        )
    postcodes: dict[str, tuple[float, float]] = {}
    fouten: list[str] = []
    try:
        for rij in reader:
            regel = reader.line_num
            if not any(v.strip() for v in rij):
                continue
            if len(rij) <= max(pc_i, lat_i, lon_i):
                fouten.append(f"regel {regel}: te weinig velden")
                continue
            match = re.match(r"^\s*(\d{4})", rij[pc_i])
            if match is None:
                fouten.append(f"regel {regel}: '{rij[pc_i][:20]}' is geen postcode")
                continue
            try:
                lat = float(rij[lat_i].strip().replace(",", "."))
                lon = float(rij[lon_i].strip().replace(",", "."))
            except ValueError:
                fouten.append(f"regel {regel}: latitude/longitude is geen getal")
                continue
            if not (50.5 <= lat <= 53.8 and 3.0 <= lon <= 7.4):
                fouten.append(
                    f"regel {regel}: ({rij[lat_i].strip()}, {rij[lon_i].strip()}) ligt niet in Nederland "
                    "(verwacht latitude 50,5-53,8 en longitude 3,0-7,4 in WGS84)"
                )
                continue
            postcodes.setdefault(match.group(1), (lat, lon))
    except csv.Error as fout:
        fouten.append(f"regel {reader.line_num}: {fout}")
    if fouten:
        meer = (
            f" (en nog {aantal(len(fouten) - MAX_FOUTEN, 'fout', 'fouten')})"
            if len(fouten) > MAX_FOUTEN
            else ""
        )
        raise DuoFout(f"{naam} is niet ingelezen: " + "; ".join(fouten[:MAX_FOUTEN]) + meer + ".")
    if not postcodes:
        raise DuoFout(f"{naam} bevat geen postcodes.")
    return postcodes


def _scheidingsteken(tekst: str) -> str:
    kop = tekst.lstrip("\ufeff").split("\n", 1)[0]
    return max(";,\t", key=kop.count)


def _kolomnaam(kolom: str) -> str:
    return " ".join(kolom.replace("\ufeff", "").strip().strip('"').upper().split())


def _code(brin: str, vestiging: str) -> str:
    brin, vestiging = brin.replace(" ", "").upper(), vestiging.replace(" ", "").upper()
    if vestiging.isdigit() and len(vestiging) <= 2:  # only the number of the location: prefix the BRIN
        return brin + vestiging.zfill(2)
    return vestiging


def _postcode(text: str) -> str | None:
    match = _POSTCODE.match(text)
    if match is None:
        return text or None
    cijfers, letters = match.groups()
    return f"{cijfers} {letters.upper()}" if letters else cijfers


def _hoofdletters(text: str) -> str:
    """DUO writes places in capitals: 'AMSTERDAM' -> 'Amsterdam'; mixed case is left alone."""
    if not text.isupper():
        return text
    return text.title().replace("'S-", "'s-").replace("'T ", "'t ")


def _controleer(v: Vestiging) -> str | None:
    if not v.naam:
        return f"vestiging {v.code} heeft geen VESTIGINGSNAAM"
    for veld, maximum in MAX_LENGTE.items():
        waarde = getattr(v, veld)
        if waarde and len(waarde) > maximum:
            return f"{veld} van vestiging {v.code} is langer dan {maximum} tekens"
    if v.cluster and len(v.cluster) > 40:
        return f"cluster van vestiging {v.code} is langer dan 40 tekens"
    for veld in ("naam", "adres", "plaats"):
        waarde = getattr(v, veld) or ""
        if _MOJIBAKE.search(waarde):
            return (
                f"{veld} '{waarde[:60]}' is verminkt door een verkeerde tekencodering (zoals 'Ã«' in plaats van "
                "'ë'); gebruik het oorspronkelijke bestand van DUO"
            )
    return None
