"""The pot's reports: per pot, per board, per approach per year, and the journal with filters; the
pages, the CSV and the XLSX all show the same exact cents, and only those who may see the pot see them."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from html import escape
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from ledger import Ledger, to_decimal
from wijkportaal.besluiten.models import BesluitKeuze, VoorstelStatus
from wijkportaal.core import clock
from wijkportaal.core.exports import GELD, Kolom, csv_waarde, xlsx_bytes
from wijkportaal.core.roles import Rol
from wijkportaal.pot import queries as pot_queries
from wijkportaal.pot import rules as pot_rules
from wijkportaal.pot import services
from wijkportaal.pot.models import BronSoort, Goedkeuringsregel, PeriodeSoort, Pot

NU = datetime(2025, 9, 15, 10, 0)  # allocations are approved in school year 2025-2026
DEADLINE = datetime(2025, 10, 15, 17, 0)


def _bijdrage(db, user, pot, bron, cents, datum, sleutel, bestuur=None, toezegging=False):
    return services.voeg_bijdrage_toe(
        db,
        user,
        pot,
        bron=bron,
        bestuur_id=bestuur.id if bestuur else None,
        partner_naam="",
        middelen="eigen middelen",
        bedrag_cents=cents,
        datum=datum,
        toezegging=toezegging,
        uiterlijk_op=date(2026, 1, 31) if toezegging else None,
        sleutel=sleutel,
        goedgekeurd_door_besturen=bron == BronSoort.VRIJVAL,  # in the portal: after the boards' approval
    )


def _toekenning(db, w, pot, aanpak, cents, sleutel, besluiten):
    t = services.stel_toekenning_voor(
        db, w.swv, pot, aanpak, bedrag_cents=cents, toelichting="", vervalt_op=DEADLINE, sleutel=sleutel
    )
    for user, keuze in besluiten:
        services.neem_besluit(
            db, user, t, bestuur_id=user.bestuur_id, besluit=keuze, toelichting="Past niet in ons plan"
        )
    return t


def _besteding(db, user, aanpak, datum, omschrijving, cents, sleutel):
    services.boek_besteding(
        db,
        user,
        aanpak,
        datum=datum,
        omschrijving=omschrijving,
        factuurreferentie="F-1",
        bedrag_cents=cents,
        sleutel=sleutel,
    )


@pytest.fixture
def w(db, monkeypatch, make_wijk, make_bestuur, make_org, make_user):
    """A known pot: three boards (300, 200 and 100 pupils), contributions from boards, the SWV, the
    vrijval and the municipality, two pledges, two approaches with budgets for two school years, two
    approved allocations, one rejected and one open, and spending in both school years."""
    monkeypatch.setattr(clock, "now", lambda: NU)
    wijk, elders = make_wijk(naam="Osdorp"), make_wijk(naam="Slotervaart")
    b1, b2, b3, ander = (make_bestuur(f"Stichting {n}") for n in ("Een", "Twee", "Drie", "Ander"))
    for bestuur, lln in ((b1, 300), (b2, 200), (b3, 100)):
        make_org(wijk, bestuur=bestuur, leerlingen=lln)
    make_org(elders, bestuur=b1, leerlingen=999)  # pupils outside the pot's wijk do not count
    n = SimpleNamespace(
        swv=make_user(Rol.SWV),
        best1=make_user(Rol.BESTUURDER, bestuur=b1),
        best2=make_user(Rol.BESTUURDER, bestuur=b2),
        best3=make_user(Rol.BESTUURDER, bestuur=b3),
        ander=make_user(Rol.BESTUURDER, bestuur=ander),
        b1=b1,
        b2=b2,
        b3=b3,
        ander_bestuur=ander,
    )
    pot = services.open_pot(
        db,
        n.swv,
        naam="GKBU Osdorp 2025-2026",
        periode_soort=PeriodeSoort.SCHOOLJAAR,
        jaar=2025,
        wijk_ids=[wijk.id],
        bestuur_ids=[b1.id, b2.id, b3.id],
        regel=Goedkeuringsregel.ALLE,
    )
    _bijdrage(db, n.best1, pot, BronSoort.BESTUUR, 3_000_000, date(2025, 9, 1), "b1", b1)
    _bijdrage(db, n.best2, pot, BronSoort.BESTUUR, 1_000_001, date(2025, 9, 2), "b2", b2)
    _bijdrage(db, n.best3, pot, BronSoort.BESTUUR, 500_000, date(2025, 9, 3), "b3", b3)
    _bijdrage(db, n.swv, pot, BronSoort.SWV, 2_000_000, date(2025, 9, 4), "swv")
    _bijdrage(db, n.swv, pot, BronSoort.VRIJVAL, 123_456, date(2025, 9, 5), "vrijval")
    _bijdrage(db, n.swv, pot, BronSoort.GEMEENTE, 50_000, date(2025, 9, 5), "gemeente")
    _bijdrage(db, n.best2, pot, BronSoort.BESTUUR, 250_000, date(2025, 9, 6), "t2", b2, toezegging=True)
    _bijdrage(db, n.best3, pot, BronSoort.BESTUUR, 100_000, date(2025, 9, 6), "t3", b3, toezegging=True)

    start = services.maak_aanpak(
        db,
        n.swv,
        pot,
        naam="Startklas Osdorp",
        doel="",
        doelgroep="",
        niveau="wijk",
        school_ids=[],
        budgetten={2025: 2_500_000, 2026: 1_500_000},
    )
    taal = services.maak_aanpak(
        db,
        n.swv,
        pot,
        naam="Taalversterking",
        doel="",
        doelgroep="",
        niveau="wijk",
        school_ids=[],
        budgetten={2025: 1_000_000},
    )
    akkoord = [(u, BesluitKeuze.AKKOORD) for u in (n.best1, n.best2, n.best3)]
    t1 = _toekenning(db, n, pot, start, 3_000_000, "t-start", akkoord)
    t2 = _toekenning(db, n, pot, taal, 800_000, "t-taal", akkoord)
    t3 = _toekenning(db, n, pot, start, 100_000, "t-af", [(n.best1, BesluitKeuze.AFGEWEZEN)])
    _toekenning(db, n, pot, taal, 200_000, "t-open", [])
    assert (t1.status, t2.status, t3.status) == (VoorstelStatus.GOEDGEKEURD,) * 2 + (
        VoorstelStatus.AFGEWEZEN,
    )
    _besteding(db, n.swv, start, date(2025, 10, 1), "Leerkracht startklas", 1_234_567, "s1")
    _besteding(db, n.swv, start, date(2026, 3, 1), "Materialen startklas", 500_000, "s2")
    _besteding(db, n.swv, start, date(2026, 9, 1), "Leerkracht startklas najaar", 765_433, "s3")
    _besteding(db, n.swv, taal, date(2025, 11, 1), "Taalcoach", 300_000, "s4")

    # Board 1 also pays into another pot: its (shared) board account must not leak into this journal.
    andere = services.open_pot(
        db,
        n.swv,
        naam="Pot Slotervaart",
        periode_soort=PeriodeSoort.KALENDERJAAR,
        jaar=2025,
        wijk_ids=[elders.id],
        bestuur_ids=[b1.id],
        regel=Goedkeuringsregel.ALLE,
    )
    _bijdrage(db, n.best1, andere, BronSoort.BESTUUR, 777_700, date(2025, 10, 1), "elders", b1)
    db.commit()
    assert Ledger(db).check() == []
    n.pot, n.andere, n.start, n.taal = pot, andere, start, taal
    return n


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def _xlsx(response) -> list[tuple]:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    return [tuple(c.value for c in row) for row in sheet.iter_rows()], sheet


def _dec(value) -> Decimal | None:
    """A number read back from CSV ('1234,56') or XLSX (int or float) as exact euros."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        assert "." not in value, value  # Dutch decimals, no thousands separator
        return Decimal(value.replace(",", "."))
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _login(client, auth, user):
    auth.logout()
    auth.login(user)


