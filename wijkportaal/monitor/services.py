"""The only code that changes the monitor: counts, targets, average costs, vrijval proposals and decisions.

Services flush; the request (or the CLI's session scope) commits once. Approved vrijval goes into the
pot through the pot's own service, so the ledger rules apply unchanged."""

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.besluiten import services as besluiten
from wijkportaal.besluiten.models import BesluitKeuze, Voorstel, VoorstelStatus
from wijkportaal.core import audit, clock, invoer
from wijkportaal.core.errors import Weigering
from wijkportaal.core.web import aantal as tel
from wijkportaal.monitor import queries
from wijkportaal.monitor.models import (
    Kostennorm,
    Reductiedoel,
    VerwijzingSoort,
    Verwijzingstelling,
    VrijvalVoorstel,
)
from wijkportaal.monitor.rules import BASISJAAR, overzicht
from wijkportaal.pot.models import BronSoort, Pot, PotWijk
from wijkportaal.pot.services import ingelegd_per_bestuur, pot_besturen, voeg_bijdrage_toe
from wijkportaal.wijken.models import Wijk

AANTAL_MAX = 9999
TE_GROOT = f"Dit aantal is te groot voor één wijk (hoogstens {AANTAL_MAX})."
LAATSTE_DOELJAAR = BASISJAAR + 10
KOLOMMEN = ("wijk", "schooljaar", "sbo", "so")
_SCHOOLJAAR = re.compile(r"([0-9]{4})(?:\s*[-/]\s*([0-9]{4}))?")


class MonitorFout(Weigering):
    """A change the rules of this feature refuse."""


class ImportFout(ValueError):
    """A file that cannot be imported; the message is Dutch, names the lines, and nothing was changed."""


def label(schooljaar: int) -> str:
    return clock.schooljaar_label(schooljaar)


# Reading input: counts and school years, the same rules for forms and files.


def lees_aantal(tekst: str | None) -> int:
    """A count of referrals: a whole number from 0 to AANTAL_MAX."""
    try:
        return invoer.lees_aantal(tekst, AANTAL_MAX, TE_GROOT)
    except ValueError as fout:
        raise MonitorFout(str(fout)) from fout


def lees_schooljaar(tekst: str | None) -> int:
    """'2024-2025' or '2024' as 2024."""
    match = _SCHOOLJAAR.fullmatch((tekst or "").strip())
    if not match:
        raise MonitorFout("Schrijf het schooljaar als 2024-2025 (of 2024).")
    start = int(match.group(1))
    if match.group(2) and int(match.group(2)) != start + 1:
        raise MonitorFout(f"{match.group(0)} is geen schooljaar: het tweede jaar volgt op het eerste.")
    return start


def is_afgelopen(schooljaar: int) -> bool:
    """Vrijval is proposed only for a finished school year: until then the counts can still rise."""
    return schooljaar < clock.schooljaar_van(clock.today())


def invoerjaren() -> range:
    """School years that can have counts: from the baseline up to the current school year."""
    return range(BASISJAAR, clock.schooljaar_van(clock.today()) + 1)


def _controleer_schooljaar(schooljaar: int) -> None:
    jaren = invoerjaren()
    if schooljaar not in jaren:
        raise MonitorFout(
            f"Kies een schooljaar van {label(jaren.start)} tot en met {label(jaren.stop - 1)}.", "schooljaar"
        )


def vastgelegde_jaren(session: Session, wijk_id: int) -> dict[int, int]:
    """Years whose counts are fixed, mapped to the year of the vrijval proposal that rests on them.

    A proposal for year j rests on the counts of j and j − 1 (avoided = last year − this year)."""
    vast: dict[int, int] = {}
    for jaar in sorted(queries.lopend_per_jaar(session, wijk_id)):
        vast.setdefault(jaar - 1, jaar)
        vast.setdefault(jaar, jaar)
    return vast


def _controleer_niet_vast(session: Session, wijk_id: int, schooljaar: int) -> None:
    voorstel_jaar = vastgelegde_jaren(session, wijk_id).get(schooljaar)
    if voorstel_jaar is not None:
        raise MonitorFout(
            f"De aantallen van {label(schooljaar)} liggen vast: de vrijval van {label(voorstel_jaar)} "
            "is daarop al voorgesteld of in de pot gestort.",
            "schooljaar",
        )


