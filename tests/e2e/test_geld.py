"""Money that cannot be mistyped, in a real browser with JavaScript on and off: a contribution and an
allocation first show the amount in words and the effect on the pot, "Terug" keeps what was typed, and
only "Bevestigen" books; the confirmation page passes axe."""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

JS = pytest.mark.parametrize("js", [True, False], ids=["javascript", "zonder-javascript"])


def _pot_osdorp(page) -> None:
    page.goto("/potten")
    page.get_by_role("link", name=re.compile(r"Osdorp")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Osdorp")


def _beschikbaar(page) -> str:
    return page.locator("dl.figures div", has_text="Beschikbaar").locator("dd").inner_text()


def _bijdrage_invullen(page, bedrag: str) -> None:
    _pot_osdorp(page)
    page.get_by_role("link", name="Bijdrage vastleggen").click()
    page.get_by_label("Van wie").select_option(label="Samenwerkingsverband")
    page.get_by_label("Bron van het geld").fill("Samenwerking in de wijk")
    page.get_by_label("Bedrag (€)").fill(bedrag)
    page.get_by_role("button", name="Vastleggen").click()


@JS
def test_a_contribution_is_confirmed_before_it_is_booked(page_as, js):
    page = page_as("swv", java_script_enabled=js)
    _pot_osdorp(page)
    voor = _beschikbaar(page)
    _bijdrage_invullen(page, "100.000")

    bevestig = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bijdrage bevestigen")
    expect(bevestig).to_contain_text("€ 100.000,00 — honderdduizend euro")
    expect(bevestig).to_contain_text("Er is nog niets geboekt.")
    _pot_osdorp(page)
    assert _beschikbaar(page) == voor  # step 1 booked nothing

    # "Terug" shows the form with what was typed; then confirm.
    _bijdrage_invullen(page, "100.000")
    page.get_by_role("button", name="Terug").click()
    expect(page.get_by_label("Bedrag (€)")).to_have_value("100.000")
    expect(page.get_by_label("Bron van het geld")).to_have_value("Samenwerking in de wijk")
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("De bijdrage is vastgelegd.")).to_be_visible()
    assert _beschikbaar(page) != voor


@JS
def test_a_mistyped_amount_is_refused_at_the_field(page_as, js):
    page = page_as("swv", java_script_enabled=js)
    _bijdrage_invullen(page, "1e5")
    expect(page.locator("#bedrag-error")).to_have_text(
        "Schrijf het bedrag voluit, zonder e-notatie: bijvoorbeeld 100.000,00 of 100000.00."
    )
    expect(page.get_by_role("button", name="Bevestigen")).to_have_count(0)


@JS
def test_an_allocation_is_confirmed_before_the_money_is_reserved(page_as, js):
    page = page_as("swv", java_script_enabled=js)
    _pot_osdorp(page)
    voor = _beschikbaar(page)
    page.get_by_role("link", name="Toekenning voorstellen").first.click()
    page.get_by_label("Bedrag (€)").fill("1.250,50")
    page.get_by_role("button", name="Voorstellen en reserveren").click()

    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Toekenning bevestigen")
    expect(main).to_contain_text("€ 1.250,50 — duizendtweehonderdvijftig euro en vijftig cent")
    expect(main).to_contain_text("Beschikbaar in de pot")
    expect(main).to_contain_text(f"{voor} →")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Het bedrag is gereserveerd")).to_be_visible()
    _pot_osdorp(page)
    assert _beschikbaar(page) != voor


def test_the_confirmation_page_passes_axe(page_as, shots):
    page = page_as("swv", bypass_csp=True)
    _bijdrage_invullen(page, "12.345,67")
    expect(page.get_by_role("button", name="Bevestigen")).to_be_visible()
    page.screenshot(path=shots / "14-bevestigen.png", full_page=True)
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    assert violations == [], [
        (v["id"], v["help"], [n["html"][:160] for n in v["nodes"][:3]]) for v in violations
    ]


@JS
def test_a_board_decides_with_no_choice_made_beforehand(page_as, js):
    page = page_as("bestuurder", java_script_enabled=js, bypass_csp=True)
    page.goto("/potten")
    page.locator("#wachtend-kop + ul a").first.click()
    besluit = page.get_by_role("group", name="Besluit")
    expect(besluit.get_by_role("radio", name="Akkoord")).not_to_be_checked()
    expect(besluit.get_by_role("radio", name="Afwijzen")).not_to_be_checked()
    expect(besluit).to_contain_text("Na uw akkoord")
    if js:  # axe once, on the decision form
        violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
        assert violations == [], [(v["id"], [n["html"][:160] for n in v["nodes"][:3]]) for v in violations]
    # Rejecting without a reason is refused at the field; nothing is recorded.
    besluit.get_by_role("radio", name="Afwijzen").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("#toelichting-error")).to_have_text("Geef een reden als u afwijst.")
