"""What each kind of proposal is about, as the feature that owns it describes it.

The component knows nothing of pots or vrijval: a feature registers, for its `soort`, a function that
describes its open proposals (title, amount, where to decide) for the lists of what waits for whom."""

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session


@dataclass(frozen=True)
class Onderwerp:
    """One proposal as its feature describes it; `endpoint` and `params` lead to the page to decide on."""

    titel: str
    bedrag_cents: int | None
    endpoint: str
    params: dict = field(default_factory=dict)
    herkomst: str = ""  # "uit Pot Osdorp 2026-2027", "naar Pot …"
    pot_id: int | None = None  # the pot the money comes from or goes to, for the boards' figures


Beschrijver = Callable[[Session, list[int]], dict[int, Onderwerp]]


@dataclass(frozen=True)
class Soort:
    label: str
    beschrijf: Beschrijver  # Voorstel ids → their Onderwerp, in a fixed number of queries


_SOORTEN: dict[str, Soort] = {}


def beschrijving(soort: str, label: str) -> Callable[[Beschrijver], Beschrijver]:
    """Register the describing function of a kind of proposal (a decorator, used at import)."""

    def register(beschrijf: Beschrijver) -> Beschrijver:
        _SOORTEN[soort] = Soort(label, beschrijf)
        return beschrijf

    return register


def soort(naam: str) -> Soort:
    return _SOORTEN[naam]
