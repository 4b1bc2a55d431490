"""The gedeelde pot in the JSON API: the same loads, permission checks and services as the pot pages.

Writes need an `Idempotency-Key`: it goes through the one idempotency record of the portal
(`wijkportaal.core.idempotentie`), scoped to the caller by the server, so a repeat answers with the
original record and a reuse of the key for other content is refused with 409."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from flask import request
from flask_login import current_user
from pydantic import BaseModel
from sqlmodel import Session, SQLModel, select

import ledger
from wijkportaal.api import schemas
from wijkportaal.api.openapi import (
    IDEMPOTENCY_HEADER,
    api_route,
    fout,
    request_body,
    request_idempotency_key,
    request_query,
)
from wijkportaal.api.routes import bp
from wijkportaal.besluiten.models import Voorstel
from wijkportaal.core import clock, idempotentie
from wijkportaal.core.access import found_and_allowed, get_or_404_403
from wijkportaal.core.db import get_session
from wijkportaal.core.errors import Weigering
from wijkportaal.core.web import centen
from wijkportaal.pot import permissions, queries, services
from wijkportaal.pot.models import (
    Aanpak,
    Besteding,
    Bijdrage,
    Goedkeuringsregel,
    Pot,
    PotWijk,
    Terugdraaiing,
    Toekenning,
)
from wijkportaal.wijken.models import Wijk

_API_VELDEN = {"vervalt_op": "termijn_dagen"}  # service field names that differ in the API


# Reading


@api_route(
    bp,
    "/potten",
    summary="De potten die u mag zien, met ingelegd, gereserveerd, toegekend, besteed en beschikbaar",
    response=list[schemas.PotSamenvatting],
)
def potten():
    """Every pot the caller may see, in a fixed number of queries however many there are."""
    db = get_session()
    ids = permissions.zichtbare_pot_ids(db, current_user)
    query = select(Pot).order_by(Pot.periode_start.desc(), Pot.naam)
    if ids is not None:
        query = query.where(Pot.id.in_(list(ids) or [0]))
    return _samenvattingen(db, list(db.exec(query)))


@api_route(
    bp,
    "/potten/<id:pot_id>",
    summary="Eén pot met de besturen, aanpakken en toekenningen met de besluiten per bestuur",
    response=schemas.PotDetail,
    errors=(403, 404),
)
def pot_detail(pot_id: int):
    db = get_session()
    return _detail(db, _zichtbare_pot(db, pot_id))


@api_route(
    bp,
    "/potten/<id:pot_id>/transacties",
    summary="De grootboektransacties die de pot raken, nieuwste eerst",
    response=list[schemas.Transactie],
    query=schemas.TransactiesQuery,
    errors=(403, 404),
)
def pot_transacties(pot_id: int):
    db = get_session()
    pot = _zichtbare_pot(db, pot_id)
    pagina = request_query()
    transacties = services.grootboek(db).transactions(
        account=pot.account_code, limit=pagina.limit, offset=pagina.offset
    )
    return [_transactie(t) for t in transacties]


# Writing


@api_route(
    bp,
    "/potten/<id:pot_id>/bijdragen",
    summary="Een bijdrage (betaald, of toegezegd met een uiterste datum) aan de pot vastleggen",
    methods=("POST",),
    status=201,
    body=schemas.BijdrageInvoer,
    idempotency_key=True,
    response=schemas.Bijdrage,
    errors=(403, 404),
)
def bijdrage_toevoegen(pot_id: int):
    """A board records its own contribution; SWV staff the SWV's, the vrijval and co-financing."""
    db = get_session()
    pot = _zichtbare_pot(db, pot_id)
    _vereist(
        permissions.beheert_swv_geld(current_user) or permissions.neemt_deel(db, current_user, pot),
        "Alleen het samenwerkingsverband en de deelnemende besturen leggen bijdragen aan deze pot vast.",
    )
    sleutel = request_idempotency_key()
    invoer = request_body()
    _vereist(
        permissions.can_contribute(db, current_user, pot, invoer.bron, invoer.bestuur_id),
        "U kunt alleen een bijdrage van uw eigen bestuur vastleggen; het samenwerkingsverband legt de "
        "bijdragen van het SWV, de vrijval en de cofinanciering vast.",
    )

    def voeg_toe(grootboeksleutel: str) -> Bijdrage:
        with _weigeringen(db, pot):
            return services.voeg_bijdrage_toe(
                db,
                current_user,
                pot,
                bron=invoer.bron,
                bestuur_id=invoer.bestuur_id,
                partner_naam=invoer.partner_naam,
                middelen=invoer.middelen,
                bedrag_cents=invoer.bedrag,
                datum=invoer.datum,
                toezegging=invoer.toezegging,
                uiterlijk_op=invoer.uiterlijk_op,
                sleutel=grootboeksleutel,
            )

    return _eenmalig(db, sleutel, invoer, Bijdrage, voeg_toe, _bijdrage)


