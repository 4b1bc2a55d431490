"""Reads of assessing. `uitslagen` (the combined scores of many applications in a fixed number of
queries) and `als_json` are what other features call: the API, the director's ranked list and the
decision letter."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session, func, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.beoordeling import rules
from wijkportaal.beoordeling.models import UITGEVALLEN, Advies, Herziening, Score, Toewijzing, Verklaring
from wijkportaal.beoordeling.rules import CriteriumGegevens, CriteriumUitslag, Uitslag
from wijkportaal.core.roles import Rol
from wijkportaal.initiatieven import queries as initiatieven_queries
from wijkportaal.initiatieven.models import Aanvraag, Criterium, Deelnemer, Ronde, Soort, Status
from wijkportaal.wijken.models import Organisatie

__all__ = [
    "CriteriumUitslag",
    "Uitslag",
    "WachtItem",
    "als_json",
    "uitslag",
    "uitslagen",
    "wachtrij",
]


# The combined result


def _in(db: Session, kolom, ids: list[int]):
    """`kolom IN ids`; on PostgreSQL as `= ANY(array)`, one parameter however many ids."""
    if db.get_bind().dialect.name == "postgresql":
        return kolom == sa.any_(sa.bindparam(None, ids, type_=ARRAY(sa.Integer)))
    return kolom.in_(ids)


def uitslagen(db: Session, aanvraag_ids: list[int]) -> dict[int, Uitslag]:
    """Per existing application in `aanvraag_ids` its combined result, from the submitted assessors only;
    four queries however many applications."""
    ids = sorted(set(aanvraag_ids))
    if not ids:
        return {}
    rondes: dict[int, int] = {}
    minimum: dict[int, int] = {}
    for aid, ronde_id, honderdsten in db.exec(
        select(Aanvraag.id, Ronde.id, Ronde.knock_out_minimum_honderdsten)
        .join(Ronde, Ronde.id == Aanvraag.ronde_id)
        .where(_in(db, Aanvraag.id, ids))
    ):
        rondes[aid], minimum[ronde_id] = ronde_id, honderdsten
    if not rondes:
        return {}
    criteria: dict[int, list[CriteriumGegevens]] = defaultdict(list)
    for cid, ronde_id, nummer, tekst, gewicht in db.exec(
        select(Criterium.id, Criterium.ronde_id, Criterium.nummer, Criterium.tekst, Criterium.gewicht).where(
            Criterium.ronde_id.in_(set(rondes.values())), Criterium.soort == Soort.INHOUDELIJK
        )
    ):
        criteria[ronde_id].append(CriteriumGegevens(cid, nummer, tekst, gewicht))
    toegewezen: dict[int, int] = defaultdict(int)
    klaar: dict[int, int] = defaultdict(int)
    adviezen: dict[int, list[Advies]] = defaultdict(list)
    meegeteld = [Toewijzing.verklaring.not_in(UITGEVALLEN), _in(db, Toewijzing.aanvraag_id, list(rondes))]
    for aid, ingediend_op, advies in db.exec(
        select(Toewijzing.aanvraag_id, Toewijzing.ingediend_op, Toewijzing.advies).where(*meegeteld)
    ):
        toegewezen[aid] += 1
        if ingediend_op is not None:
            klaar[aid] += 1
            adviezen[aid].append(advies)
    scores: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    if klaar:
        for aid, criterium_id, score in db.exec(
            select(Toewijzing.aanvraag_id, Score.criterium_id, Score.score)
            .join(Toewijzing, Toewijzing.id == Score.toewijzing_id)
            .where(*meegeteld, Toewijzing.ingediend_op.is_not(None))
            .order_by(Score.toewijzing_id)
        ):
            scores[aid][criterium_id].append(score)
    return {
        aid: rules.combineer(
            aid,
            criteria[ronde_id],
            scores.get(aid, {}),
            minimum[ronde_id],
            adviezen.get(aid, ()),
            klaar.get(aid, 0),
            toegewezen.get(aid, 0),
        )
        for aid, ronde_id in rondes.items()
    }


def uitslag(db: Session, aanvraag: Aanvraag) -> Uitslag:
    return uitslagen(db, [aanvraag.id])[aanvraag.id]


def _getal(waarde) -> str | None:
    return None if waarde is None else str(waarde)


def als_json(u: Uitslag) -> dict:
    """The combined result as the API shows it; means and totals as decimal strings ("2.50")."""
    return {
        "beoordelaars_klaar": u.klaar,
        "beoordelaars_toegewezen": u.toegewezen,
        "totaal": _getal(u.totaal),
        "maximum": u.maximum,
        "verschil": u.verschil,
        "knock_out": u.knock_out,
        "adviezen": {a.value: n for a, n in u.adviezen.items()},
        "criteria": [
            {
                "nummer": c.nummer,
                "tekst": c.tekst,
                "gewicht": c.gewicht,
                "gemiddelde": _getal(c.gemiddelde_afgerond),
                "scores": list(c.scores),
                "verschil": c.verschil,
                "onder_minimum": c.onder_minimum,
            }
            for c in u.criteria
        ],
    }


def scores_json(db: Session, aanvraag_ids: list[int]) -> dict[int, dict | None]:
    """The API's `scores` of many applications: None for one nobody has submitted scores for."""
    return {aid: als_json(u) if u.klaar else None for aid, u in uitslagen(db, aanvraag_ids).items()}


