"""The only code that changes decisions, grants, payments and releases. Services flush; the request (or
the job) commits once, and a refusal (`Weigering`) rolls everything back. Money moves only through the
begroting's services, and so through the ledger's public API; every change is in the audit log.

A decision is a proposal of the decision workflow with one decider: the application (its applicant's
proposal) is decided on by the directeur-bestuurder alone. A grant commits each year's amount from the
budget line to the initiative's own account; the ledger refuses a commitment beyond what is free, also
when two decisions race, and a payment or release beyond what that account holds."""

from decimal import Decimal
from functools import cache

from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.begroting import services as begroting
from wijkportaal.begroting.models import Regel
from wijkportaal.beoordeling import queries as beoordeling_queries
from wijkportaal.besluiten import services as besluiten
from wijkportaal.besluiten.models import BesluitKeuze, Besluitregel
from wijkportaal.core import audit, clock
from wijkportaal.core.db import lock_row
from wijkportaal.core.errors import Weigering, weiger_als
from wijkportaal.core.web import centen, datum
from wijkportaal.initiatieven import queries as initiatieven_queries
from wijkportaal.initiatieven import services as initiatieven
from wijkportaal.initiatieven.models import Aanvraag, Ronde, Status
from wijkportaal.subsidie import queries, rules
from wijkportaal.subsidie.models import Besluit, Brief, Mutatie, Mutatiesoort, Toekenning, Uitkomst

SOORT = "initiatief"  # the decision workflow's kind of proposal
_HONDERDSTE = Decimal("0.01")
NAAR_STATUS = {
    Uitkomst.TOEKENNEN: Status.TOEGEKEND,
    Uitkomst.AFWIJZEN: Status.AFGEWEZEN,
    Uitkomst.AANHOUDEN: Status.AANGEHOUDEN,
}


class SubsidieFout(Weigering):
    """A decision, payment or release the rules refuse."""


def toets(
    session: Session,
    aanvraag: Aanvraag,
    uitkomst: Uitkomst,
    motivatie: str,
    bedragen: dict[int, int | None] | None = None,
) -> tuple[Ronde, Regel | None, dict[int, int | None]]:
    """Everything `beslis` checks, without deciding: the confirmation page shows a decision only when it
    would be booked as shown. Returns the round, its budget line and the amounts per year. (What is left
    on the line is checked again by the ledger when the grant is booked, also when two decisions race.)"""
    weiger_als(
        aanvraag.status is not Status.BEOORDEELD
        and f"Over deze aanvraag kan niet (meer) worden besloten: zij is {aanvraag.status.label.lower()}.",
    )
    uitkomst = Uitkomst(uitkomst)
    weiger_als(rules.motivatie_fout(motivatie), "motivatie")
    ronde = session.get(Ronde, aanvraag.ronde_id)
    jaren = list(ronde.jaren)
    gevraagd = initiatieven_queries.gevraagd_cents(session, [aanvraag.id])[aanvraag.id]
    bedragen = dict(bedragen or {})
    for veld, melding in rules.bedrag_fouten(uitkomst, bedragen, gevraagd, jaren):
        raise SubsidieFout(melding, veld)
    regel = queries.regel_van(session, ronde)
    if uitkomst is Uitkomst.TOEKENNEN:
        weiger_als(regel is None and "De begroting heeft geen regel 'Nieuwe initiatieven'.")
        vrij = queries.resterend(session, regel, jaren)
        for jaar, cents in sorted(bedragen.items()):
            if cents and cents > vrij[jaar]:
                raise SubsidieFout(
                    f"Er is {centen(vrij[jaar])} beschikbaar op '{regel.naam}' in {jaar}; "
                    f"u vraagt {centen(cents)}.",
                    rules.veld(jaar),
                )
    return ronde, regel, bedragen


def beslis(
    session: Session,
    door,
    aanvraag: Aanvraag,
    uitkomst: Uitkomst,
    motivatie: str,
    bedragen: dict[int, int | None] | None = None,
) -> Besluit:
    """The director's decision on an assessed application: grant (an amount per year up to the request,
    within what is left on the line), reject, or hold back (the applicants make a new version). The
    decision letter is made and stored at once."""
    aanvraag = lock_row(session, Aanvraag, aanvraag.id)  # two decisions on one application: one waits
    uitkomst = Uitkomst(uitkomst)
    ronde, regel, bedragen = toets(session, aanvraag, uitkomst, motivatie, bedragen)
    motivatie = motivatie.strip()

    voorstel = besluiten.stel_voor(
        session,
        session.get(Gebruiker, aanvraag.aanvrager_id),
        soort=SOORT,
        regel=Besluitregel.ALLEEN,
        beslisser_id=door.id,
    )
    keuze = BesluitKeuze.AKKOORD if uitkomst is Uitkomst.TOEKENNEN else BesluitKeuze.AFGEWEZEN
    besluiten.beslis(session, door, voorstel, keuze=keuze, toelichting=motivatie[:2000])
    besluit = Besluit(
        aanvraag_id=aanvraag.id,
        voorstel_id=voorstel.id,
        uitkomst=uitkomst,
        motivatie=motivatie,
        genomen_door_id=door.id,
    )
    session.add(besluit)
    session.flush()
    toegekend = {}
    if uitkomst is Uitkomst.TOEKENNEN:
        for jaar, cents in sorted(bedragen.items()):
            if cents:
                toegekend[jaar] = _zeg_toe(session, door, besluit, aanvraag, regel, jaar, cents).bedrag_cents
    initiatieven.zet_status(session, aanvraag, NAAR_STATUS[uitkomst], door, reden=motivatie)
    audit.record(
        session,
        door,
        besluit,
        uitkomst.value,
        {"aanvraag_id": aanvraag.id, "motivatie": motivatie, "bedragen_cents": toegekend},
    )
    _maak_brief(session, besluit, aanvraag, ronde, door, toegekend)
    return besluit