@api_route(
    bp,
    "/potten/<id:pot_id>/toekenningen",
    summary="Een toekenning aan een aanpak voorstellen: het bedrag wordt meteen gereserveerd",
    methods=("POST",),
    status=201,
    body=schemas.ToekenningInvoer,
    idempotency_key=True,
    response=schemas.Toekenning,
    errors=(403, 404),
)
def toekenning_voorstellen(pot_id: int):
    """Propose to fund an approach from the pot; the participating boards then decide."""
    db = get_session()
    pot = _zichtbare_pot(db, pot_id)
    _vereist(
        permissions.can_manage_pot(db, current_user, pot),
        "Alleen het samenwerkingsverband en de deelnemende besturen stellen toekenningen uit deze pot voor.",
    )
    sleutel = request_idempotency_key()
    invoer = request_body()

    def stel_voor(grootboeksleutel: str) -> Toekenning:
        aanpak = db.get(Aanpak, invoer.aanpak_id)
        if aanpak is None:
            fout(422, "Deze aanpak bestaat niet.", velden={"aanpak_id": "Deze aanpak bestaat niet."})
        with _weigeringen(db, pot):
            return services.stel_toekenning_voor(
                db,
                current_user,
                pot,
                aanpak,
                bedrag_cents=invoer.bedrag,
                toelichting=invoer.toelichting,
                vervalt_op=clock.now() + timedelta(days=invoer.termijn_dagen),
                sleutel=grootboeksleutel,
            )

    return _eenmalig(
        db, sleutel, invoer, Toekenning, stel_voor, lambda toekenning: _toekenning(db, pot, toekenning)
    )


@api_route(
    bp,
    "/toekenningen/<id:toekenning_id>/besluit",
    summary="Het besluit van uw eigen bestuur over een toekenning; geeft de toekenning met haar nieuwe status",
    methods=("POST",),
    body=schemas.BesluitInvoer,
    response=schemas.Toekenning,
    errors=(403, 404),
)
def toekenning_besluit(toekenning_id: int):
    """A bestuurder of a participating board decides for that board; never on their own proposal."""
    db = get_session()
    toekenning = get_or_404_403(Toekenning, toekenning_id)
    pot = _zichtbare_pot(db, toekenning.pot_id)
    _vereist(
        permissions.can_decide(db, current_user, toekenning),
        "U kunt hier niet over besluiten: alleen een bestuurder van een deelnemend bestuur besluit, voor het "
        "eigen bestuur, niet over een eigen voorstel en alleen zolang er nog niet over is besloten.",
    )
    invoer = request_body()
    with _weigeringen(db, pot):
        services.neem_besluit(
            db,
            current_user,
            toekenning,
            bestuur_id=current_user.bestuur_id,
            besluit=invoer.besluit,
            toelichting=invoer.toelichting,
        )
    return _toekenning(db, pot, toekenning)


_TERUGDRAAIEN = {
    "methods": ("POST",),
    "status": 201,
    "body": schemas.TerugdraaiInvoer,
    "idempotency_key": True,
    "response": schemas.Terugdraaiing,
    "errors": (403, 404),
}


@api_route(
    bp,
    "/bijdragen/<id:bijdrage_id>/terugdraaien",
    summary="Een betaalde bijdrage terugdraaien, met een reden: een nieuwe boeking draait haar om",
    **_TERUGDRAAIEN,
)
def bijdrage_terugdraaien(bijdrage_id: int):
    """SWV staff reverse any paid contribution; a board's bestuurder its own board's."""
    db = get_session()
    bijdrage = found_and_allowed(db.get(Bijdrage, bijdrage_id))
    pot = _zichtbare_pot(db, bijdrage.pot_id)
    _vereist(
        permissions.can_reverse_bijdrage(db, current_user, pot, bijdrage),
        "Alleen het samenwerkingsverband draait een bijdrage terug, en een bestuur een betaalde bijdrage "
        "van het eigen bestuur.",
    )
    return _draai_terug(db, pot, bijdrage=bijdrage)


