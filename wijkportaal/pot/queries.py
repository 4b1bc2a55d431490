"""Read-only figures of pots, boards and approaches (reports read stored balances, never the history)."""

import heapq
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session, func, select

import ledger
from ledger import Ledger, PostedTransaction
from wijkportaal.auth.models import Gebruiker
from wijkportaal.besluiten import queries as besluiten_queries
from wijkportaal.besluiten.models import Voorstel, VoorstelBesluit, VoorstelBestuur, VoorstelStatus
from wijkportaal.besluiten.soorten import Onderwerp, beschrijving
from wijkportaal.core import clock
from wijkportaal.pot.models import (
    Aanpak,
    AanpakBudget,
    Besteding,
    Bijdrage,
    BronSoort,
    Overheveling,
    OverhevelingStatus,
    Pot,
    PotBestuur,
    PotWijk,
    Terugdraaiing,
    Toekenning,
    besteding_telt,
    bijdrage_telt,
)
from wijkportaal.pot.rules import (
    PER_PAGINA,
    AanpakRapport,
    BestuurRegel,
    Correctie,
    Correcties,
    JaarRegel,
    JournaalFilter,
    JournaalPagina,
    _som,
    jaar_label,
    jaar_van,
    procent,
    verdeel,
)
from wijkportaal.pot.services import OVERHEVELING, TOEKENNING, UITGAVEN, grootboek
from wijkportaal.wijken.models import Bestuur, Organisatie, Wijk
from wijkportaal.wijken.services import slug


@dataclass
class PotCijfers:
    ingelegd: int
    toegezegd: int
    gereserveerd: int
    toegekend: int
    besteed: int
    beschikbaar: int


def cijfers(session: Session, pots: list[Pot]) -> dict[int, PotCijfers]:
    """Figures for many pots in a fixed number of queries."""
    ids = [p.id for p in pots]
    if not ids:
        return {}
    balances = grootboek(session).balances([p.account_code for p in pots])

    def per_pot(query) -> dict[int, int]:
        return {pid: int(total or 0) for pid, total in session.exec(query).all()}

    ingelegd = per_pot(
        select(Bijdrage.pot_id, func.sum(Bijdrage.bedrag_cents))
        .where(Bijdrage.pot_id.in_(ids), Bijdrage.transaction_id.is_not(None), bijdrage_telt())
        .group_by(Bijdrage.pot_id)
    )
    toegezegd = per_pot(
        select(Bijdrage.pot_id, func.sum(Bijdrage.bedrag_cents))
        .where(Bijdrage.pot_id.in_(ids), Bijdrage.transaction_id.is_(None))
        .group_by(Bijdrage.pot_id)
    )
    toegekend = per_pot(
        select(Toekenning.pot_id, func.sum(Toekenning.bedrag_cents))
        .where(Toekenning.pot_id.in_(ids), Toekenning.status == VoorstelStatus.GOEDGEKEURD)
        .group_by(Toekenning.pot_id)
    )
    besteed = per_pot(
        select(Aanpak.pot_id, func.sum(Besteding.bedrag_cents))
        .join(Aanpak, Aanpak.id == Besteding.aanpak_id)
        .where(Aanpak.pot_id.in_(ids), besteding_telt())
        .group_by(Aanpak.pot_id)
    )
    return {
        p.id: PotCijfers(
            ingelegd=ingelegd.get(p.id, 0),
            toegezegd=toegezegd.get(p.id, 0),
            gereserveerd=balances[p.account_code].reserved,
            toegekend=toegekend.get(p.id, 0),
            besteed=besteed.get(p.id, 0),
            beschikbaar=balances[p.account_code].available,
        )
        for p in pots
    }


