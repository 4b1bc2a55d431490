"""Layout that holds on a laptop and a phone: long unbroken text wraps instead of widening the page, wide
tables scroll in their own box with a hint, text fields count their characters, and links and buttons are
big enough to tap (WCAG 2.2 target size)."""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from playwright.sync_api import expect
from sqlmodel import select

from wijkportaal.core.clock import now
from wijkportaal.overleg.models import Agendapunt, Bijeenkomst, Wijkoverleg
from wijkportaal.wijken.models import Wijk

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1280, "height": 720}
TELEFOON = {"width": 390, "height": 844}
LANG = "Wijkoverleg" + "x" * 1989  # 2000 characters without a space
BREEDTE = "document.documentElement.scrollWidth"


def telefoon(page_as, wie: str):
    return page_as(wie, viewport=TELEFOON, is_mobile=True, has_touch=True)


@pytest.fixture(scope="module")
def lange_bijeenkomst(live_server) -> int:
    """Osdorp's next meeting, with an agenda item whose title and description are one 2000-character word."""
    with live_server.session() as db:
        b = db.exec(
            select(Bijeenkomst)
            .join(Wijkoverleg, Wijkoverleg.id == Bijeenkomst.wijkoverleg_id)
            .join(Wijk, Wijk.id == Wijkoverleg.wijk_id)
            .where(Wijk.code == "osdorp", Bijeenkomst.start > now())
            .order_by(Bijeenkomst.start)
        ).first()
        db.add(
            Agendapunt(bijeenkomst_id=b.id, volgorde=99, titel=LANG, beschrijving=LANG, eigenaar="x" * 120)
        )
        db.commit()
        return b.id


@pytest.mark.parametrize("viewport", [LAPTOP, TELEFOON], ids=["laptop", "telefoon"])
def test_a_2000_character_word_does_not_widen_the_meeting_page(page_as, lange_bijeenkomst, viewport):
    page = page_as("schoolleider", viewport=viewport)
    page.goto(f"/bijeenkomsten/{lange_bijeenkomst}")
    expect(page.get_by_text(LANG).first).to_be_visible()
    assert page.evaluate(BREEDTE) <= viewport["width"]


def test_on_a_phone_a_wide_table_scrolls_in_its_box_with_a_hint(page_as, shots):
    page = telefoon(page_as, "swv")
    page.goto("/overzicht")
    doos = page.locator(".table-wrap").first
    expect(page.get_by_text("Schuif de tabel opzij om alle kolommen te zien.").first).to_be_visible()
    assert doos.evaluate("d => d.scrollWidth > d.clientWidth")  # the table is wider than its box …
    assert page.evaluate(BREEDTE) <= TELEFOON["width"]  # … and the page is not
    assert doos.get_attribute("tabindex") == "0"  # scrolled by keyboard too
    doos.evaluate("d => d.scrollBy(200, 0)")
    assert doos.evaluate("d => d.scrollLeft") > 0
    page.screenshot(path=shots / "telefoon-overzicht-tabel.png")


def test_a_table_that_fits_shows_no_hint(page_as):
    page = page_as("swv", viewport=LAPTOP)
    page.goto("/wijken")
    expect(page.locator(".table-wrap").first).to_be_visible()
    expect(page.locator(".schuif-hint").first).to_be_attached()  # the script ran …
    expect(page.locator(".schuif-hint:visible")).to_have_count(0)  # … and found no table too wide


# Text fields with a maximum length count their characters, and say so when the browser cut a paste.


def test_a_text_field_counts_and_tells_when_a_paste_was_cut(page_as):
    page = page_as("schoolleider")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/wijken/osdorp/bijeenkomsten/nieuw")
    locatie = page.get_by_label("Locatie")
    teller = page.locator("#locatie-teller")
    expect(teller).to_have_text("0/200 tekens")
    assert "locatie-teller" in locatie.get_attribute("aria-describedby")  # read out with the field
    locatie.fill("De Boomgaard, lokaal 12")
    expect(teller).to_have_text("23/200 tekens")

    locatie.fill("")
    page.evaluate("t => navigator.clipboard.writeText(t)", "a" * 100_000)
    locatie.focus()
    page.keyboard.press("ControlOrMeta+V")
    expect(locatie).to_have_value("a" * 200)  # the browser's cut …
    expect(teller).to_have_text(  # … is no longer silent
        "200/200 tekens: de geplakte tekst was te lang, alleen de eerste 200 tekens zijn overgenomen."
    )
    expect(teller).to_have_class(re.compile(r"\bvol\b"))
    page.keyboard.press("Backspace")
    expect(teller).to_have_text("199/200 tekens")


def test_without_javascript_the_form_has_no_counter_and_still_works(new_context, live_server):
    from tests.e2e.conftest import login

    page = new_context(java_script_enabled=False).new_page()
    login(page, "schoolleider")
    page.goto("/wijken/osdorp/bijeenkomsten/nieuw")
    expect(page.get_by_label("Locatie")).to_have_attribute("maxlength", "200")
    expect(page.locator(".teller")).to_have_count(0)
    expect(page.get_by_role("button", name="Bijeenkomst plannen")).to_be_enabled()


# WCAG 2.2 target size (2.5.8): at least 24 × 24 CSS pixels, except a link inside a sentence.

DOELEN = """() => {
  const klein = [];
  for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, summary")) {
    if (!el.getClientRects().length || el.closest(".visually-hidden, .skip-link")) continue;
    let r = el.getBoundingClientRect();
    for (const label of el.labels || []) {  // a tap on the label works too
      const l = label.getBoundingClientRect();
      const left = Math.min(r.left, l.left), top = Math.min(r.top, l.top);
      r = {width: Math.max(r.right, l.right) - left, height: Math.max(r.bottom, l.bottom) - top};
    }
    const blok = el.closest("p, li, td, th, dd, dt, div");
    const inZin = el.tagName === "A" && blok && blok.textContent.trim().length > el.textContent.trim().length + 1;
    if ((r.width < 24 || r.height < 24) && !inZin) {
      klein.push(`${el.tagName} "${(el.textContent || el.name || "").trim().slice(0, 40)}": ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  return klein;
}"""


@pytest.mark.parametrize(
    ("wie", "waar"),
    [
        (None, "/inloggen"),
        ("schoolleider", "/"),
        ("bestuurder", "/"),
        ("schoolleider", "/wijken/osdorp"),
        ("schoolleider", "/kaart"),
        ("swv", "/overzicht"),
        ("swv", "/expertise/dekking"),
        ("bestuurder", "/expertise"),
        ("beheerder", "/beheer/gebruikers"),
    ],
)
def test_links_and_buttons_are_at_least_24_by_24_on_a_phone(page_as, new_context, wie, waar):
    if wie:
        page = telefoon(page_as, wie)
    else:
        page = new_context(viewport=TELEFOON, is_mobile=True, has_touch=True).new_page()
    page.goto(waar)
    assert page.evaluate(DOELEN) == []
