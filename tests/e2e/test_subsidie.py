"""Deciding in the browser: the director goes from the start page to the ranked list, tries a grant above
what was asked (refused at the field), grants within it, and gets the decision letter; the letter is the
same when opened again, and its applicants can read it. Axe on every new page, at desktop and phone size."""

from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

JONGE_KIND = "Jonge kind: samen spelen, samen leren"
SCHERMEN = {"desktop": {"width": 1280, "height": 720}, "telefoon": {"width": 390, "height": 844}}


def _axe(page) -> None:
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    assert violations == [], "\n".join(
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}" for v in violations
    )


def _foto(page, shots: Path, naam: str) -> None:
    for scherm, maat in SCHERMEN.items():
        page.set_viewport_size(maat)
        page.screenshot(path=str(shots / f"subsidie-{naam}-{scherm}.png"), full_page=True)
    page.set_viewport_size(SCHERMEN["desktop"])


def test_from_assessed_application_to_decision_letter(page_as, shots):
    page = page_as("directeur", bypass_csp=True)  # axe is injected with page.evaluate
    page.goto("/")
    expect(page.get_by_role("link", name=f"Besluiten: {JONGE_KIND}")).to_be_visible()

    page.goto("/subsidie/ranglijst")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ranglijst nieuwe initiatieven")
    rij = page.get_by_role("row").filter(has_text=JONGE_KIND)
    expect(rij).to_be_visible()
    _axe(page)
    _foto(page, shots, "ranglijst")

    rij.get_by_role("link", name="Besluiten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Besluit over {JONGE_KIND}")
    _axe(page)
    _foto(page, shots, "besluit")

    jaren = [int(t.split()[-1]) for t in page.locator("label[for^=bedrag_]").all_inner_texts()]
    page.get_by_label("Toekennen").check()
    page.get_by_label(f"Bedrag {jaren[0]}").fill("1.000.000")
    page.get_by_label("Motivatie").fill("Een sterke aanpak voor het jonge kind in de wijk.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    fout = page.locator(f"#bedrag_{jaren[0]}-error")
    expect(fout).to_contain_text("Dat is meer dan gevraagd")
    _axe(page)

    page.get_by_label(f"Bedrag {jaren[0]}").fill("20.000")
    page.get_by_label(f"Bedrag {jaren[1]}").fill("15.000,50")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Toekenning bevestigen")
    expect(page.locator(".in-woorden")).to_have_text("vijfendertigduizend euro en vijftig cent")
    _axe(page)
    _foto(page, shots, "besluit-bevestigen")
    page.get_by_role("button", name="Terug").click()
    expect(page.get_by_label(f"Bedrag {jaren[1]}")).to_have_value("15.000,50")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Het besluit is vastgelegd: toegekend.")).to_be_visible()
    brief = page.locator("article.brief")
    expect(brief).to_contain_text("toe te kennen")
    expect(brief).to_contain_text("€ 35.000,50")
    expect(brief).to_contain_text("Een sterke aanpak voor het jonge kind in de wijk.")
    expect(brief).to_contain_text("Scores per criterium")
    expect(page.get_by_role("button", name="Afdrukken of opslaan als PDF")).to_be_visible()
    _axe(page)
    _foto(page, shots, "brief")
    eerst = brief.inner_html()

    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Afdrukken of opslaan als PDF")).to_be_hidden()
    page.emulate_media(media="screen")

    page.goto("/")
    expect(page.get_by_role("link", name=f"Besluiten: {JONGE_KIND}")).to_have_count(0)
    page.go_back()
    page.reload()
    assert page.locator("article.brief").inner_html() == eerst  # reissued: the same letter


def test_the_swv_pays_a_tranche_of_the_grant(page_as, shots):
    page = page_as("swv", bypass_csp=True)
    page.goto("/initiatieven/overzicht")
    page.get_by_role("link", name="Buurtklas Bijlmer").click()
    page.get_by_role("link", name="Subsidie en betalingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subsidie: Buurtklas Bijlmer")
    _axe(page)
    _foto(page, shots, "betalingen")
    page.get_by_label("Bedrag").fill("100.000")
    page.get_by_label("Omschrijving").fill("Te grote tranche")
    page.get_by_role("button", name="Betaling boeken").click()
    expect(page.locator("#bedrag-error")).to_contain_text("nog € 18.000,00 open")
    page.get_by_label("Bedrag").fill("5.000")
    page.get_by_label("Omschrijving").fill("Tweede tranche")
    page.get_by_role("button", name="Betaling boeken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Betaling bevestigen")
    expect(page.locator(".in-woorden")).to_have_text("vijfduizend euro")
    _axe(page)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("De betaling is geboekt.")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("€ 23.000,00")
