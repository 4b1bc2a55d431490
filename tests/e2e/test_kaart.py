"""The map in a real browser: Leaflet runs inside the sandboxed frame under its own policy, a click on a
wijk opens its page in the top window, and the page around it is accessible."""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def geen_tegels(live_server):
    """No tiles: the browser has no internet, and the shapes alone must make the map."""
    live_server.app.config["KAART_TEGELS"] = "geen"


def test_the_map_draws_every_wijk_and_a_click_opens_the_wijk(page_as, shots):
    page = page_as("swv")
    fouten = []
    page.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
    page.goto("/kaart")
    kaart = page.frame_locator("iframe.kaart-frame")
    wijken = kaart.locator("path.leaflet-interactive")
    expect(wijken).to_have_count(23)
    expect(kaart.get_by_text("Schematische wijkgrenzen (geen echte grenzen)")).to_be_visible()
    expect(kaart.locator(".kaart-legenda")).to_contain_text("Functionerend")
    page.locator("iframe.kaart-frame").scroll_into_view_if_needed()
    page.screenshot(path=shots / "10-kaart.png", full_page=True)
    assert fouten == []  # nothing refused by the frame's policy, nothing missing

    wijken.first.click()
    expect(page).to_have_url(re.compile(r"/wijken/[a-z-]+$"))
    expect(page.locator("iframe.kaart-frame.klein")).to_be_visible()


def test_the_wijk_map_shows_its_schools(page_as):
    page = page_as("schoolleider")
    page.goto("/wijken/osdorp")
    kaart = page.frame_locator("iframe.kaart-frame")
    expect(kaart.locator("path.leaflet-interactive").first).to_be_attached()
    assert kaart.locator("path.leaflet-interactive").count() > 23  # 23 wijken and the circles of the schools


def test_the_map_page_has_no_wcag_violations(page_as):
    page = page_as("swv", bypass_csp=True)  # axe is injected with page.evaluate
    page.goto("/kaart?laag=pot")
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    assert violations == [], [
        (v["id"], v["help"], [n["html"][:120] for n in v["nodes"][:3]]) for v in violations
    ]


def test_phone_layout(page_as):
    page = page_as("swv", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto("/kaart")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
