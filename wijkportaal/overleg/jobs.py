"""The wijkoverleg's scheduled jobs: reminders to the chair about the agenda and the minutes, the
invitations (with their updates and cancellations) to the members, and the reminders about actions.

Each piece of work goes through `eenmalig`, so a re-run or a second jobs process sends nothing twice;
every message goes through the outbox and so follows the recipient's settings."""

from dataclasses import replace
from datetime import date, datetime, timedelta
from email.utils import parseaddr

from flask import current_app
from sqlmodel import Session

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock, jobs
from wijkportaal.core.ical import kalender
from wijkportaal.core.web import aantal, datum, datum_tijd, tijd
from wijkportaal.mail import services as mail
from wijkportaal.overleg import queries, services
from wijkportaal.overleg.models import Bijeenkomst, Wijkoverleg
from wijkportaal.overleg.rules import afspraak
from wijkportaal.wijken.models import Wijk

AGENDA_VOORAF = timedelta(days=7)  # the agenda should be agreed a week before the meeting
NOTULEN_NA = timedelta(days=3)  # minutes are asked for three days after the meeting
ACTIE_VOORAF = timedelta(days=3)  # an action item is announced three days before its deadline
# A run missed for a while still catches up within this window; older things are left alone (the
# chair's start page and weekly overview still show them), so a first run sends no flood.
INHALEN = timedelta(days=14)
TE_LAAT_TERUG = timedelta(days=30)

AGENDA = "agenda-herinnering"
UITNODIGINGEN = "uitnodigingen"
NOTULEN = "verslag-herinnering"
ACTIEPUNTEN = "actiepunten-herinnering"
OVERZICHT = "actiepunten-overzicht"
SCHOOLJAAR = "nieuw-schooljaar"


def _bijeenkomst_url(b: Bijeenkomst) -> str:
    return mail.url("overleg.bijeenkomst", bijeenkomst_id=b.id)


def _voorzitter(session: Session, overleg: Wijkoverleg) -> Gebruiker | None:
    """Who gets the chair's reminders: the chair, or the secretary of an overleg without one."""
    gebruiker_id = overleg.voorzitter_id or overleg.secretaris_id
    return session.get(Gebruiker, gebruiker_id) if gebruiker_id else None


def herinner_agenda(session: Session) -> str:
    """The agenda of a meeting within a week is not agreed: one reminder to the chair."""
    nu = clock.now()
    verstuurd = 0
    for b, overleg, wijk in queries.bijeenkomsten_met_wijk(
        session,
        Bijeenkomst.is_geannuleerd.is_(False),
        Bijeenkomst.agenda_vastgesteld_op.is_(None),
        Bijeenkomst.start > nu,
        Bijeenkomst.start <= nu + AGENDA_VOORAF,
    ):
        voorzitter = _voorzitter(session, overleg)
        if voorzitter is None or not jobs.eenmalig(session, AGENDA, f"bijeenkomst:{b.id}", "7-dagen"):
            continue
        mail.plaats(
            session,
            ontvanger=voorzitter,
            soort_naam="agenda_vaststellen",
            onderwerp=f"Agenda vaststellen: wijkoverleg {wijk.naam}, {datum_tijd(b.start)}",
            link=_bijeenkomst_url(b),
            context={
                "inleiding": f"De bijeenkomst van het wijkoverleg {wijk.naam} is op {datum_tijd(b.start)}, "
                "maar de agenda is nog niet vastgesteld. Stel de agenda vast, dan krijgen de leden hun "
                "uitnodiging.",
                "punten": [f"Waar: {b.locatie or b.online_link or 'nog niet bekend'}"],
            },
        )
        verstuurd += 1
    return f"{aantal(verstuurd, 'herinnering', 'herinneringen')} verstuurd"


def _organisator() -> str:
    return parseaddr(str(current_app.config.get("MAIL_FROM") or ""))[1] or "noreply@wijkportaal.local"


def _ics(b: Bijeenkomst, wijk: Wijk, methode: str) -> bytes:
    return kalender(
        [replace(afspraak(b, wijk, _bijeenkomst_url(b)), organisator=_organisator())], methode=methode
    )


