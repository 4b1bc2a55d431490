"""Money that cannot be mistyped, in a real browser with JavaScript on and off: each of the six money
forms (contribution, pledge, payment of a pledge, allocation, spending, vrijval) first shows the amount in
words and the effect on the balance, "Terug" keeps what was typed, and only "Bevestigen" books, once, also
when it is clicked twice; every confirmation page passes axe. A mistyped contribution is reversed: the two
bookings link to each other in the journal, the reports show both and `flask ledger check` passes."""

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlmodel import func, select

from wijkportaal.core import clock

pytestmark = pytest.mark.e2e

JS = pytest.mark.parametrize("js", [True, False], ids=["javascript", "zonder-javascript"])


def _pot_osdorp(page) -> None:
    page.goto("/potten")
    page.get_by_role("link", name=re.compile(r"^Geen Kind de Buurt Uit Osdorp")).first.click()
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


# The other four money forms, and what every one of them shares.


def _euro(tekst: str) -> Decimal:
    """'€ 55.600,00' as a Decimal, read the Dutch way (the test's own reading, not the app's parser)."""
    getal = tekst.replace("€", "").replace("\xa0", "").replace(" ", "").replace(".", "").replace(",", ".")
    return Decimal(getal)


def _bevestigen(page, titel: str, in_woorden: str) -> None:
    """On the confirmation page: its title and the amount in words; nothing booked yet."""
    expect(page.get_by_role("heading", level=1)).to_contain_text(titel)
    expect(page.locator("main")).to_contain_text(in_woorden)
    expect(page.locator("main")).to_contain_text("Er is nog niets geboekt.")


def _aantal(live_server, model, **waar) -> int:
    with live_server.session() as db:
        query = select(func.count()).select_from(model)
        for naam, waarde in waar.items():
            query = query.where(getattr(model, naam) == waarde)
        return db.exec(query).one()


def _toezegging_naar_bevestiging(page, bedrag: str) -> None:
    _pot_osdorp(page)
    page.get_by_role("link", name="Bijdrage vastleggen").click()
    expect(page.get_by_label("Bestuur", exact=True)).to_have_value(
        re.compile(r"\d+")
    )  # their own board, the only choice
    page.get_by_label("Bron van het geld").fill("Ondersteuningsmiddelen")
    page.get_by_label("Bedrag (€)").fill(bedrag)
    page.get_by_label(re.compile(r"^Soort")).select_option(label="Toezegging (nog te betalen)")
    uiterlijk = clock.today() + timedelta(days=30)
    page.get_by_label("Uiterlijk betaald op (bij een toezegging)").fill(uiterlijk.isoformat())
    page.get_by_role("button", name="Vastleggen").click()


@JS
def test_a_pledge_and_its_payment_are_each_confirmed_before_they_are_booked(page_as, live_server, js):
    from wijkportaal.pot.models import Bijdrage

    bedrag, cents, tekst = ("7.512,34", 751_234, "€ 7.512,34") if js else ("7.612,34", 761_234, "€ 7.612,34")
    page = page_as("bestuurder", java_script_enabled=js)
    _pot_osdorp(page)
    voor = _euro(_beschikbaar(page))
    _toezegging_naar_bevestiging(page, bedrag)
    _bevestigen(
        page, "Toezegging bevestigen", f"{tekst} — zevenduizend{'vijf' if js else 'zes'}honderdtwaalf euro"
    )
    expect(page.locator("main")).to_contain_text("Nog toegezegd")
    assert _aantal(live_server, Bijdrage, bedrag_cents=cents) == 0
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("De bijdrage is vastgelegd.")).to_be_visible()
    assert _euro(_beschikbaar(page)) == voor  # a pledge is not money in the pot yet

    # Paying it: the pot page's button, then the confirmation with the effect on the pot.
    rij = page.locator("#bijdragen-kop ~ div tr", has_text=tekst)
    rij.get_by_role("button", name="Betaald vandaag").click()
    _bevestigen(page, "Betaling van een toezegging bevestigen", tekst)
    expect(page.locator("main")).to_contain_text("Beschikbaar in de pot")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("De toezegging is als betaald geboekt.")).to_be_visible()
    assert _euro(_beschikbaar(page)) == voor + Decimal(cents) / 100
    with live_server.session() as db:
        toezegging = db.exec(select(Bijdrage).where(Bijdrage.bedrag_cents == cents)).one()
        assert toezegging.transaction_id is not None


def _aanpak_startklas(page) -> None:
    _pot_osdorp(page)
    page.get_by_role("link", name="Startklas Osdorp").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Startklas Osdorp")


def _nog_te_besteden(page) -> Decimal:
    return _euro(page.locator("dl.figures div", has_text="Nog te besteden").locator("dd").inner_text())