POT_VERWACHT = {
    "Ingelegd": 6_673_457,
    "Toegezegd, nog niet betaald": 350_000,
    "Gereserveerd": 200_000,
    "Toegekend": 3_800_000,
    "Besteed": 2_800_000,
    "Beschikbaar": 2_673_457,
}


def test_report_per_pot(client, auth, w):
    _login(client, auth, w.best2)
    page = client.get(f"/potten/{w.pot.id}/rapport")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for text in ("66.734,57", "3.500,00", "2.000,00", "38.000,00", "28.000,00", "26.734,57", "<caption>"):
        assert text in html

    rows = _csv(client.get(f"/potten/{w.pot.id}/rapport.csv"))
    assert rows[0] == ["Post", "Bedrag", "Toelichting"]
    assert {r[0]: _dec(r[1]) for r in rows[1:]} == {k: to_decimal(v) for k, v in POT_VERWACHT.items()}
    assert rows[1][1] == "66734,57"

    cells, sheet = _xlsx(client.get(f"/potten/{w.pot.id}/rapport.xlsx"))
    assert {r[0]: _dec(r[1]) for r in cells[1:]} == {k: to_decimal(v) for k, v in POT_VERWACHT.items()}
    assert sheet["B2"].number_format == GELD and isinstance(sheet["B2"].value, float | int)


