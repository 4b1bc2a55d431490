"""The pure rules of logging in: the page to return to, and when a session has run out."""

from datetime import datetime, timedelta

import pytest

from wijkportaal.auth.rules import sessie_verlopen, veilige_volgende

# Values of `volgende` as the view reads them: known open-redirect bypasses, their encoded forms, control
# characters and odd Unicode. Every one could lead a browser off the site (or is no page), so all are refused.
AANVALLEN = [
    "//evil.example/",
    "///evil.example/",
    "////evil.example",
    "/\\evil.example/",
    "\\/evil.example/",
    "\\\\evil.example",
    "/\\/evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example/",
    "\t//evil.example/",
    " //evil.example/",
    "/ /evil.example/",
    "\x1f//evil.example/",
    "/\x00/evil.example/",
    "/\x7f/evil.example/",
    "/\x85/evil.example/",
    "/\u200b/evil.example/",
    "/\u202e/evil.example/",
    "/\u3000/evil.example/",
    "//evil.example\\@wijkportaal.example/",
    "//evil.example:443/",
    "%2F%2Fevil.example/",
    "/%2F/evil.example/",
    "/%2f/evil.example/",
    "%2F%5Cevil.example/",
    "/%5Cevil.example/",
    "/%5cevil.example/",
    "/%09/evil.example/",
    "/%0A/evil.example/",
    "/%252F/evil.example/",
    "/%25252F/evil.example/",
    "/%2525252F/evil.example/",
    "https://evil.example/",
    "https:evil.example",
    "https:/evil.example",
    "https:\\\\evil.example",
    "HTTPS://evil.example/",
    "http://evil.example/",
    "ftp://evil.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "javascript%3Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "\u2215\u2215evil.example/",
    "evil.example",
    "wijken",
    "[::1]/",
    "//[",
    "/" + "a" * 3000,
    "",
    None,
]

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