def besturen_van(session: Session, pot: Pot) -> list[dict]:
    """Per board: paid in, share of the pot, and the fair share by pupils in the pot's wijken."""
    besturen = list(
        session.exec(
            select(Bestuur)
            .join(PotBestuur, PotBestuur.bestuur_id == Bestuur.id)
            .where(PotBestuur.pot_id == pot.id)
            .order_by(Bestuur.naam)
        )
    )
    ingelegd = dict(
        session.exec(
            select(Bijdrage.bestuur_id, func.sum(Bijdrage.bedrag_cents))
            .where(
                Bijdrage.pot_id == pot.id,
                Bijdrage.transaction_id.is_not(None),
                Bijdrage.bestuur_id.is_not(None),
                bijdrage_telt(),
            )
            .group_by(Bijdrage.bestuur_id)
        ).all()
    )
    wijk_ids = select(PotWijk.wijk_id).where(PotWijk.pot_id == pot.id)
    leerlingen = dict(
        session.exec(
            select(Organisatie.bestuur_id, func.sum(Organisatie.leerlingen))
            .where(
                Organisatie.wijk_id.in_(wijk_ids), Organisatie.bestuur_id.in_([b.id for b in besturen] or [0])
            )
            .group_by(Organisatie.bestuur_id)
        ).all()
    )
    totaal_in = sum(int(v or 0) for v in ingelegd.values())
    totaal_lln = sum(int(v or 0) for v in leerlingen.values())
    return [
        {
            "bestuur": b,
            "ingelegd": int(ingelegd.get(b.id) or 0),
            "aandeel": (int(ingelegd.get(b.id) or 0) / totaal_in) if totaal_in else 0.0,
            "leerlingen": int(leerlingen.get(b.id) or 0),
            "eerlijk_aandeel": (int(leerlingen.get(b.id) or 0) / totaal_lln) if totaal_lln else 0.0,
        }
        for b in besturen
    ]


def aanpakken_van(session: Session, pot: Pot) -> list[dict]:
    aanpakken = list(session.exec(select(Aanpak).where(Aanpak.pot_id == pot.id).order_by(Aanpak.naam)))
    ids = [a.id for a in aanpakken] or [0]
    budget = {}
    for aanpak_id, jaar, cents in session.exec(
        select(AanpakBudget.aanpak_id, AanpakBudget.jaar, AanpakBudget.bedrag_cents).where(
            AanpakBudget.aanpak_id.in_(ids)
        )
    ):
        budget.setdefault(aanpak_id, {})[jaar] = cents
    toegekend = dict(
        session.exec(
            select(Toekenning.aanpak_id, func.sum(Toekenning.bedrag_cents))
            .where(Toekenning.aanpak_id.in_(ids), Toekenning.status == VoorstelStatus.GOEDGEKEURD)
            .group_by(Toekenning.aanpak_id)
        ).all()
    )
    besteed = dict(
        session.exec(
            select(Besteding.aanpak_id, func.sum(Besteding.bedrag_cents))
            .where(Besteding.aanpak_id.in_(ids), besteding_telt())
            .group_by(Besteding.aanpak_id)
        ).all()
    )
    return [
        {
            "aanpak": a,
            "budget": budget.get(a.id, {}),
            "budget_totaal": sum(budget.get(a.id, {}).values()),
            "toegekend": int(toegekend.get(a.id) or 0),
            "besteed": int(besteed.get(a.id) or 0),
        }
        for a in aanpakken
    ]


def toekenningen_van(
    session: Session, pot: Pot
) -> list[tuple[Toekenning, Voorstel, Aanpak, dict[int, VoorstelBesluit]]]:
    """Every allocation of the pot, newest first, with its Voorstel and the decisions per board."""
    rows = list(
        session.exec(
            select(Toekenning, Voorstel, Aanpak)
            .join(Voorstel, Voorstel.id == Toekenning.voorstel_id)
            .join(Aanpak, Aanpak.id == Toekenning.aanpak_id)
            .where(Toekenning.pot_id == pot.id)
            .order_by(Voorstel.voorgesteld_op.desc(), Toekenning.id.desc())
        )
    )
    besluiten = besluiten_queries.besluiten_van(session, [v.id for _, v, _ in rows])
    return [(t, v, a, besluiten[v.id]) for t, v, a in rows]