BESTUREN_VERWACHT = [
    # naam, ingelegd, toegezegd, aandeel pot %, aandeel besturen %, lln, eerlijk %, eerlijk, verschil
    ("Stichting Drie", 500_000, 100_000, "7.49", "11.11", 100, "16.67", 750_000, -250_000),
    ("Stichting Een", 3_000_000, 0, "44.95", "66.67", 300, "50.00", 2_250_001, 749_999),
    ("Stichting Twee", 1_000_001, 250_000, "14.98", "22.22", 200, "33.33", 1_500_000, -499_999),
    ("Totaal besturen", 4_500_001, 350_000, "67.43", "100.00", 600, "100.00", 4_500_001, 0),
]


def _bestuur_rij(r):
    geld = [to_decimal(c) for c in (r[1], r[2])]
    return (
        r[0],
        *geld,
        Decimal(r[3]),
        Decimal(r[4]),
        r[5],
        Decimal(r[6]),
        to_decimal(r[7]),
        to_decimal(r[8]),
    )


def test_report_per_board_against_fair_share(client, auth, w):
    _login(client, auth, w.best1)
    html = client.get(f"/potten/{w.pot.id}/rapport/besturen").get_data(as_text=True)
    for text in ("22.500,01", "7.499,99", "-4.999,99", "44,95 %", "50,00 %", "<tfoot>", 'scope="row"'):
        assert text in html

    verwacht = [_bestuur_rij(r) for r in BESTUREN_VERWACHT]
    rows = _csv(client.get(f"/potten/{w.pot.id}/rapport/besturen.csv"))
    assert rows[0][0] == "Bestuur" and len(rows[0]) == 9
    got = [(r[0], *(_dec(x) for x in r[1:5]), int(r[5]), *(_dec(x) for x in r[6:])) for r in rows[1:]]
    assert got == verwacht

    cells, _ = _xlsx(client.get(f"/potten/{w.pot.id}/rapport/besturen.xlsx"))
    got = [(r[0], *(_dec(x) for x in r[1:5]), r[5], *(_dec(x) for x in r[6:])) for r in cells[1:]]
    assert got == verwacht
    # The fair shares add up to what the boards paid in, so the differences cancel out.
    assert sum(r[7] for r in BESTUREN_VERWACHT[:3]) == 4_500_001
    assert sum(r[8] for r in BESTUREN_VERWACHT[:3]) == 0


AANPAKKEN_VERWACHT = [
    ("Startklas Osdorp", "2025-2026", 2_500_000, 3_000_000, 1_734_567, 765_433),
    ("Startklas Osdorp", "2026-2027", 1_500_000, 0, 765_433, 734_567),
    ("Startklas Osdorp", "Totaal", 4_000_000, 3_000_000, 2_500_000, 1_500_000),
    ("Taalversterking", "2025-2026", 1_000_000, 800_000, 300_000, 700_000),
    ("Taalversterking", "Totaal", 1_000_000, 800_000, 300_000, 700_000),
    ("Alle aanpakken", "Totaal", 5_000_000, 3_800_000, 2_800_000, 2_200_000),
]


def test_report_per_approach_per_school_year(client, auth, w):
    _login(client, auth, w.best3)
    html = client.get(f"/potten/{w.pot.id}/rapport/aanpakken").get_data(as_text=True)
    for text in ("2025-2026", "2026-2027", "17.345,67", "7.654,33", "<caption>"):
        assert text in html
    verwacht = [(a, j, *(to_decimal(c) for c in cs)) for a, j, *cs in AANPAKKEN_VERWACHT]

    rows = _csv(client.get(f"/potten/{w.pot.id}/rapport/aanpakken.csv"))
    assert rows[0] == ["Aanpak", "Jaar", "Budget", "Toegekend", "Besteed", "Budget min besteed"]
    assert [(r[0], r[1], *(_dec(x) for x in r[2:])) for r in rows[1:]] == verwacht

    cells, _ = _xlsx(client.get(f"/potten/{w.pot.id}/rapport/aanpakken.xlsx"))
    assert [(r[0], r[1], *(_dec(x) for x in r[2:])) for r in cells[1:]] == verwacht


