"""The demo's assessing, on the submitted applications of the initiatieven demo: the Taalklas waits for
the demo beoordelaar (the other assessor is done), the Plusklas has one assessor done, the Thuiszitters
are fully assessed with a disagreement flag, the Jonge kind fully assessed and waiting for the director,
and the Gedragsspecialist still waits for assessors.

Everything goes through the feature's services, as a user would do it."""

from datetime import date, timedelta

from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.beoordeling import queries, services
from wijkportaal.beoordeling.models import Advies
from wijkportaal.core import clock
from wijkportaal.core.roles import Rol
from wijkportaal.demo.initiatieven import INGEDIEND
from wijkportaal.initiatieven.models import Aanvraag

TAALKLAS, PLUSKLAS, THUISZITTERS, JONGE_KIND, GEDRAG = INGEDIEND

# The other assessors of the demo (fictional), besides the demo login.
BEOORDELAARS = (
    ("beoordelaar.2@demo.wijkportaal.nl", "Inge de Wit"),
    ("beoordelaar.3@demo.wijkportaal.nl", "Youssef Amrani"),
)

# Scores of the seven judged criteria (in the order of their numbers) and the recommendation.
GOED = ((3, 3, 2, 3, 2, 3, 2), Advies.TOEKENNEN)
RUIM = ((2, 3, 3, 2, 3, 2, 3), Advies.TOEKENNEN)
MOTIVERING = {
    0: "Dit ontbreekt in de aanvraag.",
    1: "Te weinig uitgewerkt; de aanvraag noemt het wel, maar maakt niet concreet hoe.",
    2: "Voldoende beschreven.",
    3: "Goed onderbouwd, met concrete afspraken.",
}


def laad_beoordeling(session: Session, today: date, swv, beoordelaar) -> str:
    """Assign, declare and score the demo's submitted applications; returns a Dutch summary."""
    wachtwoord_hash = beoordelaar.wachtwoord_hash
    tweede, derde = (_gebruiker(session, email, naam, wachtwoord_hash) for email, naam in BEOORDELAARS)
    aanvragen = {
        a.titel: a for a in session.exec(select(Aanvraag).where(Aanvraag.titel.in_(INGEDIEND))).all()
    }
    deadline = max(today, clock.today()) + timedelta(days=14)

    taalklas = aanvragen[TAALKLAS]
    services.wijs_toe(session, taalklas, swv, [beoordelaar.id, tweede.id], deadline)
    beoordeel(session, taalklas, tweede, *RUIM)

    plusklas = aanvragen[PLUSKLAS]
    services.wijs_toe(session, plusklas, swv, [tweede.id, derde.id], deadline + timedelta(days=7))
    beoordeel(session, plusklas, tweede, *GOED)

    thuiszitters = aanvragen[THUISZITTERS]
    services.wijs_toe(session, thuiszitters, swv, [tweede.id, derde.id], deadline)
    # Two points apart on the first and the last judged criterion: the disagreement flag.
    beoordeel(session, thuiszitters, tweede, (3, 3, 2, 3, 2, 3, 3), Advies.TOEKENNEN)
    beoordeel(session, thuiszitters, derde, (1, 2, 2, 2, 1, 2, 1), Advies.AANHOUDEN)

    jonge_kind = aanvragen[JONGE_KIND]
    services.wijs_toe(session, jonge_kind, swv, [tweede.id, derde.id], deadline)
    beoordeel(session, jonge_kind, tweede, *GOED)
    beoordeel(session, jonge_kind, derde, *RUIM)

    beoordeeld = sum(1 for a in aanvragen.values() if queries.uitslag(session, a).is_compleet)
    return f"{beoordeeld} aanvragen beoordeeld, {len(BEOORDELAARS) + 1} beoordelaars"


def _gebruiker(session: Session, email: str, naam: str, wachtwoord_hash: str | None) -> Gebruiker:
    g = Gebruiker(email=email, naam=naam, rol=Rol.BEOORDELAAR, wachtwoord_hash=wachtwoord_hash)
    session.add(g)
    session.flush()
    return g


def beoordeel(
    session: Session, aanvraag: Aanvraag, beoordelaar, cijfers: tuple[int, ...], advies: Advies
) -> None:
    """`beoordelaar` declares no conflict and submits `cijfers` for the judged criteria, by number."""
    toewijzing = queries.toewijzing_van(session, beoordelaar, aanvraag.id)
    services.verklaar(session, toewijzing, beoordelaar, geen_conflict=True)
    criteria = queries.inhoudelijke_criteria(session, aanvraag)
    scores = {c.id: (s, MOTIVERING[s]) for c, s in zip(criteria, cijfers, strict=True)}
    services.dien_in(session, toewijzing, beoordelaar, scores, advies, "Zie de motivering per criterium.")
