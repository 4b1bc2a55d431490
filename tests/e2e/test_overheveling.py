"""The carry-over at the new school year in a real browser: after the job closed last year's pots, the
demo bestuurder finds the decision on their start page, opens it, agrees for their board, and the page
(which passes axe) shows the decision; the closed pot says it is closed and links to the carry-over."""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from wijkportaal.core import jobs
from wijkportaal.pot.jobs import SCHOOLJAAR_POTTEN

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def schooljaar_om(live_server):
    """The job of 1 August has run (the demo's pots of last school year are closed)."""
    app = live_server.app
    uitkomst = jobs.run_job(app, jobs.registered(app)[SCHOOLJAAR_POTTEN])
    assert uitkomst.gelukt, uitkomst.regel
    assert "overhevelingen voorgesteld" in uitkomst.regel
    return uitkomst.regel


def _geen_axe_fouten(page) -> None:
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    assert violations == [], [
        (v["id"], v["help"], [n["html"][:160] for n in v["nodes"][:3]]) for v in violations
    ]


def test_the_bestuurder_agrees_to_the_carry_over_from_the_start_page(schooljaar_om, page_as, shots):
    page = page_as("bestuurder", bypass_csp=True)
    page.goto("/")
    link = page.get_by_role("link", name=re.compile(r"Besluiten over de overheveling van .*Osdorp"))
    expect(link).to_be_visible()
    link.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Overheveling naar het nieuwe schooljaar: €")
    main = page.locator("main")
    expect(main).to_contain_text("Voorgesteld, wacht op besluiten")
    expect(main).to_contain_text("is gesloten op")
    for breedte, hoogte in ((1280, 720), (390, 844)):
        page.set_viewport_size({"width": breedte, "height": hoogte})
        page.screenshot(path=shots / f"overheveling-{breedte}.png", full_page=True)
    _geen_axe_fouten(page)

    page.get_by_label("Akkoord").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Uw besluit is vastgelegd.")).to_be_visible()
    rij = page.locator("#besluiten-kop").locator("..").locator("tr", has_text="akkoord")
    expect(rij).to_have_count(1)
    expect(page.get_by_role("button", name="Besluit vastleggen")).to_have_count(0)
    _geen_axe_fouten(page)

    # The closed pot says so and leads to the carry-over; it offers no new contribution.
    page.get_by_role("link", name=re.compile(r"Geen Kind de Buurt Uit Osdorp")).first.click()
    expect(page.locator("main")).to_contain_text("Deze pot is gesloten op")
    expect(page.get_by_role("link", name="Bijdrage vastleggen")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile(r"Overheveling van €"))).to_be_visible()