@api_route(
    bp,
    "/bestedingen/<id:besteding_id>/terugdraaien",
    summary="Een besteding terugdraaien, met een reden: een nieuwe boeking draait haar om",
    **_TERUGDRAAIEN,
)
def besteding_terugdraaien(besteding_id: int):
    """Only SWV staff reverse a spending."""
    db = get_session()
    besteding = found_and_allowed(db.get(Besteding, besteding_id))
    pot = _zichtbare_pot(db, db.get(Aanpak, besteding.aanpak_id).pot_id)
    _vereist(
        permissions.can_reverse_besteding(current_user),
        "Alleen het samenwerkingsverband draait een besteding terug.",
    )
    return _draai_terug(db, pot, besteding=besteding)


def _draai_terug(db: Session, pot: Pot, **boeking):
    sleutel = request_idempotency_key()
    invoer = request_body()

    def draai_terug(grootboeksleutel: str) -> Terugdraaiing:
        with _weigeringen(db, pot):
            return services.draai_terug(
                db, current_user, pot, reden=invoer.reden, sleutel=grootboeksleutel, **boeking
            )

    return _eenmalig(db, sleutel, invoer, Terugdraaiing, draai_terug, _terugdraaiing)


# Loading, checking and refusing


def _zichtbare_pot(db: Session, pot_id: int) -> Pot:
    return found_and_allowed(db.get(Pot, pot_id), lambda user, pot: permissions.can_view_pot(db, user, pot))


def _vereist(allowed: bool, toelichting: str) -> None:
    if not allowed:
        fout(403, toelichting)


@contextmanager
def _weigeringen(db: Session, pot: Pot) -> Iterator[None]:
    """What the services and the ledger refuse, as JSON errors; the request then rolls back."""
    try:
        yield
    except ledger.IdempotencyConflict as weigering:
        fout(409, str(weigering))
    except ledger.InsufficientFunds:
        beschikbaar = services.grootboek(db).balance(pot.account_code).available
        melding = f"Er is niet genoeg beschikbaar in de pot: nog {centen(beschikbaar)} vrij."
        fout(422, melding, titel="Onvoldoende beschikbaar", velden={"bedrag": melding})
    except services.OnvoldoendeBeschikbaar as weigering:  # the same words as the form's
        fout(422, str(weigering), titel="Onvoldoende beschikbaar", velden={"bedrag": str(weigering)})
    except Weigering as weigering:  # the pot's refusals and the decision component's
        veld = _API_VELDEN.get(weigering.veld, weigering.veld)
        fout(422, str(weigering), velden={veld: str(weigering)} if veld else {})
    except ledger.LedgerError as weigering:
        fout(422, str(weigering))


# Idempotency


def _eenmalig(
    db: Session,
    sleutel: str,
    invoer: BaseModel,
    soort: type[SQLModel],
    maak: Callable[[str], SQLModel],
    antwoord: Callable[[SQLModel], BaseModel],
):
    """Run `maak(ledger_key)` once per (caller, key): 201 with the new record, 200 with the original on
    a repeat with the same content, 409 when the key was used for something else."""
    fingerprint = idempotentie.digest(request.endpoint, request.view_args, invoer.model_dump(mode="json"))
    try:
        record, nieuw = idempotentie.eenmalig(db, current_user, sleutel, fingerprint, soort, maak)
    except idempotentie.SleutelHergebruikt:
        fout(
            409,
            f"Deze {IDEMPOTENCY_HEADER} is al gebruikt voor een ander verzoek. Gebruik een nieuwe sleutel "
            "voor een nieuwe boeking.",
        )
    return antwoord(record), 201 if nieuw else 200


# Responses


def _samenvattingen(db: Session, lijst: list[Pot]) -> list[schemas.PotSamenvatting]:
    cijfers = queries.cijfers(db, lijst)
    wijken: dict[int, list[str]] = {}
    if lijst:
        for pot_id, code in db.exec(
            select(PotWijk.pot_id, Wijk.code)
            .join(Wijk, Wijk.id == PotWijk.wijk_id)
            .where(PotWijk.pot_id.in_([p.id for p in lijst]))
            .order_by(Wijk.code)
        ):
            wijken.setdefault(pot_id, []).append(code)
    return [
        schemas.PotSamenvatting(
            id=pot.id,
            naam=pot.naam,
            periode_soort=pot.periode_soort,
            periode_start=pot.periode_start,
            periode_eind=pot.periode_eind,
            regel=pot.regel,
            wijken=wijken.get(pot.id, []),
            ingelegd=cijfers[pot.id].ingelegd,
            toegezegd=cijfers[pot.id].toegezegd,
            gereserveerd=cijfers[pot.id].gereserveerd,
            toegekend=cijfers[pot.id].toegekend,
            besteed=cijfers[pot.id].besteed,
            beschikbaar=cijfers[pot.id].beschikbaar,
        )
        for pot in lijst
    ]