# Counts


def _zet_aantallen(session: Session, user, wijk: Wijk, schooljaar: int, sbo: int, so: int) -> str:
    telling = session.exec(
        select(Verwijzingstelling).where(
            Verwijzingstelling.wijk_id == wijk.id, Verwijzingstelling.schooljaar == schooljaar
        )
    ).first()
    if telling is None:
        telling = Verwijzingstelling(
            wijk_id=wijk.id,
            schooljaar=schooljaar,
            sbo=sbo,
            so=so,
            bijgewerkt_door_id=getattr(user, "id", None),
        )
        session.add(telling)
        session.flush()
        actie, wijzigingen = "toegevoegd", {"schooljaar": schooljaar, "sbo": sbo, "so": so}
    else:
        wijzigingen = audit.changes(telling, {"sbo": sbo, "so": so})
        if not wijzigingen:
            return "ongewijzigd"
        telling.bijgewerkt_door_id = getattr(user, "id", None)
        telling.bijgewerkt_op = clock.now()
        session.flush()
        actie = "gewijzigd"
        wijzigingen["schooljaar"] = schooljaar
    audit.record(session, user, telling, actie, wijzigingen, wijk_id=wijk.id)
    return actie


def leg_aantallen_vast(session: Session, user, wijk: Wijk, *, schooljaar: int, sbo: int, so: int) -> str:
    """Record (or correct) a wijk's referrals of one school year; returns toegevoegd/gewijzigd/ongewijzigd."""
    _controleer_schooljaar(schooljaar)
    if sbo < 0 or so < 0:
        raise MonitorFout("Een aantal kan niet negatief zijn.")
    _controleer_niet_vast(session, wijk.id, schooljaar)
    return _zet_aantallen(session, user, wijk, schooljaar, sbo, so)


# Targets and average costs


def stel_reductiedoel_in(session: Session, user, *, schooljaar: int, procent: int) -> None:
    if not BASISJAAR < schooljaar <= LAATSTE_DOELJAAR:
        raise MonitorFout(
            f"Kies een schooljaar van {label(BASISJAAR + 1)} tot en met {label(LAATSTE_DOELJAAR)}.",
            "schooljaar",
        )
    if not 0 <= procent <= 100:
        raise MonitorFout("Kies een percentage van 0 tot en met 100.", "procent")
    doel = session.get(Reductiedoel, schooljaar)
    oud = queries.reducties(session).get(schooljaar)
    if doel is None:
        doel = Reductiedoel(schooljaar=schooljaar, procent=procent)
        session.add(doel)
    doel.procent = procent
    doel.bijgewerkt_door_id = user.id
    doel.bijgewerkt_op = clock.now()
    session.flush()
    audit.record(
        session, user, "reductiedoelen", "ingesteld", {"schooljaar": schooljaar, "procent": [oud, procent]}
    )


def stel_kosten_in(session: Session, user, *, sbo_cents: int, so_cents: int) -> None:
    if sbo_cents <= 0 or so_cents <= 0:
        raise MonitorFout("De gemiddelde kosten moeten groter zijn dan nul.")
    oud = queries.kosten(session)
    for soort, cents in ((VerwijzingSoort.SBO, sbo_cents), (VerwijzingSoort.SO, so_cents)):
        norm = session.get(Kostennorm, soort)
        if norm is None:
            norm = Kostennorm(soort=soort, bedrag_cents=cents)
            session.add(norm)
        norm.bedrag_cents = cents
        norm.bijgewerkt_door_id = user.id
        norm.bijgewerkt_op = clock.now()
    session.flush()
    audit.record(
        session,
        user,
        "kostennormen",
        "ingesteld",
        {"sbo_cents": [oud.sbo_cents, sbo_cents], "so_cents": [oud.so_cents, so_cents]},
    )


# Import from a file


@dataclass(frozen=True)
class ImportResultaat:
    toegevoegd: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0

    @property
    def samenvatting(self) -> str:
        return (
            f"Verwijzingen: {self.toegevoegd} toegevoegd, {self.gewijzigd} gewijzigd, "
            f"{self.ongewijzigd} ongewijzigd."
        )


