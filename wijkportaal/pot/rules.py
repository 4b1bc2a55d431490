"""The approval rule of a pot as a pure function: is an allocation approved, rejected, or still open?"""

from collections.abc import Mapping

from wijkportaal.pot.models import BesluitKeuze, Goedkeuringsregel, ToekenningStatus


def uitkomst(
    regel: Goedkeuringsregel,
    besturen: list[int],
    besluiten: Mapping[int, BesluitKeuze],
    inbreng: Mapping[int, int] | None = None,
) -> ToekenningStatus:
    """OPEN until the decisions so far settle it either way.

    `besturen`: participating boards; `besluiten`: board → decision; `inbreng`: board → cents contributed
    (for the weighted rule; when nobody has contributed yet, every board weighs the same)."""
    if not besturen:
        return ToekenningStatus.OPEN
    if regel == Goedkeuringsregel.ALLE:
        if any(besluiten.get(b) == BesluitKeuze.AFGEWEZEN for b in besturen):
            return ToekenningStatus.AFGEWEZEN
        if all(besluiten.get(b) == BesluitKeuze.AKKOORD for b in besturen):
            return ToekenningStatus.GOEDGEKEURD
        return ToekenningStatus.OPEN
    gewicht = {b: 1 for b in besturen}
    if regel == Goedkeuringsregel.GEWOGEN and inbreng and sum(inbreng.get(b, 0) for b in besturen) > 0:
        gewicht = {b: inbreng.get(b, 0) for b in besturen}
    totaal = sum(gewicht.values())
    voor = sum(gewicht[b] for b in besturen if besluiten.get(b) == BesluitKeuze.AKKOORD)
    tegen = sum(gewicht[b] for b in besturen if besluiten.get(b) == BesluitKeuze.AFGEWEZEN)
    if 2 * voor > totaal:
        return ToekenningStatus.GOEDGEKEURD
    if 2 * tegen >= totaal:
        return ToekenningStatus.AFGEWEZEN
    return ToekenningStatus.OPEN
