"""The only code that changes assessing. Services flush, never commit; a refusal (`Weigering`) rolls the
whole request back. Every change is in the audit log, and every status change goes through
`initiatieven.services.zet_status`."""

from datetime import date

from sqlmodel import Session, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.beoordeling import queries, rules
from wijkportaal.beoordeling.models import Advies, Herziening, Score, Toewijzing, Verklaring
from wijkportaal.core import audit, clock
from wijkportaal.core.db import lock_row
from wijkportaal.core.errors import Weigering, weiger_als
from wijkportaal.core.roles import Rol
from wijkportaal.initiatieven import services as initiatieven_services
from wijkportaal.initiatieven.models import Aanvraag, Status

NIET_TOEGEWEZEN = "U bent niet aangewezen als beoordelaar van deze aanvraag."
INGETROKKEN = "Het SWV heeft u als beoordelaar van deze aanvraag ingetrokken."


def wijs_toe(
    session: Session, aanvraag: Aanvraag, door, beoordelaar_ids: list[int], deadline: date
) -> list[Toewijzing]:
    """Assign assessors to a submitted application (or add one to an application being assessed). An
    application needs at least two who did not decline; an assessor who works for one of its boards or
    schools is refused. The first assignment moves it from ingediend to in beoordeling."""
    aanvraag = lock_row(session, Aanvraag, aanvraag.id)
    weiger_als(
        aanvraag.status not in (Status.INGEDIEND, Status.IN_BEOORDELING)
        and f"Een aanvraag met status ‘{aanvraag.status.label.lower()}’ krijgt geen beoordelaars meer.",
        "beoordelaars",
    )
    weiger_als(not beoordelaar_ids and "Kies de beoordelaars.", "beoordelaars")
    weiger_als(deadline < clock.today() and "De deadline ligt in het verleden.", "deadline")
    bestaand = {t.beoordelaar_id: t for t, _ in queries.toewijzingen(session, aanvraag)}
    nieuw = []
    for gid in dict.fromkeys(beoordelaar_ids):
        gebruiker = session.get(Gebruiker, gid)
        weiger_als(
            (gebruiker is None or gebruiker.rol is not Rol.BEOORDELAAR or not gebruiker.is_actief)
            and "Kies alleen gebruikers met de rol beoordelaar.",
            "beoordelaars",
        )
        weiger_als(gid in bestaand and _al_aangewezen(gebruiker.naam, bestaand[gid]), "beoordelaars")
        conflict = queries.belangenconflict(session, aanvraag, gebruiker)
        weiger_als(
            conflict and f"{gebruiker.naam} {conflict} en kan deze aanvraag niet beoordelen.",
            "beoordelaars",
        )
        nieuw.append(gebruiker)
    actief = sum(t.telt_mee for t in bestaand.values()) + len(nieuw)
    weiger_als(
        actief < rules.MINIMAAL_AANTAL_BEOORDELAARS
        and f"Wijs ten minste {rules.MINIMAAL_AANTAL_BEOORDELAARS} beoordelaars aan.",
        "beoordelaars",
    )
    toewijzingen = []
    for gebruiker in nieuw:
        t = Toewijzing(
            aanvraag_id=aanvraag.id,
            beoordelaar_id=gebruiker.id,
            deadline=deadline,
            toegewezen_door_id=getattr(door, "id", None),
        )
        session.add(t)
        session.flush()
        audit.record(
            session, door, t, "toegewezen", {"aanvraag_id": aanvraag.id, "beoordelaar": gebruiker.naam}
        )
        toewijzingen.append(t)
    if aanvraag.status is Status.INGEDIEND:
        initiatieven_services.zet_status(session, aanvraag, Status.IN_BEOORDELING, door)
    return toewijzingen


def _al_aangewezen(naam: str, toewijzing: Toewijzing) -> str:
    """Why an assessor cannot be assigned to the same application twice (one assignment per assessor)."""
    if toewijzing.verklaring is Verklaring.AFGEZIEN:
        return f"{naam} heeft eerder afgezien van deze aanvraag; kies iemand anders."
    if toewijzing.verklaring is Verklaring.INGETROKKEN:
        return f"{naam} is eerder ingetrokken als beoordelaar; kies iemand anders."
    return f"{naam} is al aangewezen."