def importeer(session: Session, user, bron: str | os.PathLike) -> ImportResultaat:
    """Add or correct counts from a `wijk;schooljaar;sbo;so` CSV file (UTF-8; wijk by code or name).

    The whole file is checked first: on any error nothing is changed and every bad line is named.
    Importing the same file again changes nothing."""
    naam, tekst = _lees_bestand(bron)
    reader = csv.DictReader(io.StringIO(tekst), delimiter=";")
    kop = [k.strip().lower() for k in (reader.fieldnames or [])]
    ontbrekend = [k for k in KOLOMMEN if k not in kop]
    if ontbrekend:
        raise ImportFout(
            f"{naam}: {tel(len(ontbrekend), 'kolom', 'kolommen', toon_getal=False)} {', '.join(ontbrekend)} "
            f"{tel(len(ontbrekend), 'ontbreekt', 'ontbreken', toon_getal=False)}; verwacht een kopregel '{';'.join(KOLOMMEN)}'."
        )
    reader.fieldnames = kop
    wijken = list(session.exec(select(Wijk)))
    per_code = {w.code: w for w in wijken}
    per_naam = {w.naam.casefold(): w for w in wijken}
    vast = {w.id: vastgelegde_jaren(session, w.id) for w in wijken}

    try:
        gelezen = list(reader)
    except csv.Error as fout:
        raise ImportFout(f"{naam} is geen leesbaar CSV-bestand (regel {reader.line_num}): {fout}.") from fout
    rijen, fouten, gezien = [], [], {}
    for regel, row in enumerate(gelezen, start=2):
        waarden = {k: (row.get(k) or "").strip() for k in KOLOMMEN}
        if not any(waarden.values()):
            continue
        rij_fouten = []
        wijk = per_code.get(waarden["wijk"]) or per_naam.get(waarden["wijk"].casefold())
        if wijk is None:
            rij_fouten.append(f"onbekende wijk '{waarden['wijk'][:60]}'")
        try:
            jaar = lees_schooljaar(waarden["schooljaar"])
            _controleer_schooljaar(jaar)
        except MonitorFout as fout:
            rij_fouten.append(f"schooljaar: {fout}")
            jaar = None
        aantal = {}
        for soort in ("sbo", "so"):
            try:
                aantal[soort] = lees_aantal(waarden[soort])
            except MonitorFout as fout:
                rij_fouten.append(f"{soort}: {fout}")
        if wijk is not None and jaar is not None:
            if (wijk.id, jaar) in gezien:
                rij_fouten.append(f"{wijk.naam} {label(jaar)} staat ook al op regel {gezien[wijk.id, jaar]}")
            gezien.setdefault((wijk.id, jaar), regel)
            if jaar in vast[wijk.id]:
                rij_fouten.append(
                    f"de aantallen van {wijk.naam} {label(jaar)} liggen vast (vrijval al voorgesteld)"
                )
        if rij_fouten:
            fouten.append(f"regel {regel}: " + "; ".join(rij_fouten))
        else:
            rijen.append((wijk, jaar, aantal["sbo"], aantal["so"]))
    if fouten:
        meer = f" (en nog {tel(len(fouten) - 20, 'regel', 'regels')} met fouten)" if len(fouten) > 20 else ""
        raise ImportFout(f"{naam} is niet ingelezen: " + " | ".join(fouten[:20]) + meer + ".")
    if not rijen:
        raise ImportFout(f"{naam} bevat geen aantallen.")
    telling = {"toegevoegd": 0, "gewijzigd": 0, "ongewijzigd": 0}
    for wijk, jaar, sbo, so in rijen:
        telling[_zet_aantallen(session, user, wijk, jaar, sbo, so)] += 1
    return ImportResultaat(**telling)


def _lees_bestand(bron: str | os.PathLike) -> tuple[str, str]:
    path = Path(bron)
    try:
        return path.name, path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as fout:
        raise ImportFout(f"{path.name} is geen UTF-8-tekstbestand.") from fout


# Vrijval into the pot, through the pot's approval rule