def verstuur_uitnodigingen(session: Session) -> str:
    """Agenda agreed: an invitation to every member with the agenda and an .ics (METHOD:REQUEST); a later
    change of date, time or place: an update of the same event (same UID, the higher SEQUENCE); a cancelled
    meeting the members were invited to: a cancellation (METHOD:CANCEL). Each SEQUENCE is sent once."""
    nu = clock.now()
    komend = queries.bijeenkomsten_met_wijk(
        session,
        Bijeenkomst.is_geannuleerd.is_(False),
        Bijeenkomst.agenda_vastgesteld_op.is_not(None),
        Bijeenkomst.start > nu,
    )
    afgezegd = queries.bijeenkomsten_met_wijk(
        session, Bijeenkomst.is_geannuleerd.is_(True), Bijeenkomst.start > nu - INHALEN
    )
    eerder = jobs.gedaan(session, UITNODIGINGEN, [f"bijeenkomst:{b.id}" for b, _, _ in komend + afgezegd])
    komend = [
        r for r in komend if f"sequence:{r[0].sequence}" not in eerder.get(f"bijeenkomst:{r[0].id}", ())
    ]
    afgezegd = [
        r
        for r in afgezegd
        if f"bijeenkomst:{r[0].id}" in eerder and "geannuleerd" not in eerder[f"bijeenkomst:{r[0].id}"]
    ]
    deelnemers = queries.deelnemers(session, sorted({o.id for _, o, _ in komend + afgezegd}))
    agendas = queries.agendas_per_bijeenkomst(session, [b.id for b, _, _ in komend])
    tellers = {"uitnodiging": 0, "wijziging": 0, "afzegging": 0}
    for b, overleg, wijk in komend:
        onderwerp = f"bijeenkomst:{b.id}"
        if not jobs.eenmalig(session, UITNODIGINGEN, onderwerp, f"sequence:{b.sequence}"):
            continue
        eerste = onderwerp not in eerder
        bijlage = ("uitnodiging.ics", "text/calendar; method=REQUEST", _ics(b, wijk, "REQUEST"))
        tellers["uitnodiging" if eerste else "wijziging"] += len(deelnemers[overleg.id])
        for lid in deelnemers[overleg.id]:
            if eerste:
                mail.plaats(
                    session,
                    ontvanger=lid,
                    soort_naam="uitnodiging",
                    onderwerp=f"Uitnodiging: wijkoverleg {wijk.naam}, {datum_tijd(b.start)}",
                    link=_bijeenkomst_url(b),
                    context={
                        "titel": f"het wijkoverleg {wijk.naam}",
                        "start": b.start,
                        "eind": b.eind,
                        "locatie": b.locatie or b.online_link,
                        "agendapunten": agendas[b.id],
                    },
                    bijlagen=[bijlage],
                )
            else:
                mail.plaats(
                    session,
                    ontvanger=lid,
                    soort_naam="bijeenkomst_gewijzigd",
                    onderwerp=f"Gewijzigd: wijkoverleg {wijk.naam}, nu {datum_tijd(b.start)}",
                    link=_bijeenkomst_url(b),
                    context={
                        "inleiding": f"De bijeenkomst van het wijkoverleg {wijk.naam} is gewijzigd. De "
                        "bijlage werkt de afspraak in uw agenda bij.",
                        "punten": [
                            f"Wanneer: {datum_tijd(b.start)} tot {tijd(b.eind)}",
                            f"Waar: {b.locatie or b.online_link or 'nog niet bekend'}",
                        ],
                    },
                    bijlagen=[bijlage],
                )
    for b, overleg, wijk in afgezegd:
        if not jobs.eenmalig(session, UITNODIGINGEN, f"bijeenkomst:{b.id}", "geannuleerd"):
            continue
        bijlage = ("afzegging.ics", "text/calendar; method=CANCEL", _ics(b, wijk, "CANCEL"))
        tellers["afzegging"] += len(deelnemers[overleg.id])
        for lid in deelnemers[overleg.id]:
            mail.plaats(
                session,
                ontvanger=lid,
                soort_naam="bijeenkomst_gewijzigd",
                onderwerp=f"Afgezegd: wijkoverleg {wijk.naam}, {datum_tijd(b.start)}",
                link=_bijeenkomst_url(b),
                context={
                    "inleiding": f"De bijeenkomst van het wijkoverleg {wijk.naam} op {datum_tijd(b.start)} "
                    "gaat niet door. De bijlage haalt de afspraak uit uw agenda.",
                },
                bijlagen=[bijlage],
            )
    return (
        f"{aantal(tellers['uitnodiging'], 'uitnodiging', 'uitnodigingen')}, "
        f"{aantal(tellers['wijziging'], 'wijziging', 'wijzigingen')} en "
        f"{aantal(tellers['afzegging'], 'afzegging', 'afzeggingen')} verstuurd"
    )