def wijken_van(session: Session, pot: Pot) -> list[Wijk]:
    return list(
        session.exec(
            select(Wijk)
            .join(PotWijk, PotWijk.wijk_id == Wijk.id)
            .where(PotWijk.pot_id == pot.id)
            .order_by(Wijk.naam)
        )
    )


@beschrijving(TOEKENNING, "Toekenning uit een pot")
def beschrijf_toekenningen(session: Session, voorstel_ids: list[int]) -> dict[int, Onderwerp]:
    """The allocations behind these proposals, for the lists of decisions waiting for someone."""
    return {
        t.voorstel_id: Onderwerp(
            titel=aanpak.naam,
            bedrag_cents=t.bedrag_cents,
            endpoint="pot.toekenning",
            params={"toekenning_id": t.id},
            herkomst=f"uit {pot.naam}",
            pot_id=pot.id,
        )
        for t, aanpak, pot in session.exec(
            select(Toekenning, Aanpak, Pot)
            .join(Aanpak, Aanpak.id == Toekenning.aanpak_id)
            .join(Pot, Pot.id == Toekenning.pot_id)
            .where(Toekenning.voorstel_id.in_(voorstel_ids or [0]))
        )
    }


@beschrijving(OVERHEVELING, "Overheveling naar het nieuwe schooljaar")
def beschrijf_overhevelingen(session: Session, voorstel_ids: list[int]) -> dict[int, Onderwerp]:
    """The carry-overs behind these proposals, for the lists of decisions waiting for someone."""
    naar = sa.orm.aliased(Pot)
    return {
        o.voorstel_id: Onderwerp(
            titel=f"de overheveling van {van.naam}",
            bedrag_cents=o.bedrag_cents,
            endpoint="pot.overheveling",
            params={"overheveling_id": o.id},
            herkomst=f"naar {nieuw.naam}",
            pot_id=van.id,
        )
        for o, van, nieuw in session.exec(
            select(Overheveling, Pot, naar)
            .join(Pot, Pot.id == Overheveling.van_pot_id)
            .join(naar, naar.id == Overheveling.naar_pot_id)
            .where(Overheveling.voorstel_id.in_(voorstel_ids or [0]))
        )
    }


def overhevelingen_van(session: Session, pot: Pot) -> list[tuple[Overheveling, Pot, Pot]]:
    """The carry-overs out of and into a pot: (overheveling, from pot, to pot)."""
    naar = sa.orm.aliased(Pot)
    return list(
        session.exec(
            select(Overheveling, Pot, naar)
            .join(Pot, Pot.id == Overheveling.van_pot_id)
            .join(naar, naar.id == Overheveling.naar_pot_id)
            .where(sa.or_(Overheveling.van_pot_id == pot.id, Overheveling.naar_pot_id == pot.id))
            .order_by(Overheveling.voorgesteld_op)
        )
    )


def open_overhevelingen(session: Session, ids: list[int]) -> list[tuple[Overheveling, Voorstel, Pot, Pot]]:
    """These carry-overs while they wait for decisions, with their proposal and pots (for the mail)."""
    naar = sa.orm.aliased(Pot)
    return list(
        session.exec(
            select(Overheveling, Voorstel, Pot, naar)
            .join(Voorstel, Voorstel.id == Overheveling.voorstel_id)
            .join(Pot, Pot.id == Overheveling.van_pot_id)
            .join(naar, naar.id == Overheveling.naar_pot_id)
            .where(Overheveling.id.in_(ids or [0]), Overheveling.status == OverhevelingStatus.VOORGESTELD)
            .order_by(Pot.naam, Overheveling.id)
        )
    )


_BATCH = 500


