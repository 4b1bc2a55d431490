"""Withdrawing an assessor in the browser: SWV staff withdraw the demo beoordelaar, who has not responded,
from 'Taalklas voor nieuwkomers in Osdorp' (a reason is required), find the application back on their start
page as needing another assessor, and assign one; the withdrawn assessor no longer sees it. The pages pass
axe and fit 390 px."""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from playwright.sync_api import expect

from tests.e2e.test_beoordeling import foto, geen_axe_fouten

pytestmark = pytest.mark.e2e

TAALKLAS = "Taalklas voor nieuwkomers in Osdorp"


def test_swv_staff_withdraw_an_assessor_and_assign_another(page_as, shots):
    page = page_as("swv", bypass_csp=True)
    page.goto("/beoordeling/")
    page.get_by_role("row", name=re.compile(rf"^{TAALKLAS}")).get_by_role("link").click()
    beoordeling_url = page.url.split("#")[0]
    tabel = page.get_by_role("table", name="Aangewezen beoordelaars")
    expect(tabel.get_by_role("row", name=re.compile(r"^Tom Bergsma"))).to_contain_text("Nog niet verklaard")
    # Inge de Wit has submitted: her assignment cannot be withdrawn.
    expect(page.get_by_text("Inge de Wit intrekken…")).to_have_count(0)
    page.get_by_text("Tom Bergsma intrekken…").click()
    page.get_by_role("button", name="Intrekken").click()
    expect(page.get_by_text("Niet ingetrokken.")).to_be_visible()
    expect(page.locator(".field.has-error .error")).to_have_text("Geef de reden van het intrekken.")
    geen_axe_fouten(page)
    foto(page, shots, "intrekken-fout")
    page.get_by_label("Reden van het intrekken").fill("Geen reactie voor de deadline.")
    page.get_by_role("button", name="Intrekken").click()
    expect(page.get_by_text("De beoordelaar is ingetrokken")).to_be_visible()
    expect(tabel.get_by_role("row", name=re.compile(r"^Tom Bergsma"))).to_contain_text(
        "Ingetrokken door het SWV: Geen reactie voor de deadline."
    )
    expect(page.get_by_text("heeft deze aanvraag nog 1 beoordelaar nodig")).to_be_visible()
    geen_axe_fouten(page)
    foto(page, shots, "ingetrokken")

    page.goto("/")
    page.get_by_role("link", name=f"Andere beoordelaar aanwijzen: {TAALKLAS}").click()
    # Only the assessor not yet assigned is offered.
    expect(page.get_by_role("checkbox")).to_have_count(1)
    page.get_by_label(re.compile(r"^Youssef Amrani")).check()
    page.get_by_role("button", name="Aanwijzen").click()
    expect(page.get_by_text("1 beoordelaar(s) aangewezen")).to_be_visible()
    expect(page.get_by_text("nog 1 beoordelaar nodig")).to_have_count(0)
    page.goto("/")
    expect(page.get_by_role("link", name=f"Andere beoordelaar aanwijzen: {TAALKLAS}")).to_have_count(0)

    # The withdrawn assessor: nothing waits, and the application is closed to them.
    tom = page_as("beoordelaar")
    tom.goto("/")
    expect(tom.get_by_role("link", name=f"Beoordelen: {TAALKLAS}")).to_have_count(0)
    assert tom.goto(beoordeling_url).status == 403
