"""Read-only figures of pots, boards and approaches (reports read stored balances, never the history)."""

from dataclasses import dataclass

from sqlmodel import Session, func, select

from wijkportaal.besluiten import queries as besluiten_queries
from wijkportaal.besluiten.models import Voorstel, VoorstelBesluit, VoorstelStatus
from wijkportaal.besluiten.soorten import Onderwerp, beschrijving
from wijkportaal.pot.models import (
    Aanpak,
    AanpakBudget,
    Besteding,
    Bijdrage,
    Pot,
    PotBestuur,
    PotWijk,
    Toekenning,
)
from wijkportaal.pot.services import TOEKENNING, grootboek
from wijkportaal.wijken.models import Bestuur, Organisatie, Wijk


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
        .where(Bijdrage.pot_id.in_(ids), Bijdrage.transaction_id.is_not(None))
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
        .where(Aanpak.pot_id.in_(ids))
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
            .where(Besteding.aanpak_id.in_(ids))
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
        )
        for t, aanpak, pot in session.exec(
            select(Toekenning, Aanpak, Pot)
            .join(Aanpak, Aanpak.id == Toekenning.aanpak_id)
            .join(Pot, Pot.id == Toekenning.pot_id)
            .where(Toekenning.voorstel_id.in_(voorstel_ids or [0]))
        )
    }
