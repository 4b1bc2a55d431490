"""The only code that changes pots. Money moves only through the ledger's public API; services flush,
the request commits once, and any failure rolls the ledger back with everything else.

`sleutel` is the ledger's idempotency key. Callers derive it from the one idempotency record
(`wijkportaal.core.idempotentie`) or, for the server's own bookings, from the record they book for;
a service never looks a repeat up itself."""

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Session, func, select

import ledger
from ledger import AccountKind, Ledger, LedgerError, Posting, ReservationRequest, TransactionDraft
from wijkportaal.besluiten import queries as besluiten_queries
from wijkportaal.besluiten import services as besluiten
from wijkportaal.besluiten.models import BesluitKeuze, Voorstel, VoorstelStatus
from wijkportaal.core import audit, clock
from wijkportaal.core.errors import Weigering
from wijkportaal.core.web import centen
from wijkportaal.pot import rules
from wijkportaal.pot.models import (
    Aanpak,
    AanpakBudget,
    AanpakSchool,
    Besteding,
    Bijdrage,
    BronSoort,
    Goedkeuringsregel,
    Overheveling,
    OverhevelingStatus,
    PeriodeSoort,
    Pot,
    PotBestuur,
    PotWijk,
    Terugdraaiing,
    Toekenning,
    besteding_telt,
    bijdrage_telt,
)
from wijkportaal.wijken.models import Bestuur

UITGAVEN = "uitgaven"
TOEKENNING = "toekenning"  # the soort of an allocation's Voorstel
OVERHEVELING = "overheveling"  # the soort of a carry-over's Voorstel


class PotFout(Weigering):
    """A change the rules of this feature refuse."""


class OnvoldoendeBeschikbaar(PotFout):
    """More money asked of the pot than it has available."""


def grootboek(session: Session) -> Ledger:
    return Ledger(session, now=clock.now)


def _door(user) -> str:
    return f"{user.naam} <{user.email}> (gebruiker {user.id})"


def _ensure_account(book: Ledger, code: str, naam: str, kind: AccountKind) -> None:
    try:
        book.balance(code)
    except ledger.NotFound:
        book.open_account(code, naam, kind)


def periode(soort: PeriodeSoort, jaar: int) -> tuple[date, date]:
    if soort == PeriodeSoort.SCHOOLJAAR:
        return clock.schooljaar_grenzen(jaar)
    return date(jaar, 1, 1), date(jaar, 12, 31)


def pot_besturen(session: Session, pot: Pot) -> list[int]:
    return list(session.exec(select(PotBestuur.bestuur_id).where(PotBestuur.pot_id == pot.id)))


def ingelegd_per_bestuur(session: Session, pot: Pot) -> dict[int, int]:
    """Cents each board has paid into the pot (pledges not counted)."""
    rows = session.exec(
        select(Bijdrage.bestuur_id, func.sum(Bijdrage.bedrag_cents))
        .where(
            Bijdrage.pot_id == pot.id,
            Bijdrage.bestuur_id.is_not(None),
            Bijdrage.transaction_id.is_not(None),
            bijdrage_telt(),
        )
        .group_by(Bijdrage.bestuur_id)
    ).all()
    return {bestuur_id: int(total) for bestuur_id, total in rows}


def weiger_als_gesloten(pot: Pot, veld: str | None = None) -> None:
    """A closed pot takes no new money and funds nothing new; its balance goes to the new year's pot."""
    if pot.gesloten_op is not None:
        raise PotFout(
            f"{pot.naam} is gesloten op {pot.gesloten_op:%d-%m-%Y}: wat er over was, wordt overgeheveld "
            "naar de pot van het nieuwe schooljaar.",
            veld,
        )


def heeft_geld(session: Session, pot: Pot) -> bool:
    return (
        session.exec(
            select(Bijdrage.id).where(Bijdrage.pot_id == pot.id, Bijdrage.transaction_id.is_not(None))
        ).first()
        is not None
    )


# Pots


