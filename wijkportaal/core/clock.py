"""One source of 'now' in Amsterdam local time, stored naive; school years run 1 August to 31 July."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Amsterdam")


def now() -> datetime:
    return datetime.now(TZ).replace(tzinfo=None, microsecond=0)


def today() -> date:
    return now().date()


def schooljaar_van(day: date) -> int:
    """The school year a day falls in, named by the year it starts (2026 = 2026-2027)."""
    return day.year if day.month >= 8 else day.year - 1


def schooljaar_grenzen(jaar: int) -> tuple[date, date]:
    """First and last day of school year `jaar`."""
    return date(jaar, 8, 1), date(jaar + 1, 7, 31)


def schooljaar_label(jaar: int) -> str:
    return f"{jaar}-{jaar + 1}"
