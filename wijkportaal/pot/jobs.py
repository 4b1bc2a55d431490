"""The pot's scheduled jobs: releasing expired allocations, reminding the bestuurders who still have
to decide on one (after five days, and a last time two days before the decision period ends), and at the
new school year closing last year's pots and proposing to carry their balance over."""

from datetime import timedelta

from sqlmodel import Session

from wijkportaal.auth import services as auth_services
from wijkportaal.auth.models import Gebruiker, Login
from wijkportaal.besluiten import permissions as besluiten_permissions
from wijkportaal.besluiten import queries as besluiten_queries
from wijkportaal.core import clock, jobs
from wijkportaal.core.web import aantal, centen, datum_tijd
from wijkportaal.mail import services as mail
from wijkportaal.pot import queries, services

NA = timedelta(days=5)  # a decision pending this long gets a reminder
LAATSTE = timedelta(days=2)  # … and a last one this long before the decision period ends

VERLOPEN = "verlopen"
BESLUITEN = "besluit-herinnering"
SCHOOLJAAR_POTTEN = "nieuw-schooljaar-potten"


def verloop(session: Session) -> str:
    verlopen = services.verloop_toekenningen(session)
    return aantal(verlopen, "verlopen toekenning", "verlopen toekenningen") + " vrijgegeven"


def herinner_besluiten(session: Session) -> str:
    """Each bestuurder who still has to decide on an allocation gets a reminder once it has waited five
    days, and a last one two days before it expires (only the last, when both are due at once)."""
    nu = clock.now()
    rijen = queries.open_toekenningen(session)
    beslissers = besluiten_queries.mogelijke_beslissers(session, [v for _, v, _, _ in rijen])
    verstuurd = 0
    for toekenning, voorstel, aanpak, pot in rijen:
        laatste = voorstel.vervalt_op is not None and nu < voorstel.vervalt_op <= nu + LAATSTE
        if not laatste and voorstel.voorgesteld_op > nu - NA:
            continue
        if not jobs.eenmalig(
            session, BESLUITEN, f"voorstel:{voorstel.id}", "laatste" if laatste else "5-dagen"
        ):
            continue
        termijn = f" De termijn loopt af op {datum_tijd(voorstel.vervalt_op)}." if voorstel.vervalt_op else ""
        for gebruiker in beslissers[voorstel.id]:
            if not besluiten_permissions.wacht_op(session, Login(gebruiker), voorstel):  # as if logged in
                continue
            mail.plaats(
                session,
                ontvanger=gebruiker,
                soort_naam="besluit_herinnering",
                onderwerp=("Laatste herinnering" if laatste else "Herinnering")
                + f": besluit over {aanpak.naam} ({pot.naam})",
                link=mail.url("pot.toekenning", toekenning_id=toekenning.id),
                context={
                    "inleiding": f"Er wacht een voorstel op het besluit van uw bestuur: "
                    f"{centen(toekenning.bedrag_cents)} uit de pot {pot.naam} voor {aanpak.naam}.{termijn}"
                    + (" Zonder besluit komt het geld weer vrij." if laatste else ""),
                    "punten": [f"Voorgesteld op {datum_tijd(voorstel.voorgesteld_op)}"],
                },
            )
            verstuurd += 1
    return f"{aantal(verstuurd, 'herinnering', 'herinneringen')} verstuurd"


def begin_schooljaar(session: Session) -> str:
    """From 1 August, once per school year: close the pots of the years before, open (or reuse) the new
    year's pots and propose the carry-over, in the name of the portal's own account; the bestuurders who
    decide get one message each."""
    jaar = clock.schooljaar_van(clock.today())
    label = clock.schooljaar_label(jaar)
    if not jobs.eenmalig(session, SCHOOLJAAR_POTTEN, "potten", str(jaar)):
        return f"de potten van vóór {label} waren al gesloten"
    r = services.sluit_schooljaar(session, auth_services.systeemgebruiker(session), jaar)
    verstuurd = _meld_overhevelingen(session, [o.id for o in r.overhevelingen], label)
    return (
        f"schooljaar {label}: {aantal(len(r.gesloten), 'pot', 'potten')} gesloten, "
        f"{aantal(len(r.geopend), 'nieuwe pot', 'nieuwe potten')} geopend, "
        f"{aantal(len(r.hergebruikt), 'bestaande pot', 'bestaande potten')} gebruikt, "
        f"{aantal(len(r.overhevelingen), 'overheveling', 'overhevelingen')} voorgesteld, "
        f"{aantal(verstuurd, 'bericht', 'berichten')} verstuurd"
    )


def _meld_overhevelingen(session: Session, ids: list[int], label: str) -> int:
    """One message per bestuurder who decides on one or more of these carry-overs."""
    rijen = queries.open_overhevelingen(session, ids)
    beslissers = besluiten_queries.mogelijke_beslissers(session, [v for _, v, _, _ in rijen])
    per_gebruiker: dict[int, tuple[Gebruiker, list]] = {}
    for overheveling, voorstel, van, naar in rijen:
        for gebruiker in beslissers[voorstel.id]:
            per_gebruiker.setdefault(gebruiker.id, (gebruiker, []))[1].append((overheveling, van, naar))
    inleiding = (
        f"Het schooljaar {label} is begonnen. De potten van vorig schooljaar zijn gesloten; wat er nog "
        "beschikbaar was, is gereserveerd om over te hevelen naar de pot van dit schooljaar. Uw bestuur "
        "besluit mee volgens de regel van de pot. Zolang er niet is besloten, kan het geld niet worden gebruikt."
    )
    return mail.plaats_veel(
        session,
        "overheveling_voorgesteld",
        [
            mail.Plaatsing(
                ontvanger=gebruiker,
                onderwerp=f"Besluit gevraagd: {lijst[0][1].naam} overhevelen naar {label}"
                if len(lijst) == 1
                else f"Besluit gevraagd: {len(lijst)} potten overhevelen naar {label}",
                link=mail.url("pot.overheveling", overheveling_id=lijst[0][0].id)
                if len(lijst) == 1
                else mail.url("wijken.start"),
                context={
                    "inleiding": inleiding,
                    "punten": [
                        f"{centen(o.bedrag_cents)} van {van.naam} naar {naar.naam}" for o, van, naar in lijst
                    ],
                    "actie": "Naar het besluit" if len(lijst) == 1 else "Naar uw overzicht Te doen",
                },
                dedup_sleutel=f"overheveling-{label}-{gebruiker.id}",
            )
            for gebruiker, lijst in per_gebruiker.values()
        ],
    )


JOBS = (
    jobs.Job(
        naam=VERLOPEN,
        omschrijving="Geeft het gereserveerde geld vrij van toekenningen waarvan de termijn voorbij is.",
        run=verloop,
    ),
    jobs.Job(
        naam=BESLUITEN,
        omschrijving="Herinnert bestuurders aan een besluit over de pot dat vijf dagen wacht, en twee dagen "
        "voor het verloopt een laatste keer.",
        run=herinner_besluiten,
        tijd="07:00",
    ),
    jobs.Job(
        naam=SCHOOLJAAR_POTTEN,
        omschrijving="Sluit op 1 augustus de potten van vorig schooljaar, opent die van het nieuwe en stelt "
        "de besturen voor het saldo over te hevelen.",
        run=begin_schooljaar,
        tijd="06:00",
    ),
)