def open_pot(
    session,
    user,
    *,
    naam: str,
    periode_soort: PeriodeSoort,
    jaar: int,
    wijk_ids: list[int],
    bestuur_ids: list[int],
    regel: Goedkeuringsregel,
) -> Pot:
    if not wijk_ids:
        raise PotFout("Kies minstens één wijk.", "wijk_ids")
    if not bestuur_ids:
        raise PotFout("Kies de besturen die meedoen.", "bestuur_ids")
    start, eind = periode(periode_soort, jaar)
    pot = Pot(
        naam=naam.strip(),
        account_code="",
        periode_soort=periode_soort,
        periode_start=start,
        periode_eind=eind,
        regel=regel,
        aangemaakt_door_id=user.id,
    )
    session.add(pot)
    session.flush()
    pot.account_code = f"pot:{pot.id}"
    session.add_all(PotWijk(pot_id=pot.id, wijk_id=w) for w in sorted(set(wijk_ids)))
    session.add_all(PotBestuur(pot_id=pot.id, bestuur_id=b) for b in sorted(set(bestuur_ids)))
    grootboek(session).open_account(pot.account_code, pot.naam, AccountKind.POT)
    session.flush()
    audit.record(
        session,
        user,
        pot,
        "geopend",
        {
            "naam": pot.naam,
            "periode": [start, eind],
            "regel": regel,
            "wijk_ids": sorted(wijk_ids),
            "bestuur_ids": sorted(bestuur_ids),
        },
    )
    return pot


def wijzig_regel(session, user, pot: Pot, regel: Goedkeuringsregel) -> None:
    if pot.regel == regel:
        return
    if heeft_geld(session, pot):
        raise PotFout("De goedkeuringsregel ligt vast zodra er geld in de pot zit.", "regel")
    changed = audit.changes(pot, {"regel": regel})
    session.flush()
    audit.record(session, user, pot, "regel gewijzigd", changed)


# Contributions


def _bron_rekening(book: Ledger, session, bron: BronSoort, bestuur_id: int | None, partner_naam: str) -> str:
    if bron == BronSoort.BESTUUR:
        bestuur = session.get(Bestuur, bestuur_id)
        code = f"bestuur:{bestuur_id}"
        _ensure_account(book, code, f"Bijdragen {bestuur.naam}", AccountKind.BIJDRAGE)
    elif bron == BronSoort.SWV:
        code = "swv:samenwerking-wijk-regio"
        _ensure_account(book, code, "SWV: Samenwerking in de wijk en regio", AccountKind.BUDGET)
    elif bron == BronSoort.VRIJVAL:
        code = "swv:vrijval"
        _ensure_account(book, code, "SWV: vrijval door minder verwijzingen", AccountKind.BUDGET)
    elif bron == BronSoort.GEMEENTE:
        code = "cofinanciering:gemeente"
        _ensure_account(book, code, "Cofinanciering gemeente", AccountKind.COFINANCIERING)
    else:
        from wijkportaal.wijken.services import slug

        code = f"cofinanciering:partner:{slug(partner_naam)}"
        _ensure_account(book, code, f"Cofinanciering {partner_naam}", AccountKind.COFINANCIERING)
    return code


def voeg_bijdrage_toe(
    session,
    user,
    pot: Pot,
    *,
    bron: BronSoort,
    bestuur_id: int | None,
    partner_naam: str,
    middelen: str,
    bedrag_cents: int,
    datum: date,
    toezegging: bool,
    uiterlijk_op: date | None,
    sleutel: str,
    goedgekeurd_door_besturen: bool = False,
) -> Bijdrage:
    weiger_als_gesloten(pot)
    if bron == BronSoort.VRIJVAL and not goedgekeurd_door_besturen:
        raise PotFout(
            "Vrijval komt alleen in de pot na instemming van de besturen: stel het voor in de monitor.",
            "bron",
        )
    if bron == BronSoort.BESTUUR and bestuur_id not in pot_besturen(session, pot):
        raise PotFout("Dit bestuur doet niet mee in deze pot.", "bestuur_id")
    onvolledig = rules.bijdrage_onvolledig(
        bron == BronSoort.PARTNER, partner_naam, toezegging, datum, uiterlijk_op
    )
    if onvolledig:
        raise PotFout(*onvolledig)
    bijdrage = Bijdrage(
        pot_id=pot.id,
        bron_soort=bron,
        bestuur_id=bestuur_id if bron == BronSoort.BESTUUR else None,
        partner_naam=partner_naam.strip(),
        middelen=middelen.strip(),
        bedrag_cents=bedrag_cents,
        datum=datum,
        is_toezegging=toezegging,
        uiterlijk_op=uiterlijk_op if toezegging else None,
        ingevoerd_door_id=user.id,
    )
    session.add(bijdrage)
    session.flush()
    if not toezegging:
        _boek_bijdrage(session, user, pot, bijdrage, datum, sleutel)
    audit.record(
        session,
        user,
        bijdrage,
        "toegezegd" if toezegging else "ingelegd",
        {"pot_id": pot.id, "bron": bron, "bestuur_id": bijdrage.bestuur_id, "bedrag_cents": bedrag_cents},
    )
    return bijdrage


