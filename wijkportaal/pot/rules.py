"""The pure parts of the pot's reports for the boards' financial administration (per pot, per board, per
approach per year, the journal with filters): percentages, fair shares, the report rows and columns, the
journal filter. Amounts stay cents; CSV and XLSX get exact Decimal euros (`ledger.to_decimal`).
The reports' reads are in `wijkportaal.pot.queries`."""

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from ledger import PostedTransaction, to_decimal
from wijkportaal.core import clock
from wijkportaal.core.exports import Kolom
from wijkportaal.core.web import centen
from wijkportaal.pot.models import (
    Aanpak,
    PeriodeSoort,
    Pot,
)

PER_PAGINA = 50


@dataclass(frozen=True)
class Correctie:
    """A reversed booking, for the pages and reports: the original and its reversal, both transactions."""

    soort: str  # "bijdrage" or "besteding"
    omschrijving: str
    bedrag_cents: int
    origineel: int  # ledger transaction ids
    correctie: int
    reden: str
    door: str
    op: datetime

    @property
    def tekst(self) -> str:
        return f"teruggedraaid op {self.op:%d-%m-%Y} door {self.door}: {self.reden}"


@dataclass(frozen=True)
class Correcties:
    """A pot's reversed bookings, found by the original transaction or by the reversal."""

    lijst: list[Correctie]

    @property
    def per_origineel(self) -> dict[int, Correctie]:
        return {c.origineel: c for c in self.lijst}

    @property
    def per_correctie(self) -> dict[int, Correctie]:
        return {c.correctie: c for c in self.lijst}


def bijdrage_onvolledig(
    partner: bool, partner_naam: str, toezegging: bool, datum: date, uiterlijk_op: date | None
) -> tuple[str, str] | None:
    """What a contribution form still lacks, as (message, field); None when it is complete."""
    if partner and not partner_naam.strip():
        return "Vul de naam van de partner in.", "partner_naam"
    if toezegging and (uiterlijk_op is None or uiterlijk_op < datum):
        return (
            "Een toezegging heeft een uiterste betaaldatum, op of na de datum van de toezegging.",
            "uiterlijk_op",
        )
    return None


def betaling_te_vroeg(toegezegd_op: date, betaald_op: date) -> str | None:
    """The refusal of a pledge paid before it was made."""
    return "De betaling kan niet vóór de toezegging liggen." if betaald_op < toegezegd_op else None


def naam_in_schooljaar(naam: str, oud_label: str, nieuw_label: str) -> str:
    """The new school year's pot is named after the old one: "Pot Osdorp 2025-2026" → "Pot Osdorp
    2026-2027"; a name without the old year gets the new one added."""
    if oud_label in naam:
        return naam.replace(oud_label, nieuw_label)[:200]
    return f"{naam[: 200 - len(nieuw_label) - 1]} {nieuw_label}"


def boven_beschikbaar(beschikbaar: int, gevraagd: int) -> str | None:
    """The refusal of an allocation above what the pot has available, in euros; None when it fits."""
    if gevraagd <= beschikbaar:
        return None
    return f"Er is {centen(beschikbaar)} beschikbaar; u vraagt {centen(gevraagd)}."


def boven_budget(te_besteden: int, gevraagd: int) -> str | None:
    """The refusal of spending above what was allocated to the approach and not yet spent."""
    if gevraagd <= te_besteden:
        return None
    return (
        f"Dit gaat boven het goedgekeurde budget van deze aanpak uit: er is nog {centen(te_besteden)} te "
        f"besteden; u boekt {centen(gevraagd)}. Vraag eerst een nieuwe toekenning aan."
    )


_HONDERD = Decimal(100)


