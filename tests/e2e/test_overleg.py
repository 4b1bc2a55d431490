"""The chair in the browser: plan a meeting, draft and agree its agenda, and after the meeting record
attendance, minutes and an action item; and a wijkoverleg that starts functioning through the chair's work."""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from playwright.sync_api import expect

from wijkportaal.core.web import datum, datum_tijd

pytestmark = pytest.mark.e2e


def plan_meeting(page, datum_, begin="15:30", eind="17:00", locatie="Basisschool De Toekomst, aula"):
    """From the wijk page: 'Bijeenkomst plannen', fill the form, submit; ends on the new meeting's page."""
    page.get_by_role("link", name="Bijeenkomst plannen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bijeenkomst plannen")
    page.get_by_label("Datum").fill(datum_.isoformat())
    page.get_by_label("Begintijd").fill(begin)
    page.get_by_label("Eindtijd").fill(eind)
    page.get_by_label("Locatie").fill(locatie)
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    expect(page.get_by_text("Bijeenkomst gepland. Stel nu de agenda op.")).to_be_visible()
    expect(page.get_by_text("concept-agenda")).to_be_visible()


def add_agenda_item(page, titel, thema, eigenaar="", minuten=None):
    form = page.get_by_role("region", name="Agendapunt toevoegen")
    form.get_by_label("Titel").fill(titel)
    form.get_by_role("checkbox", name=thema, exact=True).check()
    if eigenaar:
        form.get_by_label("Eigenaar").fill(eigenaar)
    if minuten is not None:
        form.get_by_label("Tijd (minuten)").fill(str(minuten))
    form.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Agendapunt toegevoegd.")).to_be_visible()
    item = page.locator(".agenda-item").filter(
        has=page.get_by_role("heading", name=re.compile(re.escape(titel)))
    )
    expect(item).to_contain_text(thema)
    return item


def agree_agenda(page):
    page.get_by_role("button", name="Agenda vaststellen").click()
    expect(page.get_by_text("De agenda is vastgesteld.")).to_be_visible()
    expect(page.locator(".facts .badge", has_text="agenda vastgesteld")).to_be_visible()
    expect(page.get_by_role("button", name="Agenda vaststellen")).to_have_count(0)


def record_attendance(page, default="aanwezig", **per_soort):
    """On a held meeting's page: 'Aanwezigheid vastleggen', one choice per member organisation.

    `per_soort` maps a fragment of the organisation's row (e.g. its kind, 'Ouder- en Kindteam') to a choice."""
    page.get_by_role("link", name="Aanwezigheid vastleggen").click()
    rows = page.locator("tbody tr")
    expect(rows.first).to_be_visible()
    chosen = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        naam = row.get_by_role("rowheader").inner_text()
        keuze = next((v for k, v in per_soort.items() if k in naam), default)
        row.get_by_role("radio", name=re.compile(f": {keuze}$")).check()
        chosen[naam] = keuze
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("Aanwezigheid opgeslagen.")).to_be_visible()
    return chosen