def _boek_bijdrage(session, user, pot: Pot, bijdrage: Bijdrage, datum: date, sleutel: str) -> None:
    book = grootboek(session)
    bron = _bron_rekening(book, session, bijdrage.bron_soort, bijdrage.bestuur_id, bijdrage.partner_naam)
    tx = book.post(
        TransactionDraft(
            postings=(
                Posting(pot.account_code, bijdrage.bedrag_cents),
                Posting(bron, -bijdrage.bedrag_cents),
            ),
            effective_date=datum,
            description=f"Bijdrage aan {pot.naam} ({bijdrage.middelen})",
            entered_by=_door(user),
            idempotency_key=sleutel,
        )
    )
    bijdrage.transaction_id = tx.id
    bijdrage.betaald_op = datum
    session.flush()


def betaal_toezegging(session, user, bijdrage: Bijdrage, datum: date, sleutel: str) -> Bijdrage:
    if not bijdrage.is_toezegging or bijdrage.transaction_id is not None:
        raise PotFout("Deze toezegging is al betaald.")
    melding = rules.betaling_te_vroeg(bijdrage.datum, datum)
    if melding:
        raise PotFout(melding, "datum")
    pot = session.get(Pot, bijdrage.pot_id)
    _boek_bijdrage(session, user, pot, bijdrage, datum, sleutel)
    audit.record(session, user, bijdrage, "toezegging betaald", {"bedrag_cents": bijdrage.bedrag_cents})
    return bijdrage


# Approaches


def maak_aanpak(
    session,
    user,
    pot: Pot,
    *,
    naam: str,
    doel: str,
    doelgroep: str,
    niveau: str,
    school_ids: list[int],
    budgetten: dict[int, int],
) -> Aanpak:
    aanpak = Aanpak(
        pot_id=pot.id,
        naam=naam.strip(),
        doel=doel.strip(),
        doelgroep=doelgroep.strip(),
        niveau=niveau,
        account_code="",
        aangemaakt_door_id=user.id,
    )
    session.add(aanpak)
    session.flush()
    aanpak.account_code = f"aanpak:{aanpak.id}"
    session.add_all(AanpakSchool(aanpak_id=aanpak.id, organisatie_id=s) for s in sorted(set(school_ids)))
    session.add_all(
        AanpakBudget(aanpak_id=aanpak.id, jaar=j, bedrag_cents=c) for j, c in sorted(budgetten.items())
    )
    book = grootboek(session)
    book.open_account(aanpak.account_code, aanpak.naam, AccountKind.AANPAK)
    _ensure_account(book, UITGAVEN, "Uitgaven aan aanpakken", AccountKind.UITGAVEN)
    session.flush()
    audit.record(
        session,
        user,
        aanpak,
        "aangemaakt",
        {"naam": aanpak.naam, "pot_id": pot.id, "budgetten": budgetten, "school_ids": sorted(school_ids)},
    )
    return aanpak


# Allocations with approval