def _detail(db: Session, pot: Pot) -> schemas.PotDetail:
    besturen = queries.besturen_van(db, pot)
    return schemas.PotDetail(
        **_samenvattingen(db, [pot])[0].model_dump(),
        besturen=[
            schemas.PotBestuurCijfers(
                id=b["bestuur"].id,
                naam=b["bestuur"].naam,
                ingelegd=b["ingelegd"],
                aandeel=b["aandeel"],
                eerlijk_aandeel=b["eerlijk_aandeel"],
            )
            for b in besturen
        ],
        aanpakken=[
            schemas.AanpakCijfers(
                id=a["aanpak"].id,
                naam=a["aanpak"].naam,
                niveau=a["aanpak"].niveau,
                budget_per_jaar=[
                    schemas.Jaarbudget(jaar=jaar, bedrag=bedrag)
                    for jaar, bedrag in sorted(a["budget"].items())
                ],
                budget_totaal=a["budget_totaal"],
                toegekend=a["toegekend"],
                besteed=a["besteed"],
            )
            for a in queries.aanpakken_van(db, pot)
        ],
        toekenningen=[_toekenning_met(*rij, besturen) for rij in queries.toekenningen_van(db, pot)],
    )


def _toekenning(db: Session, pot: Pot, toekenning: Toekenning) -> schemas.Toekenning:
    rij = next(r for r in queries.toekenningen_van(db, pot) if r[0].id == toekenning.id)
    return _toekenning_met(*rij, queries.besturen_van(db, pot))


def _toekenning_met(
    t: Toekenning, voorstel: Voorstel, aanpak: Aanpak, besluiten: dict, besturen: list[dict]
) -> schemas.Toekenning:
    def besluit(bestuur) -> schemas.BestuurBesluit:
        rij = besluiten.get(bestuur.id)
        return schemas.BestuurBesluit(
            bestuur_id=bestuur.id,
            bestuur=bestuur.naam,
            besluit=rij.keuze if rij else None,
            toelichting=rij.toelichting if rij else "",
            op=rij.op if rij else None,
        )

    return schemas.Toekenning(
        id=t.id,
        pot_id=t.pot_id,
        aanpak_id=aanpak.id,
        aanpak=aanpak.naam,
        bedrag=t.bedrag_cents,
        toelichting=t.toelichting,
        regel=Goedkeuringsregel(voorstel.regel.value),
        status=t.status,
        voorgesteld_op=voorstel.voorgesteld_op,
        vervalt_op=voorstel.vervalt_op,
        afgerond_op=voorstel.afgerond_op,
        transactie_id=t.transaction_id,
        besluiten=[besluit(b["bestuur"]) for b in besturen],
    )


def _terugdraaiing(rij: Terugdraaiing) -> schemas.Terugdraaiing:
    return schemas.Terugdraaiing(
        id=rij.id,
        pot_id=rij.pot_id,
        bijdrage_id=rij.bijdrage_id,
        besteding_id=rij.besteding_id,
        transactie_id=rij.origineel_transaction_id,
        correctie_transactie_id=rij.transaction_id,
        reden=rij.reden,
        door_id=rij.door_id,
        op=rij.op,
    )


def _bijdrage(bijdrage: Bijdrage) -> schemas.Bijdrage:
    return schemas.Bijdrage(
        id=bijdrage.id,
        pot_id=bijdrage.pot_id,
        bron=bijdrage.bron_soort,
        bestuur_id=bijdrage.bestuur_id,
        partner_naam=bijdrage.partner_naam,
        middelen=bijdrage.middelen,
        bedrag=bijdrage.bedrag_cents,
        datum=bijdrage.datum,
        toezegging=bijdrage.is_toezegging,
        uiterlijk_op=bijdrage.uiterlijk_op,
        betaald_op=bijdrage.betaald_op,
        transactie_id=bijdrage.transaction_id,
    )


def _transactie(t: ledger.PostedTransaction) -> schemas.Transactie:
    return schemas.Transactie(
        id=t.id,
        datum=t.effective_date,
        omschrijving=t.description,
        boekingen=[schemas.Boeking(rekening=p.account, centen=p.cents) for p in t.postings],
        ingevoerd_op=t.entered_at,
        hash=t.hash,
        vorige_hash=t.prev_hash,
        draait_terug=t.reverses,
    )
