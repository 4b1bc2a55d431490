"""The pot's reports for the boards' financial administration: per pot, per board, per approach per
year, and the journal with filters. Each report is one list of rows in cents, shown as a page with the
`centen` filter and downloaded as CSV and XLSX with exact Decimal euros (`ledger.to_decimal`)."""

import heapq
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session, func, select

import ledger
from ledger import Ledger, PostedTransaction, to_decimal
from wijkportaal.besluiten.models import Voorstel, VoorstelStatus
from wijkportaal.core import clock
from wijkportaal.core.exports import Kolom
from wijkportaal.pot import queries
from wijkportaal.pot.models import (
    Aanpak,
    Besteding,
    Bijdrage,
    BronSoort,
    PeriodeSoort,
    Pot,
    Toekenning,
)
from wijkportaal.pot.services import UITGAVEN, grootboek
from wijkportaal.wijken.models import Bestuur
from wijkportaal.wijken.services import slug

PER_PAGINA = 50
_BATCH = 500
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


# 1. Per pot


POT_KOLOMMEN = [Kolom("Post", breedte=34), Kolom("Bedrag", "geld", 16), Kolom("Toelichting", breedte=80)]


def pot_rapport(session: Session, pot: Pot) -> list[dict]:
    c = queries.cijfers(session, [pot])[pot.id]
    return [
        {"post": "Ingelegd", "cents": c.ingelegd, "uitleg": "Betaalde bijdragen, geboekt in het grootboek."},
        {
            "post": "Toegezegd, nog niet betaald",
            "cents": c.toegezegd,
            "uitleg": "Toezeggingen die nog niet zijn ingelegd; niet beschikbaar.",
        },
        {
            "post": "Gereserveerd",
            "cents": c.gereserveerd,
            "uitleg": "Voorgestelde toekenningen waarover de besturen nog besluiten.",
        },
        {
            "post": "Toegekend",
            "cents": c.toegekend,
            "uitleg": "Goedgekeurde toekenningen, van de pot naar de aanpakken geboekt.",
        },
        {"post": "Besteed", "cents": c.besteed, "uitleg": "Bestedingen van de aanpakken."},
        {
            "post": "Beschikbaar",
            "cents": c.beschikbaar,
            "uitleg": "Saldo van de pot min wat gereserveerd is.",
        },
    ]


def pot_rijen(rijen: list[dict]) -> Iterator[list]:
    for r in rijen:
        yield [r["post"], to_decimal(r["cents"]), r["uitleg"]]


# 2. Per board


