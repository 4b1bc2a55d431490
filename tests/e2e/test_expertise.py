"""The demo schoolleider in the browser: searching the expertise register (shortest wait first), and putting a
gap in the wijk's support on the next meeting's agenda with one click on the wijk page."""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

WACHTTIJD = 3  # the column after Domein, Vorm, Capaciteit (the provider is the row header)


def weeks(text: str) -> float:
    """'geen wachttijd' → 0, '1 week' → 1, '6 weken' → 6, 'onbekend' → last."""
    text = text.strip()
    if text == "geen wachttijd":
        return 0
    if text == "onbekend":
        return float("inf")
    match = re.fullmatch(r"(\d+) weken?", text)
    assert match, text
    return int(match.group(1))


def results(page) -> list[tuple[str, float]]:
    rows = page.locator("tbody tr")
    return [
        (row.locator("td").nth(0).inner_text(), weeks(row.locator("td").nth(WACHTTIJD).inner_text()))
        for row in rows.all()
    ]


def test_schoolleider_finds_autism_support_shortest_wait_first(page_as):
    page = page_as("schoolleider")
    page.goto("/expertise")
    expect(page.get_by_role("heading", level=1)).to_have_text("Expertise zoeken")
    zoek = page.get_by_role("search", name="Zoek expertise")

    # For the schoolleider's own school (the default): what serves the school or its whole wijk.
    zoek.get_by_label("Domein").select_option(label="Autisme")
    zoek.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_contain_text("voor de gekozen school")
    expect(page.locator("tbody tr").first).to_be_visible()
    eigen = results(page)
    assert {domein for domein, _ in eigen} == {"Autisme"}
    assert [w for _, w in eigen] == sorted(w for _, w in eigen)
    expect(zoek.get_by_label("Domein")).to_have_value(re.compile(r"^[1-9]\d*$"))

    # Every school: more offers, still only autism, still the shortest wait first (unknown last).
    zoek.get_by_label("School").select_option(label="Alle scholen")
    zoek.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).not_to_contain_text("voor de gekozen school")
    expect(page.locator("tbody tr")).not_to_have_count(len(eigen))
    alle = results(page)
    assert len(alle) > len(eigen)
    assert {domein for domein, _ in alle} == {"Autisme"}
    assert [w for _, w in alle] == sorted(w for _, w in alle)
    expect(page.get_by_role("status")).to_contain_text(f"{len(alle)} aanbiedingen gevonden")


def agenda_item(page, titel: str):
    return page.locator(".agenda-item").filter(
        has=page.get_by_role("heading", name=re.compile(re.escape(titel)))
    )


def test_the_chair_puts_a_gap_on_the_next_agenda_from_the_wijk_page(page_as, current_meeting_id):
    page = page_as("schoolleider")
    page.goto("/wijken/osdorp")
    hiaten = page.get_by_role("region", name="Dekkend aanbod: hiaten in de wijk")
    gat = hiaten.get_by_role("row").filter(has=page.locator(".badge", has_text="ontbreekt")).first
    domein = gat.get_by_role("rowheader").inner_text().strip()
    assert domein

    gat.get_by_role("button", name="Op de agenda").click()

    expect(page).to_have_url(re.compile(r"/bijeenkomsten/\d+#punt-\d+$"))
    titel = f"Hiaat in het aanbod: {domein}"
    expect(page.get_by_text(f"'{titel}' staat op de agenda van")).to_be_visible()
    expect(agenda_item(page, titel)).to_be_visible()
    meeting = current_meeting_id(page)

    # Once is enough: the same gap again is refused with a message, and the agenda keeps one item.
    page.goto("/wijken/osdorp")
    hiaten.get_by_role("row").filter(has_text=domein).get_by_role("button", name="Op de agenda").click()
    expect(page.get_by_text("Dit hiaat staat al op de agenda")).to_be_visible()
    page.goto(f"/bijeenkomsten/{meeting}")
    expect(agenda_item(page, titel)).to_have_count(1)
