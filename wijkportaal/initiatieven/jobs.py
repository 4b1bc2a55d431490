"""The scheduled jobs of nieuwe initiatieven: a funded initiative that ends within three months reminds
its applicants of the final evaluation and the sustainability plan, once, through the outbox."""

from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock, jobs, roles
from wijkportaal.core.web import aantal, datum
from wijkportaal.initiatieven import rules
from wijkportaal.initiatieven.models import Aanvraag, Deelnemer, Rapportage, Rapportsoort, Status
from wijkportaal.mail import services as mail

EINDE = "initiatief-einde-herinnering"
EINDE_MAANDEN = 3  # an initiative this close to its end gets the reminder


def aanvragers(session: Session, aanvragen: list[Aanvraag]) -> dict[int, list[Gebruiker]]:
    """Per application its active applicants: the one who made it and the bestuurders of every board
    that confirmed, each once, by name."""
    ids = [a.id for a in aanvragen]
    result: dict[int, dict[int, Gebruiker]] = {i: {} for i in ids}
    makers = {a.id: a.aanvrager_id for a in aanvragen}
    for g in session.exec(
        select(Gebruiker).where(Gebruiker.id.in_(list(makers.values()) or [0]), Gebruiker.is_actief.is_(True))
    ):
        for aid, maker in makers.items():
            if maker == g.id:
                result[aid][g.id] = g
    for aid, g in session.exec(
        select(Deelnemer.aanvraag_id, Gebruiker)
        .join(Gebruiker, Gebruiker.bestuur_id == Deelnemer.bestuur_id)
        .where(
            Deelnemer.aanvraag_id.in_(ids or [0]),
            Deelnemer.is_bevestigd.is_(True),
            Gebruiker.rol.in_(roles.BESTUURT),
            Gebruiker.is_actief.is_(True),
        )
    ).all():
        result[aid][g.id] = g
    return {aid: sorted(gs.values(), key=lambda g: (g.naam, g.id)) for aid, gs in result.items()}


def herinner_einde(session: Session) -> str:
    """Each funded initiative ending within three months (from today): one reminder to its applicants."""
    vandaag = clock.today()
    eind = rules.plus_maanden(vandaag, EINDE_MAANDEN)
    aflopend = list(
        session.exec(
            select(Aanvraag)
            .where(
                Aanvraag.status == Status.TOEGEKEND,
                Aanvraag.einddatum.is_not(None),
                Aanvraag.einddatum >= vandaag,
                Aanvraag.einddatum <= eind,
            )
            .order_by(Aanvraag.einddatum, Aanvraag.id)
        )
    )
    al_eind = set(
        session.exec(
            select(Rapportage.aanvraag_id).where(
                Rapportage.aanvraag_id.in_([a.id for a in aflopend] or [0]),
                Rapportage.soort == Rapportsoort.EIND,
            )
        )
    )
    ontvangers = aanvragers(session, aflopend)
    verstuurd = 0
    for a in aflopend:
        if a.id in al_eind or not jobs.eenmalig(session, EINDE, f"aanvraag:{a.id}", "einde"):
            continue
        deadline = rules.rapport_deadlines(a.startdatum or a.einddatum, a.einddatum)[Rapportsoort.EIND]
        for gebruiker in ontvangers[a.id]:
            mail.plaats(
                session,
                ontvanger=gebruiker,
                soort_naam="initiatief_einde",
                onderwerp=f"{a.titel} loopt af op {datum(a.einddatum)}: eindevaluatie en borging",
                link=mail.url("initiatieven.rapportage", id=a.id, soort=Rapportsoort.EIND.value),
                context={
                    "inleiding": f"Het initiatief {a.titel} loopt af op {datum(a.einddatum)}. Schrijf de "
                    "eindevaluatie: wat heeft het opgeleverd, en hoe gaat het verder als de financiering stopt "
                    "(het borgingsplan).",
                    "punten": [
                        f"Eindevaluatie uiterlijk {datum(deadline)}",
                        "Borging: wat blijft, wie betaalt het, wie is verantwoordelijk",
                    ],
                    "actie": "Naar de eindevaluatie",
                },
            )
            verstuurd += 1
    return f"{aantal(verstuurd, 'herinnering', 'herinneringen')} verstuurd"


JOBS = (
    jobs.Job(
        naam=EINDE,
        omschrijving="Herinnert de aanvragers van een initiatief dat binnen drie maanden afloopt aan de "
        "eindevaluatie en het borgingsplan.",
        run=herinner_einde,
        tijd="07:00",
    ),
)