def _zeg_toe(session, door, besluit, aanvraag, regel: Regel, jaar: int, cents: int) -> Toekenning:
    try:
        tx = begroting.zeg_toe(
            session,
            door,
            regel,
            jaar,
            cents,
            f"Toekenning {aanvraag.titel} ({jaar})",
            f"subsidie:toekenning:{aanvraag.id}:{jaar}",
            ontvanger=queries.ontvanger(aanvraag.id),
        )
    except begroting.BegrotingFout as fout:
        raise SubsidieFout(str(fout), rules.veld(jaar)) from fout
    toekenning = Toekenning(
        besluit_id=besluit.id,
        aanvraag_id=aanvraag.id,
        regel_id=regel.id,
        jaar=jaar,
        bedrag_cents=cents,
        transaction_id=tx.id,
    )
    session.add(toekenning)
    session.flush()
    return toekenning


def _maak_brief(session, besluit: Besluit, aanvraag: Aanvraag, ronde: Ronde, door, toegekend: dict) -> Brief:
    """Freeze the letter: its facts as they are now, and the HTML rendered from them once."""
    aanvrager = session.get(Gebruiker, aanvraag.aanvrager_id)
    uitslag = beoordeling_queries.uitslagen(session, [aanvraag.id]).get(aanvraag.id)
    inhoud = {
        "kenmerk": rules.kenmerk(besluit.genomen_op.year, besluit.id),
        "datum": besluit.genomen_op.date().isoformat(),
        "datum_tekst": datum(besluit.genomen_op.date()),
        "aanvraag_id": aanvraag.id,
        "titel": aanvraag.titel,
        "versie": aanvraag.versie,
        "ronde": ronde.naam,
        "aanvrager": aanvrager.naam,
        "besturen": [b.naam for b in initiatieven_queries.deelnemende_besturen(session, aanvraag)],
        "uitkomst": besluit.uitkomst.value,
        "uitkomst_label": besluit.uitkomst.label,
        "motivatie": besluit.motivatie,
        "gevraagd_cents": {
            str(j): c
            for j, c in initiatieven_queries.gevraagd_cents(session, [aanvraag.id])[aanvraag.id].items()
        },
        "toegekend_cents": {str(j): c for j, c in sorted(toegekend.items())},
        "totaal_cents": sum(toegekend.values()),
        "einddatum": aanvraag.einddatum.isoformat() if aanvraag.einddatum else None,
        "einddatum_tekst": datum(aanvraag.einddatum) if aanvraag.einddatum else None,
        "scores": _scores(uitslag),
        "directeur": door.naam,
    }
    kenmerk = inhoud["kenmerk"]
    html = _brief_html(inhoud)
    brief = Brief(besluit_id=besluit.id, kenmerk=kenmerk, html=html, inhoud=inhoud, verstuurd_op=clock.now())
    session.add(brief)
    session.flush()
    audit.record(session, door, brief, "verstuurd", {"kenmerk": kenmerk, "aanvraag_id": aanvraag.id})
    return brief