def stel_toekenning_voor(
    session,
    user,
    pot: Pot,
    aanpak: Aanpak,
    *,
    bedrag_cents: int,
    toelichting: str,
    vervalt_op: datetime,
    sleutel: str,
) -> Toekenning:
    if aanpak.pot_id != pot.id:
        raise PotFout("Deze aanpak hoort niet bij deze pot.", "aanpak_id")
    weiger_als_gesloten(pot)
    voorstel = besluiten.stel_voor(
        session,
        user,
        soort=TOEKENNING,
        regel=pot.regel.besluitregel,
        besturen=pot_besturen(session, pot),
        vervalt_op=vervalt_op,
    )
    book = grootboek(session)
    melding = rules.boven_beschikbaar(book.balance(pot.account_code).available, bedrag_cents)
    if melding:
        raise OnvoldoendeBeschikbaar(melding, "bedrag")
    try:
        reservation = book.reserve(
            pot.account_code,
            aanpak.account_code,
            bedrag_cents,
            idempotency_key=sleutel,
            entered_by=_door(user),
            description=f"Toekenning aan {aanpak.naam}",
            expires_at=vervalt_op,
        )
    except ledger.InsufficientFunds as fout:  # another booking took the money in the meantime
        beschikbaar = book.balance(pot.account_code).available
        melding = rules.boven_beschikbaar(beschikbaar, bedrag_cents) or str(fout)
        raise OnvoldoendeBeschikbaar(melding, "bedrag") from fout
    toekenning = Toekenning(
        voorstel_id=voorstel.id,
        pot_id=pot.id,
        aanpak_id=aanpak.id,
        bedrag_cents=bedrag_cents,
        toelichting=toelichting.strip(),
        reservation_id=reservation.id,
    )
    session.add(toekenning)
    session.flush()
    audit.record(
        session,
        user,
        toekenning,
        "voorgesteld",
        {"aanpak_id": aanpak.id, "bedrag_cents": bedrag_cents, "vervalt_op": vervalt_op},
    )
    return toekenning


def _besluit_over_reservering(
    session: Session,
    user,
    voorstel_id: int,
    pot: Pot,
    reservation_id: int,
    *,
    bestuur_id: int,
    besluit: BesluitKeuze,
    toelichting: str,
    sleutel: str,
    omschrijving: str,
) -> tuple[VoorstelStatus, int | None]:
    """One board's decision on a proposal whose money is reserved (an allocation, a carry-over), weighed
    by what each board put into `pot`. When the rule is met the reservation posts (its transaction's id is
    returned); when it fails the reservation is released."""
    status = besluiten.beslis(
        session,
        user,
        session.get(Voorstel, voorstel_id),
        keuze=besluit,
        toelichting=toelichting,
        bestuur_id=bestuur_id,
        gewicht=ingelegd_per_bestuur(session, pot),
    )
    book = grootboek(session)
    if status == VoorstelStatus.GOEDGEKEURD:
        tx = book.post_reservation(
            reservation_id,
            idempotency_key=sleutel,
            entered_by=_door(user),
            effective_date=clock.today(),
            description=omschrijving,
        )
        return status, tx.id
    if status == VoorstelStatus.AFGEWEZEN:
        book.void_reservation(reservation_id)
    return status, None


def neem_besluit(
    session, user, toekenning: Toekenning, *, bestuur_id: int, besluit: BesluitKeuze, toelichting: str
) -> VoorstelStatus:
    """Record one board's decision; when the rule is met the reservation posts, when it fails it is released."""
    pot = session.get(Pot, toekenning.pot_id)
    aanpak = session.get(Aanpak, toekenning.aanpak_id)
    status, tx_id = _besluit_over_reservering(
        session,
        user,
        toekenning.voorstel_id,
        pot,
        toekenning.reservation_id,
        bestuur_id=bestuur_id,
        besluit=besluit,
        toelichting=toelichting,
        sleutel=f"toekenning-{toekenning.id}",
        omschrijving=f"Toekenning aan {aanpak.naam} ({pot.naam})",
    )
    if tx_id is not None:
        toekenning.transaction_id = tx_id
    if status != VoorstelStatus.OPEN:
        toekenning.status = status
        session.flush()
        audit.record(session, None, toekenning, status.value, {"regel": pot.regel})
    return status


def verloop_toekenningen(session: Session, moment: datetime | None = None) -> int:
    """Release the money of every open allocation whose decision period has passed (a scheduled job)."""
    verlopen = besluiten_queries.verlopen(session, TOEKENNING, moment)
    for voorstel in verlopen:
        toekenning = session.exec(select(Toekenning).where(Toekenning.voorstel_id == voorstel.id)).one()
        besluiten.verloop(session, voorstel)
        grootboek(session).void_reservation(toekenning.reservation_id)
        toekenning.status = VoorstelStatus.VERLOPEN
        session.flush()
        audit.record(session, None, toekenning, "verlopen", {})
    return len(verlopen)


# The new school year: old pots close, and what is left is carried over with the boards' approval


@dataclass
class NieuwSchooljaar:
    """What closing the old school year's pots did."""

    gesloten: list[Pot] = field(default_factory=list)
    geopend: list[Pot] = field(default_factory=list)
    hergebruikt: list[Pot] = field(default_factory=list)
    overhevelingen: list[Overheveling] = field(default_factory=list)