def _besteding_naar_bevestiging(page, bedrag: str) -> None:
    _aanpak_startklas(page)
    page.get_by_label("Bedrag (€)").fill(bedrag)
    page.get_by_label("Omschrijving").fill("Materiaal startklas")
    page.get_by_role("button", name="Boeken").click()


@JS
def test_a_spending_is_confirmed_before_it_is_booked(page_as, js):
    page = page_as("swv", java_script_enabled=js)
    _aanpak_startklas(page)
    voor = _nog_te_besteden(page)
    _besteding_naar_bevestiging(page, "1.234,56")
    _bevestigen(
        page, "Besteding bevestigen", "€ 1.234,56 — duizendtweehonderdvierendertig euro en zesenvijftig cent"
    )
    expect(page.locator("main")).to_contain_text("Nog te besteden voor deze aanpak")
    page.get_by_role("button", name="Terug").click()
    expect(page.get_by_label("Bedrag (€)")).to_have_value("1.234,56")
    expect(page.get_by_label("Omschrijving")).to_have_value("Materiaal startklas")
    assert _nog_te_besteden(page) == voor  # neither step 1 nor "Terug" booked
    page.get_by_role("button", name="Boeken").click()
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("De besteding is geboekt.")).to_be_visible()
    assert _nog_te_besteden(page) == voor - Decimal("1234.56")


def _vrijval_naar_bevestiging(page, wijk: str) -> None:
    page.goto(f"/monitor/{wijk}")
    page.get_by_role("link", name="Vrijval voorstellen voor de pot").click()
    page.get_by_label("Schooljaar").select_option(index=0)
    page.get_by_role("button", name="Voorstellen").click()


@JS
def test_a_vrijval_proposal_is_confirmed_before_the_boards_are_asked(page_as, live_server, js):
    from wijkportaal.monitor.models import VrijvalVoorstel

    page = page_as("swv", java_script_enabled=js)
    wijk = "osdorp" if js else "bos-en-lommer"
    voor = _aantal(live_server, VrijvalVoorstel)
    _vrijval_naar_bevestiging(page, wijk)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vrijval voorstellen: bevestigen")
    expect(page.locator("main")).to_contain_text(re.compile(r"€\s[\d.]+,00 — \w+ euro"))
    expect(page.locator("main")).to_contain_text("Beschikbaar in de pot, na instemming")
    assert _aantal(live_server, VrijvalVoorstel) == voor
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("De vrijval is voorgesteld")).to_be_visible()
    assert _aantal(live_server, VrijvalVoorstel) == voor + 1


@JS
def test_confirming_twice_books_once_and_shows_the_booking(page_as, live_server, js):
    """A double click on "Bevestigen" sends the form twice: one contribution, and no error."""
    from wijkportaal.pot.models import Bijdrage

    cents = 333_301 if js else 333_302
    page = page_as("swv", java_script_enabled=js)
    _bijdrage_invullen(page, f"3.333,0{cents % 10}")
    expect(page.get_by_role("button", name="Bevestigen")).to_be_visible()
    page.get_by_role("button", name="Bevestigen").dblclick()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Osdorp")
    expect(page.locator(".flash-error")).to_have_count(0)
    expect(page.locator(".flash").first).to_contain_text(re.compile(r"De bijdrage is vastgelegd|al geboekt"))
    assert _aantal(live_server, Bijdrage, bedrag_cents=cents) == 1


def test_confirming_again_from_a_second_tab_leads_to_the_booking(page_as, live_server):
    """The confirmation page open in two tabs (the same page, the same key): "Bevestigen" in one books,
    in the other it leads to that booking with a word that nothing was booked again."""
    from wijkportaal.pot.models import Bijdrage

    page = page_as("swv")
    _bijdrage_invullen(page, "3.333,03")
    expect(page.get_by_role("button", name="Bevestigen")).to_be_visible()
    url, html = page.url, page.content()
    tweede = page.context.new_page()
    tweede.route(url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    tweede.goto(url)  # the very page the first tab shows
    tweede.unroute(url)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("De bijdrage is vastgelegd.")).to_be_visible()
    page = tweede
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Dit was al geboekt; er is niets opnieuw geboekt.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Osdorp")
    assert _aantal(live_server, Bijdrage, bedrag_cents=333_303) == 1


BEVESTIGINGEN = {
    "bijdrage": ("swv", lambda page: _bijdrage_invullen(page, "12.345,67")),
    "toezegging": ("bestuurder", lambda page: _toezegging_naar_bevestiging(page, "4.321,00")),
    "betaling": ("bestuurder", None),  # after a pledge, see below
    "toekenning": ("swv", None),
    "besteding": ("swv", lambda page: _besteding_naar_bevestiging(page, "10,00")),
    "vrijval": ("swv", lambda page: _vrijval_naar_bevestiging(page, "osdorp")),
}