def _eigen(session: Session, toewijzing: Toewijzing, door) -> tuple[Toewijzing, Aanvraag]:
    """The assignment, locked, when it is `door`'s and its application is being assessed."""
    toewijzing = lock_row(session, Toewijzing, toewijzing.id)
    weiger_als(toewijzing.beoordelaar_id != getattr(door, "id", None) and NIET_TOEGEWEZEN)
    # The application is locked too, so that of two assessors submitting at once the last one moves it on.
    aanvraag = lock_row(session, Aanvraag, toewijzing.aanvraag_id)
    return toewijzing, aanvraag


def verklaar(session: Session, toewijzing: Toewijzing, door, geen_conflict: bool, reden: str = "") -> None:
    """The assessor declares that they have no conflict of interest, or declines with a reason (then they
    see nothing of the application, and SWV staff assign someone else)."""
    toewijzing, aanvraag = _eigen(session, toewijzing, door)
    weiger_als(toewijzing.verklaring is Verklaring.INGETROKKEN and INGETROKKEN)
    weiger_als(toewijzing.verklaring is not Verklaring.OPEN and "U hebt uw verklaring al gegeven.")
    weiger_als(aanvraag.status is not Status.IN_BEOORDELING and "Deze aanvraag wordt niet (meer) beoordeeld.")
    weiger_als(rules.verklaring_fout(geen_conflict, not geen_conflict, reden), "reden")
    toewijzing.verklaring = Verklaring.GEEN_CONFLICT if geen_conflict else Verklaring.AFGEZIEN
    toewijzing.afzien_reden = "" if geen_conflict else reden.strip()
    toewijzing.verklaard_op = clock.now()
    session.add(toewijzing)
    audit.record(
        session,
        door,
        toewijzing,
        "verklaard",
        {"verklaring": toewijzing.verklaring, "reden": toewijzing.afzien_reden},
    )
    if not geen_conflict:
        _beoordeeld_als_compleet(session, aanvraag, door)


def trek_in(session: Session, toewijzing: Toewijzing, door, reden: str) -> None:
    """SWV staff withdraw an assessor who has not submitted, with a reason (for example: no response
    before the deadline). The assessor then sees nothing of the application; when the others (at least two)
    have all submitted, the application is assessed, otherwise SWV staff assign someone else."""
    toewijzing = lock_row(session, Toewijzing, toewijzing.id)
    aanvraag = lock_row(session, Aanvraag, toewijzing.aanvraag_id)
    naam = session.get(Gebruiker, toewijzing.beoordelaar_id).naam
    weiger_als(
        aanvraag.status is not Status.IN_BEOORDELING
        and f"Een aanvraag met status ‘{aanvraag.status.label.lower()}’ wordt niet meer beoordeeld."
    )
    weiger_als(not toewijzing.telt_mee and f"{naam} beoordeelt deze aanvraag al niet meer.")
    weiger_als(
        toewijzing.ingediend_op is not None
        and f"{naam} heeft de beoordeling al ingediend; die telt mee en kan niet worden ingetrokken."
    )
    weiger_als(not reden.strip() and "Geef de reden van het intrekken.", "reden")
    toewijzing.verklaring = Verklaring.INGETROKKEN
    toewijzing.afzien_reden = reden.strip()
    session.add(toewijzing)
    audit.record(
        session, door, toewijzing, "ingetrokken", {"beoordelaar": naam, "reden": toewijzing.afzien_reden}
    )
    _beoordeeld_als_compleet(session, aanvraag, door)


def _beoordeeld_als_compleet(session: Session, aanvraag: Aanvraag, door) -> None:
    """Every assigned assessor who did not decline (at least two) has submitted: the application is
    assessed."""
    session.flush()
    if aanvraag.status is Status.IN_BEOORDELING and queries.uitslag(session, aanvraag).is_compleet:
        initiatieven_services.zet_status(
            session, aanvraag, Status.BEOORDEELD, door, "alle beoordelaars hebben gescoord"
        )


