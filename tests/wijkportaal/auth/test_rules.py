"""The pure rules of logging in: the page to return to, and when a session has run out."""

import importlib.util
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from wijkportaal.auth.rules import sessie_verlopen, veilige_volgende


def _probe():
    """bench/beveiliging.py, the probe that counts the refusals in the app (bench/ is no installed package)."""
    pad = Path(__file__).resolve().parents[3] / "bench" / "beveiliging.py"
    spec = importlib.util.spec_from_file_location("bench_beveiliging", pad)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Every payload of the probe (known open-redirect bypasses, their encoded forms, control characters and odd
# Unicode): each could lead a browser off the site, or is no page. So all are refused, as is nothing at all.
AANVALLEN = [*_probe().VOLGENDE_PAYLOADS, "", None]

# Where users really come from: kept exactly, query and fragment included.
PADEN = [
    "/",
    "/wijken",
    "/wijken/osdorp",
    "/potten/1/rapport?jaar=2026",
    "/kaart?laag=overleg&domein=3#kaart",
    "/initiatieven/overzicht?zoek=a%20b",
    "/zoek?volgende=//evil.example",  # in the query it is text, not a place
    "/bijeenkomsten/12.ics",
]


@pytest.mark.parametrize("waarde", AANVALLEN)
def test_a_place_off_the_site_or_no_page_is_refused(waarde):
    assert veilige_volgende(waarde) is None


@pytest.mark.parametrize("pad", PADEN)
def test_a_path_on_this_site_is_kept(pad):
    assert veilige_volgende(pad) == pad


def test_whitespace_and_control_characters_are_removed_before_the_check():
    assert veilige_volgende("/wij\tken\n") == "/wijken"
    assert veilige_volgende("\x00/wijken") == "/wijken"


SESSIE = datetime(2026, 12, 7, 9, 0)
GRENZEN = {"inactief": timedelta(minutes=30), "maximaal": timedelta(hours=12)}


@pytest.mark.parametrize(
    ("laatst_actief", "nu", "verlopen"),
    [
        (SESSIE, SESSIE + timedelta(minutes=30), False),
        (SESSIE, SESSIE + timedelta(minutes=30, seconds=1), True),
        (SESSIE + timedelta(hours=11, minutes=50), SESSIE + timedelta(hours=12), False),
        (SESSIE + timedelta(hours=11, minutes=59), SESSIE + timedelta(hours=12, seconds=1), True),
        (SESSIE + timedelta(days=729), SESSIE + timedelta(days=730), True),
    ],
)
def test_a_session_ends_after_30_idle_minutes_or_12_hours(laatst_actief, nu, verlopen):
    assert sessie_verlopen(SESSIE, laatst_actief, nu, **GRENZEN) is verlopen
