"""The scheduled job of assessing: reminding assessors of their deadline, three days before it and once
more when it has passed. Each reminder goes out once (see `jobs.eenmalig`)."""

from datetime import timedelta

from sqlmodel import Session

from wijkportaal.beoordeling import queries
from wijkportaal.core import clock, jobs
from wijkportaal.core.web import aantal, datum
from wijkportaal.mail import services as mail

HERINNERING = "beoordeling-herinnering"
VOORAF = timedelta(days=3)  # the first reminder this long before the deadline


def herinner(session: Session) -> str:
    """Every assessor with an open assignment due within three days gets a reminder, and a last one
    the day after the deadline passed."""
    vandaag = clock.today()
    verstuurd = 0
    for toewijzing, aanvraag, beoordelaar in queries.te_herinneren(session, vandaag + VOORAF):
        te_laat = toewijzing.deadline < vandaag
        if not jobs.eenmalig(
            session, HERINNERING, f"toewijzing:{toewijzing.id}", "te-laat" if te_laat else "vooraf"
        ):
            continue
        titel = aanvraag.titel or "aanvraag zonder titel"
        mail.plaats(
            session,
            ontvanger=beoordelaar,
            soort_naam="beoordeling_herinnering",
            onderwerp=("Te laat" if te_laat else "Herinnering") + f": beoordeling van {titel}",
            link=mail.url("beoordeling.aanvraag", id=aanvraag.id),
            context={
                "inleiding": (
                    f"De deadline van uw beoordeling van ‘{titel}’ was {datum(toewijzing.deadline)}."
                    if te_laat
                    else f"Uw beoordeling van ‘{titel}’ moet uiterlijk {datum(toewijzing.deadline)} klaar zijn."
                ),
                "punten": [
                    "Verklaar eerst dat u geen belangenconflict hebt, of zie af met een reden."
                    if toewijzing.verklaard_op is None
                    else "Geef per inhoudelijk criterium een score met motivering, en uw advies."
                ],
            },
        )
        verstuurd += 1
    return f"{aantal(verstuurd, 'herinnering', 'herinneringen')} verstuurd"


JOBS = (
    jobs.Job(
        naam=HERINNERING,
        omschrijving="Herinnert beoordelaars aan de deadline van een beoordeling: drie dagen vooraf, en "
        "nog eens als de deadline voorbij is.",
        run=herinner,
        tijd="07:15",
    ),
)
