"""iCalendar files that Outlook, Google Calendar and Apple Calendar accept: every event in Europe/Amsterdam
with its VTIMEZONE (summer time included), DTSTAMP, a stable UID, SEQUENCE (raised on every change, so
an update replaces the event) and STATUS; METHOD says what the file is (PUBLISH for a feed or download,
REQUEST and CANCEL for invitations). The icalendar library loads only inside these functions."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from wijkportaal.core import clock

PRODID = "-//Wijkportaal//SWV PO Amsterdam-Diemen//NL"
METHODES = frozenset({"PUBLISH", "REQUEST", "CANCEL"})


@dataclass(frozen=True)
class Afspraak:
    """One event; `start` and `eind` are naive Amsterdam local times, as the database keeps them."""

    uid: str
    sequence: int
    start: datetime
    eind: datetime
    titel: str
    locatie: str = ""
    beschrijving: str = ""
    url: str = ""
    geannuleerd: bool = False
    organisator: str = ""  # an e-mail address; invitations (REQUEST, CANCEL) need an ORGANIZER


def kalender(afspraken: Iterable[Afspraak], *, methode: str = "PUBLISH", naam: str | None = None) -> bytes:
    """A VCALENDAR with the events, METHOD `methode` and (for a feed) the calendar's name."""
    from icalendar import Calendar, Event

    if methode not in METHODES:
        raise ValueError(f"unknown METHOD {methode!r}")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", methode)
    if naam:
        cal.add("x-wr-calname", naam)
        cal.add("x-wr-timezone", "Europe/Amsterdam")
        cal.add("refresh-interval", _uur(), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", _uur())
    gemaakt = clock.now().replace(tzinfo=clock.TZ).astimezone(UTC)
    for a in afspraken:
        event = Event()
        event.add("uid", a.uid)
        event.add("dtstamp", gemaakt)
        event.add("sequence", a.sequence)
        event.add("dtstart", a.start.replace(tzinfo=clock.TZ))
        event.add("dtend", a.eind.replace(tzinfo=clock.TZ))
        event.add("summary", a.titel)
        if a.locatie:
            event.add("location", a.locatie)
        if a.beschrijving:
            event.add("description", a.beschrijving)
        if a.url:
            event.add("url", a.url)
        if a.organisator:
            event.add("organizer", f"mailto:{a.organisator}", parameters={"CN": "Wijkportaal"})
        event.add("status", "CANCELLED" if a.geannuleerd else "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _uur():
    from datetime import timedelta

    return timedelta(hours=1)