def procent(deel: int, geheel: int) -> Decimal | None:
    """deel/geheel as a percentage with two decimals, exact (no float); None when geheel is zero."""
    if not geheel:
        return None
    return (Decimal(deel) * _HONDERD / Decimal(geheel)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def verdeel(totaal: int, gewichten: list[int]) -> list[int]:
    """Split `totaal` cents in proportion to `gewichten`, exactly: the parts add up to `totaal`.

    Each part is rounded down, and the cents left over go to the largest remainders (ties: the first)."""
    som = sum(gewichten)
    if not som:
        return [0 for _ in gewichten]
    delen = [totaal * g // som for g in gewichten]
    resten = sorted(range(len(gewichten)), key=lambda i: (-(totaal * gewichten[i] % som), i))
    for i in resten[: totaal - sum(delen)]:
        delen[i] += 1
    return delen


POT_KOLOMMEN = [Kolom("Post", breedte=34), Kolom("Bedrag", "geld", 16), Kolom("Toelichting", breedte=80)]


def pot_rijen(rijen: list[dict]) -> Iterator[list]:
    for r in rijen:
        yield [r["post"], to_decimal(r["cents"]), r["uitleg"]]


BESTUUR_KOLOMMEN = [
    Kolom("Bestuur", breedte=36),
    Kolom("Ingelegd", "geld", 16),
    Kolom("Toegezegd, nog niet betaald", "geld", 16),
    Kolom("Aandeel in de pot (%)", "decimaal", 14),
    Kolom("Aandeel in inleg besturen (%)", "decimaal", 14),
    Kolom("Leerlingen in de wijken van de pot", "getal", 14),
    Kolom("Eerlijk aandeel naar leerlingen (%)", "decimaal", 14),
    Kolom("Eerlijk aandeel in euro", "geld", 16),
    Kolom("Verschil met eerlijk aandeel", "geld", 16),
]


@dataclass
class BestuurRegel:
    naam: str
    ingelegd: int
    toegezegd: int
    aandeel_pot: Decimal | None
    aandeel_besturen: Decimal | None
    leerlingen: int
    eerlijk_procent: Decimal | None
    eerlijk_cents: int | None
    verschil_cents: int | None


def _euro(cents: int | None) -> Decimal | None:
    return None if cents is None else to_decimal(cents)


def besturen_rijen(regels: list[BestuurRegel], totaal: BestuurRegel) -> Iterator[list]:
    for r in [*regels, totaal]:
        yield [
            r.naam,
            to_decimal(r.ingelegd),
            to_decimal(r.toegezegd),
            r.aandeel_pot,
            r.aandeel_besturen,
            r.leerlingen,
            r.eerlijk_procent,
            _euro(r.eerlijk_cents),
            _euro(r.verschil_cents),
        ]


AANPAK_KOLOMMEN = [
    Kolom("Aanpak", breedte=36),
    Kolom("Jaar", breedte=12),
    Kolom("Budget", "geld", 16),
    Kolom("Toegekend", "geld", 16),
    Kolom("Besteed", "geld", 16),
    Kolom("Budget min besteed", "geld", 16),
]


@dataclass
class JaarRegel:
    jaar: int | None  # None: the approach's total
    label: str
    budget: int = 0
    toegekend: int = 0
    besteed: int = 0

    @property
    def over(self) -> int:
        return self.budget - self.besteed


@dataclass
class AanpakRapport:
    aanpak: Aanpak
    jaren: list[JaarRegel]
    totaal: JaarRegel


def jaar_van(pot: Pot, dag: date) -> int:
    """The report year of a day: its school year (named by the year it starts) or its calendar year."""
    return clock.schooljaar_van(dag) if pot.periode_soort == PeriodeSoort.SCHOOLJAAR else dag.year


def jaar_label(pot: Pot, jaar: int) -> str:
    return clock.schooljaar_label(jaar) if pot.periode_soort == PeriodeSoort.SCHOOLJAAR else str(jaar)


def _som(regels: list[JaarRegel], label: str) -> JaarRegel:
    return JaarRegel(
        None,
        label,
        budget=sum(r.budget for r in regels),
        toegekend=sum(r.toegekend for r in regels),
        besteed=sum(r.besteed for r in regels),
    )


def aanpakken_rijen(rapporten: list[AanpakRapport], totaal: JaarRegel) -> Iterator[list]:
    def rij(naam: str, r: JaarRegel) -> list:
        return [naam, r.label, *(to_decimal(c) for c in (r.budget, r.toegekend, r.besteed, r.over))]

    for rapport in rapporten:
        for r in rapport.jaren:
            yield rij(rapport.aanpak.naam, r)
        yield rij(rapport.aanpak.naam, rapport.totaal)
    yield rij("Alle aanpakken", totaal)


JOURNAAL_KOLOMMEN = [
    Kolom("Transactie", "getal", 11),
    Kolom("Datum", "datum", 12),
    Kolom("Omschrijving", breedte=50),
    Kolom("Rekening", breedte=28),
    Kolom("Rekeningnaam", breedte=36),
    Kolom("Bedrag", "geld", 16),
    Kolom("Correctie van", "getal", 11),
    Kolom("Ingevoerd door", breedte=40),
    Kolom("Ingevoerd op", "datumtijd", 20),
    Kolom("Vorige hash", breedte=66),
    Kolom("Hash", breedte=66),
]


ZOEK_MAX = 200


@dataclass
class JournaalFilter:
    van: date | None = None
    tot: date | None = None
    rekening: str = ""
    zoek: str = ""
    pagina: int = 1
    fouten: dict[str, str] = field(default_factory=dict)
    transactie: int | None = None  # show the page that holds this transaction (a link to one row)

    def args(self) -> dict:
        """The filter as query arguments (for paging and download links)."""
        return {
            k: v
            for k, v in {
                "van": self.van.isoformat() if self.van else None,
                "tot": self.tot.isoformat() if self.tot else None,
                "rekening": self.rekening or None,
                "zoek": self.zoek or None,
            }.items()
            if v
        }


def _datum(args, naam: str, label: str, fouten: dict) -> date | None:
    text = (args.get(naam) or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fouten[naam] = (
            f"{label}: dit is geen geldige datum. Gebruik de vorm jjjj-mm-dd, bijvoorbeeld 2025-08-01."
        )
        return None


def lees_filter(args, opties: list[tuple[str, str]]) -> JournaalFilter:
    """The journal's filter from the query string; what is wrong goes in `fouten`, in Dutch."""
    fouten: dict[str, str] = {}
    van = _datum(args, "van", "Vanaf", fouten)
    tot = _datum(args, "tot", "Tot en met", fouten)
    if van and tot and van > tot:
        fouten["tot"] = "Tot en met: deze datum ligt vóór de begindatum."
    rekening = (args.get("rekening") or "").strip()
    if rekening and rekening not in {code for code, _ in opties}:
        fouten["rekening"] = "Rekening: kies een rekening uit de lijst (de pot, een bestuur of een aanpak)."
    zoek = (args.get("zoek") or "").strip()
    if len(zoek) > ZOEK_MAX:
        fouten["zoek"] = f"Zoeken: gebruik hoogstens {ZOEK_MAX} tekens."
    pagina_tekst = (args.get("pagina") or "1").strip()
    pagina = int(pagina_tekst) if pagina_tekst.isdigit() and len(pagina_tekst) <= 9 else 0
    if pagina < 1:
        fouten["pagina"] = "Pagina: geef een paginanummer van 1 of hoger."
    transactie_tekst = (args.get("transactie") or "").strip()
    transactie = None
    if transactie_tekst:
        if transactie_tekst.isdigit() and len(transactie_tekst) <= 18:
            transactie = int(transactie_tekst)
        else:
            fouten["transactie"] = "Transactie: geef het nummer van een transactie, bijvoorbeeld 12."
    return JournaalFilter(van, tot, rekening, zoek, max(pagina, 1), fouten, transactie)


@dataclass
class JournaalPagina:
    items: list[PostedTransaction]
    nummer: int
    totaal: int
    per_pagina: int = PER_PAGINA

    @property
    def aantal_paginas(self) -> int:
        return max(1, math.ceil(self.totaal / self.per_pagina))


def journaal_rijen(txs: Iterable[PostedTransaction], namen: dict[str, str]) -> Iterator[list]:
    """One row per posting, with its transaction's date, description, author and hashes."""
    for tx in txs:
        for p in tx.postings:
            yield [
                tx.id,
                tx.effective_date,
                tx.description,
                p.account,
                namen.get(p.account, p.account),
                to_decimal(p.cents),
                tx.reverses,
                tx.entered_by,
                tx.entered_at,
                tx.prev_hash,
                tx.hash,
            ]
