"""Nieuwe initiatieven in the browser: the invited board confirms from its start page, and the school
leader works on a draft while the checklist says what is still missing."""

from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_invited_bestuurder_confirms_from_the_start_page(page_as):
    page = page_as("bestuurder")
    page.goto("/")
    page.get_by_role("link", name="Deelname bevestigen: Buurtschakelklas").click()
    expect(page.get_by_role("heading", name="Uw bestuur is uitgenodigd")).to_be_visible()
    page.get_by_role("button", name="Deelname bevestigen").click()
    expect(page.get_by_text("Uw bestuur doet mee aan deze aanvraag.")).to_be_visible()
    expect(page.get_by_text("Alle formele criteria zijn in orde.")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("link", name="Deelname bevestigen: Buurtschakelklas")).to_have_count(0)


def test_the_school_leader_fills_a_draft_and_the_checklist_follows(page_as):
    page = page_as("schoolleider")
    page.goto("/initiatieven/")
    page.get_by_role("link", name="Co-teaching autisme in Osdorp").click()
    checklist = page.locator("ul.checklist")
    expect(checklist).to_contain_text("Vul de sectie ‘Doelgroep’ in.")
    expect(checklist).to_contain_text("Voeg minstens één kostenregel toe aan de begroting.")
    page.get_by_label("Doelgroep").fill("Leerlingen met autisme in groep 3 tot en met 8.")
    page.get_by_role("button", name="Plan bewaren").click()
    expect(page.get_by_text("Het plan is bewaard.")).to_be_visible()
    expect(checklist).not_to_contain_text("Vul de sectie ‘Doelgroep’ in.")
    page.locator("#kosten-jaar").fill("2027")
    page.locator("#kosten-bedrag").fill("12.500,00")
    page.get_by_role("button", name="Kostenregel toevoegen").click()
    expect(page.get_by_text("De kostenregel is toegevoegd.")).to_be_visible()
    expect(checklist).not_to_contain_text("Voeg minstens één kostenregel toe")
    expect(page.get_by_role("table", name="Per jaar")).to_contain_text("€ 12.500,00")
