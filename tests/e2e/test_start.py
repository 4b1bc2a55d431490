"""The start page "Te doen" in the browser, per role: log in, land on it, see what waits, and reach the
place where each item is done in at most 2 clicks from login; axe on it; screenshots at 1280×720 and
390×844 in /work/screens/start/ for a human to look at. And the chair's wijk page leads with the overleg.

Counting clicks: only a click that loads a page counts (following a link, sending a form); typing,
choosing in a list or ticking a box does not. An item counts one click (its link) to the place where the
task is done, and one more for the button there that does it.

Besides the demo data, the module's own database gets what the demo does not have on every day: an open
action of the chair past its deadline, an agenda item without minutes, an unpaid pledge of the demo board
and an allocation whose decision period ends in five days."""

import re
from datetime import timedelta
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlmodel import select

from wijkportaal.core import clock

pytestmark = pytest.mark.e2e

SCREENS = Path("/work/screens/start")
SCHERMEN = {"1280x720": {"width": 1280, "height": 720}, "390x844": {"width": 390, "height": 844}}
MAX_KLIKKEN = 2
ROLLEN = ["schoolleider", "bestuurder", "swv", "partner", "directeur", "beoordelaar", "beheerder"]


@pytest.fixture(scope="module", autouse=True)
def werk(live_server):
    """What the demo lacks on some days, added as the users would have left it."""
    from wijkportaal.auth.models import Gebruiker
    from wijkportaal.besluiten.models import Voorstel, VoorstelStatus
    from wijkportaal.overleg.models import Actiepunt, Agendapunt, AgendapuntStatus, Bijeenkomst, Wijkoverleg
    from wijkportaal.pot import services as pot_services
    from wijkportaal.pot.models import BronSoort, Pot, PotBestuur, Toekenning
    from wijkportaal.wijken.models import Wijk

    with live_server.session() as db:
        karim = db.exec(select(Gebruiker).where(Gebruiker.email == "schoolleider@demo.wijkportaal.nl")).one()
        overleg = db.exec(select(Wijkoverleg).join(Wijk).where(Wijk.code == "osdorp")).one()
        laatste = db.exec(
            select(Bijeenkomst)
            .where(Bijeenkomst.wijkoverleg_id == overleg.id, Bijeenkomst.start <= clock.now())
            .order_by(Bijeenkomst.start.desc())
        ).first()
        db.add(
            Actiepunt(
                wijkoverleg_id=overleg.id,
                bijeenkomst_id=laatste.id,
                omschrijving="Ouders uitnodigen voor de informatieavond",
                eigenaar=karim.naam,
                deadline=clock.today() - timedelta(days=2),
            )
        )
        punt = db.exec(
            select(Agendapunt)
            .where(Agendapunt.bijeenkomst_id == laatste.id, Agendapunt.status == AgendapuntStatus.AGENDA)
            .order_by(Agendapunt.volgorde.desc())
        ).first()
        punt.notulen = ""
        db.add(punt)
        bestuurder = db.exec(
            select(Gebruiker).where(Gebruiker.email == "bestuurder@demo.wijkportaal.nl")
        ).one()
        pot = db.exec(
            select(Pot)
            .join(PotBestuur, PotBestuur.pot_id == Pot.id)
            .where(PotBestuur.bestuur_id == bestuurder.bestuur_id)
            .order_by(Pot.periode_start.desc())
        ).first()
        toezegging = {"bedrag_cents": 1_500_000, "middelen": "ondersteuningsmiddelen", "partner_naam": ""}
        toezegging |= {"datum": clock.today(), "uiterlijk_op": clock.today() + timedelta(days=20)}
        eigen = {"bron": BronSoort.BESTUUR, "bestuur_id": bestuurder.bestuur_id, "sleutel": "e2e-toezegging"}
        pot_services.voeg_bijdrage_toe(db, bestuurder, pot, toezegging=True, **toezegging, **eigen)
        open_toekenning = db.exec(
            select(Voorstel)
            .join(Toekenning, Toekenning.voorstel_id == Voorstel.id)
            .where(Voorstel.status == VoorstelStatus.OPEN)
        ).first()
        open_toekenning.vervalt_op = clock.now() + timedelta(days=5)
        db.add(open_toekenning)
        db.commit()


def items(page) -> list[tuple[str, str]]:
    """(soort, titel) of every item on the start page, in order (money's no-break space read as a space)."""
    rijen = page.locator("ol.te-doen > li")
    return [
        (r.locator(".tag").inner_text(), r.locator("a.te-doen-link").inner_text().replace("\xa0", " "))
        for r in rijen.all()
    ]


