"""The only code that changes proposals and decisions. Services flush; the request commits once.

A feature proposes (`stel_voor`), lets users decide (`beslis`) and acts on the status returned: the
component only records and counts, the money moves in the feature."""

from collections.abc import Collection, Mapping
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session

from wijkportaal.besluiten import queries
from wijkportaal.besluiten.models import (
    BesluitKeuze,
    Besluitregel,
    Voorstel,
    VoorstelBesluit,
    VoorstelBestuur,
    VoorstelStatus,
)
from wijkportaal.besluiten.rules import uitkomst
from wijkportaal.core import audit, clock
from wijkportaal.core.db import lock_row
from wijkportaal.core.errors import Weigering


class BesluitFout(Weigering):
    """A decision (or proposal) the rules of the decision workflow refuse."""


def stel_voor(
    session: Session,
    user,
    *,
    soort: str,
    regel: Besluitregel,
    besturen: Collection[int] = (),
    beslisser_id: int | None = None,
    vervalt_op: datetime | None = None,
    wijk_id: int | None = None,
) -> Voorstel:
    """A proposal of kind `soort` for `besturen` to decide on, or for `beslisser_id` alone (ALLEEN)."""
    if regel == Besluitregel.ALLEEN:
        if beslisser_id is None:
            raise BesluitFout("Kies wie over dit voorstel besluit.")
        if beslisser_id == user.id:
            raise BesluitFout("U kunt niet besluiten over uw eigen voorstel.")
        besturen = ()
    else:
        beslisser_id = None
        if not besturen:
            raise BesluitFout("Er doen geen besturen mee die over dit voorstel kunnen besluiten.")
    if vervalt_op is not None and vervalt_op <= clock.now():
        raise BesluitFout("De termijn voor de besluiten moet in de toekomst liggen.", "vervalt_op")
    voorstel = Voorstel(
        soort=soort,
        regel=regel,
        beslisser_id=beslisser_id,
        voorgesteld_door_id=user.id,
        vervalt_op=vervalt_op,
    )
    session.add(voorstel)
    session.flush()
    session.add_all(VoorstelBestuur(voorstel_id=voorstel.id, bestuur_id=b) for b in sorted(set(besturen)))
    session.flush()
    audit.record(
        session,
        user,
        voorstel,
        "voorgesteld",
        {
            "soort": soort,
            "regel": regel,
            "bestuur_ids": sorted(set(besturen)),
            "beslisser_id": beslisser_id,
            "vervalt_op": vervalt_op,
        },
        wijk_id=wijk_id,
    )
    return voorstel


def stel_veel_voor(
    session: Session, user, *, soort: str, voorstellen: list[tuple[Besluitregel, Collection[int]]]
) -> list[Voorstel]:
    """`stel_voor` for many proposals of one kind, each (rule, deciding boards), without a deadline, in
    a fixed number of statements: for a job that proposes at scale (the carry-overs of a school year)."""
    if any(regel == Besluitregel.ALLEEN or not besturen for regel, besturen in voorstellen):
        raise BesluitFout("Er doen geen besturen mee die over dit voorstel kunnen besluiten.")
    rijen = [Voorstel(soort=soort, regel=regel, voorgesteld_door_id=user.id) for regel, _ in voorstellen]
    session.add_all(rijen)
    session.flush()
    session.execute(
        sa.insert(VoorstelBestuur),
        [
            {"voorstel_id": v.id, "bestuur_id": b}
            for v, (_, besturen) in zip(rijen, voorstellen, strict=True)
            for b in sorted(set(besturen))
        ],
    )
    audit.record_veel(
        session,
        user,
        [
            (v, "voorgesteld", {"soort": soort, "regel": regel, "bestuur_ids": sorted(set(besturen))})
            for v, (regel, besturen) in zip(rijen, voorstellen, strict=True)
        ],
    )
    session.flush()
    return rijen