def sluit_schooljaar(session: Session, door, jaar: int) -> NieuwSchooljaar:
    """Close every open school-year pot that ended before school year `jaar`, give each the pot of `jaar`
    for the same wijken (an open one SWV staff already made, or a new one with the same boards and rule),
    and propose to carry its available balance over: reserved now, moved when its boards agree.

    In a fixed number of queries for the pots (reads, inserts and updates in bulk); per carry-over only the
    proposal and its reservation. `door` proposes (the portal's own account, for the job)."""
    start, eind = clock.schooljaar_grenzen(jaar)
    oude = list(
        session.exec(
            select(Pot)
            .where(
                Pot.periode_soort == PeriodeSoort.SCHOOLJAAR,
                Pot.periode_eind < start,
                Pot.gesloten_op.is_(None),
            )
            .order_by(Pot.id)
        )
    )
    resultaat = NieuwSchooljaar()
    if not oude:
        return resultaat
    nieuwe = list(
        session.exec(
            select(Pot)
            .where(
                Pot.periode_soort == PeriodeSoort.SCHOOLJAAR,
                Pot.periode_start == start,
                Pot.gesloten_op.is_(None),
            )
            .order_by(Pot.id)
        )
    )
    ids = [p.id for p in oude + nieuwe]
    wijken: dict[int, set[int]] = {}
    for pot_id, wijk_id in session.exec(
        select(PotWijk.pot_id, PotWijk.wijk_id).where(PotWijk.pot_id.in_(ids))
    ):
        wijken.setdefault(pot_id, set()).add(wijk_id)
    besturen: dict[int, set[int]] = {}
    for pot_id, bestuur_id in session.exec(
        select(PotBestuur.pot_id, PotBestuur.bestuur_id).where(PotBestuur.pot_id.in_([p.id for p in oude]))
    ):
        besturen.setdefault(pot_id, set()).add(bestuur_id)
    per_wijken: dict[frozenset[int], Pot] = {}
    for pot in nieuwe:
        per_wijken.setdefault(frozenset(wijken.get(pot.id, ())), pot)
    hergebruikt = set()

    # The new pots, one per set of wijken, inserted together.
    te_openen: dict[frozenset[int], Pot] = {}
    besturen_nieuw: dict[frozenset[int], set[int]] = {}
    voor: dict[int, Pot] = {}
    for oud in oude:
        sleutel = frozenset(wijken.get(oud.id, ()))
        if sleutel in per_wijken:
            voor[oud.id] = per_wijken[sleutel]
            hergebruikt.add(per_wijken[sleutel].id)
            continue
        if sleutel not in te_openen:
            te_openen[sleutel] = Pot(
                naam=rules.naam_in_schooljaar(
                    oud.naam,
                    clock.schooljaar_label(clock.schooljaar_van(oud.periode_start)),
                    clock.schooljaar_label(jaar),
                ),
                account_code=f"nieuw:{oud.id}",  # unique until the id is known
                periode_soort=PeriodeSoort.SCHOOLJAAR,
                periode_start=start,
                periode_eind=eind,
                regel=oud.regel,
                aangemaakt_door_id=door.id,
            )
            besturen_nieuw[sleutel] = besturen.get(oud.id, set())
        voor[oud.id] = te_openen[sleutel]
    geopend = list(te_openen.items())
    if geopend:
        session.add_all(p for _, p in geopend)
        session.flush()
        for _, pot in geopend:
            pot.account_code = f"pot:{pot.id}"
        session.execute(
            sa.insert(PotWijk), [{"pot_id": p.id, "wijk_id": w} for s, p in geopend for w in sorted(s)]
        )
        besturen_rijen = [
            {"pot_id": p.id, "bestuur_id": b} for s, p in geopend for b in sorted(besturen_nieuw[s])
        ]
        if besturen_rijen:
            session.execute(sa.insert(PotBestuur), besturen_rijen)
        session.flush()
        grootboek(session).open_accounts([(p.account_code, p.naam, AccountKind.POT) for _, p in geopend])
    resultaat.geopend = [p for _, p in geopend]
    resultaat.hergebruikt = [p for p in nieuwe if p.id in hergebruikt]

    # Close the old pots, then propose the carry-over of what each has available.
    moment = clock.now()
    for oud in oude:
        oud.gesloten_op = moment
    session.flush()
    resultaat.gesloten = oude
    book = grootboek(session)
    saldi = book.balances([p.account_code for p in oude])
    over = [p for p in oude if saldi[p.account_code].available > 0 and besturen.get(p.id)]
    resultaat.overhevelingen = _stel_overhevelingen_voor(
        session, book, door, [(p, voor[p.id], saldi[p.account_code].available, besturen[p.id]) for p in over]
    )
    audit.record(
        session,
        door,
        "potten",
        "schooljaar afgesloten",
        {
            "schooljaar": clock.schooljaar_label(jaar),
            "gesloten": [p.id for p in oude],
            "geopend": [p.id for p in resultaat.geopend],
            "overhevelingen": [o.id for o in resultaat.overhevelingen],
        },
    )
    return resultaat