def waar_het_gebeurt(page, soort: str, titel: str):
    """The form or button on the page an item leads to, where the user does what the item asks."""
    if soort == "Bijeenkomst" and titel.startswith("Agenda vaststellen"):
        return page.get_by_role("button", name="Agenda vaststellen")
    if soort == "Bijeenkomst" and titel.startswith("Plan de volgende"):
        return page.get_by_role("button", name="Bijeenkomst plannen")
    if soort == "Bijeenkomst":  # a member's view of a coming meeting: propose an item
        return page.get_by_role("region", name="Agendapunt voorstellen").get_by_role(
            "button", name="Voorstellen"
        )
    if soort == "Agendavoorstel":
        return page.get_by_role("button", name="Opnemen in agenda")
    if soort == "Notulen" and titel.startswith("Notulen vastleggen"):
        return page.get_by_role("link", name=re.compile(r"^Notulen schrijven")).first
    if soort == "Notulen":
        return page.get_by_role("button", name="Notulen vaststellen")
    if soort == "Actiepunt":
        return page.get_by_role("combobox", name=f"Status van {titel}").first
    if soort == "Thema":
        return page.get_by_role("region", name="Agendapunt toevoegen").get_by_role("button", name="Toevoegen")
    if soort == "Dekkend aanbod":
        return page.get_by_role("button", name="Op de agenda").first
    if soort == "Besluit":
        return page.get_by_role("button", name="Besluit vastleggen")
    if soort == "Toezegging":  # the item opens the confirmation of "paid today"
        return page.get_by_role("button", name="Bevestigen")
    if soort == "Wijkoverleg":
        return page.get_by_role("link", name=re.compile(r"^(Wijkoverleg instellen|Voorzitter wijzigen)$"))
    if soort in ("Toekenning", "Vrijval"):  # SWV staff see which boards still have to decide
        return page.get_by_role("region", name="Besluiten van de besturen").get_by_text("nog niet").first
    if soort == "Aanbod":
        return page.get_by_role("link", name="Bewerken")
    if soort == "Nieuw initiatief" and titel.startswith("Deelname bevestigen"):
        return page.get_by_role("button", name="Deelname bevestigen")
    if soort == "Nieuw initiatief" and titel.startswith("Beoordelaars aanwijzen"):
        return page.get_by_role("button", name="Aanwijzen")
    if soort == "Beoordeling":  # the assessor declares on a conflict of interest first, then scores
        return page.get_by_role("button", name=re.compile(r"^(Verklaring vastleggen|Beoordeling indienen)$"))
    if soort == "Subsidie":  # SWV staff: a grant to pay, or an initiative past its end to close
        return page.get_by_role("button", name=re.compile(r"^(Betaling boeken|Initiatief afronden)$")).first
    if soort == "Nieuw initiatief":  # SWV staff: the initiative's page with its reports
        return page.get_by_role("heading", level=1)
    raise AssertionError(f"no place known for {soort}: {titel}")


# Per role: items the demo (and `werk`) puts on the start page, as (soort, start of the title).
VERWACHT = {
    "schoolleider": [
        ("Actiepunt", "Ouders uitnodigen voor de informatieavond"),
        ("Notulen", "Notulen vastleggen van de bijeenkomst van "),
        ("Bijeenkomst", "Agenda vaststellen voor de bijeenkomst van "),
        ("Agendavoorstel", "Voorstel beoordelen: Nieuw aanbod oudergesprekken op school"),
        ("Dekkend aanbod", "Hiaten in het aanbod van Osdorp: "),
    ],
    "bestuurder": [
        ("Besluit", "Besluiten over Integraal arrangeren Osdorp: € 24.000,00"),
        ("Toezegging", "Toezegging betalen: € 15.000,00 aan Geen Kind de Buurt Uit Osdorp "),
        ("Nieuw initiatief", "Deelname bevestigen: Buurtschakelklas"),
    ],
    "swv": [
        ("Wijkoverleg", "Nog nooit een bijeenkomst in Buitenveldert, Zuidas"),
        ("Wijkoverleg", "Nog nooit een bijeenkomst in IJburg, Zeeburgereiland"),
        ("Toekenning", "Toekenning verloopt: Integraal arrangeren Osdorp"),
        ("Nieuw initiatief", "Beoordelaars aanwijzen: Gedragsspecialist in de klas"),
    ],
    "partner": [("Bijeenkomst", "Bijeenkomst wijkoverleg Osdorp: "), ("Aanbod", "")],
    "directeur": [("Besluit", "Besluiten: Jonge kind: samen spelen, samen leren")],
    "beoordelaar": [("Beoordeling", "Beoordelen: Taalklas voor nieuwkomers in Osdorp")],
    "beheerder": [],
}