def controleer(
    regel: Besluitregel,
    voorgesteld_door_id: int,
    beslissers: Collection[int],
    al_besloten: Collection[int],
    user,
    beslisser: int | None,
    keuze: BesluitKeuze,
    toelichting: str,
) -> None:
    """The rules for one decision: not on one's own proposal, only by a decider, once, and a reason
    when rejecting. `beslisser` is whom the decision is for: a board, or the user under ALLEEN."""
    alleen = regel == Besluitregel.ALLEEN
    if voorgesteld_door_id == user.id:
        raise BesluitFout("U kunt niet besluiten over uw eigen voorstel.")
    if beslisser not in beslissers:
        raise BesluitFout(
            "Over dit voorstel besluit iemand anders."
            if alleen
            else "Dit bestuur doet niet mee aan dit besluit."
        )
    if beslisser in al_besloten:
        raise BesluitFout(
            "U heeft al besloten over dit voorstel."
            if alleen
            else "Dit bestuur heeft al besloten over dit voorstel."
        )
    if keuze == BesluitKeuze.AFGEWEZEN and not toelichting.strip():
        raise BesluitFout("Geef een reden als u afwijst.", "toelichting")


def beslis(
    session: Session,
    user,
    voorstel: Voorstel,
    *,
    keuze: BesluitKeuze,
    toelichting: str,
    bestuur_id: int | None = None,
    gewicht: Mapping[int, int] | None = None,
    wijk_id: int | None = None,
) -> VoorstelStatus:
    """Record one decision (for `bestuur_id`, or the user's own under ALLEEN) and return the status the
    rule gives; the caller acts on GOEDGEKEURD and AFGEWEZEN. `gewicht`: board → cents, for GEWOGEN."""
    voorstel = lock_row(session, Voorstel, voorstel.id)  # deciders at once: one after the other
    if voorstel.status != VoorstelStatus.OPEN:
        raise BesluitFout(f"Over dit voorstel is al besloten ({voorstel.status.label.lower()}).")
    if voorstel.vervalt_op is not None and voorstel.vervalt_op <= clock.now():
        raise BesluitFout("De termijn voor besluiten is verstreken.")
    alleen = voorstel.regel == Besluitregel.ALLEEN
    beslissers = queries.beslissers(session, voorstel)
    beslisser = user.id if alleen else bestuur_id
    al_besloten = queries.besluiten_van(session, [voorstel.id])[voorstel.id]
    controleer(
        voorstel.regel,
        voorstel.voorgesteld_door_id,
        beslissers,
        al_besloten,
        user,
        beslisser,
        keuze,
        toelichting,
    )
    rij = VoorstelBesluit(
        voorstel_id=voorstel.id,
        bestuur_id=None if alleen else bestuur_id,
        keuze=keuze,
        toelichting=toelichting.strip(),
        gebruiker_id=user.id,
    )
    session.add(rij)
    session.flush()
    audit.record(
        session,
        user,
        rij,
        keuze.value,
        {"voorstel_id": voorstel.id, "bestuur_id": rij.bestuur_id, "toelichting": rij.toelichting},
        wijk_id=wijk_id,
    )
    besluiten = {b: x.keuze for b, x in queries.besluiten_van(session, [voorstel.id])[voorstel.id].items()}
    status = uitkomst(voorstel.regel, beslissers, besluiten, gewicht)
    if status != VoorstelStatus.OPEN:
        _rond_af(session, voorstel, status, wijk_id)
    return status


def verloop(session: Session, voorstel: Voorstel, wijk_id: int | None = None) -> None:
    """The decision period has passed without an outcome; the caller releases what it held."""
    _rond_af(session, voorstel, VoorstelStatus.VERLOPEN, wijk_id)


def _rond_af(session: Session, voorstel: Voorstel, status: VoorstelStatus, wijk_id: int | None) -> None:
    voorstel.status = status
    voorstel.afgerond_op = clock.now()
    session.flush()
    audit.record(session, None, voorstel, status.value, {"regel": voorstel.regel}, wijk_id=wijk_id)
