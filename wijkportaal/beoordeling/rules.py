"""Pure rules of assessing: the rubric, what a score needs, and how the assessors' scores combine into a
result per criterion and in total, with the disagreement and knock-out flags."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from wijkportaal.beoordeling.models import Advies

RUBRIEK = range(0, 4)  # 0 = niet, 1 = onvoldoende, 2 = voldoende, 3 = goed
MOTIVERING_VERPLICHT_ONDER = 2  # a 0 or 1 needs a motivation
VERSCHIL_VANAF = 2  # assessors who differ by this many points on a criterion are flagged
MINIMAAL_AANTAL_BEOORDELAARS = 2
TWEE_DECIMALEN = Decimal("0.01")


def score_fout(score: int | None) -> str | None:
    if score is None:
        return "Kies een score."
    if score not in RUBRIEK:
        return "Een score is 0, 1, 2 of 3."
    return None


def motivering_fout(score: int | None, motivering: str) -> str | None:
    if score is not None and score < MOTIVERING_VERPLICHT_ONDER and not motivering.strip():
        return "Motiveer een score van 0 of 1."
    return None


@dataclass(frozen=True)
class CriteriumGegevens:
    """A judged criterion of a round, as the aggregation reads it."""

    id: int
    nummer: int
    tekst: str
    gewicht: int


@dataclass(frozen=True)
class CriteriumUitslag:
    criterium_id: int
    nummer: int
    tekst: str
    gewicht: int
    scores: tuple[int, ...]  # of the assessors who submitted
    gemiddelde: Decimal | None  # exact mean, None without scores
    verschil: bool  # assessors differ by 2 points or more
    onder_minimum: bool  # the mean is below the round's knock-out minimum

    @property
    def gemiddelde_afgerond(self) -> Decimal | None:
        return None if self.gemiddelde is None else self.gemiddelde.quantize(TWEE_DECIMALEN, ROUND_HALF_UP)


@dataclass(frozen=True)
class Uitslag:
    """The combined scores of one application: per criterion, the weighted total (sum of weight × mean,
    out of `maximum` = sum of weight × 3), the flags, the recommendations and how many assessors are done
    out of those assigned who did not decline."""

    aanvraag_id: int
    criteria: tuple[CriteriumUitslag, ...]
    totaal: Decimal | None
    maximum: int
    verschil: bool
    knock_out: bool
    adviezen: Mapping[Advies, int]
    klaar: int
    toegewezen: int

    @property
    def is_compleet(self) -> bool:
        """Every assigned assessor (at least two) has submitted."""
        return self.toegewezen >= MINIMAAL_AANTAL_BEOORDELAARS and self.klaar == self.toegewezen


def combineer(
    aanvraag_id: int,
    criteria: Iterable[CriteriumGegevens],
    scores: Mapping[int, Iterable[int]],
    knock_out_minimum_honderdsten: int,
    adviezen: Iterable[Advies] = (),
    klaar: int = 0,
    toegewezen: int = 0,
) -> Uitslag:
    """Combine the submitted scores (criterium id -> the assessors' scores) of one application.

    The total is only given once every criterion has a score; the knock-out compares the exact mean with
    the minimum (in hundredths, on the 0-3 scale): 1,49 is below 1,50, and 1,50 is not."""
    criteria = tuple(sorted(criteria, key=lambda c: c.nummer))
    if not any(scores.get(c.id) for c in criteria):
        return _zonder_scores(aanvraag_id, criteria, adviezen, klaar, toegewezen)
    minimum = Decimal(knock_out_minimum_honderdsten) / 100
    uitslagen = []
    for c in criteria:
        rij = tuple(scores.get(c.id, ()))
        gemiddelde = Decimal(sum(rij)) / len(rij) if rij else None
        uitslagen.append(
            CriteriumUitslag(
                criterium_id=c.id,
                nummer=c.nummer,
                tekst=c.tekst,
                gewicht=c.gewicht,
                scores=rij,
                gemiddelde=gemiddelde,
                verschil=bool(rij) and max(rij) - min(rij) >= VERSCHIL_VANAF,
                onder_minimum=gemiddelde is not None and gemiddelde < minimum,
            )
        )
    compleet = bool(uitslagen) and all(u.gemiddelde is not None for u in uitslagen)
    totaal = (
        sum((u.gewicht * u.gemiddelde for u in uitslagen), Decimal(0)).quantize(TWEE_DECIMALEN, ROUND_HALF_UP)
        if compleet
        else None
    )
    return Uitslag(
        aanvraag_id=aanvraag_id,
        criteria=tuple(uitslagen),
        totaal=totaal,
        maximum=sum(3 * u.gewicht for u in uitslagen),
        verschil=any(u.verschil for u in uitslagen),
        knock_out=any(u.onder_minimum for u in uitslagen),
        adviezen=_telling(adviezen),
        klaar=klaar,
        toegewezen=toegewezen,
    )


def _telling(adviezen: Iterable[Advies]) -> dict[Advies, int]:
    telling = {a: 0 for a in Advies}
    for a in adviezen:
        telling[Advies(a)] += 1
    return telling


@lru_cache(maxsize=64)
def _lege_criteria(criteria: tuple[CriteriumGegevens, ...]) -> tuple[CriteriumUitslag, ...]:
    """The criteria of a round without scores, made once (they are immutable): most applications of a
    long list have none."""
    return tuple(
        CriteriumUitslag(c.id, c.nummer, c.tekst, c.gewicht, (), None, False, False) for c in criteria
    )


def _zonder_scores(aanvraag_id, criteria, adviezen, klaar, toegewezen) -> Uitslag:
    return Uitslag(
        aanvraag_id=aanvraag_id,
        criteria=_lege_criteria(criteria),
        totaal=None,
        maximum=sum(3 * c.gewicht for c in criteria),
        verschil=False,
        knock_out=False,
        adviezen=_telling(adviezen),
        klaar=klaar,
        toegewezen=toegewezen,
    )


def verklaring_fout(geen_conflict: bool, afzien: bool, reden: str) -> str | None:
    if geen_conflict == afzien:
        return "Verklaar dat u geen belangenconflict hebt, of zie af van de beoordeling."
    if afzien and not reden.strip():
        return "Geef de reden waarom u afziet van de beoordeling."
    return None
