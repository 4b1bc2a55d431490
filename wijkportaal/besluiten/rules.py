"""The decision rules as one pure function: is a proposal approved, rejected, or still open?"""

from collections.abc import Hashable, Mapping, Sequence

from wijkportaal.besluiten.models import BesluitKeuze, Besluitregel, VoorstelStatus


def uitkomst(
    regel: Besluitregel,
    beslissers: Sequence[Hashable],
    besluiten: Mapping[Hashable, BesluitKeuze],
    gewicht: Mapping[Hashable, int] | None = None,
) -> VoorstelStatus:
    """OPEN until the decisions so far settle it either way.

    `beslissers`: who decides (boards, or the one user under ALLEEN); `besluiten`: decider → decision;
    `gewicht`: decider → cents contributed (for GEWOGEN; when nobody has contributed yet, every decider
    weighs the same). A tie never passes."""
    if not beslissers:
        return VoorstelStatus.OPEN
    if regel in (Besluitregel.ALLE, Besluitregel.ALLEEN):
        if any(besluiten.get(b) == BesluitKeuze.AFGEWEZEN for b in beslissers):
            return VoorstelStatus.AFGEWEZEN
        if all(besluiten.get(b) == BesluitKeuze.AKKOORD for b in beslissers):
            return VoorstelStatus.GOEDGEKEURD
        return VoorstelStatus.OPEN
    weegt = {b: 1 for b in beslissers}
    if regel == Besluitregel.GEWOGEN and gewicht and sum(gewicht.get(b, 0) for b in beslissers) > 0:
        weegt = {b: gewicht.get(b, 0) for b in beslissers}
    totaal = sum(weegt.values())
    voor = sum(weegt[b] for b in beslissers if besluiten.get(b) == BesluitKeuze.AKKOORD)
    tegen = sum(weegt[b] for b in beslissers if besluiten.get(b) == BesluitKeuze.AFGEWEZEN)
    if 2 * voor > totaal:
        return VoorstelStatus.GOEDGEKEURD
    if 2 * tegen >= totaal:
        return VoorstelStatus.AFGEWEZEN
    return VoorstelStatus.OPEN
