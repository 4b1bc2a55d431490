"""Reads of the begroting: the overview of a year per group and line, the years there are, the changes."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from ledger import Ledger
from wijkportaal.auth.models import Gebruiker
from wijkportaal.begroting.models import Groep, Regel, Wijziging, rekeningen
from wijkportaal.begroting.rules import Bedragen, optelling, uit_saldi
from wijkportaal.core import clock


@dataclass(frozen=True)
class RegelOverzicht:
    naam: str
    bedragen: Bedragen


@dataclass(frozen=True)
class GroepOverzicht:
    naam: str
    regels: list[RegelOverzicht]
    bedragen: Bedragen  # the subtotal, computed from the lines


@dataclass(frozen=True)
class Overzicht:
    jaar: int
    groepen: list[GroepOverzicht]
    totaal: Bedragen  # computed from the groups

    def als_dict(self) -> dict:
        """The API's shape: amounts in integer cents."""
        return {
            "jaar": self.jaar,
            "groepen": [
                {
                    "naam": g.naam,
                    **g.bedragen.als_dict(),
                    "regels": [{"naam": r.naam, **r.bedragen.als_dict()} for r in g.regels],
                }
                for g in self.groepen
            ],
            "totaal": self.totaal.als_dict(),
        }


def overzicht(session: Session, jaar: int) -> Overzicht:
    """Per group and line in the begroting's order: budget, committed, paid and left in `jaar`."""
    rijen = session.exec(
        select(Groep.naam, Regel.id, Regel.naam)
        .join(Regel, Regel.groep_id == Groep.id)
        .order_by(Groep.volgorde, Groep.id, Regel.volgorde, Regel.id)
    ).all()
    saldi = _saldi(session, f"begroting:{jaar}:") if rijen else {}
    groepen: dict[str, list[RegelOverzicht]] = {}
    for groep, regel_id, naam in rijen:
        bedragen = _bedragen(rekeningen(regel_id, jaar), saldi)
        groepen.setdefault(groep, []).append(RegelOverzicht(naam, bedragen))
    per_groep = [
        GroepOverzicht(naam, regels, optelling(r.bedragen for r in regels))
        for naam, regels in groepen.items()
    ]
    return Overzicht(jaar, per_groep, optelling(g.bedragen for g in per_groep))


def bedragen(session: Session, regel: Regel, jaar: int) -> Bedragen:
    """What one line holds in one year: budget, committed, paid and left (for a grant's decision)."""
    r = rekeningen(regel.id, jaar)
    return _bedragen(r, _saldi(session, r.basis))


def _saldi(session: Session, prefix: str) -> dict[str, int]:
    return {code: b.posted for code, b in Ledger(session).balances(prefix=prefix).items()}


def _bedragen(r, saldi: dict[str, int]) -> Bedragen:
    """A line's amounts from the balances: its own accounts, and each commitment's own account
    (`Rekeningen.toezegging`) counted as committed and not yet paid."""
    toezeggingen = sum(cents for code, cents in saldi.items() if code.startswith(r.toegezegd + ":"))
    return uit_saldi(
        saldi.get(r.beschikbaar, 0), saldi.get(r.toegezegd, 0) + toezeggingen, saldi.get(r.betaald, 0)
    )


def jaren(session: Session) -> list[int]:
    """The years the begroting has amounts for, and this year, in order."""
    gevonden = set(session.exec(select(Wijziging.jaar).distinct()))
    return sorted(gevonden | {clock.today().year})


def regel(session: Session, groep: str, naam: str) -> Regel | None:
    """A budget line by its group's and its own name ("Samenwerking in de wijk en regio", "Nieuwe initiatieven")."""
    return session.exec(
        select(Regel).join(Groep, Groep.id == Regel.groep_id).where(Groep.naam == groep, Regel.naam == naam)
    ).first()


@dataclass(frozen=True)
class WijzigingRegel:
    op: datetime
    door: str | None  # None: the command line without --door
    groep: str
    regel: str
    oud_cents: int
    nieuw_cents: int
    bron: str


def recente_wijzigingen(session: Session, jaar: int, aantal: int = 50) -> list[WijzigingRegel]:
    """The latest changes of the budget in `jaar`, newest first: when, by whom, which line, from what to what."""
    rijen = session.exec(
        select(Wijziging, Groep.naam, Regel.naam, Gebruiker.naam)
        .join(Regel, Regel.id == Wijziging.regel_id)
        .join(Groep, Groep.id == Regel.groep_id)
        .outerjoin(Gebruiker, Gebruiker.id == Wijziging.gebruiker_id)
        .where(Wijziging.jaar == jaar)
        .order_by(Wijziging.op.desc(), Wijziging.id.desc())
        .limit(aantal)
    ).all()
    return [
        WijzigingRegel(w.op, door, groep, regel, w.oud_cents, w.nieuw_cents, w.bron)
        for w, groep, regel, door in rijen
    ]


def wijzigingen(session: Session, regel_id: int, jaar: int) -> list[Wijziging]:
    """The changes of one line's budget in one year, oldest first."""
    return list(
        session.exec(
            select(Wijziging)
            .where(Wijziging.regel_id == regel_id, Wijziging.jaar == jaar)
            .order_by(Wijziging.op, Wijziging.id)
        )
    )