@cache
def _briefsjabloon():
    """The letter's template, outside any request: a decision made by a job or the demo renders the
    same letter as one made in the browser."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from wijkportaal.core.config import template_folder

    env = Environment(loader=FileSystemLoader(str(template_folder())), autoescape=select_autoescape())
    env.filters["centen"] = centen
    return env.get_template("subsidie/_brief.html")


def _brief_html(inhoud: dict) -> str:
    return _briefsjabloon().render(b=inhoud)


def _scores(uitslag) -> dict | None:
    if uitslag is None:
        return None
    return {
        "totaal": None if uitslag.totaal is None else str(uitslag.totaal.quantize(_HONDERDSTE)),
        "maximum": uitslag.maximum,
        "knock_out": uitslag.knock_out,
        "criteria": [
            {
                "nummer": c.nummer,
                "tekst": c.tekst,
                "gewicht": c.gewicht,
                "gemiddelde": None if c.gemiddelde_afgerond is None else str(c.gemiddelde_afgerond),
            }
            for c in uitslag.criteria
        ],
    }


# After the grant


def _toekenning(session: Session, aanvraag: Aanvraag, jaar) -> Toekenning:
    for t in queries.toekenningen(session, aanvraag.id):
        if t.jaar == jaar:
            return t
    raise SubsidieFout(f"Er is voor {jaar} niets toegekend aan dit initiatief.", "jaar")


def toets_betaling(session: Session, aanvraag: Aanvraag, jaar: int, cents: int, omschrijving: str) -> int:
    """Everything `betaal` checks, without paying: what is open for that year before this payment. (The
    ledger checks the balance again when the payment is booked.)"""
    weiger_als(aanvraag.status is not Status.TOEGEKEND and "Alleen een lopende toekenning wordt betaald.")
    _toekenning(session, aanvraag, jaar)
    weiger_als(not (omschrijving or "").strip() and "Geef een omschrijving van de betaling.", "omschrijving")
    open_ = next((j.open for j in queries.stand(session, aanvraag).jaren if j.jaar == jaar), 0)
    if isinstance(cents, int) and cents > open_:
        raise SubsidieFout(_te_veel(jaar, open_, cents), "bedrag")
    return open_


def _te_veel(jaar: int, open_: int, cents: int) -> str:
    return (
        f"Er staat voor {jaar} nog {centen(open_)} open van deze toekenning; u wilt {centen(cents)} betalen."
    )


def betaal(
    session: Session, door, aanvraag: Aanvraag, jaar: int, cents: int, omschrijving: str, sleutel: str
) -> Mutatie:
    """Pay a tranche of a year's grant; never more than is committed for that year and not yet paid."""
    aanvraag = lock_row(session, Aanvraag, aanvraag.id)
    toets_betaling(session, aanvraag, jaar, cents, omschrijving)
    toekenning = _toekenning(session, aanvraag, jaar)
    regel = session.get(Regel, toekenning.regel_id)
    try:
        tx = begroting.betaal(
            session,
            door,
            regel,
            jaar,
            cents,
            f"Betaling {aanvraag.titel} ({jaar}): {omschrijving.strip()}",
            f"subsidie:betaling:{aanvraag.id}:{sleutel}",
            ontvanger=queries.ontvanger(aanvraag.id),
        )
    except begroting.BegrotingFout as fout:
        open_ = next((j.open for j in queries.stand(session, aanvraag).jaren if j.jaar == jaar), 0)
        melding = _te_veel(jaar, open_, cents) if isinstance(cents, int) and cents > 0 else str(fout)
        raise SubsidieFout(melding, "bedrag") from fout
    eerder = session.exec(select(Mutatie).where(Mutatie.transaction_id == tx.id)).first()
    if eerder is not None:  # the same form sent again: the ledger returned the original booking
        return eerder
    return _mutatie(session, door, aanvraag, jaar, Mutatiesoort.BETALING, cents, omschrijving.strip(), tx.id)


def _mutatie(session, door, aanvraag, jaar, soort, cents, omschrijving, transaction_id) -> Mutatie:
    mutatie = Mutatie(
        aanvraag_id=aanvraag.id,
        jaar=jaar,
        soort=soort,
        bedrag_cents=cents,
        omschrijving=omschrijving[:500],
        transaction_id=transaction_id,
        door_id=getattr(door, "id", None),
    )
    session.add(mutatie)
    session.flush()
    audit.record(
        session,
        door,
        mutatie,
        soort.value,
        {"aanvraag_id": aanvraag.id, "jaar": jaar, "bedrag_cents": cents, "omschrijving": omschrijving},
    )
    return mutatie


def rond_af(session: Session, door, aanvraag: Aanvraag, reden: str) -> list[Mutatie]:
    """The initiative ends: what was committed and not paid goes back to the budget line (per year),
    and the application is afgerond."""
    aanvraag = lock_row(session, Aanvraag, aanvraag.id)
    weiger_als(aanvraag.status is not Status.TOEGEKEND and "Alleen een lopend initiatief wordt afgerond.")
    weiger_als(not (reden or "").strip() and "Geef een reden voor het afronden.", "reden")
    mutaties = []
    for jaar in queries.stand(session, aanvraag).jaren:
        if jaar.open <= 0:
            continue
        toekenning = _toekenning(session, aanvraag, jaar.jaar)
        tx = begroting.geef_vrij(
            session,
            door,
            session.get(Regel, toekenning.regel_id),
            jaar.jaar,
            jaar.open,
            f"Vrijgegeven bij afronden {aanvraag.titel} ({jaar.jaar})",
            f"subsidie:vrijgave:{aanvraag.id}:{jaar.jaar}",
            ontvanger=queries.ontvanger(aanvraag.id),
        )
        mutaties.append(
            _mutatie(
                session,
                door,
                aanvraag,
                jaar.jaar,
                Mutatiesoort.VRIJGAVE,
                jaar.open,
                "Niet besteed bij afronden",
                tx.id,
            )
        )
    initiatieven.zet_status(session, aanvraag, Status.AFGEROND, door, reden=reden.strip())
    return mutaties
