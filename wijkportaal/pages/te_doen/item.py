"""One thing that waits for a user, as a provider describes it: plain values, no records."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from wijkportaal.core.web import aantal

TE_DOEN = "Wat nu op u wacht"
DRINGEND_BINNEN = timedelta(days=7)
GETOOND = 10  # items a provider shows of one kind; the rest are one "En nog …" item linking to the full list


class Urgentie(IntEnum):
    """How soon it needs the user; lower comes first."""

    TE_LAAT = 0  # its date has passed
    DRINGEND = 1  # due within a week, or blocking something
    GEPLAND = 2  # has a date further away
    SIGNAAL = 3  # no date: a gap to close, a list to keep up to date

    @property
    def label(self) -> str:
        return {0: "te laat", 1: "binnenkort", 2: "", 3: ""}[self.value]

    @property
    def klasse(self) -> str:
        """The badge's colour class."""
        return {0: "bad", 1: "warn", 2: "", 3: ""}[self.value]


@dataclass(frozen=True)
class Item:
    """`titel` links to `url`, the place where it is done; `soort` names the kind of thing in the users'
    words ("Bijeenkomst", "Besluit", …); `datum` is when it is due or happens; `status` is an optional
    short state ("concept-agenda", "beëindigd"); `lijst` is the heading it appears under. An "En nog …"
    item (`is_rest`) stands for `aantal` items not shown and links to the full list."""

    titel: str
    url: str
    soort: str
    detail: str = ""
    datum: date | None = None
    urgentie: "Urgentie" = Urgentie.GEPLAND
    status: str = ""
    lijst: str = TE_DOEN
    aantal: int = 1
    is_rest: bool = False

    def sorteersleutel(self) -> tuple:
        return (self.urgentie, self.datum is None, self.datum or date.max, self.is_rest, self.titel)


def met_rest(items: list[Item], totaal: int, enkelvoud: str, meervoud: str, url: str) -> list[Item]:
    """`items`, the most urgent GETOOND of `totaal`, and when there are more one "En nog 1.234 …" item
    linking to the full list; it sorts right after the last item shown."""
    rest = totaal - len(items)
    if rest <= 0 or not items:
        return items
    laatste = items[-1]
    return [
        *items,
        Item(
            titel=f"En nog {aantal(rest, enkelvoud, meervoud)}",
            url=url,
            soort=laatste.soort,
            datum=laatste.datum,
            urgentie=laatste.urgentie,
            lijst=laatste.lijst,
            aantal=rest,
            is_rest=True,
        ),
    ]


def urgentie_van(datum: date, vandaag: date) -> Urgentie:
    """Past: te laat; within a week: dringend; later: gepland."""
    if datum < vandaag:
        return Urgentie.TE_LAAT
    if datum <= vandaag + DRINGEND_BINNEN:
        return Urgentie.DRINGEND
    return Urgentie.GEPLAND


def nog_dagen(datum: date, vandaag: date) -> str:
    """'vandaag', 'morgen', 'nog 12 dagen', '3 dagen geleden'."""
    dagen = (datum - vandaag).days
    if dagen == 0:
        return "vandaag"
    if dagen == 1:
        return "morgen"
    if dagen > 1:
        return f"nog {dagen} dagen"
    return "gisteren" if dagen == -1 else f"{-dagen} dagen geleden"