def _stel_overhevelingen_voor(
    session: Session, book: Ledger, door, over: list[tuple[Pot, Pot, int, set[int]]]
) -> list[Overheveling]:
    """Per (old pot, new pot, cents, boards): a proposal for the old pot's boards under its rule, the
    cents reserved in the old pot for the new one, and the carry-over pointing at both; all in bulk."""
    if not over:
        return []
    voorstellen = besluiten.stel_veel_voor(
        session,
        door,
        soort=OVERHEVELING,
        voorstellen=[(van.regel.besluitregel, sorted(b)) for van, _, _, b in over],
    )
    reserveringen = book.reserve_many(
        [
            ReservationRequest(
                van.account_code,
                naar.account_code,
                bedrag,
                idempotency_key=f"overheveling-van-pot-{van.id}",
                entered_by=_door(door),
                description=f"Overheveling naar {naar.naam}",
            )
            for van, naar, bedrag, _ in over
        ]
    )
    rijen = [
        Overheveling(
            voorstel_id=voorstel.id,
            van_pot_id=van.id,
            naar_pot_id=naar.id,
            bedrag_cents=bedrag,
            reservation_id=reservering.id,
            voorgesteld_door_id=door.id,
        )
        for (van, naar, bedrag, _), voorstel, reservering in zip(
            over, voorstellen, reserveringen, strict=True
        )
    ]
    session.add_all(rijen)
    session.flush()
    audit.record_veel(
        session,
        door,
        [
            (o, "voorgesteld", {"van": o.van_pot_id, "naar": o.naar_pot_id, "bedrag_cents": o.bedrag_cents})
            for o in rijen
        ],
    )
    return rijen


def neem_overhevelingsbesluit(
    session: Session,
    user,
    overheveling: Overheveling,
    *,
    bestuur_id: int,
    besluit: BesluitKeuze,
    toelichting: str,
) -> OverhevelingStatus:
    """Record one board's decision on a carry-over; when the old pot's rule is met the reserved balance is
    posted into the new pot, when it fails the reservation is released and the money stays."""
    van, naar = session.get(Pot, overheveling.van_pot_id), session.get(Pot, overheveling.naar_pot_id)
    status, tx_id = _besluit_over_reservering(
        session,
        user,
        overheveling.voorstel_id,
        van,
        overheveling.reservation_id,
        bestuur_id=bestuur_id,
        besluit=besluit,
        toelichting=toelichting,
        sleutel=f"overheveling-{overheveling.id}",
        omschrijving=f"Overheveling van {van.naam} naar {naar.naam}",
    )
    if status == VoorstelStatus.OPEN:
        return overheveling.status
    if status == VoorstelStatus.GOEDGEKEURD:
        overheveling.transaction_id = tx_id
        overheveling.status = OverhevelingStatus.AKKOORD
    else:
        overheveling.status = OverhevelingStatus.AFGEWEZEN
    overheveling.afgerond_op = clock.now()
    session.flush()
    audit.record(session, None, overheveling, overheveling.status.value, {"regel": van.regel})
    return overheveling.status


# Spending


def toegekend_en_besteed(session: Session, aanpak: Aanpak) -> tuple[int, int]:
    toegekend = session.exec(
        select(func.coalesce(func.sum(Toekenning.bedrag_cents), 0)).where(
            Toekenning.aanpak_id == aanpak.id, Toekenning.status == VoorstelStatus.GOEDGEKEURD
        )
    ).one()
    besteed = session.exec(
        select(func.coalesce(func.sum(Besteding.bedrag_cents), 0)).where(
            Besteding.aanpak_id == aanpak.id, besteding_telt()
        )
    ).one()
    return int(toegekend), int(besteed)