def _betaling_naar_bevestiging(page) -> None:
    _toezegging_naar_bevestiging(page, "4.322,00")
    page.get_by_role("button", name="Bevestigen").click()
    page.locator("#bijdragen-kop ~ div tr", has_text="€ 4.322,00").get_by_role(
        "button", name="Betaald vandaag"
    ).click()


def _toekenning_naar_bevestiging(page) -> None:
    _pot_osdorp(page)
    page.get_by_role("link", name="Toekenning voorstellen").first.click()
    page.get_by_label("Bedrag (€)").fill("100,00")
    page.get_by_role("button", name="Voorstellen en reserveren").click()


@pytest.mark.parametrize("formulier", BEVESTIGINGEN)
def test_every_confirmation_page_passes_axe(page_as, shots, formulier):
    wie, naar = BEVESTIGINGEN[formulier]
    naar = (
        naar
        or {"betaling": _betaling_naar_bevestiging, "toekenning": _toekenning_naar_bevestiging}[formulier]
    )
    page = page_as(wie, bypass_csp=True)
    naar(page)
    expect(page.get_by_role("button", name="Bevestigen")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Er is nog niets geboekt.")
    page.screenshot(path=shots / f"14-bevestigen-{formulier}.png", full_page=True)
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    assert violations == [], [
        (v["id"], v["help"], [n["html"][:160] for n in v["nodes"][:3]]) for v in violations
    ]


def test_a_mistyped_contribution_is_reversed_and_both_bookings_show(page_as, live_server):
    from wijkportaal.pot.models import Bijdrage

    page = page_as("swv")
    _pot_osdorp(page)
    voor = _euro(_beschikbaar(page))
    _bijdrage_invullen(page, "12.521")  # meant: 1.252,10
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("De bijdrage is vastgelegd.")).to_be_visible()
    assert _euro(_beschikbaar(page)) == voor + 12_521
    with live_server.session() as db:
        origineel = db.exec(select(Bijdrage).where(Bijdrage.bedrag_cents == 1_252_100)).one().transaction_id

    rij = page.locator("#bijdragen-kop ~ div tr", has_text="€ 12.521,00")
    rij.get_by_role("link", name="Terugdraaien").click()
    page.get_by_role("button", name="Terugdraaien").click()  # no reason: refused at the field
    expect(page.locator("#reden-error")).to_have_text(
        "Geef een reden waarom deze boeking wordt teruggedraaid."
    )
    page.get_by_label("Reden").fill("Bedrag verkeerd ingetypt: 12.521 in plaats van 1.252,10")
    page.get_by_role("button", name="Terugdraaien").click()
    expect(
        page.get_by_text("De boeking is teruggedraaid. Beide boekingen staan in het journaal.")
    ).to_be_visible()
    assert _euro(_beschikbaar(page)) == voor

    # The link both ways: each lands on the other's row in the journal, on the page that holds it.
    rij = page.locator("#bijdragen-kop ~ div tr", has_text="€ 12.521,00")
    rij.get_by_role("link", name=re.compile(r"^correctie \d+$")).click()
    correctie = int(page.url.rpartition("#tx-")[2])
    doel = page.locator(f"tr#tx-{correctie}")
    expect(doel).to_have_attribute("aria-current", "true")
    expect(doel).to_be_in_viewport()
    doel.get_by_role("link", name=f"draait transactie {origineel} terug").click()
    terug = page.locator(f"tr#tx-{origineel}")
    expect(terug).to_have_attribute("aria-current", "true")
    expect(terug).to_contain_text("teruggedraaid")
    terug.get_by_role("link", name=f"correctie {correctie}").click()
    expect(page.locator(f"tr#tx-{correctie}")).to_have_attribute("aria-current", "true")

    # Every report lists both bookings with the reason.
    pot_url = page.url.split("/journaal")[0]
    for rapport in ("rapport", "rapport/besturen", "rapport/aanpakken"):
        page.goto(f"{pot_url}/{rapport}")
        tabel = page.get_by_role("region", name="Teruggedraaide boekingen")
        expect(tabel).to_contain_text(f"transactie {origineel}")
        expect(tabel).to_contain_text(f"transactie {correctie}")
        expect(tabel).to_contain_text("Bedrag verkeerd ingetypt")

    result = live_server.app.test_cli_runner().invoke(args=["ledger", "check"])
    assert result.exit_code == 0, result.output
    assert "Grootboek in orde" in result.output