def test_calendar_year_pot_counts_spending_by_calendar_year(db, w):
    # The same money, read as if the pot ran per calendar year.
    pot = Pot(**{**w.pot.model_dump(), "periode_soort": PeriodeSoort.KALENDERJAAR})
    rapporten, totaal = pot_queries.aanpakken_rapport(db, pot)
    start = rapporten[0]
    assert [(j.label, j.budget, j.toegekend, j.besteed) for j in start.jaren] == [
        ("2025", 2_500_000, 3_000_000, 1_234_567),
        ("2026", 1_500_000, 0, 1_265_433),
    ]
    assert totaal.besteed == 2_800_000


def _journaal(client, pot_id, **args):
    return _csv(client.get(f"/potten/{pot_id}/journaal.csv", query_string=args))


def _tx_ids(rows) -> list[int]:
    ids = []
    for r in rows[1:]:
        if not ids or ids[-1] != int(r[0]):
            ids.append(int(r[0]))
    return ids


def test_journal_lists_the_pot_and_its_approaches_with_postings_and_hashes(client, auth, w, db):
    book = Ledger(db)
    eigen = {w.pot.account_code, w.start.account_code, w.taal.account_code}
    verwacht = [tx.id for tx in book.transactions(limit=1000) if any(p.account in eigen for p in tx.postings)]
    assert len(verwacht) == 12  # 6 contributions, 2 allocations, 4 spendings; not the other pot's
    _login(client, auth, w.best1)
    page = client.get(f"/potten/{w.pot.id}/journaal")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    laatste = book.transaction(verwacht[0])
    assert laatste.hash in html and escape(laatste.entered_by) in html
    assert "12 transacties" in html and "7.777,00" not in html
    assert "Bijdragen Stichting Een" in html and "Uitgaven aan aanpakken" in html

    rows = _csv(client.get(f"/potten/{w.pot.id}/journaal.csv"))
    assert rows[0][:6] == ["Transactie", "Datum", "Omschrijving", "Rekening", "Rekeningnaam", "Bedrag"]
    assert _tx_ids(rows) == verwacht
    per_tx: dict[int, Decimal] = {}
    for r in rows[1:]:
        tx = book.transaction(int(r[0]))
        assert r[10] == tx.hash and r[9] == tx.prev_hash and r[7] == tx.entered_by
        per_tx[int(r[0])] = per_tx.get(int(r[0]), Decimal(0)) + _dec(r[5])
    assert set(per_tx.values()) == {Decimal(0)}  # every transaction balances
    pot_mutaties = sum(_dec(r[5]) for r in rows[1:] if r[3] == w.pot.account_code)
    assert pot_mutaties == to_decimal(book.balance(w.pot.account_code).posted)

    cells, sheet = _xlsx(client.get(f"/potten/{w.pot.id}/journaal.xlsx"))
    assert len(cells) == len(rows)
    for c, r in zip(cells[1:], rows[1:], strict=True):
        assert (c[0], c[3], _dec(c[5]), c[10]) == (int(r[0]), r[3], _dec(r[5]), r[10])
        assert c[1].date().isoformat() == r[1]
    assert sheet["F2"].number_format == GELD


def test_journal_filters(client, auth, w, db):
    _login(client, auth, w.swv)
    pid = w.pot.id
    # Period: the two spendings of October and November 2025.
    rows = _journaal(client, pid, van="2025-10-01", tot="2025-12-31")
    assert [r[2] for r in rows[1:] if r[3].startswith("aanpak:")] == [
        "Taalversterking: Taalcoach",
        "Startklas Osdorp: Leerkracht startklas",
    ]
    # A board's account: only its contribution to this pot, not to the other pot.
    rows = _journaal(client, pid, rekening=f"bestuur:{w.b1.id}")
    assert len(_tx_ids(rows)) == 1
    assert {_dec(r[5]) for r in rows[1:]} == {Decimal("30000.00"), Decimal("-30000.00")}
    # An approach: its allocation and its three spendings.
    assert len(_tx_ids(_journaal(client, pid, rekening=w.start.account_code))) == 4
    # The pot itself: six contributions and two allocations.
    assert len(_tx_ids(_journaal(client, pid, rekening=w.pot.account_code))) == 8
    # Text, case-insensitive.
    rows = _journaal(client, pid, zoek="STARTKLAS")
    assert len(_tx_ids(rows)) == 4 and all("startklas" in r[2].lower() for r in rows[1:])
    # Combined, and the page agrees with the download.
    args = {"zoek": "startklas", "van": "2026-01-01", "rekening": w.start.account_code}
    assert len(_tx_ids(_journaal(client, pid, **args))) == 2
    html = client.get(f"/potten/{pid}/journaal", query_string=args).get_data(as_text=True)
    assert "2 transacties binnen dit filter" in html
    assert "journaal.csv?" in html and "zoek=startklas" in html  # the downloads keep the filter


