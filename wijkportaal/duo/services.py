"""Write a read DUO file: upsert schools by code and boards by bestuursnummer, and place each school in a wijk.

Schools that are no longer in the file are reported, never deleted (and set inactive only on request).
The caller owns the transaction: on any error nothing of the import is kept."""

import json
from dataclasses import dataclass, field
from datetime import date

from shapely import STRtree, make_valid
from shapely.errors import GEOSException
from shapely.geometry import Point, shape
from sqlmodel import Session, func, select

from wijkportaal.core.web import aantal
from wijkportaal.duo.reader import DuoBestand, DuoFout, Vestiging
from wijkportaal.wijken.models import Bestuur, Organisatie, Wijk, Wijkgrens

BRON = "duo"
VELDLABELS = {
    "naam": "naam",
    "soort": "soort",
    "bestuur_id": "bestuur",
    "adres": "adres",
    "postcode": "postcode",
    "plaats": "plaats",
    "gemeente": "gemeente",
    "cluster": "cluster",
    "bron": "bron",
    "lat": "positie",
    "lon": "positie",
    "wijk_id": "wijk",
    "is_actief": "weer actief",
}
MAX_GETOOND = 25


@dataclass
class DuoImport:
    bestand: DuoBestand
    peildatum: date
    nieuw: list[str] = field(default_factory=list)  # "CODE naam"
    gewijzigd: list[str] = field(default_factory=list)  # "CODE naam (fields)"
    ongewijzigd: int = 0
    verdwenen: list[str] = field(default_factory=list)
    gedeactiveerd: bool = False
    besturen_nieuw: int = 0
    geplaatst: int = 0
    zonder_grenzen: bool = False  # no wijk boundaries stored: nothing could be placed in a wijk
    niet_geplaatst: list[str] = field(default_factory=list)  # "CODE naam: reason"
    opmerkingen: list[str] = field(default_factory=list)

    def samenvatting(self) -> str:
        b = self.bestand
        regels = [
            f"DUO-bestand {b.naam}: {b.formaat}, {b.codering}, peildatum {self.peildatum.isoformat()}.",
            f"Gelezen: {aantal(b.gelezen, 'vestiging', 'vestigingen')}; in de gemeenten van het samenwerkingsverband "
            f"({', '.join(b.gemeenten)}): {b.in_gemeenten}.",
        ]
        if b.overgeslagen:
            regels.append(
                f"Overgeslagen: {aantal(len(b.overgeslagen), 'vestiging', 'vestigingen')} met alleen voortgezet speciaal onderwijs (VSO): "
                f"{', '.join(b.overgeslagen)}."
            )
        regels.append(
            f"Scholen: {len(self.nieuw)} nieuw, {len(self.gewijzigd)} gewijzigd, {self.ongewijzigd} ongewijzigd, "
            f"{len(self.verdwenen)} verdwenen."
        )
        regels.append(f"Besturen: {self.besturen_nieuw} nieuw.")
        if self.zonder_grenzen:
            regels.append("In een wijk geplaatst: 0 (er zijn geen wijkgrenzen opgeslagen).")
        else:
            regels.append(
                f"In een wijk geplaatst: {self.geplaatst}; niet geplaatst: {len(self.niet_geplaatst)}."
            )
        regels += _lijst("Nieuw", self.nieuw, MAX_GETOOND)
        regels += _lijst("Gewijzigd", self.gewijzigd, 4 * MAX_GETOOND)
        if self.verdwenen:
            kop = (
                "Verdwenen uit het bestand, op inactief gezet (niet verwijderd)"
                if self.gedeactiveerd
                else "Verdwenen uit het bestand (niet verwijderd; --deactiveer-verdwenen zet ze op inactief)"
            )
            regels += _lijst(kop, self.verdwenen, None)
        regels += _lijst("Niet geplaatst", self.niet_geplaatst, None)
        regels += [f"Let op: {o}" for o in self.opmerkingen]
        return "\n".join(regels)


def _lijst(kop: str, items: list[str], maximum: int | None) -> list[str]:
    if not items:
        return []
    getoond = items if maximum is None else items[:maximum]
    regels = [f"{kop}:"] + [f"  {item}" for item in getoond]
    if len(items) > len(getoond):
        regels.append(f"  … en nog {len(items) - len(getoond)}")
    return regels