def pot_rapport(session: Session, pot: Pot) -> list[dict]:
    c = cijfers(session, [pot])[pot.id]
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


def besturen_rapport(session: Session, pot: Pot) -> tuple[list[BestuurRegel], BestuurRegel]:
    """Per board: paid in and pledged, its share, and its fair share by pupils, in euros and the difference.

    The fair share divides what the boards paid in together by their pupils in the pot's wijken; the
    parts add up to that total exactly, so the differences add up to zero."""
    besturen = besturen_van(session, pot)
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
    pot_ingelegd = cijfers(session, [pot])[pot.id].ingelegd
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


def aanpakken_rapport(session: Session, pot: Pot) -> tuple[list[AanpakRapport], JaarRegel]:
    """Per approach and year: budget, allocated (year the allocation was approved) and spent (year of the
    spending date), with each approach's total and the pot's total."""
    info = aanpakken_van(session, pot)
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
        .where(Besteding.aanpak_id.in_(ids), besteding_telt())
        .order_by(Besteding.id)
    ):
        regel(aanpak_id, jaar_van(pot, datum)).besteed += bedrag
    rapporten = []
    for a in info:
        jaren = [per[a["aanpak"].id][j] for j in sorted(per[a["aanpak"].id])]
        rapporten.append(AanpakRapport(a["aanpak"], jaren, _som(jaren, "Totaal")))
    return rapporten, _som([r.totaal for r in rapporten], "Totaal")


def rekeningen(session: Session, pot: Pot) -> list[tuple[str, str]]:
    """The accounts the journal can be filtered on: the pot, its boards' accounts, its approaches."""
    besturen = [b["bestuur"] for b in besturen_van(session, pot)]
    aanpakken = session.exec(select(Aanpak).where(Aanpak.pot_id == pot.id).order_by(Aanpak.naam))
    return [
        (pot.account_code, f"De pot: {pot.naam}"),
        *((f"bestuur:{b.id}", f"Bestuur: {b.naam}") for b in besturen),
        *((a.account_code, f"Aanpak: {a.naam}") for a in aanpakken),
    ]


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


def journaal_pagina(session: Session, pot: Pot, f: JournaalFilter) -> JournaalPagina:
    """One page of 50; a page past the end shows the last page; with `f.transactie`, the page holding it."""
    if f.transactie is not None:
        plek = next((i for i, tx in enumerate(transacties(session, pot, f)) if tx.id == f.transactie), None)
        if plek is not None:
            f.pagina = plek // PER_PAGINA + 1
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
    for b in besturen_van(session, pot):
        namen.setdefault(f"bestuur:{b['bestuur'].id}", f"Bijdragen {b['bestuur'].naam}")
    for partner in session.exec(
        select(Bijdrage.partner_naam)
        .where(Bijdrage.pot_id == pot.id, Bijdrage.bron_soort == BronSoort.PARTNER)
        .distinct()
    ):
        namen[f"cofinanciering:partner:{slug(partner)}"] = f"Cofinanciering {partner}"
    return namen


# What waits for whom (read by the start page's providers in wijkportaal/pages/te_doen/)


def open_toezeggingen(session: Session, bestuur_id: int | None) -> list[tuple[Bijdrage, Pot]]:
    """The board's pledges not yet paid in, the earliest due first (no due date last)."""
    if not bestuur_id:
        return []
    return list(
        session.exec(
            select(Bijdrage, Pot)
            .join(Pot, Pot.id == Bijdrage.pot_id)
            .where(Bijdrage.bestuur_id == bestuur_id, Bijdrage.transaction_id.is_(None))
            .order_by(Bijdrage.uiterlijk_op.is_(None), Bijdrage.uiterlijk_op, Bijdrage.id)
        ).all()
    )


