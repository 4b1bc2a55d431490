"""Demo data: the real wijk structure with fictional boards, schools, people and meetings.

Meetings are dated relative to the load day, so the demo always shows 19 functioning overleggen."""

import random
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.auth.passwords import hash_password
from wijkportaal.core import clock
from wijkportaal.core.roles import Rol
from wijkportaal.demo import teksten
from wijkportaal.demo.begroting import laad_begroting
from wijkportaal.demo.beoordeling import laad_beoordeling
from wijkportaal.demo.expertise import laad_expertise
from wijkportaal.demo.grenzen import laad_schematische_grenzen
from wijkportaal.demo.initiatieven import laad_initiatieven
from wijkportaal.demo.organisaties import OSDORP, Organisaties, maak_organisaties
from wijkportaal.demo.overleggen import GEEN_OVERLEG, OPSTARTEND, maak_bijeenkomsten, maak_overleggen
from wijkportaal.demo.potten import load_potten
from wijkportaal.demo.subsidie import laad_subsidie
from wijkportaal.demo.verwijzingen import laad_verwijzingen
from wijkportaal.overleg.models import Overlegnorm, Thema, VerplichtThema
from wijkportaal.wijken.models import OrganisatieSoort, Regio, Wijk
from wijkportaal.wijken.services import load_wijken

DEMO_PASSWORD = "wijkportaal-demo"
DEMO_DOMEIN = "demo.wijkportaal.nl"
DEMO_LOGINS = [
    (f"beheerder@{DEMO_DOMEIN}", "beheerder"),
    (f"swv@{DEMO_DOMEIN}", "SWV-medewerker"),
    (f"directeur@{DEMO_DOMEIN}", "directeur-bestuurder"),
    (f"beoordelaar@{DEMO_DOMEIN}", "beoordelaar"),
    (f"bestuurder@{DEMO_DOMEIN}", f"bestuurder ({teksten.DEMO_BESTUUR})"),
    (f"schoolleider@{DEMO_DOMEIN}", "schoolleider, voorzitter wijkoverleg Osdorp"),
    (f"partner@{DEMO_DOMEIN}", "partner (OKT Osdorp)"),
]
WIJKEN_CSV = Path(__file__).with_name("wijken.csv")
SEED = 2026

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "GEEN_OVERLEG", "OPSTARTEND", "WIJKEN_CSV", "load_demo"]


def load_demo(session: Session, today: date | None = None) -> str:
    """Fill an empty database (the caller checks and commits) and return a one-line Dutch summary."""
    today = today or clock.today()
    rng = random.Random(SEED)
    load_wijken(session, WIJKEN_CSV)
    regios = list(session.exec(select(Regio).order_by(Regio.id)))
    wijken = list(session.exec(select(Wijk).order_by(Wijk.id)))

    themas = _themas(session, today)
    session.add(Overlegnorm())
    orgs = maak_organisaties(session, rng, regios, wijken, niet_speciaal=set(OPSTARTEND))
    gebruikers, voorzitters = _gebruikers(session, rng, wijken, orgs, hash_password(DEMO_PASSWORD))
    overleggen = maak_overleggen(session, rng, wijken, orgs, voorzitters)
    partner = gebruikers[f"partner@{DEMO_DOMEIN}"]
    bijeenkomsten = maak_bijeenkomsten(session, today, overleggen, themas, partner, SEED)
    potten = load_potten(session, today, SEED)
    laad_verwijzingen(session, today, SEED)
    laad_schematische_grenzen(session, SEED)  # after the schools exist: it places them in their wijk
    aanbod, voorzieningen = laad_expertise(session, today, SEED, regios, wijken, orgs)
    begroting = laad_begroting(session, gebruikers[f"swv@{DEMO_DOMEIN}"])
    initiatieven = laad_initiatieven(
        session,
        today,
        gebruikers[f"swv@{DEMO_DOMEIN}"],
        gebruikers[f"schoolleider@{DEMO_DOMEIN}"],
        voorzitters,
    )
    beoordeling = laad_beoordeling(
        session, today, gebruikers[f"swv@{DEMO_DOMEIN}"], gebruikers[f"beoordelaar@{DEMO_DOMEIN}"]
    )
    subsidie = laad_subsidie(
        session, today, gebruikers[f"swv@{DEMO_DOMEIN}"], gebruikers[f"directeur@{DEMO_DOMEIN}"], voorzitters
    )

    return (
        f"Demo-data geladen: {len(regios)} regio's, {len(wijken)} wijken, {len(orgs.besturen)} besturen, "
        f"{orgs.aantal_scholen} scholen, {len(orgs.partners)} partnerorganisaties, "
        f"{len(overleggen)} wijkoverleggen met {bijeenkomsten} bijeenkomsten, "
        f"{len(gebruikers) + len(voorzitters) - 1} gebruikers; {potten}; "
        f"{aanbod} keer expertise-aanbod en {voorzieningen} voorzieningen; {begroting}; {initiatieven}; {beoordeling}; {subsidie}."
    )