# Assignments


def toewijzing(db: Session, id: int) -> Toewijzing | None:
    return db.get(Toewijzing, id)


def toewijzing_van(db: Session, user, aanvraag_id: int) -> Toewijzing | None:
    """`user`'s assignment to the application, if any."""
    if getattr(user, "id", None) is None:
        return None
    return db.exec(
        select(Toewijzing).where(Toewijzing.aanvraag_id == aanvraag_id, Toewijzing.beoordelaar_id == user.id)
    ).first()


def toewijzingen(db: Session, aanvraag: Aanvraag) -> list[tuple[Toewijzing, Gebruiker]]:
    """The application's assessors, in the order they were assigned."""
    return list(
        db.exec(
            select(Toewijzing, Gebruiker)
            .join(Gebruiker, Gebruiker.id == Toewijzing.beoordelaar_id)
            .where(Toewijzing.aanvraag_id == aanvraag.id)
            .order_by(Toewijzing.id)
        ).all()
    )


def beoordelaars(db: Session) -> list[Gebruiker]:
    """Active users with the beoordelaar role, by name."""
    return list(
        db.exec(
            select(Gebruiker)
            .where(Gebruiker.rol == Rol.BEOORDELAAR, Gebruiker.is_actief)
            .order_by(Gebruiker.naam)
        ).all()
    )


def belangenconflict(db: Session, aanvraag: Aanvraag, user) -> str | None:
    """Why `user` may not assess `aanvraag`: they work for one of its boards or schools (also an invited
    one that has not confirmed yet), else None."""
    deelnemers = db.exec(
        select(Deelnemer.bestuur_id, Deelnemer.school_id).where(Deelnemer.aanvraag_id == aanvraag.id)
    ).all()
    besturen = {b for b, _ in deelnemers}
    scholen = {s for _, s in deelnemers if s is not None}
    if getattr(user, "bestuur_id", None) in besturen:
        return "werkt voor een van de aanvragende besturen"
    if getattr(user, "organisatie_id", None) is not None:
        if user.organisatie_id in scholen:
            return "werkt op een van de aanvragende scholen"
        bestuur = db.exec(select(Organisatie.bestuur_id).where(Organisatie.id == user.organisatie_id)).first()
        if bestuur is not None and bestuur in besturen:
            return "werkt voor een school van een van de aanvragende besturen"
    return None


def scores_van(db: Session, toewijzing: Toewijzing) -> dict[int, Score]:
    """An assessor's scores of an application, by criterium id."""
    return {
        s.criterium_id: s for s in db.exec(select(Score).where(Score.toewijzing_id == toewijzing.id)).all()
    }


def inhoudelijke_criteria(db: Session, aanvraag: Aanvraag) -> list[Criterium]:
    """The judged criteria of the application's round, by number."""
    return [c for c in initiatieven_queries.criteria(db, aanvraag.ronde_id) if c.soort is Soort.INHOUDELIJK]


def herzieningen(db: Session, score: Score) -> list[Herziening]:
    """A score's revisions, oldest first."""
    return list(db.exec(select(Herziening).where(Herziening.score_id == score.id).order_by(Herziening.id)))


@dataclass(frozen=True)
class Beoordeling:
    """One submitted assessor's part, as the combined result page shows it."""

    toewijzing: Toewijzing
    beoordelaar: Gebruiker
    scores: dict[int, Score]
    herzieningen: dict[int, list[Herziening]]  # by score id, oldest first


def beoordelingen(db: Session, aanvraag: Aanvraag) -> list[Beoordeling]:
    """The submitted assessors' scores and revisions (three queries)."""
    rijen = [(t, g) for t, g in toewijzingen(db, aanvraag) if t.ingediend_op is not None]
    if not rijen:
        return []
    alle = db.exec(select(Score).where(Score.toewijzing_id.in_([t.id for t, _ in rijen]))).all()
    herzieningen: dict[int, list[Herziening]] = defaultdict(list)
    if alle:
        for h in db.exec(
            select(Herziening).where(Herziening.score_id.in_([s.id for s in alle])).order_by(Herziening.id)
        ):
            herzieningen[h.score_id].append(h)
    per_toewijzing: dict[int, dict[int, Score]] = defaultdict(dict)
    for s in alle:
        per_toewijzing[s.toewijzing_id][s.criterium_id] = s
    return [
        Beoordeling(
            t,
            g,
            per_toewijzing[t.id],
            {s.id: herzieningen[s.id] for s in per_toewijzing[t.id].values() if herzieningen[s.id]},
        )
        for t, g in rijen
    ]