def herinner_notulen(session: Session) -> str:
    """A meeting held three days ago has no minutes yet: one reminder to the chair."""
    tot = datetime.combine(clock.today() - NOTULEN_NA + timedelta(days=1), datetime.min.time())
    gehouden = queries.bijeenkomsten_met_wijk(
        session,
        Bijeenkomst.is_geannuleerd.is_(False),
        Bijeenkomst.notulen_vastgesteld_op.is_(None),
        Bijeenkomst.start < tot,  # on the day three days ago, or before
        Bijeenkomst.start >= tot - INHALEN,
    )
    zonder = queries.zonder_enige_notulen(session, [b.id for b, _, _ in gehouden])
    verstuurd = 0
    for b, overleg, wijk in gehouden:
        if b.id not in zonder:
            continue
        voorzitter = _voorzitter(session, overleg)
        if voorzitter is None or not jobs.eenmalig(session, NOTULEN, f"bijeenkomst:{b.id}", "3-dagen"):
            continue
        mail.plaats(
            session,
            ontvanger=voorzitter,
            soort_naam="verslag_herinnering",
            onderwerp=f"Verslag vastleggen: wijkoverleg {wijk.naam} van {datum(b.start.date())}",
            link=_bijeenkomst_url(b),
            context={
                "inleiding": f"De bijeenkomst van het wijkoverleg {wijk.naam} op {datum_tijd(b.start)} is "
                "gehouden, maar er zijn nog geen notulen. Leg ze vast zolang het nog vers is.",
                "actie": "Notulen vastleggen",
            },
        )
        verstuurd += 1
    return f"{aantal(verstuurd, 'herinnering', 'herinneringen')} verstuurd"


def herinner_actiepunten(session: Session) -> str:
    """An open action item due within three days, and again once it is overdue: a reminder to its owner
    (the participants its owner names); the chair gets one overview of the overdue items a week."""
    vandaag = clock.today()
    rijen = queries.open_actiepunten_tot(session, vandaag + ACTIE_VOORAF)
    deelnemers = queries.deelnemers(session, sorted({o.id for _, o, _ in rijen}))
    eigenaars = queries.eigenaars_als_gebruiker(session, deelnemers, [a for a, _, _ in rijen])
    herinneringen = 0
    for a, _overleg, wijk in rijen:
        if a.deadline < vandaag - TE_LAAT_TERUG or not eigenaars[a.id]:
            continue
        te_laat = a.deadline < vandaag
        if not jobs.eenmalig(session, ACTIEPUNTEN, f"actiepunt:{a.id}", "te-laat" if te_laat else "bijna"):
            continue
        for eigenaar in eigenaars[a.id]:
            mail.plaats(
                session,
                ontvanger=eigenaar,
                soort_naam="actiepunt_herinnering",
                onderwerp=("Te laat" if te_laat else "Bijna")
                + f": actiepunt van het wijkoverleg {wijk.naam}",
                link=mail.url("overleg.bijeenkomst", bijeenkomst_id=a.bijeenkomst_id) + "#actiepunten",
                context={
                    "inleiding": (
                        f"Dit actiepunt van het wijkoverleg {wijk.naam} had op {datum(a.deadline)} klaar "
                        "moeten zijn."
                        if te_laat
                        else f"Dit actiepunt van het wijkoverleg {wijk.naam} moet uiterlijk "
                        f"{datum(a.deadline)} klaar zijn."
                    ),
                    "punten": [a.omschrijving, f"Eigenaar: {a.eigenaar}"],
                },
            )
            herinneringen += 1
    overzichten = _weekoverzichten(session, [r for r in rijen if r[0].deadline < vandaag], vandaag)
    return (
        f"{aantal(herinneringen, 'herinnering', 'herinneringen')} en "
        f"{aantal(overzichten, 'weekoverzicht', 'weekoverzichten')} verstuurd"
    )


