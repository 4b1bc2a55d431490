"""The demo's decisions, after the assessing demo: the Thuiszitters application (the assessors disagree,
one recommends holding it back) is held back with questions; two more applications go through the whole
path: the Buurtklas is granted, with a first payment and an interim report, and the Zomerschool is
rejected. The Jonge kind application stays for the demo directeur to decide.

Everything goes through the features' services, as a user would do it."""

from datetime import date, timedelta

from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.beoordeling import services as beoordeling
from wijkportaal.beoordeling.models import Advies
from wijkportaal.core import clock
from wijkportaal.demo.beoordeling import BEOORDELAARS, GOED, beoordeel
from wijkportaal.demo.initiatieven import _vul
from wijkportaal.initiatieven import services as initiatieven
from wijkportaal.initiatieven.models import Aanvraag, Rapportsoort, Ronde
from wijkportaal.subsidie import services
from wijkportaal.subsidie.models import Uitkomst

THUISZITTERS = "Thuiszitters terug naar school"
BUURTKLAS = "Buurtklas Bijlmer"
ZOMERSCHOOL = "Zomerschool taal"
ZWAK = ((1, 2, 1, 1, 2, 1, 1), Advies.AFWIJZEN)


def laad_subsidie(session: Session, today: date, swv, directeur, voorzitters) -> str:
    """Decide on the demo's applications and pay the grant's first tranche; returns a Dutch summary."""
    ronde = session.exec(select(Ronde).order_by(Ronde.id.desc())).first()
    jaren = list(ronde.jaren)
    start = date(today.year, 8, 1) if today < date(today.year, 8, 1) else date(today.year + 1, 1, 1)
    tweede, derde = (
        session.exec(select(Gebruiker).where(Gebruiker.email == email)).one() for email, _ in BEOORDELAARS
    )
    bezet = {a.aanvrager_id for a in session.exec(select(Aanvraag))}
    vrij = [v for v in voorzitters.values() if v.id not in bezet]
    deadline = max(today, clock.today()) + timedelta(days=14)

    thuiszitters = session.exec(select(Aanvraag).where(Aanvraag.titel == THUISZITTERS)).one()
    services.beslis(
        session,
        directeur,
        thuiszitters,
        Uitkomst.AANHOUDEN,
        "De beoordelaars verschillen sterk van mening over de aanpak. Beschrijf per school hoe de "
        "terugkeer wordt begeleid en wie de leerlingen na de twee jaar opvangt, en dien de aanvraag "
        "opnieuw in.",
    )

    besloten = {}
    for titel, cijfers, per_jaar in ((BUURTKLAS, GOED, 45_000_00), (ZOMERSCHOOL, ZWAK, 25_000_00)):
        aanvrager = vrij.pop(0)
        mede = next(v for v in vrij if _bestuur(session, v) != _bestuur(session, aanvrager))
        aanvraag = initiatieven.start_aanvraag(session, aanvrager, ronde)
        _vul(session, aanvraag, aanvrager, titel, start, per_jaar)
        initiatieven.nodig_uit(session, aanvraag, aanvrager, _bestuur(session, mede))
        initiatieven.bevestig_deelname(session, aanvraag, mede)
        initiatieven.dien_in(session, aanvraag, aanvrager)
        beoordeling.wijs_toe(session, aanvraag, swv, [tweede.id, derde.id], deadline)
        beoordeel(session, aanvraag, tweede, *cijfers)
        beoordeel(session, aanvraag, derde, *cijfers)
        besloten[titel] = (aanvraag, aanvrager)

    buurtklas, aanvrager = besloten[BUURTKLAS]
    services.beslis(
        session,
        directeur,
        buurtklas,
        Uitkomst.TOEKENNEN,
        "Sterk onderbouwd vanuit het hiaat in de wijk, met heldere afspraken tussen de besturen. "
        "Toegekend zoals gevraagd.",
        {jaar: 36_000_00 for jaar in jaren},
    )
    services.betaal(session, swv, buurtklas, jaren[0], 18_000_00, "Eerste tranche", "demo-buurtklas-1")
    initiatieven.rapporteer(
        session,
        buurtklas,
        aanvrager,
        Rapportsoort.TUSSENTIJDS,
        "De buurtklas draait sinds de start op twee scholen; de co-teaching loopt.",
        18,
        "Leerkrachten zijn tevreden; de overdracht naar de eigen groep vraagt meer tijd dan gedacht.",
    )
    zomerschool, _ = besloten[ZOMERSCHOOL]
    services.beslis(
        session,
        directeur,
        zomerschool,
        Uitkomst.AFWIJZEN,
        "De aanvraag scoort onvoldoende op de meeste criteria en heeft een knock-out; er is geen "
        "onderbouwing waarom dit aanbod in de wijk nodig is.",
    )
    return "3 besluiten (toegekend, afgewezen, aangehouden), 1 betaling"


def _bestuur(session: Session, user) -> int:
    from wijkportaal.wijken.models import Organisatie

    return user.bestuur_id or session.get(Organisatie, user.organisatie_id).bestuur_id