# Queues


@dataclass(frozen=True)
class WachtItem:
    """An assignment waiting for its assessor: to declare, or to score."""

    toewijzing: Toewijzing
    aanvraag: Aanvraag
    ronde: str

    @property
    def deadline(self) -> date:
        return self.toewijzing.deadline

    @property
    def moet_verklaren(self) -> bool:
        return self.toewijzing.verklaring is Verklaring.OPEN


def wachtrij(db: Session, user) -> list[WachtItem]:
    """What waits for the assessor `user`: assignments not declined and not submitted, of applications
    being assessed, soonest deadline first."""
    if getattr(user, "id", None) is None:
        return []
    return [
        WachtItem(t, a, naam)
        for t, a, naam in db.exec(
            select(Toewijzing, Aanvraag, Ronde.naam)
            .join(Aanvraag, Aanvraag.id == Toewijzing.aanvraag_id)
            .join(Ronde, Ronde.id == Aanvraag.ronde_id)
            .where(
                Toewijzing.beoordelaar_id == user.id,
                Toewijzing.verklaring.not_in(UITGEVALLEN),
                Toewijzing.ingediend_op.is_(None),
                Aanvraag.status == Status.IN_BEOORDELING,
            )
            .order_by(Toewijzing.deadline, Aanvraag.id)
        ).all()
    ]


def mijn_beoordelingen(db: Session, user) -> list[tuple[Toewijzing, Aanvraag]]:
    """Every assignment of the assessor `user` that they did not decline, newest application first."""
    return list(
        db.exec(
            select(Toewijzing, Aanvraag)
            .join(Aanvraag, Aanvraag.id == Toewijzing.aanvraag_id)
            .where(Toewijzing.beoordelaar_id == user.id, Toewijzing.verklaring.not_in(UITGEVALLEN))
            .order_by(Aanvraag.id.desc())
        ).all()
    )


def _wacht_op_beoordelaars():
    """Submitted applications without assessors yet, and applications being assessed that have fewer than
    two assessors left (one declined or was withdrawn)."""
    actief = (
        select(func.count())
        .select_from(Toewijzing)
        .where(Toewijzing.aanvraag_id == Aanvraag.id, Toewijzing.verklaring.not_in(UITGEVALLEN))
        .correlate(Aanvraag)
        .scalar_subquery()
    )
    return sa.or_(
        Aanvraag.status == Status.INGEDIEND,
        sa.and_(Aanvraag.status == Status.IN_BEOORDELING, actief < rules.MINIMAAL_AANTAL_BEOORDELAARS),
    )


def wacht_op_toewijzing(db: Session, limit: int | None = None) -> list[tuple[Aanvraag, Ronde]]:
    """Applications that wait for SWV staff to assign assessors (`_wacht_op_beoordelaars`), oldest first;
    the first `limit` when given."""
    return list(
        db.exec(
            select(Aanvraag, Ronde)
            .join(Ronde, Ronde.id == Aanvraag.ronde_id)
            .where(_wacht_op_beoordelaars())
            .order_by(Aanvraag.ingediend_op, Aanvraag.id)
            .limit(limit)
        ).all()
    )


def aantal_wacht_op_toewijzing(db: Session) -> int:
    return db.exec(select(func.count()).select_from(Aanvraag).where(_wacht_op_beoordelaars())).one()


def in_beoordeling(db: Session) -> list[Aanvraag]:
    """Applications being assessed or assessed (not yet decided), oldest first."""
    return list(
        db.exec(
            select(Aanvraag)
            .where(Aanvraag.status.in_([Status.IN_BEOORDELING, Status.BEOORDEELD]))
            .order_by(Aanvraag.ingediend_op, Aanvraag.id)
        ).all()
    )


def te_herinneren(db: Session, tot: date) -> list[tuple[Toewijzing, Aanvraag, Gebruiker]]:
    """Open assignments (not declined, not submitted, application being assessed) due on or before `tot`."""
    return list(
        db.exec(
            select(Toewijzing, Aanvraag, Gebruiker)
            .join(Aanvraag, Aanvraag.id == Toewijzing.aanvraag_id)
            .join(Gebruiker, Gebruiker.id == Toewijzing.beoordelaar_id)
            .where(
                Toewijzing.verklaring.not_in(UITGEVALLEN),
                Toewijzing.ingediend_op.is_(None),
                Toewijzing.deadline <= tot,
                Aanvraag.status == Status.IN_BEOORDELING,
            )
            .order_by(Toewijzing.deadline, Toewijzing.id)
        ).all()
    )


def scores_bron(db: Session, aanvraag: Aanvraag) -> dict | None:
    """`initiatieven.queries.scores` of one application (the API reads many at once: `scores_json`)."""
    return scores_json(db, [aanvraag.id]).get(aanvraag.id)
