"""SWV staff in the browser: the overview of all wijkoverleggen (count, filter, sort, downloads); and the
forms work with JavaScript switched off."""

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from openpyxl import load_workbook
from playwright.sync_api import expect

from wijkportaal.core.web import datum

pytestmark = pytest.mark.e2e

WEST_BUITEN = ["De Aker, Sloten, Nieuw-Sloten", "Geuzenveld, Slotermeer", "Osdorp", "Slotervaart"]


def wijk_names(page) -> list[str]:
    return page.locator("tbody").get_by_role("rowheader").all_inner_texts()


def status_column(page) -> list[str]:
    return page.locator("tbody tr td .badge").all_inner_texts()


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_swv_overview_filter_sort_and_download(page_as):
    page = page_as("swv")
    page.goto("/wijken")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overzicht overleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht wijkoverleggen")

    # The key figure, as the demo promises: 19 of the 23 wijken have a functioning overleg.
    expect(page.locator(".lead")).to_contain_text("19 van de 23 wijken hebben een functionerend wijkoverleg")
    alle = wijk_names(page)
    assert len(alle) == 23
    assert alle == sorted(alle, key=str.casefold)  # by wijk, A-Z, by default
    assert status_column(page).count("Functionerend") == 19

    # Sort by status: no overleg first, then starting up, then functioning.
    page.get_by_role("columnheader", name="Status").get_by_role("link").click()
    expect(page.get_by_role("columnheader", name=re.compile("^Status"))).to_have_attribute(
        "aria-sort", "ascending"
    )
    assert status_column(page) == ["Geen overleg"] * 2 + ["Opstartend"] * 2 + ["Functionerend"] * 19
    page.get_by_role("columnheader", name=re.compile("^Status")).get_by_role("link").click()
    expect(page.get_by_role("columnheader", name=re.compile("^Status"))).to_have_attribute(
        "aria-sort", "descending"
    )
    assert status_column(page)[:19] == ["Functionerend"] * 19

    # Filter by regio; the sort order is kept.
    page.get_by_label("Regio", exact=True).select_option(label="West buiten de Ring")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("tbody tr")).to_have_count(4)
    assert re.search(r"regio=[\w-]+", page.url) and "sorteer=status" in page.url
    expect(page.locator(".lead")).to_contain_text("van de 4 wijken in West buiten de Ring")
    assert sorted(wijk_names(page)) == WEST_BUITEN
    expect(page.get_by_label("Regio", exact=True)).to_have_value(re.compile(r"\w"))

    # Sort the regio by wijk, Z-A (the second click on the same column).
    page.get_by_role("columnheader", name="Wijk").get_by_role("link").click()
    page.get_by_role("columnheader", name=re.compile("^Wijk")).get_by_role("link").click()
    expect(page.get_by_role("columnheader", name=re.compile("^Wijk"))).to_have_attribute(
        "aria-sort", "descending"
    )
    assert wijk_names(page) == list(reversed(WEST_BUITEN))
    osdorp = page.get_by_role("row", name=re.compile("^Osdorp"))
    laatste = osdorp.locator("td").nth(2).inner_text()

    # Download the filtered overview as CSV: the same wijken, in the same order.
    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    download = info.value
    assert re.fullmatch(r"wijkoverleggen-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    rows = read_csv(Path(download.path()).read_text(encoding="utf-8"))
    assert [r["Wijk"] for r in rows] == list(reversed(WEST_BUITEN))
    assert {r["Regio"] for r in rows} == {"West buiten de Ring"}
    osdorp_csv = next(r for r in rows if r["Wijk"] == "Osdorp")
    assert osdorp_csv["Status"] == "Functionerend"
    laatste_csv = date.fromisoformat(osdorp_csv["Laatste bijeenkomst"])  # ISO in the file, Dutch on the page
    assert f"{laatste_csv.day} " in laatste and str(laatste_csv.year) in laatste, (laatste, laatste_csv)

    # The whole list as CSV and Excel holds every wijk on the page.
    response = page.request.get("/overzicht.csv")
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    assert sorted(r["Wijk"] for r in read_csv(response.text())) == sorted(alle)
    response = page.request.get("/overzicht.xlsx")
    assert response.ok
    sheet = load_workbook(io.BytesIO(response.body()), read_only=True).active
    assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)) == sorted(alle)

    # Filter by status, next to the regio (all regio's): the 2 wijken starting up; the Excel follows.
    page.goto("/overzicht")
    page.get_by_label("Status", exact=True).select_option(label="Opstartend")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("tbody tr")).to_have_count(2)
    assert status_column(page) == ["Opstartend"] * 2 and "status=opstartend" in page.url
    expect(page.get_by_text("2 wijken met status opstartend.")).to_be_visible()
    expect(page.locator(".lead")).to_contain_text("19 van de 23 wijken hebben een functionerend wijkoverleg")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download Excel").click()
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Opstartend"] * 2
    assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)) == sorted(wijk_names(page))


def test_forms_work_without_javascript(new_context, log_in, days):
    """Log in and plan a meeting with JavaScript switched off: every form posts and answers on its own."""
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, "schoolleider")
    page.goto("/wijken/osdorp")
    page.get_by_role("link", name="Bijeenkomst plannen").click()

    # A refused submit: the error is next to the field, and nothing is planned.
    page.get_by_label("Datum").fill(days(-7).isoformat())
    page.get_by_label("Begintijd").fill("15:30")
    page.get_by_label("Eindtijd").fill("15:00")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    expect(page.get_by_role("alert")).to_contain_text("Niet opgeslagen")
    expect(page.get_by_label("Datum")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Een nieuwe bijeenkomst kan niet in het verleden liggen.")).to_be_visible()
    expect(page.get_by_text("De eindtijd moet na de begintijd liggen.")).to_be_visible()
    expect(page.get_by_text("Vul een locatie of een online link in.")).to_be_visible()

    dag = days(28)
    page.get_by_label("Datum").fill(dag.isoformat())
    page.get_by_label("Eindtijd").fill("17:00")
    page.get_by_label("Online link").fill("https://vergaderen.example.org/wijkoverleg-osdorp")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    expect(page.get_by_text("Bijeenkomst gepland. Stel nu de agenda op.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(datum(dag))
    expect(page.get_by_role("link", name="https://vergaderen.example.org/wijkoverleg-osdorp")).to_be_visible()

    nieuw = page.get_by_role("region", name="Agendapunt toevoegen")
    nieuw.get_by_label("Titel").fill("Dekkend aanbod: hiaten in de wijk")
    nieuw.get_by_role("checkbox", name="Dekkend aanbod", exact=True).check()
    nieuw.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Agendapunt toegevoegd.")).to_be_visible()
    page.get_by_role("button", name="Agenda vaststellen").click()
    expect(page.locator(".facts .badge", has_text="agenda vastgesteld")).to_be_visible()
