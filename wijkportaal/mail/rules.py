"""Pure rules of the mail: the message types and their settings, the retry schedule, safe headers."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from wijkportaal.core import roles
from wijkportaal.core.roles import Rol
from wijkportaal.mail.models import Frequentie


@dataclass(frozen=True)
class Soort:
    """A type of message: `moet_handelen` ones ask the user to act and cannot be switched off;
    `instelbaar` false ones (the digest itself, a password reset) always go out directly."""

    naam: str
    label: str
    moet_handelen: bool = False
    standaard: Frequentie = Frequentie.DIRECT
    instelbaar: bool = True
    rollen: frozenset[Rol] | None = None  # who gets it, for the settings page; None: anyone


SOORTEN: dict[str, Soort] = {
    s.naam: s
    for s in (
        Soort("agenda_vaststellen", "Herinnering: de agenda van een bijeenkomst vaststellen", True),
        Soort(
            "uitnodiging", "Uitnodiging voor een bijeenkomst, met de agenda en een afspraak voor uw agenda"
        ),
        Soort("bijeenkomst_gewijzigd", "Een bijeenkomst is verplaatst of afgezegd"),
        Soort("verslag_herinnering", "Herinnering: het verslag van een bijeenkomst", True),
        Soort("actiepunt_herinnering", "Herinnering: een actiepunt dat bijna of te laat is", True),
        Soort("actiepunten_overzicht", "Wekelijks overzicht van te late actiepunten (voorzitter)"),
        Soort(
            "besluit_herinnering",
            "Herinnering: een besluit over de gedeelde pot",
            True,
            rollen=roles.BESTUURT,
        ),
        Soort(
            "overheveling_voorgesteld",
            "Besluiten over het overhevelen van een pot naar het nieuwe schooljaar",
            True,
            rollen=roles.BESTUURT,
        ),
        Soort(
            "beoordeling_herinnering",
            "Herinnering: een initiatief beoordelen",
            True,
            rollen=frozenset({Rol.BEOORDELAAR}),
        ),
        Soort("initiatief_einde", "Een initiatief loopt af: eindevaluatie en borging", True),
        Soort("maandoverzicht", "Maandoverzicht van de wijken", rollen=roles.ZIET_ALLE_WIJKEN),
        Soort("overzicht", "Dagelijks of wekelijks overzicht", instelbaar=False),
        Soort("wachtwoord_herstel", "Nieuw wachtwoord instellen", True, instelbaar=False),
    )
}


def soort(naam: str) -> Soort:
    if naam not in SOORTEN:
        raise ValueError(f"unknown message type {naam!r}")
    return SOORTEN[naam]


def instelbare_soorten(rol: Rol | None = None) -> list[Soort]:
    """The types a user sets: all configurable ones, or those a user with `rol` can get."""
    return [
        s for s in SOORTEN.values() if s.instelbaar and (rol is None or s.rollen is None or rol in s.rollen)
    ]


def keuzes(s: Soort) -> list[Frequentie]:
    """What the settings form offers for a type: never 'uit' for one the user must act on."""
    return [f for f in Frequentie if not (f is Frequentie.UIT and s.moet_handelen)]


def volgende_poging(nu: datetime, pogingen: int, basis_minuten: int) -> datetime:
    """Exponential backoff: 1, 2, 4, 8, … times the base after the 1st, 2nd, 3rd, … failed attempt."""
    return nu + timedelta(minutes=basis_minuten * 2 ** max(pogingen - 1, 0))


def veilige_kop(waarde: str, lengte: int = 200) -> str:
    """A header value on one line: CR, LF and other control characters become spaces."""
    schoon = "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in waarde)
    return " ".join(schoon.split())[:lengte]


def overzicht_periode(frequentie: Frequentie, nu: datetime) -> tuple[str, datetime]:
    """The digest's period key and its start: messages queued before the start go in it.

    Daily: today, start at midnight; weekly: the ISO week, start at Monday midnight."""
    vandaag = nu.date()
    if frequentie is Frequentie.DAGELIJKS:
        return vandaag.isoformat(), datetime.combine(vandaag, datetime.min.time())
    jaar, week, _ = vandaag.isocalendar()
    maandag = date.fromisocalendar(jaar, week, 1)
    return f"{jaar}-W{week:02d}", datetime.combine(maandag, datetime.min.time())


def herstel_digest(token: str) -> str:
    """What is stored of a password link's token: its SHA-256, so a database leak opens no account."""
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()
