"""The pot's scheduled jobs: releasing expired allocations, and reminding the bestuurders who still have
to decide on one (after five days, and a last time two days before the decision period ends)."""

from datetime import timedelta

from sqlmodel import Session

from wijkportaal.auth.models import Login
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
)