class Wijkgrenzen:
    """The stored wijk boundaries, for point-in-polygon lookups (an STRtree over shapely geometries)."""

    def __init__(self, session: Session):
        rows = session.exec(select(Wijkgrens).order_by(Wijkgrens.wijk_id)).all()
        self.schematisch = any(r.is_schematisch for r in rows)
        self._wijk_ids: list[int] = []
        geometrieen = []
        for row in rows:
            try:
                geometrie = shape(json.loads(row.geometrie))
            except (ValueError, TypeError, KeyError, AttributeError, IndexError, GEOSException) as fout:
                raise DuoFout(
                    f"De opgeslagen grens van wijk {row.wijk_id} is geen geldige GeoJSON-geometrie; "
                    "importeer de wijkgrenzen opnieuw."
                ) from fout
            if not geometrie.is_valid:
                geometrie = make_valid(geometrie)
            geometrieen.append(geometrie)
            self._wijk_ids.append(row.wijk_id)
        self._boom = STRtree(geometrieen) if geometrieen else None

    def __bool__(self) -> bool:
        return self._boom is not None

    def wijk_bij(self, lat: float, lon: float) -> int | None:
        """The wijk whose boundary holds the point (on a shared edge: the lowest wijk id), or None."""
        if self._boom is None:
            return None
        treffers = self._boom.query(Point(lon, lat), predicate="intersects")
        return min((self._wijk_ids[i] for i in treffers), default=None)


def importeer(
    session: Session,
    bestand: DuoBestand,
    *,
    postcodes: dict[str, tuple[float, float]] | None = None,
    peildatum: date,
    deactiveer_verdwenen: bool = False,
) -> DuoImport:
    """Upsert the file's schools and boards; with `postcodes`, position each school and place it in a wijk."""
    result = DuoImport(bestand=bestand, peildatum=peildatum)
    grenzen = Wijkgrenzen(session)
    wijknamen = dict(session.exec(select(Wijk.id, Wijk.naam)).all())
    codes = [v.code for v in bestand.vestigingen]
    bestaand = {o.code: o for o in session.exec(select(Organisatie).where(Organisatie.code.in_(codes)))}

    laatste = session.exec(
        select(func.max(Organisatie.laatst_in_bron)).where(
            Organisatie.bron == BRON, Organisatie.soort.in_(sorted(bestand.soorten))
        )
    ).one()
    if laatste is not None and peildatum < laatste:
        result.opmerkingen.append(
            f"dit bestand (peildatum {peildatum.isoformat()}) is ouder dan de vorige import "
            f"(peildatum {laatste.isoformat()}): de namen en adressen komen nu uit dit oudere bestand."
        )
    if not grenzen:
        result.zonder_grenzen = True
        result.opmerkingen.append(
            "er zijn nog geen wijkgrenzen opgeslagen, dus geen school is aan een wijk toegewezen; "
            "importeer eerst de wijkgrenzen (flask import grenzen) en daarna dit bestand opnieuw."
        )
    elif grenzen.schematisch:
        result.opmerkingen.append(
            "de opgeslagen wijkgrenzen zijn (deels) schematisch; de wijk van een school is daardoor bij benadering."
        )
    if postcodes is None:
        result.opmerkingen.append(
            "zonder --postcodes zijn alleen scholen met een bekende positie (en dezelfde postcode) in een wijk geplaatst."
        )

    besturen = _besturen(session, bestand, result)
    for vestiging in bestand.vestigingen:
        org = bestaand.get(vestiging.code)
        gewenst = {
            "naam": vestiging.naam,
            "soort": vestiging.soort,
            "bestuur_id": besturen[vestiging.bestuursnummer].id if vestiging.bestuursnummer else None,
            "adres": vestiging.adres,
            "postcode": vestiging.postcode,
            "plaats": vestiging.plaats,
            "gemeente": vestiging.gemeente,
            "cluster": vestiging.cluster,
            "bron": BRON,
        }
        gewenst.update(_plaats(vestiging, org, postcodes, grenzen, wijknamen, result))
        label = f"{vestiging.code} {vestiging.naam}"
        if org is None:
            session.add(Organisatie(code=vestiging.code, laatst_in_bron=peildatum, is_actief=True, **gewenst))
            result.nieuw.append(label)
            continue
        if not org.is_actief:
            gewenst["is_actief"] = True
        anders = [k for k, waarde in gewenst.items() if getattr(org, k) != waarde]
        for k in anders:
            setattr(org, k, gewenst[k])
        if org.laatst_in_bron is None or org.laatst_in_bron < peildatum:
            org.laatst_in_bron = peildatum  # bookkeeping, not a change of the school
        if anders:
            velden = ", ".join(dict.fromkeys(VELDLABELS[k] for k in anders))
            result.gewijzigd.append(f"{label} ({velden})")
        else:
            result.ongewijzigd += 1
    session.flush()

    verdwenen = session.exec(
        select(Organisatie)
        .where(
            Organisatie.bron == BRON,
            Organisatie.soort.in_(sorted(bestand.soorten)),
            Organisatie.is_actief,
            Organisatie.code.not_in(codes),
        )
        .order_by(Organisatie.code)
    ).all()
    for org in verdwenen:
        gezien = f", laatst gezien {org.laatst_in_bron.isoformat()}" if org.laatst_in_bron else ""
        result.verdwenen.append(f"{org.code} {org.naam}{gezien}")
        if deactiveer_verdwenen:
            org.is_actief = False
    result.gedeactiveerd = deactiveer_verdwenen and bool(verdwenen)
    session.flush()
    return result