BESTUUR_KOLOMMEN = [
    Kolom("Bestuur", breedte=36),
    Kolom("Ingelegd", "geld", 16),
    Kolom("Toegezegd, nog niet betaald", "geld", 16),
    Kolom("Aandeel in de pot (%)", "decimaal", 14),
    Kolom("Aandeel in inleg besturen (%)", "decimaal", 14),
    Kolom("Leerlingen in de wijk(en)", "getal", 14),
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


def besturen_rapport(session: Session, pot: Pot) -> tuple[list[BestuurRegel], BestuurRegel]:
    """Per board: paid in and pledged, its share, and its fair share by pupils, in euros and the difference.

    The fair share divides what the boards paid in together by their pupils in the pot's wijken; the
    parts add up to that total exactly, so the differences add up to zero."""
    besturen = queries.besturen_van(session, pot)
    toegezegd = dict(
        session.exec(
            select(Bijdrage.bestuur_id, func.sum(Bijdrage.bedrag_cents))
            .where(
                Bijdrage.pot_id == pot.id,
                Bijdrage.transaction_id.is_(None),
                Bijdrage.bestuur_id.is_not(None),
            )
            .group_by(Bijdrage.bestuur_id)
        ).all()
    )
    pot_ingelegd = queries.cijfers(session, [pot])[pot.id].ingelegd
    totaal_in = sum(b["ingelegd"] for b in besturen)
    totaal_lln = sum(b["leerlingen"] for b in besturen)
    eerlijk = verdeel(totaal_in, [b["leerlingen"] for b in besturen]) if totaal_lln else None
    regels = [
        BestuurRegel(
            naam=b["bestuur"].naam,
            ingelegd=b["ingelegd"],
            toegezegd=int(toegezegd.get(b["bestuur"].id) or 0),
            aandeel_pot=procent(b["ingelegd"], pot_ingelegd),
            aandeel_besturen=procent(b["ingelegd"], totaal_in),
            leerlingen=b["leerlingen"],
            eerlijk_procent=procent(b["leerlingen"], totaal_lln),
            eerlijk_cents=eerlijk[i] if eerlijk else None,
            verschil_cents=b["ingelegd"] - eerlijk[i] if eerlijk else None,
        )
        for i, b in enumerate(besturen)
    ]
    totaal = BestuurRegel(
        naam="Totaal besturen",
        ingelegd=totaal_in,
        toegezegd=sum(r.toegezegd for r in regels),
        aandeel_pot=procent(totaal_in, pot_ingelegd),
        aandeel_besturen=procent(totaal_in, totaal_in),
        leerlingen=totaal_lln,
        eerlijk_procent=procent(totaal_lln, totaal_lln),
        eerlijk_cents=totaal_in if eerlijk else None,
        verschil_cents=0 if eerlijk else None,
    )
    return regels, totaal


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


# 3. Per approach, per year


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


def aanpakken_rapport(session: Session, pot: Pot) -> tuple[list[AanpakRapport], JaarRegel]:
    """Per approach and year: budget, allocated (year the allocation was approved) and spent (year of the
    spending date), with each approach's total and the pot's total."""
    info = queries.aanpakken_van(session, pot)
    ids = [a["aanpak"].id for a in info] or [0]
    per: dict[int, dict[int, JaarRegel]] = {a["aanpak"].id: {} for a in info}

    def regel(aanpak_id: int, jaar: int) -> JaarRegel:
        return per[aanpak_id].setdefault(jaar, JaarRegel(jaar, jaar_label(pot, jaar)))

    for a in info:
        for jaar, cents in a["budget"].items():
            regel(a["aanpak"].id, jaar).budget += cents
    for aanpak_id, bedrag, afgerond, voorgesteld in session.exec(
        select(Toekenning.aanpak_id, Toekenning.bedrag_cents, Voorstel.afgerond_op, Voorstel.voorgesteld_op)
        .join(Voorstel, Voorstel.id == Toekenning.voorstel_id)
        .where(Toekenning.aanpak_id.in_(ids), Toekenning.status == VoorstelStatus.GOEDGEKEURD)
        .order_by(Toekenning.id)
    ):
        regel(aanpak_id, jaar_van(pot, (afgerond or voorgesteld).date())).toegekend += bedrag
    for aanpak_id, bedrag, datum in session.exec(
        select(Besteding.aanpak_id, Besteding.bedrag_cents, Besteding.datum)
        .where(Besteding.aanpak_id.in_(ids))
        .order_by(Besteding.id)
    ):
        regel(aanpak_id, jaar_van(pot, datum)).besteed += bedrag
    rapporten = []
    for a in info:
        jaren = [per[a["aanpak"].id][j] for j in sorted(per[a["aanpak"].id])]
        rapporten.append(AanpakRapport(a["aanpak"], jaren, _som(jaren, "Totaal")))
    return rapporten, _som([r.totaal for r in rapporten], "Totaal")


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


# 4. The journal


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


def rekeningen(session: Session, pot: Pot) -> list[tuple[str, str]]:
    """The accounts the journal can be filtered on: the pot, its boards' accounts, its approaches."""
    besturen = [b["bestuur"] for b in queries.besturen_van(session, pot)]
    aanpakken = session.exec(select(Aanpak).where(Aanpak.pot_id == pot.id).order_by(Aanpak.naam))
    return [
        (pot.account_code, f"De pot: {pot.naam}"),
        *((f"bestuur:{b.id}", f"Bestuur: {b.naam}") for b in besturen),
        *((a.account_code, f"Aanpak: {a.naam}") for a in aanpakken),
    ]


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
    return JournaalFilter(van, tot, rekening, zoek, max(pagina, 1), fouten)


def _stroom(book: Ledger, code: str, van: date | None, tot: date | None) -> Iterator[PostedTransaction]:
    """Every transaction touching `code` in the period, newest first, fetched in batches."""
    offset, laatste = 0, None
    while True:
        try:
            batch = book.transactions(account=code, limit=_BATCH, offset=offset, since=van, until=tot)
        except ledger.NotFound:  # a board that never contributed has no account yet
            return
        for tx in batch:
            if laatste is None or tx.id < laatste:  # skips a row shifted by a transaction posted meanwhile
                laatste = tx.id
                yield tx
        if len(batch) < _BATCH:
            return
        offset += _BATCH


def transacties(session: Session, pot: Pot, f: JournaalFilter) -> Iterator[PostedTransaction]:
    """The pot's journal (every transaction touching the pot or one of its approaches), filtered,
    newest first, streamed. A board's account is shared by all pots: only its transactions with this pot."""
    book = grootboek(session)
    eigen = {pot.account_code, *session.exec(select(Aanpak.account_code).where(Aanpak.pot_id == pot.id))}
    bronnen = [f.rekening] if f.rekening else sorted(eigen)
    stromen = [_stroom(book, code, f.van, f.tot) for code in bronnen]
    zoek = f.zoek.casefold()
    vorige = None
    for tx in heapq.merge(*stromen, key=lambda t: -t.id):
        if tx.id == vorige:  # touches two of the pot's accounts (an allocation: pot and approach)
            continue
        vorige = tx.id
        if not any(p.account in eigen for p in tx.postings):
            continue
        if zoek and zoek not in tx.description.casefold():
            continue
        yield tx


@dataclass
class JournaalPagina:
    items: list[PostedTransaction]
    nummer: int
    totaal: int
    per_pagina: int = PER_PAGINA

    @property
    def aantal_paginas(self) -> int:
        return max(1, math.ceil(self.totaal / self.per_pagina))


def journaal_pagina(session: Session, pot: Pot, f: JournaalFilter) -> JournaalPagina:
    """One page of 50; a page past the end shows the last page."""
    alle = transacties(session, pot, f)
    items: list[PostedTransaction] = []
    totaal = 0
    begin = (f.pagina - 1) * PER_PAGINA
    for tx in alle:
        if begin <= totaal < begin + PER_PAGINA:
            items.append(tx)
        totaal += 1
    laatste = max(1, math.ceil(totaal / PER_PAGINA))
    if f.pagina > laatste:
        f.pagina = laatste
        return journaal_pagina(session, pot, f)
    return JournaalPagina(items, f.pagina, totaal)


_VASTE_NAMEN = {
    "swv:samenwerking-wijk-regio": "SWV: Samenwerking in de wijk en regio",
    "swv:vrijval": "SWV: vrijval door minder verwijzingen",
    "cofinanciering:gemeente": "Cofinanciering gemeente",
    UITGAVEN: "Uitgaven aan aanpakken",
}


def rekening_namen(session: Session, pot: Pot) -> dict[str, str]:
    """Readable names of the accounts that appear in a pot's journal (the code when unknown)."""
    namen = dict(_VASTE_NAMEN)
    namen[pot.account_code] = pot.naam
    for code, naam in session.exec(select(Aanpak.account_code, Aanpak.naam).where(Aanpak.pot_id == pot.id)):
        namen[code] = naam
    for bestuur_id, naam in session.exec(
        select(Bestuur.id, Bestuur.naam).where(
            Bestuur.id.in_(select(Bijdrage.bestuur_id).where(Bijdrage.pot_id == pot.id))
        )
    ):
        namen[f"bestuur:{bestuur_id}"] = f"Bijdragen {naam}"
    for b in queries.besturen_van(session, pot):
        namen.setdefault(f"bestuur:{b['bestuur'].id}", f"Bijdragen {b['bestuur'].naam}")
    for partner in session.exec(
        select(Bijdrage.partner_naam)
        .where(Bijdrage.pot_id == pot.id, Bijdrage.bron_soort == BronSoort.PARTNER)
        .distinct()
    ):
        namen[f"cofinanciering:partner:{slug(partner)}"] = f"Cofinanciering {partner}"
    return namen


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