def verlopende_toekenningen(
    session: Session, tot: datetime
) -> list[tuple[Toekenning, Voorstel, Aanpak, Pot, int, int]]:
    """Open allocations whose decision period ends before `tot` (and has not ended yet), soonest first:
    (allocation, proposal, approach, pot, boards that decided, boards that decide)."""
    rows = list(
        session.exec(
            select(Toekenning, Voorstel, Aanpak, Pot)
            .join(Voorstel, Voorstel.id == Toekenning.voorstel_id)
            .join(Aanpak, Aanpak.id == Toekenning.aanpak_id)
            .join(Pot, Pot.id == Toekenning.pot_id)
            .where(
                Toekenning.status == VoorstelStatus.OPEN,
                Voorstel.status == VoorstelStatus.OPEN,
                Voorstel.vervalt_op.is_not(None),
                Voorstel.vervalt_op > clock.now(),
                Voorstel.vervalt_op <= tot,
            )
            .order_by(Voorstel.vervalt_op, Toekenning.id)
        ).all()
    )
    ids = [v.id for _, v, _, _ in rows]
    besluiten = besluiten_queries.besluiten_van(session, ids)
    deciders = dict(
        session.exec(
            select(VoorstelBestuur.voorstel_id, func.count())
            .where(VoorstelBestuur.voorstel_id.in_(ids or [0]))
            .group_by(VoorstelBestuur.voorstel_id)
        ).all()
    )
    return [(t, v, a, p, len(besluiten[v.id]), int(deciders.get(v.id, 0))) for t, v, a, p in rows]


def aandeel_van_bestuur(session: Session, pot: Pot, bestuur_id: int) -> tuple[int, Decimal | None]:
    """What the board paid into the pot, and that as a percentage of all the pot received."""
    eigen = session.exec(
        select(func.sum(Bijdrage.bedrag_cents)).where(
            Bijdrage.pot_id == pot.id, Bijdrage.bestuur_id == bestuur_id, Bijdrage.transaction_id.is_not(None)
        )
    ).one()
    eigen = int(eigen or 0)
    return eigen, procent(eigen, cijfers(session, [pot])[pot.id].ingelegd)


def correcties(session: Session, pot: Pot) -> Correcties:
    """Every reversed contribution and spending of the pot, newest first, with reason, author and time."""
    rows = session.exec(
        select(Terugdraaiing, Gebruiker.naam, Bijdrage, Besteding)
        .join(Gebruiker, Gebruiker.id == Terugdraaiing.door_id)
        .outerjoin(Bijdrage, Bijdrage.id == Terugdraaiing.bijdrage_id)
        .outerjoin(Besteding, Besteding.id == Terugdraaiing.besteding_id)
        .where(Terugdraaiing.pot_id == pot.id)
        .order_by(Terugdraaiing.id.desc())
    )
    return Correcties(
        [
            Correctie(
                soort="bijdrage" if bijdrage else "besteding",
                omschrijving=f"Bijdrage ({bijdrage.middelen})"
                if bijdrage
                else f"Besteding: {besteding.omschrijving}",
                bedrag_cents=(bijdrage or besteding).bedrag_cents,
                origineel=t.origineel_transaction_id,
                correctie=t.transaction_id,
                reden=t.reden,
                door=naam,
                op=t.op,
            )
            for t, naam, bijdrage, besteding in rows
        ]
    )


def open_toekenningen(session: Session) -> list[tuple[Toekenning, Voorstel, Aanpak, Pot]]:
    """Every allocation whose proposal still waits for decisions (for the reminders), oldest first."""
    return list(
        session.exec(
            select(Toekenning, Voorstel, Aanpak, Pot)
            .join(Voorstel, Voorstel.id == Toekenning.voorstel_id)
            .join(Aanpak, Aanpak.id == Toekenning.aanpak_id)
            .join(Pot, Pot.id == Toekenning.pot_id)
            .where(Toekenning.status == VoorstelStatus.OPEN, Voorstel.status == VoorstelStatus.OPEN)
            .order_by(Voorstel.voorgesteld_op, Toekenning.id)
        ).all()
    )