def dien_in(
    session: Session,
    toewijzing: Toewijzing,
    door,
    scores: dict[int, tuple[int | None, str]],
    advies: Advies | None,
    toelichting: str = "",
) -> None:
    """Submit the assessor's scores (criterium id -> (score, motivation)) for every judged criterion of
    the round, and the recommendation. Once only: a second score is refused. When every assigned
    assessor (at least two) has submitted, the application is assessed (beoordeeld)."""
    toewijzing, aanvraag = _eigen(session, toewijzing, door)
    weiger_als(toewijzing.verklaring is Verklaring.AFGEZIEN and "U hebt afgezien van deze beoordeling.")
    weiger_als(toewijzing.verklaring is Verklaring.INGETROKKEN and INGETROKKEN)
    weiger_als(
        toewijzing.verklaring is not Verklaring.GEEN_CONFLICT
        and "Verklaar eerst dat u geen belangenconflict hebt."
    )
    weiger_als(
        toewijzing.ingediend_op is not None
        and "U hebt uw scores al ingediend; wijzig een score met een herziening."
    )
    weiger_als(
        session.exec(select(Score.id).where(Score.toewijzing_id == toewijzing.id)).first() is not None
        and "U hebt al scores gegeven voor deze aanvraag."
    )
    weiger_als(aanvraag.status is not Status.IN_BEOORDELING and "Deze aanvraag wordt niet (meer) beoordeeld.")
    criteria = queries.inhoudelijke_criteria(session, aanvraag)
    onbekend = set(scores) - {c.id for c in criteria}
    weiger_als(onbekend and "Score alleen de inhoudelijke criteria van de ronde van deze aanvraag.")
    for c in criteria:
        score, motivering = scores.get(c.id, (None, ""))
        weiger_als(rules.score_fout(score), f"score_{c.id}")
        weiger_als(rules.motivering_fout(score, motivering), f"motivering_{c.id}")
    weiger_als(advies is None and "Kies uw advies: toekennen, afwijzen of aanhouden.", "advies")
    nu = clock.now()
    for c in criteria:
        score, motivering = scores[c.id]
        session.add(
            Score(
                toewijzing_id=toewijzing.id,
                criterium_id=c.id,
                score=score,
                motivering=motivering.strip(),
                gegeven_op=nu,
            )
        )
    toewijzing.advies = Advies(advies)
    toewijzing.advies_toelichting = toelichting.strip()
    toewijzing.ingediend_op = nu
    session.add(toewijzing)
    audit.record(
        session,
        door,
        toewijzing,
        "ingediend",
        {
            "aanvraag_id": aanvraag.id,
            "scores": {c.nummer: scores[c.id][0] for c in criteria},
            "advies": advies,
        },
    )
    _beoordeeld_als_compleet(session, aanvraag, door)


def herzie(
    session: Session, score: Score, door, nieuwe_score: int | None, motivering: str, reden: str
) -> Herziening:
    """After submitting, the assessor changes one of their scores with a reason; the revision is kept."""
    score = lock_row(session, Score, score.id)
    toewijzing, aanvraag = _eigen(session, session.get(Toewijzing, score.toewijzing_id), door)
    weiger_als(toewijzing.ingediend_op is None and "Herzien kan pas nadat u uw scores hebt ingediend.")
    weiger_als(
        aanvraag.status not in (Status.IN_BEOORDELING, Status.BEOORDEELD)
        and "Over deze aanvraag is al besloten; de scores staan vast."
    )
    weiger_als(rules.score_fout(nieuwe_score), "score")
    weiger_als(rules.motivering_fout(nieuwe_score, motivering), "motivering")
    weiger_als(not reden.strip() and "Geef de reden van de herziening.", "reden")
    weiger_als(
        nieuwe_score == score.score
        and motivering.strip() == score.motivering
        and "Dit is dezelfde score en motivering; er is niets te herzien.",
        "score",
    )
    herziening = Herziening(
        score_id=score.id,
        oude_score=score.score,
        nieuwe_score=nieuwe_score,
        oude_motivering=score.motivering,
        nieuwe_motivering=motivering.strip(),
        reden=reden.strip(),
        door_id=door.id,
    )
    session.add(herziening)
    score.score, score.motivering = nieuwe_score, motivering.strip()
    session.add(score)
    audit.record(
        session,
        door,
        score,
        "herzien",
        {"score": [herziening.oude_score, nieuwe_score], "reden": herziening.reden},
    )
    return herziening


__all__ = ["NIET_TOEGEWEZEN", "Weigering", "dien_in", "herzie", "verklaar", "wijs_toe"]
