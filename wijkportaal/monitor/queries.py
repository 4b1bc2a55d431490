"""Read-only figures of the monitor; each function runs a fixed number of queries."""

from sqlmodel import Session, select

from wijkportaal.besluiten.models import Voorstel, VoorstelStatus
from wijkportaal.besluiten.soorten import Onderwerp, beschrijving
from wijkportaal.core.clock import schooljaar_label
from wijkportaal.monitor.models import (
    Kostennorm,
    Reductiedoel,
    VerwijzingSoort,
    Verwijzingstelling,
    VrijvalVoorstel,
)
from wijkportaal.monitor.rules import (
    STANDAARD_KOSTEN,
    STANDAARD_REDUCTIES,
    Aantallen,
    Kosten,
    Overzicht,
    overzicht,
)
from wijkportaal.pot.models import Pot, PotWijk
from wijkportaal.wijken.models import Wijk

LOPEND = (VoorstelStatus.OPEN, VoorstelStatus.GOEDGEKEURD)
VRIJVAL = "vrijval"  # the soort of a vrijval proposal's Voorstel


def reductiedoelen(session: Session) -> dict[int, Reductiedoel | None]:
    """Per school year its stored target, or None where the convenant's default still holds."""
    opgeslagen = {r.schooljaar: r for r in session.exec(select(Reductiedoel))}
    jaren = sorted(set(STANDAARD_REDUCTIES) | set(opgeslagen))
    return {jaar: opgeslagen.get(jaar) for jaar in jaren}


def reducties(session: Session) -> dict[int, int]:
    """Target reduction in percent per school year: the convenant's defaults, overridden by SWV staff."""
    return {
        jaar: rij.procent if rij is not None else STANDAARD_REDUCTIES[jaar]
        for jaar, rij in reductiedoelen(session).items()
    }


def kostennormen(session: Session) -> dict[VerwijzingSoort, Kostennorm | None]:
    opgeslagen = {k.soort: k for k in session.exec(select(Kostennorm))}
    return {soort: opgeslagen.get(soort) for soort in VerwijzingSoort}


def kosten(session: Session) -> Kosten:
    """Average yearly cost per referral; the demo defaults until SWV staff fill in their own."""
    normen = kostennormen(session)
    sbo, so = normen[VerwijzingSoort.SBO], normen[VerwijzingSoort.SO]
    return Kosten(
        sbo_cents=sbo.bedrag_cents if sbo else STANDAARD_KOSTEN.sbo_cents,
        so_cents=so.bedrag_cents if so else STANDAARD_KOSTEN.so_cents,
    )


def aantallen(session: Session, wijk_ids: list[int]) -> dict[int, dict[int, Aantallen]]:
    """Per wijk: per school year the counts."""
    result: dict[int, dict[int, Aantallen]] = {w: {} for w in wijk_ids}
    for t in session.exec(select(Verwijzingstelling).where(Verwijzingstelling.wijk_id.in_(wijk_ids or [0]))):
        result[t.wijk_id][t.schooljaar] = Aantallen(t.sbo, t.so)
    return result


def overzichten(session: Session, wijken: list[Wijk]) -> list[tuple[Wijk, Overzicht]]:
    """Per wijk: every school year's actual against target, avoided referrals and vrijval."""
    per_wijk = aantallen(session, [w.id for w in wijken])
    doelen, k = reducties(session), kosten(session)
    return [(w, overzicht(per_wijk[w.id], doelen, k)) for w in wijken]


def potten_van_wijk(session: Session, wijk: Wijk) -> list[Pot]:
    return list(
        session.exec(
            select(Pot)
            .join(PotWijk, PotWijk.pot_id == Pot.id)
            .where(PotWijk.wijk_id == wijk.id)
            .order_by(Pot.periode_start.desc(), Pot.naam)
        )
    )


def voorstellen(session: Session, wijk_ids: list[int]) -> list[tuple[VrijvalVoorstel, Voorstel, Pot]]:
    return list(
        session.exec(
            select(VrijvalVoorstel, Voorstel, Pot)
            .join(Voorstel, Voorstel.id == VrijvalVoorstel.voorstel_id)
            .join(Pot, Pot.id == VrijvalVoorstel.pot_id)
            .where(VrijvalVoorstel.wijk_id.in_(wijk_ids or [0]))
            .order_by(VrijvalVoorstel.schooljaar, Voorstel.voorgesteld_op)
        )
    )


def lopend_per_jaar(session: Session, wijk_id: int) -> dict[int, VrijvalVoorstel]:
    """The open or approved proposal per school year: that year's vrijval is taken."""
    return {
        v.schooljaar: v
        for v in session.exec(
            select(VrijvalVoorstel).where(
                VrijvalVoorstel.wijk_id == wijk_id, VrijvalVoorstel.status.in_(LOPEND)
            )
        )
    }


@beschrijving(VRIJVAL, "Vrijval naar een pot")
def beschrijf_vrijval(session: Session, voorstel_ids: list[int]) -> dict[int, Onderwerp]:
    """The vrijval behind these proposals, for the lists of decisions waiting for someone."""
    return {
        v.voorstel_id: Onderwerp(
            titel=f"Vrijval {wijk.naam} {schooljaar_label(v.schooljaar)}",
            bedrag_cents=v.bedrag_cents,
            endpoint="monitor.voorstel",
            params={"voorstel_id": v.id},
            herkomst=f"naar {pot.naam}",
            pot_id=pot.id,
        )
        for v, wijk, pot in session.exec(
            select(VrijvalVoorstel, Wijk, Pot)
            .join(Wijk, Wijk.id == VrijvalVoorstel.wijk_id)
            .join(Pot, Pot.id == VrijvalVoorstel.pot_id)
            .where(VrijvalVoorstel.voorstel_id.in_(voorstel_ids or [0]))
        )
    }


def open_voorstellen(session: Session) -> list[tuple[VrijvalVoorstel, Wijk, Pot]]:
    """Every proposal still waiting for decisions (for SWV staff)."""
    return list(
        session.exec(
            select(VrijvalVoorstel, Wijk, Pot)
            .join(Wijk, Wijk.id == VrijvalVoorstel.wijk_id)
            .join(Pot, Pot.id == VrijvalVoorstel.pot_id)
            .join(Voorstel, Voorstel.id == VrijvalVoorstel.voorstel_id)
            .where(VrijvalVoorstel.status == VoorstelStatus.OPEN)
            .order_by(Voorstel.voorgesteld_op)
        )
    )
