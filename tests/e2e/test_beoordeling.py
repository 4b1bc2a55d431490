"""Assessing in the browser: SWV staff assign two assessors from their start page; the demo beoordelaar
declares no conflict of interest, scores blind (a 1 without a motivation is refused at the field), and
only then sees the other assessor's scores and the combined result; the director sees the disagreement
flag. The new pages pass axe, and are photographed at 1280×720 and 390×844."""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SCHERMEN = {"1280x720": {"width": 1280, "height": 720}, "390x844": {"width": 390, "height": 844}}


def geen_axe_fouten(page) -> None:
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    assert violations == [], [
        (v["id"], v["help"], [n["html"][:160] for n in v["nodes"][:3]]) for v in violations
    ]


def foto(page, shots, naam: str) -> None:
    for scherm, maat in SCHERMEN.items():
        page.set_viewport_size(maat)
        page.screenshot(path=shots / f"beoordeling-{naam}-{scherm}.png", full_page=True)
        breedte = page.evaluate("document.documentElement.scrollWidth")
        assert breedte <= maat["width"], f"{naam} at {scherm}: {breedte}px wide"
    page.set_viewport_size(SCHERMEN["1280x720"])


def test_swv_staff_assign_two_assessors_from_the_start_page(page_as, shots):
    page = page_as("swv", bypass_csp=True)
    page.goto("/")
    page.get_by_role("link", name="Beoordelaars aanwijzen: Gedragsspecialist in de klas").click()
    expect(page.get_by_text("Deze aanvraag heeft nog geen beoordelaars.")).to_be_visible()
    geen_axe_fouten(page)
    foto(page, shots, "toewijzen")
    # One is not enough.
    page.get_by_label(re.compile(r"^Tom Bergsma")).check()
    page.get_by_role("button", name="Aanwijzen").click()
    expect(page.locator("#beoordelaars-error")).to_have_text("Wijs ten minste 2 beoordelaars aan.")
    page.get_by_label(re.compile(r"^Tom Bergsma")).check()
    page.get_by_label(re.compile(r"^Youssef Amrani")).check()
    page.get_by_role("button", name="Aanwijzen").click()
    expect(page.get_by_text("2 beoordelaar(s) aangewezen")).to_be_visible()
    tabel = page.get_by_role("table", name="Aangewezen beoordelaars")
    expect(tabel).to_contain_text("Tom Bergsma")
    expect(tabel).to_contain_text("Youssef Amrani")
    expect(page.locator(".badge").first).to_have_text("In beoordeling")
    page.goto("/")
    expect(
        page.get_by_role("link", name="Beoordelaars aanwijzen: Gedragsspecialist in de klas")
    ).to_have_count(0)


def test_the_assessor_declares_scores_blind_and_then_sees_the_combined_result(page_as, shots):
    page = page_as("beoordelaar", bypass_csp=True)
    page.goto("/")
    page.get_by_role("link", name="Beoordelen: Taalklas voor nieuwkomers in Osdorp").click()
    expect(page.get_by_role("heading", name="Eerst: belangenconflict")).to_be_visible()
    geen_axe_fouten(page)
    page.get_by_label(re.compile(r"Ik verklaar dat ik geen belangenconflict heb")).check()
    page.get_by_role("button", name="Verklaring vastleggen").click()
    expect(page.get_by_text("Uw verklaring is vastgelegd.")).to_be_visible()

    # Blind: the other assessor (Inge de Wit) has submitted, but nothing of hers shows.
    expect(page.get_by_text("U ziet de scores van de andere beoordelaars nadat")).to_be_visible()
    expect(page.get_by_text("Inge de Wit")).to_have_count(0)
    criteria = page.locator("fieldset.criterium")
    expect(criteria).to_have_count(7)
    for i in range(7):
        criteria.nth(i).get_by_role("radio", name=re.compile(r"^2 – ")).check()
    criteria.nth(0).get_by_role("radio", name=re.compile(r"^1 – ")).check()  # a 1 without a motivation
    page.get_by_role("radio", name="Toekennen").check()
    page.get_by_role("button", name="Beoordeling indienen").click()
    expect(page.get_by_text("Niet ingediend.")).to_be_visible()
    expect(criteria.nth(0).locator(".error")).to_have_text("Motiveer een score van 0 of 1.")
    geen_axe_fouten(page)
    foto(page, shots, "scoren")
    criteria.nth(0).get_by_role("textbox").fill("De bijdrage aan inclusiever onderwijs blijft vaag.")
    page.get_by_role("button", name="Beoordeling indienen").click()
    expect(page.get_by_text("Uw beoordeling is ingediend.")).to_be_visible()

    # Now the combined result: both assessors, the means, and the way to revise one's own score.
    tabel = page.get_by_role("table", name=re.compile(r"^Scores per criterium"))
    expect(tabel.get_by_role("columnheader", name="Inge de Wit")).to_be_visible()
    expect(tabel.get_by_role("columnheader", name="Tom Bergsma")).to_be_visible()
    eerste = tabel.locator("tbody tr").first
    expect(eerste).to_contain_text("1.")  # criterion 1: Inge 2, Tom 1 → 1,50
    expect(eerste.locator("td").nth(3)).to_have_text("1,50")
    expect(page.get_by_text("2 van 2 beoordelaars hebben ingediend.")).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("Beoordeeld")
    geen_axe_fouten(page)
    foto(page, shots, "uitslag")

    # A revision with a reason is kept and shown.
    page.get_by_role("link", name="Score criterium 1 herzien").click()
    geen_axe_fouten(page)
    page.get_by_role("radio", name=re.compile(r"^2 – ")).check()
    page.get_by_label("Reden van de herziening").fill("Na overleg: de wijk is wel concreet beschreven.")
    page.get_by_role("button", name="Herziening opslaan").click()
    expect(page.get_by_text("Uw score is herzien")).to_be_visible()
    expect(tabel.locator("tbody tr").first.locator("td").nth(3)).to_have_text("2,00")
    expect(tabel.locator("tbody tr").first).to_contain_text("herzien")


def test_the_director_sees_the_combined_result_of_an_assessed_application(page_as):
    page = page_as("directeur", bypass_csp=True)
    page.goto("/initiatieven/")
    page.get_by_role("link", name="Beoordelen").click()
    # Thuiszitters (the disagreement) is held back by the director in the demo; Jonge kind waits for a decision.
    rij = page.get_by_role("row", name=re.compile(r"^Jonge kind"))
    expect(rij).to_be_visible()
    geen_axe_fouten(page)
    rij.get_by_role("link").click()
    expect(page.get_by_text("2 van 2 beoordelaars hebben ingediend.")).to_be_visible()
    geen_axe_fouten(page)
