"""Accessibility (WCAG 2.1 A/AA, as the Dutch public sector must meet) of the main pages, checked with
axe-core in Chromium; and screenshots of those pages in /tmp/wijkportaal-shots/ for a human to look at."""

from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()
DUPLICATE_IDS = """() => {
  const count = {};
  for (const el of document.querySelectorAll("[id]")) count[el.id] = (count[el.id] || 0) + 1;
  return Object.keys(count).filter((id) => count[id] > 1);
}"""


def _first_meeting(page, kolom: str) -> None:
    """From the Osdorp wijk page, open the first meeting in the column 'Komend' or 'Geweest'."""
    page.goto("/wijken/osdorp")
    page.locator(".card", has=page.get_by_role("heading", name=kolom)).get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wijkoverleg Osdorp")


def _geweest(page):
    _first_meeting(page, "Geweest")


def _komend(page):
    _first_meeting(page, "Komend")


def _aanwezigheid(page):
    _geweest(page)
    page.get_by_role("link", name="Aanwezigheid vastleggen").click()


def _plannen_met_fouten(page):
    """A refused form: errors next to the fields must stay accessible."""
    page.goto("/wijken/osdorp/bijeenkomsten/nieuw")
    page.get_by_label("Datum").fill("2020-01-06")
    page.get_by_label("Begintijd").fill("16:00")
    page.get_by_label("Eindtijd").fill("15:00")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    expect(page.get_by_role("alert")).to_contain_text("Niet opgeslagen")


def _inloggen_mislukt(page):
    """A refused login: the message is announced and the fields stay usable."""
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill("schoolleider@demo.wijkportaal.nl")
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_have_text(
        "E-mailadres of wachtwoord klopt niet. Controleer ze en probeer het opnieuw."
    )


def _wachtwoord_vergeten(page):
    page.goto("/inloggen")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord vergeten?")


def _initiatief_concept(page):
    """The demo school leader's draft: the checklist and every form of an application."""
    page.goto("/initiatieven/")
    page.get_by_role("link", name="Co-teaching autisme in Osdorp").click()
    expect(page.get_by_role("heading", name="Klaar om in te dienen?")).to_be_visible()


def _initiatief_met_fouten(page):
    """A refused amount: the error stays next to its field."""
    _initiatief_concept(page)
    page.locator("#kosten-bedrag").fill("-5")
    page.get_by_role("button", name="Kostenregel toevoegen").click()
    expect(page.get_by_text("Het bedrag moet positief zijn.")).to_be_visible()


def _ronde(page):
    page.goto("/initiatieven/rondes")
    page.get_by_role("table").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Criteria")).to_be_visible()


# (name, demo login or None, path or a function that navigates, screenshot file or None)
PAGES = [
    ("inloggen", None, "/inloggen", "01-inloggen.png"),
    ("inloggen-mislukt", None, _inloggen_mislukt, "01-inloggen-mislukt.png"),
    ("wachtwoord-vergeten", None, _wachtwoord_vergeten, "01-wachtwoord-vergeten.png"),
    ("wijken", "swv", "/wijken", "02-wijken.png"),
    ("wijk-osdorp", "schoolleider", "/wijken/osdorp", "03-wijk-osdorp.png"),
    ("bijeenkomst-geweest", "schoolleider", _geweest, "04-bijeenkomst-geweest.png"),
    ("bijeenkomst-komend", "schoolleider", _komend, "05-bijeenkomst-komend.png"),
    ("aanwezigheid", "schoolleider", _aanwezigheid, None),
    ("plannen-met-fouten", "schoolleider", _plannen_met_fouten, "06-plannen-met-fouten.png"),
    ("overzicht", "swv", "/overzicht", "07-overzicht.png"),
    ("themas", "swv", "/themas", "08-themas.png"),
    ("gebruikers", "beheerder", "/beheer/gebruikers", "09-gebruikers.png"),
    ("expertise-zoeken", "schoolleider", "/expertise", "10-expertise.png"),
    ("expertise-nieuw", "partner", "/expertise/nieuw", None),
    ("voorzieningen", "swv", "/voorzieningen", "11-voorzieningen.png"),
    ("dekking", "swv", "/expertise/dekking", "12-dekking.png"),
    ("grafieken", "swv", "/overzicht/grafieken", "13-grafieken.png"),
    ("monitor", "swv", "/monitor", None),
    ("begroting", "swv", "/begroting?jaar=2026", "14-begroting.png"),
    ("initiatieven", "schoolleider", "/initiatieven/", None),
    ("initiatief-concept", "schoolleider", _initiatief_concept, "15-initiatief.png"),
    ("initiatief-met-fouten", "schoolleider", _initiatief_met_fouten, None),
    ("initiatieven-overzicht", "swv", "/initiatieven/overzicht", "16-initiatieven-overzicht.png"),
    ("initiatieven-rondes", "swv", "/initiatieven/rondes", None),
    ("initiatieven-ronde", "swv", _ronde, None),
    ("kennisbank", "schoolleider", "/initiatieven/kennisbank", None),
    ("instellingen", "schoolleider", "/instellingen", "instellingen.png"),
    ("beheer-mail", "beheerder", "/beheer/mail", "beheer-mail.png"),
]


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


@pytest.mark.parametrize(("naam", "wie", "waar", "shot"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_wcag_violations(new_context, page_as, shots, naam, wie, waar, shot):
    # axe is injected with page.evaluate: the app's Content-Security-Policy (rightly) forbids that.
    page = page_as(wie, bypass_csp=True) if wie else new_context(bypass_csp=True).new_page()
    if callable(waar):
        waar(page)
    else:
        response = page.goto(waar)
        assert response.status == 200, f"{waar}: {response.status}"
    if shot:
        page.screenshot(path=shots / shot, full_page=True)

    # Every rule axe runs by default: WCAG 2.0/2.1 A and AA and the best practices (landmarks, headings, …).
    violations = AXE.run(page, options={"resultTypes": ["violations"]}).response["violations"]
    wcag = [v for v in violations if set(v["tags"]) & set(WCAG_21_AA)]
    assert wcag == [], f"{naam} ({page.url}) fails WCAG 2.1 AA:\n{_report(wcag)}"
    assert violations == [], f"{naam} ({page.url}) breaks axe's best practices:\n{_report(violations)}"

    # axe no longer checks duplicate ids (WCAG 2.2 dropped 4.1.1), but a label or hint that points at an
    # id used twice is read out for the wrong field: two forms on one page must not share field ids.
    dubbel = page.evaluate(DUPLICATE_IDS)
    assert dubbel == [], f"{naam}: ids used more than once: {dubbel}"


@pytest.mark.parametrize(
    ("naam", "wie", "waar"),
    [
        ("wijk", "schoolleider", "/wijken/osdorp"),
        ("bijeenkomst", "schoolleider", _geweest),
        ("wijken", "swv", "/wijken"),
        ("overzicht", "swv", "/overzicht"),
    ],
)
def test_phone_layout(page_as, shots, naam, wie, waar):
    """On a phone-sized screen the page does not scroll sideways (wide tables scroll inside their box)."""
    page = page_as(wie, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    if callable(waar):
        waar(page)
    else:
        page.goto(waar)
    page.screenshot(path=shots / f"telefoon-{naam}.png", full_page=True)
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 390, f"{naam} ({page.url}) scrolls sideways on a phone: {breedte}px wide"