def _weekoverzichten(session: Session, te_laat: list, vandaag: date) -> int:
    """One overview of its overdue action items per overleg per ISO week, to the chair."""
    jaar, week, _ = vandaag.isocalendar()
    per_overleg: dict[int, list] = {}
    for a, overleg, wijk in te_laat:
        per_overleg.setdefault(overleg.id, []).append((a, overleg, wijk))
    verstuurd = 0
    for rijen in per_overleg.values():
        _, overleg, wijk = rijen[0]
        voorzitter = _voorzitter(session, overleg)
        if voorzitter is None or not jobs.eenmalig(
            session, OVERZICHT, f"wijkoverleg:{overleg.id}", f"{jaar}-W{week:02d}"
        ):
            continue
        mail.plaats(
            session,
            ontvanger=voorzitter,
            soort_naam="actiepunten_overzicht",
            onderwerp=f"Te late actiepunten van het wijkoverleg {wijk.naam}: {len(rijen)}",
            link=mail.url("wijken.wijk", code=wijk.code) + "#acties-kop",
            context={
                "inleiding": f"Van het wijkoverleg {wijk.naam} "
                f"{aantal(len(rijen), 'is dit actiepunt', 'zijn deze actiepunten', toon_getal=False)} "
                "over de deadline.",
                "punten": [
                    f"{a.omschrijving} ({a.eigenaar}, uiterlijk {datum(a.deadline)})" for a, _, _ in rijen
                ],
            },
        )
        verstuurd += 1
    return verstuurd


def begin_schooljaar(session: Session) -> str:
    """From 1 August, once per school year: the new year's required themes take effect."""
    jaar = clock.schooljaar_van(clock.today())
    if not jobs.eenmalig(session, SCHOOLJAAR, "verplichte-themas", str(jaar)):
        return f"schooljaar {clock.schooljaar_label(jaar)} was al begonnen"
    overgenomen = services.begin_schooljaar(session, jaar)
    return f"schooljaar {clock.schooljaar_label(jaar)} begonnen; " + (
        aantal(overgenomen, "verplicht thema", "verplichte thema's") + " van vorig jaar overgenomen"
        if overgenomen
        else "de verplichte thema's van dit jaar gelden"
    )


JOBS = (
    jobs.Job(
        naam=AGENDA,
        omschrijving="Herinnert de voorzitter als de agenda een week voor de bijeenkomst niet is vastgesteld.",
        run=herinner_agenda,
        tijd="07:00",
    ),
    jobs.Job(
        naam=UITNODIGINGEN,
        omschrijving="Stuurt de leden de uitnodiging met agenda en afspraak zodra de agenda is vastgesteld, "
        "en een wijziging of afzegging als de bijeenkomst verandert.",
        run=verstuur_uitnodigingen,
        minuten=15,
    ),
    jobs.Job(
        naam=NOTULEN,
        omschrijving="Herinnert de voorzitter als drie dagen na een bijeenkomst de notulen ontbreken.",
        run=herinner_notulen,
        tijd="07:00",
    ),
    jobs.Job(
        naam=ACTIEPUNTEN,
        omschrijving="Herinnert eigenaren aan actiepunten die over drie dagen of te laat zijn, en stuurt de "
        "voorzitter wekelijks de te late actiepunten.",
        run=herinner_actiepunten,
        tijd="07:00",
    ),
    jobs.Job(
        naam=SCHOOLJAAR,
        omschrijving="Laat op 1 augustus de verplichte thema's van het nieuwe schooljaar ingaan.",
        run=begin_schooljaar,
        tijd="06:00",
    ),
)