def boek_besteding(
    session,
    user,
    aanpak: Aanpak,
    *,
    datum: date,
    omschrijving: str,
    factuurreferentie: str,
    bedrag_cents: int,
    sleutel: str,
) -> Besteding:
    toegekend, besteed = toegekend_en_besteed(session, aanpak)
    melding = rules.boven_budget(toegekend - besteed, bedrag_cents)
    if melding:
        raise PotFout(melding, "bedrag")
    try:
        tx = grootboek(session).post(
            TransactionDraft(
                postings=(Posting(aanpak.account_code, -bedrag_cents), Posting(UITGAVEN, bedrag_cents)),
                effective_date=datum,
                description=f"{aanpak.naam}: {omschrijving.strip()}"[:500],
                entered_by=_door(user),
                idempotency_key=sleutel,
            )
        )
    except LedgerError as fout:  # the approach's account would go below zero
        beschikbaar = grootboek(session).balance(aanpak.account_code).available
        raise PotFout(
            f"Op de rekening van deze aanpak staat {centen(beschikbaar)}; u boekt {centen(bedrag_cents)}.",
            "bedrag",
        ) from fout
    besteding = Besteding(
        aanpak_id=aanpak.id,
        datum=datum,
        omschrijving=omschrijving.strip(),
        factuurreferentie=factuurreferentie.strip(),
        bedrag_cents=bedrag_cents,
        transaction_id=tx.id,
        ingevoerd_door_id=user.id,
    )
    session.add(besteding)
    session.flush()
    audit.record(session, user, besteding, "geboekt", {"aanpak_id": aanpak.id, "bedrag_cents": bedrag_cents})
    return besteding


# Reversals: a wrong booking is undone by a new one, never edited


def draai_terug(
    session,
    user,
    pot: Pot,
    *,
    bijdrage: Bijdrage | None = None,
    besteding: Besteding | None = None,
    reden: str,
    sleutel: str,
) -> Terugdraaiing:
    """Undo a paid contribution or a spending with a ledger reversal that points at it, with a reason."""
    boeking = bijdrage or besteding
    reden = reden.strip()
    if not reden:
        raise PotFout("Geef een reden waarom deze boeking wordt teruggedraaid.", "reden")
    if boeking.transaction_id is None:
        raise PotFout(
            "Een toezegging die nog niet is betaald, is niet geboekt en kan niet worden teruggedraaid."
        )
    eerder = session.exec(
        select(Terugdraaiing).where(Terugdraaiing.origineel_transaction_id == boeking.transaction_id)
    ).first()
    if eerder is not None:
        raise PotFout(f"Deze boeking is al teruggedraaid op {eerder.op:%d-%m-%Y}.")
    book = grootboek(session)
    try:
        tx = book.reverse(
            boeking.transaction_id,
            effective_date=clock.today(),
            entered_by=_door(user),
            idempotency_key=sleutel,
            reason=reden,
        )
    except ledger.InsufficientFunds as fout:
        beschikbaar = book.balance(
            pot.account_code if bijdrage else _aanpak_code(session, besteding)
        ).available
        raise PotFout(
            f"Er is nog {centen(beschikbaar)} beschikbaar; terugdraaien haalt er {centen(boeking.bedrag_cents)} "
            "af. Draai eerst de toekenningen of bestedingen terug die dit geld gebruiken.",
        ) from fout
    rij = Terugdraaiing(
        pot_id=pot.id,
        bijdrage_id=bijdrage.id if bijdrage else None,
        besteding_id=besteding.id if besteding else None,
        origineel_transaction_id=boeking.transaction_id,
        transaction_id=tx.id,
        reden=reden,
        door_id=user.id,
    )
    session.add(rij)
    session.flush()
    audit.record(
        session,
        user,
        boeking,
        "teruggedraaid",
        {"transactie": boeking.transaction_id, "correctie": tx.id, "reden": reden},
    )
    return rij


def _aanpak_code(session, besteding: Besteding) -> str:
    return session.get(Aanpak, besteding.aanpak_id).account_code