def stel_vrijval_voor(
    session: Session, user, wijk: Wijk, *, schooljaar: int, pot: Pot, toelichting: str
) -> VrijvalVoorstel:
    """Propose to add a wijk's vrijval of one school year to one of its pots; the boards then decide."""
    if session.get(PotWijk, (pot.id, wijk.id)) is None:
        raise MonitorFout("Deze pot hoort niet bij deze wijk.", "pot_id")
    if not pot_besturen(session, pot):
        raise MonitorFout("In deze pot doen geen besturen mee die kunnen besluiten.", "pot_id")
    if not is_afgelopen(schooljaar):
        raise MonitorFout(
            f"{label(schooljaar)} is nog niet voorbij: de vrijval volgt pas uit de aantallen van een heel schooljaar.",
            "schooljaar",
        )
    if schooljaar in queries.lopend_per_jaar(session, wijk.id):
        raise MonitorFout(f"De vrijval van {label(schooljaar)} is al voorgesteld.", "schooljaar")
    kosten = queries.kosten(session)
    aantallen = queries.aantallen(session, [wijk.id])[wijk.id]
    regel = overzicht(aantallen, queries.reducties(session), kosten).jaar(schooljaar)
    if regel is None or regel.vermeden is None:
        raise MonitorFout(
            f"Voor de vrijval van {label(schooljaar)} zijn de aantallen van dat en het vorige schooljaar nodig.",
            "schooljaar",
        )
    if not regel.vrijval_cents:
        raise MonitorFout(
            f"In {label(schooljaar)} zijn geen verwijzingen vermeden: er is geen vrijval.", "schooljaar"
        )
    besluitvoorstel = besluiten.stel_voor(
        session,
        user,
        soort=queries.VRIJVAL,
        regel=pot.regel.besluitregel,
        besturen=pot_besturen(session, pot),
        wijk_id=wijk.id,
    )
    voorstel = VrijvalVoorstel(
        voorstel_id=besluitvoorstel.id,
        wijk_id=wijk.id,
        schooljaar=schooljaar,
        pot_id=pot.id,
        vermeden_sbo=regel.vermeden.sbo,
        vermeden_so=regel.vermeden.so,
        kosten_sbo_cents=kosten.sbo_cents,
        kosten_so_cents=kosten.so_cents,
        bedrag_cents=regel.vrijval_cents,
        toelichting=toelichting.strip(),
    )
    session.add(voorstel)
    session.flush()
    audit.record(
        session,
        user,
        voorstel,
        "voorgesteld",
        {
            "schooljaar": schooljaar,
            "pot_id": pot.id,
            "vermeden": [regel.vermeden.sbo, regel.vermeden.so],
            "bedrag_cents": voorstel.bedrag_cents,
        },
        wijk_id=wijk.id,
    )
    return voorstel


def neem_vrijval_besluit(
    session: Session,
    user,
    voorstel: VrijvalVoorstel,
    *,
    bestuur_id: int,
    besluit: BesluitKeuze,
    toelichting: str,
) -> VoorstelStatus:
    """Record one board's decision; when the pot's rule is met the vrijval is posted into the pot."""
    pot = session.get(Pot, voorstel.pot_id)
    besluitvoorstel = session.get(Voorstel, voorstel.voorstel_id)
    status = besluiten.beslis(
        session,
        user,
        besluitvoorstel,
        keuze=besluit,
        toelichting=toelichting,
        bestuur_id=bestuur_id,
        gewicht=ingelegd_per_bestuur(session, pot),
        wijk_id=voorstel.wijk_id,
    )
    if status == VoorstelStatus.GOEDGEKEURD:
        wijk = session.get(Wijk, voorstel.wijk_id)
        # Recorded in the SWV's name: the proposer entered the vrijval, the boards' decisions let it in.
        bijdrage = voeg_bijdrage_toe(
            session,
            session.get(Gebruiker, besluitvoorstel.voorgesteld_door_id),
            pot,
            bron=BronSoort.VRIJVAL,
            bestuur_id=None,
            partner_naam="",
            middelen=f"Vrijval {label(voorstel.schooljaar)} {wijk.naam}"[:120],
            bedrag_cents=voorstel.bedrag_cents,
            datum=clock.today(),
            toezegging=False,
            uiterlijk_op=None,
            sleutel=f"vrijval-voorstel-{voorstel.id}",
            goedgekeurd_door_besturen=True,
        )
        voorstel.bijdrage_id = bijdrage.id
    if status != VoorstelStatus.OPEN:
        voorstel.status = status
        session.flush()
        audit.record(session, None, voorstel, status.value, {"regel": pot.regel}, wijk_id=voorstel.wijk_id)
    return status
