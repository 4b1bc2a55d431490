"""The only code that changes regio's and wijken: they are data, loaded from a file, so another SWV can bring its own."""

import csv
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, select

from wijkportaal.core import clock
from wijkportaal.core.web import aantal
from wijkportaal.wijken.models import Regio, Wijk, Wijkgrens

KOLOMMEN = ("regio", "code", "naam")
_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MAX_CODE = 40
_MAX_NAAM = 120


class ImportFout(ValueError):
    """A file that cannot be imported; the message is Dutch, names the lines, and nothing was changed."""


@dataclass(frozen=True)
class WijkenImport:
    regios_toegevoegd: int = 0
    toegevoegd: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0

    @property
    def samenvatting(self) -> str:
        return (
            f"Wijken: {self.toegevoegd} toegevoegd, {self.gewijzigd} gewijzigd, {self.ongewijzigd} ongewijzigd; "
            f"{self.regios_toegevoegd} regio's toegevoegd."
        )


def slug(text: str) -> str:
    """A lowercase code from a name: 'West binnen de Ring' -> 'west-binnen-de-ring'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:_MAX_CODE].strip("-")


def load_wijken(
    session: Session, path_or_rows: str | os.PathLike | Iterable[Mapping[str, str]]
) -> WijkenImport:
    """Add or update regio's and wijken by code from a `regio;code;naam` CSV file (UTF-8) or rows.

    Existing wijken with the same name and regio are left alone; wijken missing from the file are kept.
    The whole file is checked first: on any error nothing is changed."""
    rows = _read(path_or_rows)
    regios = {r.code: r for r in session.exec(select(Regio))}
    wijken = {w.code: w for w in session.exec(select(Wijk))}

    regios_toegevoegd = 0
    for regio_naam in dict.fromkeys(row["regio"] for row in rows):
        code = slug(regio_naam)
        regio = regios.get(code)
        if regio is None:
            regio = regios[code] = Regio(code=code, naam=regio_naam)
            session.add(regio)
            regios_toegevoegd += 1
        elif regio.naam != regio_naam:
            regio.naam = regio_naam
    session.flush()

    toegevoegd = gewijzigd = ongewijzigd = 0
    for row in rows:
        regio_id = regios[slug(row["regio"])].id
        wijk = wijken.get(row["code"])
        if wijk is None:
            session.add(Wijk(code=row["code"], naam=row["naam"], regio_id=regio_id))
            toegevoegd += 1
        elif (wijk.naam, wijk.regio_id) != (row["naam"], regio_id):
            wijk.naam, wijk.regio_id = row["naam"], regio_id
            gewijzigd += 1
        else:
            ongewijzigd += 1
    session.flush()
    return WijkenImport(regios_toegevoegd, toegevoegd, gewijzigd, ongewijzigd)


def _read(path_or_rows) -> list[dict[str, str]]:
    if isinstance(path_or_rows, str | os.PathLike):
        path = Path(path_or_rows)
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:
                reader = csv.DictReader(f, delimiter=";")
                ontbrekend = [k for k in KOLOMMEN if k not in (reader.fieldnames or [])]
                if ontbrekend:
                    raise ImportFout(
                        f"{path.name}: {aantal(len(ontbrekend), 'kolom', 'kolommen', toon_getal=False)} {', '.join(ontbrekend)} "
                        f"{aantal(len(ontbrekend), 'ontbreekt', 'ontbreken', toon_getal=False)}; "
                        f"verwacht een kopregel '{';'.join(KOLOMMEN)}'."
                    )
                raw = list(reader)
        except UnicodeDecodeError as fout:
            raise ImportFout(f"{path.name} is geen UTF-8-tekstbestand.") from fout
        first_line = 2  # after the header
    else:
        raw = [dict(row) for row in path_or_rows]
        first_line = 1
    return _check(raw, first_line)


def _check(raw: list[dict], first_line: int) -> list[dict[str, str]]:
    rows, fouten, gezien = [], [], {}
    for regel, row in enumerate(raw, start=first_line):
        values = {k: (row.get(k) or "").strip() for k in KOLOMMEN}
        if not any(values.values()):
            continue
        leeg = [k for k in KOLOMMEN if not values[k]]
        if leeg:
            fouten.append(f"regel {regel}: {', '.join(leeg)} is leeg")
            continue
        code = values["code"]
        if len(code) > _MAX_CODE or not _CODE.match(code):
            fouten.append(
                f"regel {regel}: code '{code[:50]}' moet bestaan uit kleine letters, cijfers en streepjes "
                f"(hoogstens {_MAX_CODE} tekens)"
            )
        if code in gezien:
            fouten.append(f"regel {regel}: code '{code}' staat ook al op regel {gezien[code]}")
        gezien.setdefault(code, regel)
        for key in ("regio", "naam"):
            if len(values[key]) > _MAX_NAAM:
                fouten.append(f"regel {regel}: {key} is langer dan {_MAX_NAAM} tekens")
        if not slug(values["regio"]):
            fouten.append(f"regel {regel}: regio '{values['regio'][:50]}' bevat geen letters of cijfers")
        rows.append(values)
    if fouten:
        meer = f" (en nog {aantal(len(fouten) - 20, 'fout', 'fouten')})" if len(fouten) > 20 else ""
        raise ImportFout("Het bestand is niet ingelezen: " + "; ".join(fouten[:20]) + meer + ".")
    if not rows:
        raise ImportFout("Het bestand bevat geen wijken.")
    return rows


_MAX_BRON = 200


def vervang_grenzen(
    session: Session, geometrieen: Mapping[int, str], *, bron: str, is_schematisch: bool
) -> int:
    """Replace every stored boundary by `geometrieen` (wijk id → GeoJSON geometry text in WGS84).

    Wijken not in `geometrieen` are left without a boundary, so a map never mixes two imports.
    The caller's transaction makes this all or nothing."""
    session.execute(sa.delete(Wijkgrens))
    nu = clock.now()
    session.add_all(
        Wijkgrens(
            wijk_id=wijk_id,
            geometrie=geometrie,
            is_schematisch=is_schematisch,
            bron=bron[:_MAX_BRON],
            bijgewerkt_op=nu,
        )
        for wijk_id, geometrie in geometrieen.items()
    )
    session.flush()
    return len(geometrieen)