def test_chair_plans_agrees_and_records_a_meeting(page, log_in, live_server, days, current_meeting_id):
    log_in(page, "schoolleider")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wijken").click()
    page.get_by_role("link", name="Osdorp", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Osdorp")

    # Plan a meeting three weeks ahead and draft its agenda.
    dag = days(21)  # at 9:00, unlike the demo's meetings (15:30): no two on the list read the same
    plan_meeting(page, dag, "09:00", "10:45", "OBS De Wilgenhof, teamkamer")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{datum_tijd(days(21, 9))} – 10:45")
    expect(page.get_by_text("OBS De Wilgenhof, teamkamer")).to_be_visible()
    b_id = current_meeting_id(page)

    add_agenda_item(
        page,
        "Thuiszitters in beeld",
        "Thuiszitten en schoolaanwezigheid",
        eigenaar="Leerplicht Amsterdam",
        minuten=20,
    )
    add_agenda_item(page, "Aanbod voor jonge kinderen", "Jonge kind", minuten=25)
    expect(page.get_by_text("2 punten, 45 minuten")).to_be_visible()

    agree_agenda(page)
    expect(page.locator(".facts")).to_contain_text("agenda vastgesteld")

    # The wijk page lists it as an upcoming meeting with an agreed agenda.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Osdorp").click()
    komend = page.locator(".card", has=page.get_by_role("heading", name="Komend"))
    expect(komend.locator("li", has_text=datum_tijd(days(21, 9)))).to_contain_text("agenda vastgesteld")

    # Before the meeting there is nothing to record yet.
    page.goto(f"/bijeenkomsten/{b_id}")
    expect(page.get_by_role("link", name="Aanwezigheid vastleggen")).to_have_count(0)

    # Time passes: the meeting took place two days ago.
    live_server.move_meeting(b_id, days(-2, 9))
    page.reload()

    chosen = record_attendance(page, default="aanwezig", Basisschool="aanwezig", Leerplicht="afgemeld")
    aanwezigheid = page.get_by_role("region", name="Aanwezigheid")
    for naam, keuze in chosen.items():
        expect(aanwezigheid.locator("li", has_text=naam.split(" (")[0])).to_contain_text(keuze)
    assert "afgemeld" in chosen.values() and "aanwezig" in chosen.values()

    # Minutes for the first item.
    page.get_by_role("link", name="Notulen schrijven bij Thuiszitters in beeld").click()
    page.get_by_label("Notulen").fill(
        "Drie scholen melden langdurig verzuim; leerplicht sluit aan bij het OT."
    )
    page.get_by_role("button", name="Notulen opslaan").click()
    expect(page.get_by_text("Notulen opgeslagen.")).to_be_visible()
    item = page.locator(".agenda-item", has=page.get_by_role("heading", name="1. Thuiszitters in beeld"))
    expect(item.locator(".notulen")).to_contain_text("leerplicht sluit aan bij het OT")
    expect(page.get_by_role("link", name="Notulen wijzigen bij Thuiszitters in beeld")).to_be_visible()

    # An action item with owner and due date, tied to the first item.
    deadline = days(30)
    acties = page.get_by_role("region", name="Actiepunten uit deze bijeenkomst")
    acties.get_by_label(re.compile(r"^Actie\b")).fill("Overzicht verzuimmeldingen per school delen")
    acties.get_by_label("Eigenaar").fill("Leerplicht Amsterdam")
    acties.get_by_label("Uiterlijk op").fill(deadline.isoformat())
    acties.get_by_label("Bij agendapunt").select_option(label="Thuiszitters in beeld")
    acties.get_by_role("button", name="Actiepunt toevoegen").click()
    expect(page.get_by_text("Actiepunt toegevoegd.")).to_be_visible()
    row = acties.get_by_role("row", name=re.compile("Overzicht verzuimmeldingen per school delen"))
    expect(row).to_contain_text("Leerplicht Amsterdam")
    expect(row).to_contain_text(datum(deadline))
    expect(row.get_by_label("Status van Overzicht verzuimmeldingen per school delen")).to_have_value("open")

    # The wijk page shows the meeting as held and the action as open.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Osdorp").click()
    geweest = page.locator(".card", has=page.get_by_role("heading", name="Geweest"))
    expect(geweest.get_by_role("link", name=datum_tijd(days(-2, 9)))).to_be_visible()
    open_acties = page.get_by_role("region", name="Openstaande actiepunten")
    expect(open_acties.locator("li", has_text="Overzicht verzuimmeldingen per school delen")).to_contain_text(
        f"Leerplicht Amsterdam, uiterlijk {datum(deadline)}"
    )
    expect(page.get_by_text("Laatste bijeenkomst")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text(datum(days(-2)))


def test_wijk_starts_functioning_through_the_chairs_work(
    page, new_context, log_in, live_server, days, wijk_status, current_meeting_id
):
    """Noord-Oost's overleg is starting up in the demo: two meetings held, special education never present.

    The chair records that the OKT and the SO school were there, then plans and holds two more meetings with
    an agenda agreed beforehand: the status goes from Opstartend to Functionerend, on the wijk page and on
    the SWV's overview."""
    swv = new_context().new_page()
    log_in(swv, "swv")
    swv.goto("/overzicht")
    lead = swv.locator(".lead").inner_text()
    functionerend_voor = int(re.match(r"(\d+) van de", lead).group(1))
    expect(swv.get_by_role("row", name=re.compile("^Noord-Oost"))).to_contain_text("Opstartend")

    log_in(page, "voorzitter.noord-oost")
    page.goto("/wijken/noord-oost")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Noord-Oost")
    expect(wijk_status(page)).to_have_text("Opstartend")
    redenen = page.locator(".reasons")
    expect(redenen).to_contain_text("2 bijeenkomsten gehouden in de laatste 12 maanden (minimaal 4)")
    expect(redenen).to_contain_text("OKT en speciaal onderwijs samen aanwezig bij 0 %")

    # 1. The OKT and the SO/SBO school were in fact there: correct the attendance of both past meetings.
    geweest = page.locator(".card", has=page.get_by_role("heading", name="Geweest")).get_by_role("link")
    expect(geweest).to_have_count(2)
    links = [geweest.nth(i).get_attribute("href") for i in range(2)]
    for href in links:
        page.goto(href)
        chosen = record_attendance(page, default="aanwezig")
        assert any("Ouder- en Kindteam" in naam for naam in chosen), chosen
        assert any("speciaal" in naam.lower() for naam in chosen), chosen
    page.goto("/wijken/noord-oost")
    expect(wijk_status(page)).to_have_text("Opstartend")
    expect(redenen).not_to_contain_text("OKT en speciaal onderwijs")
    expect(redenen).to_contain_text("2 bijeenkomsten gehouden")

    # 2. Plan, prepare and hold two more meetings.
    for n, (over, toen) in enumerate([(10, -9), (12, -3)], start=3):
        plan_meeting(page, days(over), locatie="OKT Noord-Oost, vergaderruimte")
        add_agenda_item(page, f"Dekkend aanbod in Noord-Oost ({n})", "Dekkend aanbod")
        agree_agenda(page)
        live_server.move_meeting(current_meeting_id(page), days(toen, 15, 30))  # the meeting is held
        page.reload()
        record_attendance(page, default="aanwezig", Leerplicht="afgemeld")
        page.goto("/wijken/noord-oost")
        if n == 3:
            expect(wijk_status(page)).to_have_text("Opstartend")
            expect(redenen).to_contain_text("3 bijeenkomsten gehouden in de laatste 12 maanden (minimaal 4)")
            expect(redenen).to_have_count(1)

    expect(wijk_status(page)).to_have_text("Functionerend")
    expect(page.get_by_text("Voldoet aan alle onderdelen van de norm.")).to_be_visible()
    expect(page.locator(".reasons")).to_have_count(0)
    expect(page.locator(".facts")).to_contain_text(datum(days(-3)))

    # The SWV sees one more functioning wijkoverleg.
    swv.reload()
    expect(swv.locator(".lead")).to_contain_text(f"{functionerend_voor + 1} van de 23")
    expect(swv.get_by_role("row", name=re.compile("^Noord-Oost"))).to_contain_text("Functionerend")


def propose_item(page, meeting_id, titel):
    """A member proposes an item on the meeting page; the chair decides."""
    page.goto(f"/bijeenkomsten/{meeting_id}")
    form = page.get_by_role("region", name="Agendapunt voorstellen")
    form.get_by_label("Titel").fill(titel)
    form.get_by_role("button", name="Voorstellen").click()
    expect(page.get_by_text("Uw voorstel is naar de voorzitter gestuurd.")).to_be_visible()


def test_chair_decides_proposals_above_the_agenda_and_confirms_agreeing_with_one_open(
    page, page_as, new_context, days, current_meeting_id, shots
):
    """Members' proposals wait above the agenda with accept and reject; agreeing the agenda while one is
    still open needs the confirmation box (the browser refuses without it, the server as well), also
    without JavaScript."""
    page = page_as("schoolleider")
    page.goto("/wijken/osdorp")
    plan_meeting(page, days(24), "09:30", "11:00", "OBS De Wilgenhof, bibliotheek")
    b_id = current_meeting_id(page)
    add_agenda_item(page, "Opening en mededelingen", "Jonge kind", minuten=10)

    partner = page_as("partner")
    propose_item(partner, b_id, "Wachtlijst OKT Osdorp")
    propose_item(partner, b_id, "Inloopspreekuur op school")

    page.reload()
    voorstellen = page.get_by_role("region", name="Voorgestelde agendapunten")
    agenda = page.get_by_role("region", name="Agenda", exact=True)
    expect(voorstellen).to_contain_text("2 voorstellen van leden wachten op uw besluit.")
    assert voorstellen.bounding_box()["y"] < agenda.bounding_box()["y"]
    page.screenshot(path=shots / "overleg-voorstellen.png", full_page=True)

    voorstellen.get_by_role("button", name=re.compile("^Opnemen in agenda.*Wachtlijst OKT Osdorp")).click()
    expect(page.get_by_text("Voorstel opgenomen in de agenda.")).to_be_visible()
    expect(agenda.get_by_role("heading", name="2. Wachtlijst OKT Osdorp")).to_be_visible()
    expect(voorstellen).to_contain_text("1 voorstel van leden wacht op uw besluit.")
    expect(page.get_by_text("2 punten, 25 minuten")).to_be_visible()

    # Agreeing without the box: the browser does not send the form, nothing changes.
    bevestig = page.get_by_label("Ik stel de agenda vast hoewel er 1 voorstel openstaat")
    page.get_by_role("button", name="Agenda vaststellen").click()
    assert bevestig.evaluate("box => box.validity.valueMissing")
    expect(page.locator(".facts .badge", has_text="concept-agenda")).to_be_visible()

    # Without JavaScript (and without the browser's check) the server asks on a page of its own.
    kaal = new_context(java_script_enabled=False, storage_state=page.context.storage_state()).new_page()
    kaal.goto(f"/bijeenkomsten/{b_id}/vaststellen")
    expect(kaal.get_by_role("heading", level=1)).to_contain_text("Agenda vaststellen")
    expect(kaal.get_by_text("Er staat nog 1 voorstel van leden open.")).to_be_visible()
    expect(kaal.get_by_role("listitem").filter(has_text="Inloopspreekuur op school")).to_be_visible()
    kaal.get_by_label("Ik stel de agenda vast hoewel er 1 voorstel openstaat").check()
    kaal.get_by_role("button", name="Agenda vaststellen").click()
    expect(kaal.get_by_text("De agenda is vastgesteld.")).to_be_visible()
    expect(kaal.locator(".facts .badge", has_text="agenda vastgesteld")).to_be_visible()
    # The open proposal stays open: from now on it can only join the agenda as an amendment.
    expect(kaal.get_by_role("region", name="Voorgestelde agendapunten")).to_contain_text(
        "Inloopspreekuur op school"
    )