def test_journal_pages_of_fifty_and_exports_everything(client, auth, w, db, app):
    for i in range(53):
        _bijdrage(db, w.swv, w.andere, BronSoort.SWV, 100 + i, date(2025, 10, 2), f"veel-{i}")
    db.commit()
    _login(client, auth, w.best1)
    pid = w.andere.id
    eerste = client.get(f"/potten/{pid}/journaal").get_data(as_text=True)
    assert "54 transacties" in eerste and "pagina 1 van 2" in eerste
    assert eerste.count('<th scope="row">') == 50
    tweede = client.get(f"/potten/{pid}/journaal?pagina=2").get_data(as_text=True)
    assert tweede.count('<th scope="row">') == 4 and "pagina 2 van 2" in tweede
    voorbij = client.get(f"/potten/{pid}/journaal?pagina=9")  # past the end: the last page
    assert voorbij.status_code == 200 and "pagina 2 van 2" in voorbij.get_data(as_text=True)
    db.close()
    pool = app.extensions["db_engine"].pool
    assert pool.checkedout() == 0
    rows = _csv(client.get(f"/potten/{pid}/journaal.csv?pagina=2"))  # a download is never paged
    assert len(_tx_ids(rows)) == 54 and len(rows) == 1 + 54 * 2
    assert pool.checkedout() == 0  # the stream closed the session it read with
    cells, _ = _xlsx(client.get(f"/potten/{pid}/journaal.xlsx"))
    assert len(cells) == 1 + 54 * 2


def test_a_link_to_a_transaction_opens_the_journal_page_that_holds_it(client, auth, w, db):
    oudste = _bijdrage(db, w.swv, w.andere, BronSoort.SWV, 99, date(2025, 10, 1), "de eerste")
    for i in range(53):
        _bijdrage(db, w.swv, w.andere, BronSoort.SWV, 100 + i, date(2025, 10, 2), f"veel-{i}")
    db.commit()
    _login(client, auth, w.best1)
    pid, tx = w.andere.id, oudste.transaction_id
    assert f'id="tx-{tx}"' not in client.get(f"/potten/{pid}/journaal").get_data(as_text=True)
    html = client.get(f"/potten/{pid}/journaal?transactie={tx}").get_data(as_text=True)
    assert "pagina 2 van 2" in html
    assert f'<tr id="tx-{tx}" class="gekozen" aria-current="true">' in html
    assert html.count('aria-current="true">') == 1
    # Filtered out (or another pot's): the first page, and a word why the row is missing.
    elders = client.get(f"/potten/{pid}/journaal?transactie={tx}&van=2025-10-02")
    tekst = elders.get_data(as_text=True)
    assert elders.status_code == 200 and "pagina 1 van 2" in tekst
    assert f"Transactie {tx} staat niet in dit journaal binnen dit filter." in tekst
    for fout in ("abc", "-1", "1" * 30):
        response = client.get(f"/potten/{pid}/journaal", query_string={"transactie": fout})
        assert response.status_code == 422
        assert "Transactie: geef het nummer van een transactie" in response.get_data(as_text=True)


ROUTES = [
    "/potten/{id}/rapport",
    "/potten/{id}/rapport.csv",
    "/potten/{id}/rapport.xlsx",
    "/potten/{id}/rapport/besturen",
    "/potten/{id}/rapport/besturen.csv",
    "/potten/{id}/rapport/besturen.xlsx",
    "/potten/{id}/rapport/aanpakken",
    "/potten/{id}/rapport/aanpakken.csv",
    "/potten/{id}/rapport/aanpakken.xlsx",
    "/potten/{id}/journaal",
    "/potten/{id}/journaal.csv",
    "/potten/{id}/journaal.xlsx",
]