def _besturen(session: Session, bestand: DuoBestand, result: DuoImport) -> dict[str, Bestuur]:
    """The boards of the file by bestuursnummer; new ones get a provisional name (DUO's list has none)."""
    nummers = sorted({v.bestuursnummer for v in bestand.vestigingen if v.bestuursnummer})
    besturen = {
        b.bestuursnummer: b for b in session.exec(select(Bestuur).where(Bestuur.bestuursnummer.in_(nummers)))
    }
    for nummer in nummers:
        if nummer not in besturen:
            besturen[nummer] = Bestuur(naam=f"Bevoegd gezag {nummer}", bestuursnummer=nummer)
            session.add(besturen[nummer])
            result.besturen_nieuw += 1
    session.flush()
    return besturen


def _plaats(
    vestiging: Vestiging,
    org: Organisatie | None,
    postcodes: dict[str, tuple[float, float]] | None,
    grenzen: Wijkgrenzen,
    wijknamen: dict[int, str],
    result: DuoImport,
) -> dict:
    """The position and wijk fields to set; a school that cannot be placed keeps its earlier wijk."""
    velden: dict = {}
    punt = None
    if postcodes is not None:
        punt = postcodes.get(vestiging.pc4) if vestiging.pc4 else None
        if punt is None:
            reden = f"postcode {vestiging.postcode or '(leeg)'} staat niet in het postcodebestand"
        else:
            velden["lat"], velden["lon"] = punt
    elif (
        org is not None and org.lat is not None and org.lon is not None and org.postcode == vestiging.postcode
    ):
        punt = (org.lat, org.lon)
    else:
        reden = "geen positie bekend (geef --postcodes op)"
        if org is not None and org.lat is not None and org.postcode != vestiging.postcode:
            velden["lat"] = velden["lon"] = None  # the school moved: its old position no longer holds
    if not grenzen:
        return velden  # no boundaries stored: reported once, in the remarks
    if punt is not None:
        wijk_id = grenzen.wijk_bij(*punt)
        if wijk_id is not None:
            velden["wijk_id"] = wijk_id
            result.geplaatst += 1
            return velden
        reden = f"ligt buiten elke wijk (postcode {vestiging.pc4}: {punt[0]:.5f}, {punt[1]:.5f})"
    if org is not None and org.wijk_id is not None:
        reden += f"; blijft in wijk {wijknamen.get(org.wijk_id, org.wijk_id)}"
    result.niet_geplaatst.append(f"{vestiging.code} {vestiging.naam}: {reden}")
    return velden
