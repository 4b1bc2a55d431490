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


def nog_nodig_na_akkoord(
    regel: Besluitregel,
    beslissers: Sequence[Hashable],
    besluiten: Mapping[Hashable, BesluitKeuze],
    beslisser: Hashable,
    gewicht: Mapping[Hashable, int] | None = None,
) -> int | None:
    """After `beslisser` approves: 0 when the rule is then met, else the fewest further approvals that
    would meet it (the heaviest deciders first), or None when no further approvals could."""
    besluiten = {**besluiten, beslisser: BesluitKeuze.AKKOORD}
    nog_open = [b for b in beslissers if b not in besluiten]
    if regel == Besluitregel.GEWOGEN and gewicht:
        nog_open.sort(key=lambda b: -gewicht.get(b, 0))
    for aantal in range(len(nog_open) + 1):
        erbij = {b: BesluitKeuze.AKKOORD for b in nog_open[:aantal]}
        if uitkomst(regel, beslissers, {**besluiten, **erbij}, gewicht) == VoorstelStatus.GOEDGEKEURD:
            return aantal
    return None


def gevolg_van_akkoord(regel: Besluitregel, nog_nodig: int | None, gevolg: str) -> str:
    """What the decision form says an approval does; `gevolg` is the feature's part ("wordt … toegekend")."""
    if nog_nodig == 0:
        return f"Na uw akkoord is de regel '{regel.kort}' vervuld en {gevolg}."
    if nog_nodig is None:
        return f"Ook met uw akkoord kan de regel '{regel.kort}' niet meer worden vervuld."
    nodig = "is nog 1 akkoord" if nog_nodig == 1 else f"zijn nog {nog_nodig} akkoorden"
    return f"Na uw akkoord {nodig} nodig voor de regel '{regel.kort}'; daarna {gevolg}."
