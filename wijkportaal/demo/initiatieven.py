"""The demo's nieuwe initiatieven: the open round of the year (Ronde 2026) on the begroting line "Nieuwe initiatieven", a
draft, one waiting for a co-applicant (the demo bestuurder's board is invited), and submitted
applications that the assessing feature's demo takes further (assessed, granted, rejected, held back).

Everything goes through the feature's services, as a user would do it."""

from datetime import date, timedelta

from sqlmodel import Session, select

from wijkportaal.begroting.models import Regel
from wijkportaal.core import clock
from wijkportaal.demo import teksten
from wijkportaal.initiatieven import services
from wijkportaal.initiatieven.models import Aanvraag, Ambitie, Kostensoort
from wijkportaal.overleg.models import Thema
from wijkportaal.wijken.models import Organisatie

# Submitted applications for the assessing feature's demo to take further, by title.
INGEDIEND = (
    "Taalklas voor nieuwkomers in Osdorp",
    "Plusklas De Aker en Sloten",
    "Thuiszitters terug naar school",
    "Jonge kind: samen spelen, samen leren",
    "Gedragsspecialist in de klas",
)


# The themes of the wijkoverleggen each demo application works on (the kennisbank filters on them).
THEMAS = {
    "Buurtschakelklas": [teksten.INCLUSIEF, teksten.OVERSTAP],
    "Taalklas voor nieuwkomers in Osdorp": [teksten.INCLUSIEF, teksten.BEHOEFTEN],
    "Plusklas De Aker en Sloten": [teksten.BEGAAFD],
    "Thuiszitters terug naar school": [teksten.THUISZITTEN, teksten.JEUGDHULP],
    "Jonge kind: samen spelen, samen leren": [teksten.JONG],
    "Gedragsspecialist in de klas": [teksten.INCLUSIEF, teksten.DEKKEND],
}


def _thema_ids(session: Session, titel: str) -> list[int]:
    namen = THEMAS.get(titel, [])
    return list(session.exec(select(Thema.id).where(Thema.naam.in_(namen)))) if namen else []


def _plan(titel: str, start: date) -> dict:
    return {
        "titel": titel,
        "samenvatting": f"{titel}: een gezamenlijke aanpak van scholen van twee besturen en het OKT.",
        "doelgroep": "Leerlingen van groep 1 tot en met 8 die extra ondersteuning nodig hebben.",
        "verwacht_aantal_leerlingen": 30,
        "doelen": "Meer leerlingen krijgen in de eigen wijk de ondersteuning die zij nodig hebben.",
        "werkwijze": "Twee dagdelen per week, met co-teaching door een specialist.",
        "resultaten": "Minder verwijzingen naar het speciaal (basis)onderwijs uit de wijk.",
        "evaluatie": "Halverwege en aan het eind, met leerkrachten, ouders en het OKT.",
        "kennisdeling": "Twee keer per jaar in het wijkoverleg en in de kennisbank.",
        "onderbouwing": "Het aanbod ontbreekt in de wijk; de dekkingsmatrix toont een hiaat.",
        "afspraken": "De deelnemende scholen verwijzen naar elkaar en delen de specialist.",
        "duurzaamheid": "Na twee jaar dragen de besturen de kosten uit hun eigen ondersteuningsmiddelen.",
        "startdatum": start,
        "einddatum": date(start.year + 2, start.month, 1) - timedelta(days=1),
    }


def laad_initiatieven(session: Session, today: date, swv, schoolleider, voorzitters) -> str:
    regel = session.exec(select(Regel).where(Regel.naam == "Nieuwe initiatieven")).first()
    # The round of this year, for initiatives that start next school year or next calendar year.
    start = date(today.year, 8, 1) if today < date(today.year, 8, 1) else date(today.year + 1, 1, 1)
    ronde = services.open_ronde(
        session,
        swv,
        f"Ronde {today.year}",
        max(today, clock.today()) + timedelta(days=60),  # the services check the deadline on the clock
        start.year,
        start.year + 1,
        150,
        regel.id if regel else None,
    )
    eigen = _bestuur(session, schoolleider)
    anderen = [v for v in voorzitters.values() if _bestuur(session, v) != eigen]

    concept = services.start_aanvraag(session, schoolleider, ronde)
    services.bewaar_plan(
        session, concept, schoolleider, {"titel": "Co-teaching autisme in Osdorp"}, [schoolleider.wijk_id], []
    )

    wachtend = services.start_aanvraag(session, anderen[0], ronde)
    _vul(session, wachtend, anderen[0], "Buurtschakelklas", start)
    services.nodig_uit(session, wachtend, anderen[0], eigen)

    for i, titel in enumerate(INGEDIEND):
        aanvrager = anderen[1 + i]
        mede = next(v for v in anderen if _bestuur(session, v) != _bestuur(session, aanvrager))
        aanvraag = services.start_aanvraag(session, aanvrager, ronde)
        _vul(session, aanvraag, aanvrager, titel, start, 10_000_00 * (i + 2))
        services.nodig_uit(session, aanvraag, aanvrager, _bestuur(session, mede))
        services.bevestig_deelname(session, aanvraag, mede)
        services.dien_in(session, aanvraag, aanvrager)
    aantal = len(session.exec(select(Aanvraag.id)).all())
    return f"{ronde.naam} met {aantal} aanvragen"


def _bestuur(session: Session, user) -> int:
    return user.bestuur_id or session.get(Organisatie, user.organisatie_id).bestuur_id


def _vul(
    session: Session, aanvraag: Aanvraag, door, titel: str, start: date, per_jaar: int = 30_000_00
) -> None:
    """Fill every section and a budget over two years (also for the subsidie demo's applications)."""
    services.bewaar_plan(
        session,
        aanvraag,
        door,
        _plan(titel, start),
        [door.wijk_id],
        [Ambitie.INCLUSIEF, Ambitie.SAMENWERKING],
        thema_ids=_thema_ids(session, titel),
    )
    services.voeg_kosten_toe(
        session, aanvraag, door, start.year, Kostensoort.PERSONEEL, "Specialist", per_jaar
    )
    services.voeg_kosten_toe(
        session, aanvraag, door, start.year + 1, Kostensoort.PERSONEEL, "Specialist", per_jaar
    )
    services.voeg_cofinanciering_toe(
        session, aanvraag, door, "Eigen bijdrage besturen", start.year, per_jaar // 5
    )