def _themas(session: Session, today: date) -> dict[str, Thema]:
    """The standard themes; the required ones for this school year and the previous one."""
    themas = {naam: Thema(naam=naam, omschrijving=omschrijving) for naam, omschrijving, _ in teksten.THEMAS}
    session.add_all(themas.values())
    session.flush()
    jaar = clock.schooljaar_van(today)
    session.add_all(
        VerplichtThema(schooljaar=j, thema_id=themas[naam].id)
        for j in (jaar - 1, jaar)
        for naam, _, verplicht in teksten.THEMAS
        if verplicht
    )
    return themas


def _gebruikers(
    session: Session, rng: random.Random, wijken: list[Wijk], orgs: Organisaties, wachtwoord_hash: str
) -> tuple[dict[str, Gebruiker], dict[int, Gebruiker]]:
    """The demo logins (one per role) and a chair per wijk with an overleg; all share one password hash."""
    osdorp = next(w for w in wijken if w.code == OSDORP)
    eigen_school = next(s for s in orgs.scholen[osdorp.id] if s.bestuur_id == orgs.demo_bestuur.id)

    def gebruiker(email, naam, rol, **scope) -> Gebruiker:
        return Gebruiker(email=email, naam=naam, rol=rol, wachtwoord_hash=wachtwoord_hash, **scope)

    gebruikers = {
        g.email: g
        for g in [
            gebruiker(f"beheerder@{DEMO_DOMEIN}", "Bram Dijkman", Rol.BEHEERDER),
            gebruiker(f"swv@{DEMO_DOMEIN}", "Sanne Veldhuis", Rol.SWV),
            gebruiker(f"directeur@{DEMO_DOMEIN}", "Marieke Dorrestein", Rol.DIRECTEUR),
            gebruiker(f"beoordelaar@{DEMO_DOMEIN}", "Tom Bergsma", Rol.BEOORDELAAR),
            gebruiker(
                f"bestuurder@{DEMO_DOMEIN}",
                "Hanneke Mulders",
                Rol.BESTUURDER,
                bestuur_id=orgs.demo_bestuur.id,
            ),
            gebruiker(
                f"schoolleider@{DEMO_DOMEIN}",
                "Karim El Amrani",
                Rol.SCHOOLLEIDER,
                organisatie_id=eigen_school.id,
                wijk_id=osdorp.id,
            ),
            gebruiker(
                f"partner@{DEMO_DOMEIN}",
                "Lotte Jansma",
                Rol.PARTNER,
                organisatie_id=orgs.okt[osdorp.id].id,
                wijk_id=osdorp.id,
            ),
        ]
    }
    voorzitters = {osdorp.id: gebruikers[f"schoolleider@{DEMO_DOMEIN}"]}
    namen = {g.naam for g in gebruikers.values()}
    for wijk in wijken:
        if wijk.code in GEEN_OVERLEG or wijk.id in voorzitters:
            continue
        naam = _nieuwe_naam(rng, namen)
        school = rng.choice([s for s in orgs.scholen[wijk.id] if s.soort == OrganisatieSoort.BASISSCHOOL])
        voorzitters[wijk.id] = gebruiker(
            f"voorzitter.{wijk.code}@{DEMO_DOMEIN}",
            naam,
            Rol.SCHOOLLEIDER,
            organisatie_id=school.id,
            wijk_id=wijk.id,
        )
    session.add_all([*gebruikers.values(), *voorzitters.values()])
    session.flush()
    return gebruikers, voorzitters


def _nieuwe_naam(rng: random.Random, gebruikt: set[str]) -> str:
    while True:
        naam = f"{rng.choice(teksten.VOORNAMEN)} {rng.choice(teksten.ACHTERNAMEN)}"
        if naam not in gebruikt:
            gebruikt.add(naam)
            return naam