@pytest.mark.parametrize("wie", ROLLEN)
def test_each_item_is_done_within_two_clicks_of_login(new_context, log_in, wie):
    page = new_context().new_page()
    log_in(page, wie)  # the login form: lands on the start page
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Te doen")
    gezien = items(page)
    for soort, begin in VERWACHT[wie]:
        assert any(s == soort and t.startswith(begin) for s, t in gezien), (soort, begin, gezien)
    if not VERWACHT[wie]:
        assert gezien == []
        expect(page.get_by_text("Niets te doen: er wacht nu niets op u.")).to_be_visible()
        return
    start = page.url
    for i, (soort, titel) in enumerate(gezien):
        page.goto(start)  # back on the page login lands on
        klikken = 0
        page.locator("ol.te-doen > li").nth(i).locator("a.te-doen-link").click()
        klikken += 1
        expect(waar_het_gebeurt(page, soort, titel), f"{soort}: {titel} ({page.url})").to_be_visible()
        assert klikken <= MAX_KLIKKEN


@pytest.mark.parametrize("wie", ROLLEN)
def test_start_page_passes_axe_and_is_photographed(page_as, wie):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page = page_as(wie, bypass_csp=True)  # axe is injected with page.evaluate
    page.goto("/")
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    assert violations == [], "\n".join(
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}" for v in violations
    )
    for naam, maat in SCHERMEN.items():
        telefoon = maat["width"] < 500
        p = page_as(wie, viewport=maat, is_mobile=telefoon, has_touch=telefoon)
        p.goto("/")
        p.screenshot(path=SCREENS / f"{wie}-{naam}.png", full_page=True)
        breedte = p.evaluate("document.documentElement.scrollWidth")
        assert breedte <= maat["width"], f"{wie} at {naam}: {breedte}px wide"


@pytest.mark.parametrize("scherm", SCHERMEN)
def test_the_chairs_wijk_page_has_the_overleg_above_the_map(page_as, scherm):
    maat = SCHERMEN[scherm]
    telefoon = maat["width"] < 500
    page = page_as("schoolleider", viewport=maat, is_mobile=telefoon, has_touch=telefoon)
    page.goto("/wijken/osdorp")
    kaart = page.locator("iframe.kaart-frame").bounding_box()
    boven = {
        "volgende bijeenkomst": page.locator("dt", has_text="Volgende bijeenkomst"),
        "plannen": page.get_by_role("link", name="Bijeenkomst plannen"),
        "actiepunten": page.get_by_role("heading", name="Openstaande actiepunten"),
    }
    for naam, locator in boven.items():
        expect(locator).to_be_visible()
        assert locator.bounding_box()["y"] < kaart["y"], f"{naam} is not above the map at {scherm}"
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"wijk-osdorp-voorzitter-{scherm}.png", full_page=True)


def test_a_pledge_is_paid_in_two_clicks_from_login(new_context, log_in):
    """Clicks that load a page count: the item (1) opens the confirmation, "Bevestigen" (2) books."""
    page = new_context().new_page()
    log_in(page, "bestuurder")
    klikken = 0
    page.get_by_role("link", name=re.compile(r"^Toezegging betalen: € 15\.000,00")).click()
    klikken += 1
    expect(page.get_by_role("heading", level=1)).to_contain_text("Betaling van een toezegging bevestigen")
    expect(page.locator("main")).to_contain_text("€ 15.000,00 — vijftienduizend euro")
    page.get_by_role("button", name="Bevestigen").click()
    klikken += 1
    expect(page.get_by_text("De toezegging is als betaald geboekt.")).to_be_visible()
    assert klikken <= MAX_KLIKKEN
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Te doen").click()
    expect(page.get_by_role("link", name=re.compile(r"^Toezegging betalen: € 15\.000,00"))).to_have_count(0)


def test_an_item_done_leaves_the_list(page_as):
    """The chair marks their overdue action done from the start page: 1 click there, 1 to save."""
    page = page_as("schoolleider")
    page.goto("/")
    page.get_by_role("link", name="Ouders uitnodigen voor de informatieavond").click()
    status = page.get_by_role("combobox", name="Status van Ouders uitnodigen voor de informatieavond").first
    status.select_option("afgerond")
    status.locator("xpath=..").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Status van het actiepunt bijgewerkt.")).to_be_visible()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Te doen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Te doen")
    expect(page.get_by_role("link", name="Ouders uitnodigen voor de informatieavond")).to_have_count(0)