def test_only_who_may_view_the_pot_sees_its_reports(client, auth, w):
    _login(client, auth, w.ander)  # a bestuurder of a board outside the pot
    for route in ROUTES:
        assert client.get(route.format(id=w.pot.id)).status_code == 403, route
    auth.logout()
    for route in ROUTES:
        response = client.get(route.format(id=w.pot.id))
        assert response.status_code == 302 and "/inloggen" in response.headers["Location"], route
    _login(client, auth, w.best1)
    assert client.get("/potten/99999/rapport").status_code == 404
    # Board 2 does not take part in the other pot (and it lies in another wijk).
    _login(client, auth, w.best2)
    assert client.get(f"/potten/{w.andere.id}/journaal.csv").status_code == 403


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"van": "2025-13-01"}, "geen geldige datum"),
        ({"tot": "gisteren"}, "geen geldige datum"),
        ({"van": "2026-01-01", "tot": "2025-12-31"}, "vóór de begindatum"),
        ({"rekening": "pot:999999"}, "kies een rekening uit de lijst"),
        ({"rekening": "ANDER"}, "kies een rekening uit de lijst"),
        ({"rekening": "uitgaven"}, "kies een rekening uit de lijst"),
        ({"zoek": "x" * 201}, "hoogstens 200 tekens"),
        ({"pagina": "twee"}, "paginanummer"),
        ({"pagina": "0"}, "paginanummer"),
        ({"pagina": "-1"}, "paginanummer"),
    ],
)
def test_bad_journal_filters_are_422_with_a_dutch_message(client, auth, w, args, message):
    if args.get("rekening") == "ANDER":
        args = {"rekening": f"bestuur:{w.ander_bestuur.id}"}  # a board that does not take part
    _login(client, auth, w.best1)
    response = client.get(f"/potten/{w.pot.id}/journaal", query_string=args)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html and 'role="alert"' in html
    if "pagina" in args:
        return  # a download is never paged, so it ignores the page number
    assert 'aria-invalid="true"' in html
    download = client.get(f"/potten/{w.pot.id}/journaal.xlsx", query_string=args)
    assert download.status_code == 422 and message in download.get_data(as_text=True)


def test_text_that_looks_like_a_formula_stays_text():
    """A description starting with = (or + - @) is never run as a formula by a spreadsheet."""
    kolommen = [Kolom("Omschrijving"), Kolom("Bedrag", "geld")]
    rijen = [['=HYPERLINK("http://x","klik")', Decimal("-12.30")], ["@SUM(A1)", Decimal("0.05")]]
    assert [csv_waarde(v) for v in rijen[0]] == ['\'=HYPERLINK("http://x","klik")', "-12,30"]
    assert csv_waarde("@SUM(A1)") == "'@SUM(A1)" and csv_waarde("Gewoon") == "Gewoon"
    sheet = load_workbook(io.BytesIO(xlsx_bytes(kolommen, rijen, "Test"))).active
    assert sheet["A2"].value == '=HYPERLINK("http://x","klik")' and sheet["A2"].data_type == "s"
    assert _dec(sheet["B2"].value) == Decimal("-12.30") and sheet["B2"].number_format == GELD


def test_pot_page_links_to_the_reports(client, auth, w):
    _login(client, auth, w.best1)
    html = client.get(f"/potten/{w.pot.id}").get_data(as_text=True)
    for route in ("rapport", "rapport/besturen", "rapport/aanpakken", "journaal"):
        assert f'href="/potten/{w.pot.id}/{route}"' in html


@given(st.integers(0, 10**12), st.lists(st.integers(0, 10**6), min_size=1, max_size=12))
def test_fair_shares_add_up_exactly(totaal, gewichten):
    delen = pot_rules.verdeel(totaal, gewichten)
    som = sum(gewichten)
    if not som:
        assert delen == [0] * len(gewichten)
        return
    assert sum(delen) == totaal
    for deel, g in zip(delen, gewichten, strict=True):
        assert abs(Decimal(deel) - Decimal(totaal * g) / som) < 1


def test_percentages_are_exact_decimals():
    assert pot_rules.procent(1, 3) == Decimal("33.33")
    assert pot_rules.procent(2, 3) == Decimal("66.67")
    assert pot_rules.procent(1, 8) == Decimal("12.50")
    assert pot_rules.procent(1, 0) is None


def test_pot_model_untouched_by_reports(db, w):
    """Reading the reports changes nothing in the ledger."""
    before = Ledger(db).balances()
    pot_queries.pot_rapport(db, w.pot)
    pot_queries.besturen_rapport(db, w.pot)
    pot_queries.aanpakken_rapport(db, w.pot)
    list(pot_queries.transacties(db, w.pot, pot_rules.JournaalFilter()))
    assert Ledger(db).balances() == before
    assert db.get(Pot, w.pot.id).naam == "GKBU Osdorp 2025-2026"
